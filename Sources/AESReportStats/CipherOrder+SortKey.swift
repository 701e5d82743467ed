extension CipherOrder {
    /// A cipher's place in `CipherOrder`, computed once (`CipherOrder.key` lowercases and splits the name): sorting
    /// by it compares what `areInIncreasingOrder` compares, without string work inside the comparator.
    struct SortKey: Comparable {
        var algorithm: String
        var mode: Int
        var name: String

        init(_ cipher: String) {
            let key = Self.asciiKey(cipher.lowercased()) ?? CipherOrder.key(cipher)
            algorithm = key.algorithm
            mode = key.mode
            name = cipher
        }

        /// `CipherOrder.key` of an ASCII name (already lowercased) read on its bytes, without splitting it into an
        /// array of strings: the same parts (between hyphens, empty ones skipped), the same answer. Nil for any
        /// other name (a hyphen followed by a combining mark is no separator to `split`) and for one with no part.
        static func asciiKey(_ lower: String) -> (algorithm: String, mode: Int)? {
            let utf8 = lower.utf8
            guard utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
            var algorithm: String?
            var start = utf8.startIndex
            while start < utf8.endIndex {
                let end = utf8[start...].firstIndex(of: UInt8(ascii: "-")) ?? utf8.endIndex
                if start < end {
                    let part = utf8[start..<end]
                    if let algorithm {
                        if let mode = CipherOrder.seedModes.firstIndex(where: { $0.utf8.elementsEqual(part) }) {
                            return (algorithm, mode)
                        }
                    } else {
                        algorithm = String(lower[start..<end])
                    }
                }
                start = end < utf8.endIndex ? utf8.index(after: end) : end
            }
            return algorithm.map { ($0, CipherOrder.seedModes.count) }
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
    /// The elements sorted by `areInIncreasingOrder` of a key computed once per element: the same comparisons as
    /// sorting with the key computed inside the comparator, so the same order. The sort moves the elements'
    /// indices, not the elements (a series is a dozen references to retain at each move).
    func sorted<Key>(byKey key: (Element) -> Key, _ areInIncreasingOrder: (Key, Key) -> Bool) -> [Element] {
        let keys = map(key)
        return keys.indices.sorted { areInIncreasingOrder(keys[$0], keys[$1]) }.map { self[$0] }
    }
}
