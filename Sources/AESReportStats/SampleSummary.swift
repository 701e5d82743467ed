import RealModule

/// Descriptive statistics of one series of per-round throughputs.
public struct SampleSummary: Sendable, Codable, Equatable {
    public var n: Int
    public var mean: Double
    public var median: Double
    /// Sample standard deviation (n - 1 in the denominator); `nil` for n < 2.
    public var standardDeviation: Double?
    public var min: Double
    public var max: Double
    /// Standard deviation / mean; `nil` for n < 2.
    public var coefficientOfVariation: Double?
    /// 95% confidence interval of the mean by Student's t; `nil` for n < 2 (see `intervalNote`).
    public var confidenceInterval: ClosedInterval?
    /// Why there is no interval, when there is none.
    public var intervalNote: String?

    /// Summarises `samples`, which must not be empty.
    public init(_ samples: [Double], confidence: Double = 0.95) {
        precondition(!samples.isEmpty, "a summary needs at least one sample")
        n = samples.count
        mean = Descriptive.mean(samples)
        median = Descriptive.quantile(samples.sorted(), 0.5)
        min = samples.min()!
        max = samples.max()!
        if n >= 2 {
            let sd = Descriptive.standardDeviation(samples, mean: mean)
            standardDeviation = sd
            coefficientOfVariation = mean != 0 ? sd / mean : nil
            let t = SpecialFunctions.studentTQuantile(0.5 + confidence / 2, degreesOfFreedom: Double(n - 1))
            let half = t * sd / Double(n).squareRoot()
            confidenceInterval = ClosedInterval(low: mean - half, high: mean + half)
            intervalNote = nil
        } else {
            standardDeviation = nil
            coefficientOfVariation = nil
            confidenceInterval = nil
            intervalNote = "one round: no interval (at least 2 are needed)"
        }
    }
}

/// A closed interval [low, high].
public struct ClosedInterval: Sendable, Codable, Equatable {
    public var low: Double
    public var high: Double

    public init(low: Double, high: Double) {
        self.low = low
        self.high = high
    }

    public func contains(_ value: Double) -> Bool { low <= value && value <= high }
}

/// Basic descriptive statistics, computed carefully.
public enum Descriptive {
    /// Arithmetic mean, by a compensated (Neumaier) sum so that huge and tiny values keep their precision.
    public static func mean(_ values: [Double]) -> Double {
        sum(values) / Double(values.count)
    }

    /// Neumaier's compensated sum.
    public static func sum(_ values: [Double]) -> Double {
        var total = 0.0
        var compensation = 0.0
        for value in values {
            let t = total + value
            if abs(total) >= abs(value) {
                compensation += (total - t) + value
            } else {
                compensation += (value - t) + total
            }
            total = t
        }
        return total + compensation
    }

    /// Sample standard deviation (n - 1), two-pass.
    public static func standardDeviation(_ values: [Double], mean: Double) -> Double {
        let squares = values.map { ($0 - mean) * ($0 - mean) }
        return (sum(squares) / Double(values.count - 1)).squareRoot()
    }

    /// Sample variance (n - 1).
    public static func variance(_ values: [Double]) -> Double {
        let m = mean(values)
        return sum(values.map { ($0 - m) * ($0 - m) }) / Double(values.count - 1)
    }

    /// The `p` quantile of sorted values by linear interpolation between order statistics (Hyndman and Fan's
    /// type 7, the default of R and NumPy).
    public static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        precondition(!sorted.isEmpty)
        let position = p * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }

    /// Geometric mean of positive values.
    public static func geometricMean(_ values: [Double]) -> Double {
        Double.exp(sum(values.map { Double.log($0) }) / Double(values.count))
    }
}
