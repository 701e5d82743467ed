extension Sequence where Element: Hashable {
    /// The elements in order of first appearance, each once. Linear time: fleets have thousands of hosts.
    public func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}

extension Sequence {
    /// The elements grouped by `key`, each group in input order (a dictionary; pair with `uniqued()` for key order).
    public func grouped<Key: Hashable>(by key: (Element) -> Key) -> [Key: [Element]] {
        Dictionary(grouping: self, by: key)
    }
}
