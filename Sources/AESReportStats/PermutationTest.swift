/// A two-sided permutation test of total-bytes/total-seconds, with against without: the rounds (bytes, seconds)
/// of both sides are exchangeable under the null hypothesis, so the observed ratio of totals is ranked among the
/// ratios of every split of the pooled rounds into sides of the same sizes (exact when there are at most
/// `exactLimit` splits; else `resamples` seeded random splits, p = (count + 1) / (resamples + 1)). Two-sided p =
/// min(1, 2 min(P(T ≤ t), P(T ≥ t))), with a relative tolerance of 100 ulp, as
/// `scipy.stats.permutation_test(..., permutation_type="independent", alternative="two-sided")` computes it.
public enum PermutationTest {
    public static let exactLimit = 200_000
    public static let resamples = 9999

    public static func ratioOfTotals(_ a: [SeriesStatistics.RoundTransfer], _ b: [SeriesStatistics.RoundTransfer])
        -> TestResult {
        let bytes = (a + b).map { Double($0.bytes) }
        let seconds = (a + b).map(\.seconds)
        let n1 = a.count
        let n = bytes.count
        let allBytes = Descriptive.sum(bytes)
        let allSeconds = Descriptive.sum(seconds)
        func statistic(_ bytesA: Double, _ secondsA: Double) -> Double {
            (bytesA / secondsA) / ((allBytes - bytesA) / (allSeconds - secondsA))
        }
        let observed = (Descriptive.sum(Array(bytes[..<n1])) / Descriptive.sum(Array(seconds[..<n1])))
            / (Descriptive.sum(Array(bytes[n1...])) / Descriptive.sum(Array(seconds[n1...])))
        let gamma = abs(observed) * 100 * Double.ulpOfOne
        var lessOrEqual = 0
        var greaterOrEqual = 0
        func count(_ value: Double) {
            if value <= observed + gamma { lessOrEqual += 1 }
            if value >= observed - gamma { greaterOrEqual += 1 }
        }
        let splits = combinations(n, n1)
        if n <= 62, let splits, splits <= Double(exactLimit) {
            // Every subset of n1 of the n rounds, by Gosper's hack over bit masks.
            var mask: UInt64 = (1 << UInt64(n1)) - 1
            let end: UInt64 = 1 << UInt64(n)
            while mask < end {
                var sb = 0.0
                var ss = 0.0
                var bits = mask
                while bits != 0 {
                    let i = bits.trailingZeroBitCount
                    sb += bytes[i]
                    ss += seconds[i]
                    bits &= bits - 1
                }
                count(statistic(sb, ss))
                let c = mask & (~mask &+ 1)
                let r = mask &+ c
                mask = (((r ^ mask) >> 2) / c) | r
            }
            let total = Double(splits)
            let p = min(1, 2 * min(Double(lessOrEqual), Double(greaterOrEqual)) / total)
            return TestResult(statistic: observed, pValue: p, degreesOfFreedom: nil,
                              note: "permutation test of the ratio of totals, exact (\(Int(total)) splits), two-sided")
        }
        var random = SplitMix64(seed: Method.bootstrapSeed)
        var order = Array(0..<n)
        for _ in 0..<resamples {
            for i in stride(from: n - 1, to: 0, by: -1) {
                order.swapAt(i, random.index(below: i + 1))
            }
            var sb = 0.0
            var ss = 0.0
            for i in order[..<n1] {
                sb += bytes[i]
                ss += seconds[i]
            }
            count(statistic(sb, ss))
        }
        let total = Double(resamples + 1)
        let p = min(1, 2 * min(Double(lessOrEqual + 1), Double(greaterOrEqual + 1)) / total)
        return TestResult(statistic: observed, pValue: p, degreesOfFreedom: nil,
                          note: "permutation test of the ratio of totals, \(resamples) seeded random splits, two-sided")
    }

    /// C(n, k) as a Double, nil past 1e15.
    static func combinations(_ n: Int, _ k: Int) -> Double? {
        var result = 1.0
        for i in 0..<min(k, n - k) {
            result = result * Double(n - i) / Double(i + 1)
            if result > 1e15 { return nil }
        }
        return result.rounded()
    }
}
