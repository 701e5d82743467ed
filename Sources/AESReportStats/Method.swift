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
        case .mean, .median: centre(ofSamples: Self.samples(of: series))
        case .total: Self.totalThroughput(Self.rounds(of: series))
        }
    }

    /// The centre of plain throughput samples: their median, else their mean (see `forSamples`).
    public func centre(ofSamples samples: [Double]) -> Double {
        centre == .median ? Descriptive.quantile(samples.sorted(), 0.5) : Descriptive.mean(samples)
    }

    /// The interval of the centre of the pooled rounds of `series`, at the method's confidence.
    public func interval(of series: [SeriesStatistics]) -> IntervalEstimate {
        switch centre {
        case .mean, .median: return interval(ofSamples: Self.samples(of: series))
        case .total:
            let rounds = Self.rounds(of: series)
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

    /// The pooled samples of `series`: the one series' own array when there is one (no copy), else the
    /// concatenation in order.
    static func samples(of series: [SeriesStatistics]) -> [Double] {
        series.count == 1 ? series[0].samples : series.flatMap(\.samples)
    }

    /// The pooled (bytes, seconds) rounds of `series`, likewise without a copy for one series.
    static func rounds(of series: [SeriesStatistics]) -> [SeriesStatistics.RoundTransfer] {
        series.count == 1 ? series[0].perRound : series.flatMap(\.perRound)
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
        case .mean, .median: return ratio(ofSamples: Self.samples(of: a), Self.samples(of: b))
        case .total:
            var estimate = RatioInterval.bootstrap(Self.rounds(of: a), Self.rounds(of: b),
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
        case .mean, .median: test(samples: Self.samples(of: a), Self.samples(of: b))
        case .total:
            Self.enoughRounds(Self.rounds(of: a).count, Self.rounds(of: b).count)
                ?? reachable(Self.rounds(of: a).count, Self.rounds(of: b).count, test: "the permutation test")
                ?? PermutationTest.ratioOfTotals(Self.rounds(of: a), Self.rounds(of: b))
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
