import AESReportModel
import RealModule

/// The distribution-free interval of a median from order statistics (as `scipy.stats.quantile_test(x, p=0.5)
/// .confidence_interval()` and benchstat compute it): [x(k), x(n+1-k)] for the largest k with
/// P(Binomial(n, 1/2) ≤ k - 1) ≤ (1 - confidence) / 2. Its coverage is at least `confidence` whatever the
/// distribution; with too few rounds (fewer than 6 for 95%) no such k exists and there is no interval.
public enum MedianInterval {
    public static func orderStatistics(_ sorted: [Double], confidence: Double) -> IntervalEstimate {
        let n = sorted.count
        let tail = (1 - confidence) / 2
        guard let k = lowerRank(n: n, tail: tail) else {
            return IntervalEstimate(interval: nil, note: "\(n) rounds: too few for a distribution-free "
                + "\(PercentText.level(confidence)) interval of the median (at least \(minimumRounds(tail: tail)) "
                + "are needed)")
        }
        return IntervalEstimate(interval: ClosedInterval(low: sorted[k - 1], high: sorted[n - k]), note: nil)
    }

    /// The 1-based rank k of the lower bound, nil when even [x(1), x(n)] covers less than asked.
    static func lowerRank(n: Int, tail: Double) -> Int? {
        guard n >= 1 else { return nil }
        var cumulative = 0.0
        var k = 0
        // P(B ≤ j), j = 0, 1, ...: k is the number of j with P(B ≤ j) ≤ tail.
        for j in 0..<((n + 1) / 2) {
            cumulative += binomialHalf(n: n, j)
            guard cumulative <= tail * (1 + 1e-12) else { break }
            k = j + 1
        }
        return k >= 1 ? k : nil
    }

    /// P(B = j) for B ~ Binomial(n, 1/2), in log space so that large n do not overflow.
    static func binomialHalf(n: Int, _ j: Int) -> Double {
        let logChoose = Double.logGamma(Double(n + 1)) - Double.logGamma(Double(j + 1))
            - Double.logGamma(Double(n - j + 1))
        return Double.exp(logChoose - Double(n) * Double.log(2))
    }

    static func minimumRounds(tail: Double) -> Int {
        var n = 1
        while lowerRank(n: n, tail: tail) == nil, n < 1000 { n += 1 }
        return n
    }
}
