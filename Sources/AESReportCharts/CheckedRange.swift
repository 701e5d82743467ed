extension ClosedRange where Bound == Double {
    /// `low...high` when both ends are finite and in order, else nil: `ClosedRange` traps on NaN or a reversed pair,
    /// and an interval from damaged figures (a sum that overflowed, a deviation of infinity) is either.
    static func checked(_ low: Double, _ high: Double) -> ClosedRange<Double>? {
        guard low.isFinite, high.isFinite, low <= high else { return nil }
        return low...high
    }

    /// The range between two layout positions in either order (a plot squeezed below nothing has its edges
    /// crossed); a position that is not a number counts as the other end.
    static func spanning(_ a: Double, _ b: Double) -> ClosedRange<Double> {
        let a = a.isNaN ? (b.isNaN ? 0 : b) : a
        let b = b.isNaN ? a : b
        return Swift.min(a, b)...Swift.max(a, b)
    }
}
