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
    /// different from zero, with Welch-Satterthwaite degrees of freedom for `a - r b` evaluated at the point estimate.
    /// Unbounded (nil) when mean(b) is not significantly different from zero.
    public static func fieller(_ a: [Double], _ b: [Double], confidence: Double = 0.95) -> RatioEstimate {
        let method = "Fieller's theorem, independent samples, Welch-Satterthwaite degrees of freedom"
        let ma = Descriptive.mean(a)
        let mb = Descriptive.mean(b)
        let ratio = ma / mb
        guard a.count >= 2, b.count >= 2 else {
            return RatioEstimate(ratio: ratio, confidenceInterval: nil, intervalMethod: method,
                                 intervalNote: "at least 2 rounds on each side are needed for an interval")
        }
        let va = Descriptive.variance(a) / Double(a.count)
        let vb = Descriptive.variance(b) / Double(b.count)
        let combined = va + ratio * ratio * vb
        guard combined > 0 else {
            return RatioEstimate(ratio: ratio, confidenceInterval: ClosedInterval(low: ratio, high: ratio),
                                 intervalMethod: method, intervalNote: "both samples have zero variance")
        }
        let df = combined * combined
            / (va * va / Double(a.count - 1) + ratio * ratio * ratio * ratio * vb * vb / Double(b.count - 1))
        let t = SpecialFunctions.studentTQuantile(0.5 + confidence / 2, degreesOfFreedom: df)
        let g = t * t * vb / (mb * mb)
        guard g < 1 else {
            return RatioEstimate(ratio: ratio, confidenceInterval: nil, intervalMethod: method,
                                 intervalNote: "the denominator's mean is not significantly different from zero")
        }
        let half = t / abs(mb) * (va * (1 - g) + ratio * ratio * vb).squareRoot()
        let low = (ratio - half) / (1 - g)
        let high = (ratio + half) / (1 - g)
        return RatioEstimate(ratio: ratio, confidenceInterval: ClosedInterval(low: min(low, high), high: max(low, high)),
                             intervalMethod: method, intervalNote: nil)
    }

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
