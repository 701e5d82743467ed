import Synchronization

/// Student's t quantiles already computed, per (probability, degrees of freedom), shared by every thread.
///
/// The analysis runs on all cores, so the table sits behind a `Mutex`; the lock is held only for the look-up or
/// the insertion, never while a quantile is computed (two threads may then compute the same value once each, and
/// both get the same bits). Keys are the exact bit patterns of both arguments: Welch's fractional degrees of
/// freedom rarely repeat and simply miss; the integer ones of every series summary hit. The table is bounded: past
/// `capacity` entries new values are computed and returned but not kept, so a long run cannot grow it without end.
final class StudentTQuantileCache: Sendable {
    /// The cache every call of `SpecialFunctions.studentTQuantile` shares.
    static let shared = StudentTQuantileCache()

    /// At most this many entries are kept (a few hundred kilobytes).
    let capacity: Int

    private struct Key: Hashable {
        var probability: UInt64
        var degreesOfFreedom: UInt64
    }

    private let table = Mutex<[Key: Double]>([:])

    init(capacity: Int = 8192) {
        self.capacity = capacity
    }

    /// The value kept for (`p`, `degreesOfFreedom`), or `compute()`'s, which is then kept while there is room.
    func value(p: Double, degreesOfFreedom: Double, compute: () -> Double) -> Double {
        let key = Key(probability: p.bitPattern, degreesOfFreedom: degreesOfFreedom.bitPattern)
        if let known = table.withLock({ $0[key] }) { return known }
        let computed = compute()
        table.withLock { entries in
            if entries.count < capacity { entries[key] = computed }
        }
        return computed
    }

    /// How many values are kept now.
    var count: Int { table.withLock { $0.count } }
}
