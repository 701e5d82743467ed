import AESReportModel
import RealModule

/// The statistical method of a report, chosen as one piece by the centre (`--centre`): what a bar shows, the
/// interval of that value, the interval of a ratio of two of them, and the test of a gain. The words that name
/// these choices live beside them (`Method+Wording.swift`), so that the charts, the page, summary.md, the terminal
/// and summary.json say the same thing as the numbers they print.
///
/// | centre | interval of the centre | interval of a ratio | test of a gain |
/// | --- | --- | --- | --- |
/// | `mean` | Student's t | Fieller's theorem | Welch's t-test |
/// | `median` | order statistics (binomial, distribution-free) | seeded percentile bootstrap | Mann-Whitney U |
/// | `total` | seeded percentile bootstrap over rounds | seeded percentile bootstrap over rounds | permutation test of the ratio of totals |
public struct Method: Sendable, Equatable {
    /// How the interval of one centre is computed.
    public enum CentreInterval: String, Sendable {
        case studentT = "t"
        case orderStatistics = "order-statistics"
        case bootstrap
    }

    /// How the interval of a ratio of centres is computed.
    public enum RatioIntervalKind: String, Sendable {
        case fieller
        case bootstrap
    }

    /// The test of a gain (with against without AES-NI).
    public enum Test: String, Sendable, Codable {
        case welch
        case mannWhitney = "mann-whitney"
        case permutation
    }

    public var centre: Centre
    public var confidence: Double
    public var alpha: Double

    public init(centre: Centre = .mean, confidence: Double = 0.95, alpha: Double = 0.05) {
        self.centre = centre
        self.confidence = confidence
        self.alpha = alpha
    }

    public init(_ options: AnalysisOptions) {
        self.init(centre: options.centre, confidence: options.confidence, alpha: options.alpha)
    }

    public var centreInterval: CentreInterval {
        switch centre {
        case .mean: .studentT
        case .median: .orderStatistics
        case .total: .bootstrap
        }
    }

    public var ratioInterval: RatioIntervalKind { centre == .mean ? .fieller : .bootstrap }

    public var test: Test {
        switch centre {
        case .mean: .welch
        case .median: .mannWhitney
        case .total: .permutation
        }
    }

    /// The method for plain throughput samples (`openssl speed` outputs): they carry no bytes and seconds, so the
    /// `total` centre falls back to the mean there, and with it the mean's interval, ratio interval and test.
    public var forSamples: Method {
        centre == .total ? Method(centre: .mean, confidence: confidence, alpha: alpha) : self
    }

    /// Resamples of every bootstrap, and its seed: output is reproducible.
    public static let bootstrapResamples = 2000
    public static let bootstrapSeed: UInt64 = 0x5EED

    // MARK: - The centre and its interval

    /// The centre of the pooled rounds of `series`.
    public func centre(of series: [SeriesStatistics]) -> Double {
        switch centre {
        case .mean, .median: centre(ofSamples: series.flatMap(\.samples))
        case .total: Self.totalThroughput(series.flatMap(\.perRound))
        }
    }

    /// The centre of plain throughput samples: their median, else their mean (see `forSamples`).
    public func centre(ofSamples samples: [Double]) -> Double {
        centre == .median ? Descriptive.quantile(samples.sorted(), 0.5) : Descriptive.mean(samples)
    }

    /// The interval of the centre of the pooled rounds of `series`, at the method's confidence.
    public func interval(of series: [SeriesStatistics]) -> IntervalEstimate {
        switch centre {
        case .mean, .median: return interval(ofSamples: series.flatMap(\.samples))
        case .total:
            let rounds = series.flatMap(\.perRound)
            guard rounds.count >= 2 else { return .none(Self.oneRoundNote) }
            return Self.bootstrapInterval(rounds, centre: Self.totalThroughput, confidence: confidence)
        }
    }

    /// The interval of the centre of plain throughput samples (mean or median).
    public func interval(ofSamples samples: [Double]) -> IntervalEstimate {
        guard samples.count >= 2 else { return .none(Self.oneRoundNote) }
        switch centre {
        case .median:
            return MedianInterval.orderStatistics(samples.sorted(), confidence: confidence)
        case .mean, .total:
            let summary = SampleSummary(samples, confidence: confidence)
            return IntervalEstimate(interval: summary.confidenceInterval, note: summary.intervalNote)
        }
    }

    static let oneRoundNote = "one round: no interval (at least 2 are needed)"

    static func totalThroughput(_ rounds: [SeriesStatistics.RoundTransfer]) -> Double {
        rounds.reduce(0.0) { $0 + Double($1.bytes) } / Descriptive.sum(rounds.map(\.seconds))
    }

    static func bootstrapInterval<Sample>(_ samples: [Sample], centre: ([Sample]) -> Double, confidence: Double)
        -> IntervalEstimate {
        var random = SplitMix64(seed: bootstrapSeed)
        var values: [Double] = []
        values.reserveCapacity(bootstrapResamples)
        for _ in 0..<bootstrapResamples {
            values.append(centre((0..<samples.count).map { _ in samples[random.index(below: samples.count)] }))
        }
        values.sort()
        let tail = (1 - confidence) / 2
        return IntervalEstimate(interval: ClosedInterval(low: Descriptive.quantile(values, tail),
                                                         high: Descriptive.quantile(values, 1 - tail)), note: nil)
    }

    // MARK: - The ratio and the test

    /// centre(a) / centre(b) with its interval.
    public func ratio(_ a: [SeriesStatistics], _ b: [SeriesStatistics]) -> RatioEstimate {
        switch centre {
        case .mean, .median: return ratio(ofSamples: a.flatMap(\.samples), b.flatMap(\.samples))
        case .total:
            var estimate = RatioInterval.bootstrap(a.flatMap(\.perRound), b.flatMap(\.perRound),
                                                   centre: Self.totalThroughput, resamples: Self.bootstrapResamples,
                                                   seed: Self.bootstrapSeed, confidence: confidence,
                                                   centreName: "total-bytes/total-time")
            // Said as the method says it everywhere else (summary.json's options, the page's method section).
            estimate.intervalMethod = ratioIntervalMethod
            return estimate
        }
    }

    /// The same for plain throughput samples (see `forSamples`).
    public func ratio(ofSamples a: [Double], _ b: [Double]) -> RatioEstimate {
        guard centre == .median else { return RatioInterval.fieller(a, b, confidence: confidence) }
        var estimate = RatioInterval.bootstrap(a, b, centre: { Descriptive.quantile($0.sorted(), 0.5) },
                                               resamples: Self.bootstrapResamples, seed: Self.bootstrapSeed,
                                               confidence: confidence, centreName: "median")
        estimate.intervalMethod = ratioIntervalMethod
        return estimate
    }

    /// The method's test of the rounds of `a` against those of `b`. Every test needs at least 2 rounds on each
    /// side: with one, there is no test at all (p is nil), which the report shows as untested, never as "not
    /// significant".
    public func test(_ a: [SeriesStatistics], _ b: [SeriesStatistics]) -> TestResult {
        switch centre {
        case .mean, .median: test(samples: a.flatMap(\.samples), b.flatMap(\.samples))
        case .total:
            Self.enoughRounds(a.flatMap(\.perRound).count, b.flatMap(\.perRound).count)
                ?? reachable(a.flatMap(\.perRound).count, b.flatMap(\.perRound).count, test: "the permutation test")
                ?? PermutationTest.ratioOfTotals(a.flatMap(\.perRound), b.flatMap(\.perRound))
        }
    }

    /// The same for plain throughput samples (see `forSamples`).
    public func test(samples a: [Double], _ b: [Double]) -> TestResult {
        if let missing = Self.enoughRounds(a.count, b.count) { return missing }
        guard centre == .median else { return WelchTest.test(a, b) }
        return reachable(a.count, b.count, test: "Mann-Whitney's test") ?? MannWhitneyU.test(a, b)
    }

    /// A rank or permutation test of `m` against `n` rounds can give no p-value below 2 / C(m+n, m) (the most
    /// extreme split of all, counted on both sides): with 3 rounds a side that is 0.1, so at alpha 0.05 such a
    /// test could never find anything significant, and its "not significant" would mean nothing. It is then no
    /// test at all: untested, with the reason.
    func reachable(_ m: Int, _ n: Int, test: String) -> TestResult? {
        let smallest = Self.smallestTwoSidedP(m, n)
        guard smallest >= alpha else { return nil }
        return TestResult(statistic: .nan, pValue: nil, degreesOfFreedom: nil,
                          note: "no test: with \(m)+\(n) rounds \(test) cannot give p below "
                              + "\((smallest * 1000).rounded() / 1000), not below alpha = \(alpha)")
    }

    /// 2 / C(m+n, m), at most 1.
    static func smallestTwoSidedP(_ m: Int, _ n: Int) -> Double {
        var splits = 1.0
        for i in 0..<min(m, n) { splits = splits * Double(m + n - i) / Double(i + 1) }
        return min(1, 2 / splits)
    }

    /// Whether `result` is significant at alpha: nil when there is no p-value (untested).
    public func significance(_ result: TestResult) -> Bool? {
        result.pValue.map { $0 < alpha }
    }

    static func enoughRounds(_ a: Int, _ b: Int) -> TestResult? {
        guard min(a, b) < 2 else { return nil }
        return TestResult(statistic: .nan, pValue: nil, degreesOfFreedom: nil,
                          note: "no test: \(min(a, b)) round\(min(a, b) == 1 ? "" : "s") on a side "
                              + "(at least 2 on each side are needed)")
    }
}

/// An interval of one centre, or why there is none.
public struct IntervalEstimate: Sendable, Codable, Equatable {
    public var interval: ClosedInterval?
    public var note: String?

    public init(interval: ClosedInterval?, note: String?) {
        self.interval = interval
        self.note = note
    }

    static func none(_ note: String) -> IntervalEstimate { IntervalEstimate(interval: nil, note: note) }
}

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
                + "\(ConfidenceText.percent(confidence)) interval of the median (at least \(minimumRounds(tail: tail)) "
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

/// Confidence levels as people write them: `95%`, `99.9%`.
public enum ConfidenceText {
    public static func percent(_ confidence: Double) -> String {
        let value = confidence * 100
        let rounded = (value * 1000).rounded() / 1000
        if rounded == rounded.rounded() { return "\(Int(rounded))%" }
        var text = String(rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text + "%"
    }
}

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
