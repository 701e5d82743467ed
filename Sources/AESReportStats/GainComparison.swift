import AESReportModel
import RealModule

/// Whether AES-NI buys as much on one host as on another: the ratio of two gains, `gain(B) / gain(A)`, each gain
/// being with over without AES-NI, with its interval and a test of "the two gains are equal" (ratio 1).
///
/// The interval and the test are one construction, so they cannot disagree (at `alpha = 1 - confidence`):
///
/// | centre | interval of gain(B) / gain(A) | test |
/// | --- | --- | --- |
/// | `mean` | delta method on the log scale: log R = log m(Bw) - log m(Bo) - log m(Aw) + log m(Ao), its variance the sum of s²/(n m²) of the four samples, t quantile at Welch-Satterthwaite degrees of freedom | t = log R / SE at the same degrees of freedom |
/// | `median`, `total` | seeded percentile bootstrap: the four samples resampled independently, the gain ratio of each resample | the same resamples: p = 2 min(#{R* <= 1}, #{R* >= 1}) / B |
///
/// The percentile interval takes the k-th smallest and k-th largest resample, k = ceil(B (1 - confidence) / 2), so
/// it excludes 1 exactly when p < 1 - confidence.
public struct GainComparison: Sendable, Codable, Equatable {
    /// How the comparison of two gains was computed.
    public enum Kind: String, Sendable, Codable {
        /// Delta method on the log scale with a t reference distribution (the mean).
        case logRatioT = "log-ratio-t"
        /// Percentile bootstrap of the ratio of gains, with its p-value from the same resamples.
        case bootstrap
    }

    /// gain(B) / gain(A): above 1, AES-NI buys more on B.
    public var ratio: Double
    public var interval: ClosedInterval?
    public var kind: Kind
    public var test: TestResult
    /// p < alpha; nil when untested (fewer than 2 rounds in one of the four samples, or no variation at all).
    public var significant: Bool?

    /// `(ratio - 1) * 100`: how much larger B's gain factor is than A's.
    public var percent: Double { (ratio - 1) * 100 }

    /// The samples behind one gain: series of rounds with their bytes and seconds (dm-crypt dd and fio), or plain
    /// throughputs (openssl, cryptsetup, tcrypt).
    public enum Samples: Sendable {
        case series(with: [SeriesStatistics], without: [SeriesStatistics])
        case values(with: [Double], without: [Double])
    }

    /// Compares gain `b` with gain `a` by `method`: `ratio` is `bRatio / aRatio`, the two gains exactly as reported
    /// for each host.
    public init(a: Samples, aRatio: Double, b: Samples, bRatio: Double, method: Method) {
        ratio = bRatio / aRatio
        let groups = [a, b].flatMap(Self.groups)
        let effective = Self.isRounds(a) && Self.isRounds(b) ? method : method.forSamples
        if let fewest = groups.map(\.count).min(), fewest < 2 {
            kind = effective.centre == .mean ? .logRatioT : .bootstrap
            interval = nil
            test = TestResult(statistic: .nan, pValue: nil, degreesOfFreedom: nil,
                              note: "no test: \(fewest) round\(fewest == 1 ? "" : "s") in one of the four samples "
                                  + "(at least 2 in each are needed)")
            significant = nil
            return
        }
        switch effective.centre {
        case .mean:
            kind = .logRatioT
            (interval, test) = Self.logRatioT(groups.map { $0.values }, ratio: ratio, confidence: method.confidence)
        case .median, .total:
            kind = .bootstrap
            (interval, test) = Self.bootstrap(groups, ratio: ratio, centre: effective.centre,
                                              confidence: method.confidence)
        }
        significant = method.significance(test)
    }

    /// One of the four samples: plain values, or rounds for the total.
    struct Group {
        var values: [Double]
        var rounds: [SeriesStatistics.RoundTransfer]
        var count: Int { rounds.isEmpty ? values.count : rounds.count }
    }

    static func isRounds(_ samples: Samples) -> Bool {
        if case .series = samples { return true }
        return false
    }

    /// with, without.
    static func groups(_ samples: Samples) -> [Group] {
        switch samples {
        case .series(let with, let without):
            // The samples and rounds the report's own gain is computed from (`Method.samples`, `Method.rounds`).
            [with, without].map { Group(values: Method.samples(of: $0), rounds: Method.rounds(of: $0)) }
        case .values(let with, let without):
            [with, without].map { Group(values: $0, rounds: []) }
        }
    }

    /// The delta method on the log scale. Groups in the order A with, A without, B with, B without.
    static func logRatioT(_ samples: [[Double]], ratio: Double, confidence: Double)
        -> (ClosedInterval?, TestResult) {
        // Variance of log(mean) ≈ s² / (n mean²) for each sample.
        let terms = samples.map { values -> (variance: Double, n: Double) in
            let mean = Descriptive.mean(values)
            let variance = Descriptive.variance(values)
            return (variance / (Double(values.count) * mean * mean), Double(values.count))
        }
        let total = terms.reduce(0) { $0 + $1.variance }
        let logRatio = Double.log(ratio)
        guard total > 0, total.isFinite, logRatio.isFinite else {
            return (nil, TestResult(statistic: .nan, pValue: nil, degreesOfFreedom: nil,
                                    note: "no test: the rounds do not vary (or a mean is zero), so the ratio of "
                                        + "gains has no standard error"))
        }
        let standardError = total.squareRoot()
        let df = total * total / terms.reduce(0) { $0 + $1.variance * $1.variance / ($1.n - 1) }
        let t = logRatio / standardError
        let critical = SpecialFunctions.studentTQuantile(1 - (1 - confidence) / 2, degreesOfFreedom: df)
        let interval = ClosedInterval(low: Double.exp(logRatio - critical * standardError),
                                      high: Double.exp(logRatio + critical * standardError))
        let p = SpecialFunctions.studentTTwoSidedTail(t, degreesOfFreedom: df)
        return (interval, TestResult(statistic: t, pValue: p, degreesOfFreedom: df,
                                     note: "t = log(ratio of gains) / delta-method standard error, "
                                         + "Welch-Satterthwaite degrees of freedom"))
    }

    /// The percentile bootstrap of the ratio of gains and its p-value. Each resample draws each of the four groups
    /// anew, in the order A with, A without, B with, B without, from one seeded stream.
    static func bootstrap(_ groups: [Group], ratio: Double, centre: Centre, confidence: Double)
        -> (ClosedInterval?, TestResult) {
        let resamples = Method.bootstrapResamples
        var random = SplitMix64(seed: Method.bootstrapSeed)
        func centreOf(_ group: Group) -> Double {
            if centre == .total {
                let rounds = group.rounds
                var bytes = 0.0, seconds = 0.0
                for _ in 0..<rounds.count {
                    let round = rounds[random.index(below: rounds.count)]
                    bytes += Double(round.bytes)
                    seconds += round.seconds
                }
                return bytes / seconds
            }
            let values = group.values
            let drawn = (0..<values.count).map { _ in values[random.index(below: values.count)] }
            return Descriptive.quantile(drawn.sorted(), 0.5)
        }
        var ratios: [Double] = []
        ratios.reserveCapacity(resamples)
        for _ in 0..<resamples {
            let centres = groups.map(centreOf)
            ratios.append((centres[2] / centres[3]) / (centres[0] / centres[1]))
        }
        ratios.sort()
        // ceil(B (1 - confidence) / 2), robust to the tail's last bit ((1 - 0.95) / 2 is 0.025000000000000022).
        let k = max(1, Int((Double(resamples) * (1 - confidence) / 2 - 1e-9).rounded(.up)))
        let atOrBelow = ratios.count(where: { $0 <= 1 })
        let atOrAbove = ratios.count(where: { $0 >= 1 })
        let p = min(1, 2 * Double(min(atOrBelow, atOrAbove)) / Double(resamples))
        let interval = ClosedInterval(low: ratios[k - 1], high: ratios[resamples - k])
        guard interval.low.isFinite, interval.high.isFinite else {
            return (nil, TestResult(statistic: .nan, pValue: nil, degreesOfFreedom: nil,
                                    note: "no test: a resample had a zero centre"))
        }
        return (interval, TestResult(statistic: ratio, pValue: p, degreesOfFreedom: nil,
                                     note: "percentile bootstrap of the ratio of gains, \(resamples) resamples, "
                                         + "seed \(Method.bootstrapSeed); p = 2 min(#{R* <= 1}, #{R* >= 1}) / B"))
    }
}
