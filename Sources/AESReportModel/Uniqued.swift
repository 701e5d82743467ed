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

extension Collection {
    /// `flatMap(part)` into an array of exactly the elements' count: a fleet's per-host results are tens of
    /// thousands of values, and `flatMap`'s doubling growth would hold up to as much again in unused capacity.
    public func concatenated<Part>(_ part: (Element) -> [Part]) -> [Part] {
        var result: [Part] = []
        result.reserveCapacity(reduce(0) { $0 + part($1).count })
        for element in self { result.append(contentsOf: part(element)) }
        return result
    }
}
