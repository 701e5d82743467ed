/// A ratio of two centres (with AES-NI over without, or B over A) with its confidence interval.
public struct RatioEstimate: Sendable, Codable, Equatable {
    public var ratio: Double
    /// `(ratio - 1) * 100`.
    public var percent: Double { (ratio - 1) * 100 }
    /// 95% interval of the ratio; `nil` when it cannot be bounded (see `intervalNote`).
    public var confidenceInterval: ClosedInterval?
    public var intervalMethod: String
    public var intervalNote: String?

    public init(ratio: Double, confidenceInterval: ClosedInterval?, intervalMethod: String, intervalNote: String?) {
        self.ratio = ratio
        self.confidenceInterval = confidenceInterval
        self.intervalMethod = intervalMethod
        self.intervalNote = intervalNote
    }
}

/// Confidence intervals for the ratio of two means of independent samples.
public enum RatioInterval {
    /// Fieller's interval for mean(a) / mean(b): the set of r for which `mean(a) - r mean(b)` is not significantly
    /// different from zero by Welch's test of `a - r b`, its Welch-Satterthwaite degrees of freedom taken at r
    /// itself. At r = 1 that test is exactly Welch's t-test of a against b, so the interval holds 1 exactly when
    /// Welch's p is at or above 1 - confidence: the interval and the test never disagree. Each bound solves
    /// (ma - r mb)² = t(df(r))² (va + r² vb) by fixed-point iteration from the bound with the degrees of freedom
    /// at the point estimate (the classic closed form), to a relative 1e-14. Unbounded (nil) when mean(b) is not
    /// significantly different from zero.
    public static func fieller(_ a: [Double], _ b: [Double], confidence: Double = 0.95) -> RatioEstimate {
        let method = Method.fiellerMethod
        let ma = Descriptive.mean(a)
        let mb = Descriptive.mean(b)
        let ratio = ma / mb
        guard a.count >= 2, b.count >= 2 else {
            return RatioEstimate(ratio: ratio, confidenceInterval: nil, intervalMethod: method,
                                 intervalNote: "at least 2 rounds on each side are needed for an interval")
        }
        let va = Descriptive.variance(a) / Double(a.count)
        let vb = Descriptive.variance(b) / Double(b.count)
        guard va + ratio * ratio * vb > 0 else {
            return RatioEstimate(ratio: ratio, confidenceInterval: ClosedInterval(low: ratio, high: ratio),
                                 intervalMethod: method, intervalNote: "both samples have zero variance")
        }
        /// Welch-Satterthwaite degrees of freedom of `a - r b`.
        func df(_ r: Double) -> Double {
            let combined = va + r * r * vb
            return combined * combined / (va * va / Double(a.count - 1) + r * r * r * r * vb * vb / Double(b.count - 1))
        }
        /// The bounds of the closed form for the quantile `t`, or nil when they are unbounded.
        func bounds(_ t: Double) -> (low: Double, high: Double)? {
            let g = t * t * vb / (mb * mb)
            guard g < 1 else { return nil }
            let half = t / abs(mb) * (va * (1 - g) + ratio * ratio * vb).squareRoot()
            let x = (ratio - half) / (1 - g), y = (ratio + half) / (1 - g)
            return (min(x, y), max(x, y))
        }
        let level = 0.5 + confidence / 2
        func quantile(_ r: Double) -> Double { SpecialFunctions.studentTQuantile(level, degreesOfFreedom: df(r)) }
        func quantile(_ r: Double, near: Double) -> Double {
            SpecialFunctions.studentTQuantile(level, degreesOfFreedom: df(r), near: near)
        }
        let unbounded = RatioEstimate(ratio: ratio, confidenceInterval: nil, intervalMethod: method,
                                      intervalNote: "the denominator's mean is not significantly different from zero")
        let tRatio = quantile(ratio)
        guard var current = bounds(tRatio) else { return unbounded }
        var tLow = quantile(current.low, near: tRatio), tHigh = quantile(current.high, near: tRatio)
        for _ in 0..<Self.fiellerIterations {
            guard let lowSide = bounds(tLow), let highSide = bounds(tHigh) else { return unbounded }
            let next = (low: lowSide.low, high: highSide.high)
            // Settled to within a few units in the last place (a bit-exact fixed point can alternate between two
            // neighbouring values).
            let settled = abs(next.low - current.low) <= 1e-14 * abs(current.low)
                && abs(next.high - current.high) <= 1e-14 * abs(current.high)
            current = next
            if settled { break }
            tLow = quantile(current.low, near: tLow)
            tHigh = quantile(current.high, near: tHigh)
        }
        return RatioEstimate(ratio: ratio, confidenceInterval: ClosedInterval(low: current.low, high: current.high),
                             intervalMethod: method, intervalNote: nil)
    }

    /// The most fixed-point steps a Fieller bound takes (it settles in 2 to 4 on real rounds).
    static let fiellerIterations = 40

    /// A percentile bootstrap interval for centre(a) / centre(b), resampling each side independently with a fixed
    /// seed so that output is reproducible.
    public static func bootstrap<Sample>(_ a: [Sample], _ b: [Sample], centre: ([Sample]) -> Double,
                                 resamples: Int = 2000, seed: UInt64 = 0x5EED, confidence: Double = 0.95,
                                 centreName: String) -> RatioEstimate {
        let method = "percentile bootstrap of the \(centreName) ratio, \(resamples) resamples, seed \(seed)"
        let ratio = centre(a) / centre(b)
        guard a.count >= 2, b.count >= 2 else {
            return RatioEstimate(ratio: ratio, confidenceInterval: nil, intervalMethod: method,
                                 intervalNote: "at least 2 rounds on each side are needed for an interval")
        }
        var random = SplitMix64(seed: seed)
        var ratios: [Double] = []
        ratios.reserveCapacity(resamples)
        for _ in 0..<resamples {
            let ra = (0..<a.count).map { _ in a[random.index(below: a.count)] }
            let rb = (0..<b.count).map { _ in b[random.index(below: b.count)] }
            ratios.append(centre(ra) / centre(rb))
        }
        ratios.sort()
        let alpha = (1 - confidence) / 2
        return RatioEstimate(ratio: ratio, confidenceInterval: ClosedInterval(
            low: Descriptive.quantile(ratios, alpha), high: Descriptive.quantile(ratios, 1 - alpha)),
            intervalMethod: method, intervalNote: nil)
    }
}
