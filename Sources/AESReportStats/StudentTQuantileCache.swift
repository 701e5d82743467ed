import Synchronization

/// Student's t quantiles already computed for whole degrees of freedom, shared by every thread.
///
/// The 95% quantile (p = 0.975) for 1 to `tableSize` degrees of freedom, which every series summary of a report
/// with the default confidence asks for, is a table computed once on first use and read without a lock. Other
/// whole degrees of freedom and other probabilities sit in a dictionary behind a `Mutex`, held only for the
/// look-up or the insertion, never while a quantile is computed. Fractional degrees of freedom (Welch's, in the
/// Fieller interval) are computed every time: they rarely repeat, and keeping them would only fill the table.
/// Whatever path answers, the value is the one the computation gives, to the bit.
final class StudentTQuantileCache: Sendable {
    /// The cache every call of `SpecialFunctions.studentTQuantile` shares.
    static let shared = StudentTQuantileCache()

    /// Degrees of freedom 1...tableSize at p = 0.975 are in the lock-free table (a series of up to 65 rounds).
    static let tableSize = 64

    /// At most this many other values are kept; past it they are computed and returned, not kept.
    let capacity: Int

    private struct Key: Hashable {
        var probability: UInt64
        var degreesOfFreedom: UInt64
    }

    private let table = Mutex<[Key: Double]>([:])

    /// `quantile975[df - 1]`: the 95% two-sided quantile for `df` degrees of freedom.
    private static let quantile975: [Double] = (1...tableSize).map {
        SpecialFunctions.computeStudentTQuantile(0.975, degreesOfFreedom: Double($0))
    }

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// `compute(p, degreesOfFreedom)`, from the table or the dictionary when it is there.
    func value(p: Double, degreesOfFreedom: Double, compute: (Double, Double) -> Double) -> Double {
        guard degreesOfFreedom.rounded() == degreesOfFreedom, degreesOfFreedom < 1e9 else {
            return compute(p, degreesOfFreedom)
        }
        if p == 0.975, degreesOfFreedom >= 1, degreesOfFreedom <= Double(Self.tableSize) {
            return Self.quantile975[Int(degreesOfFreedom) - 1]
        }
        let key = Key(probability: p.bitPattern, degreesOfFreedom: degreesOfFreedom.bitPattern)
        if let known = table.withLock({ $0[key] }) { return known }
        let computed = compute(p, degreesOfFreedom)
        table.withLock { entries in
            if entries.count < capacity { entries[key] = computed }
        }
        return computed
    }

    /// How many values the dictionary holds now (the table aside).
    var count: Int { table.withLock { $0.count } }
}
