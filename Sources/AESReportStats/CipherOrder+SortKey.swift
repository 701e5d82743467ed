extension CipherOrder {
    /// A cipher's place in `CipherOrder`, computed once (`CipherOrder.key` lowercases and splits the name): sorting
    /// by it compares what `areInIncreasingOrder` compares, without string work inside the comparator.
    struct SortKey: Comparable {
        var algorithm: String
        var mode: Int
        var name: String

        init(_ cipher: String) {
            let key = CipherOrder.key(cipher)
            algorithm = key.algorithm
            mode = key.mode
            name = cipher
        }

        /// The order of `areInIncreasingOrder`: algorithm, then mode, then the full name.
        static func < (a: SortKey, b: SortKey) -> Bool {
            if a.algorithm != b.algorithm { return a.algorithm < b.algorithm }
            if a.mode != b.mode { return a.mode < b.mode }
            return a.name < b.name
        }
    }
}

extension Array {
    /// The elements sorted by `areInIncreasingOrder` of a key computed once per element (decorate, sort,
    /// undecorate): the same comparisons as sorting with the key computed inside the comparator, so the same order.
    func sorted<Key>(byKey key: (Element) -> Key, _ areInIncreasingOrder: (Key, Key) -> Bool) -> [Element] {
        map { (key: key($0), element: $0) }
            .sorted { areInIncreasingOrder($0.key, $1.key) }
            .map(\.element)
    }
}
