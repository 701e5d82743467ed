import RealModule

/// A linear axis from zero (or a negative minimum) to a "nice" maximum, with ticks at steps of 1, 2, 2.5 or 5
/// times a power of ten (Heckbert's nice numbers, as matplotlib's MaxNLocator).
public struct NiceScale: Sendable, Equatable {
    public var minimum: Double
    public var maximum: Double
    public var step: Double

    public static let steps: [Double] = [1, 2, 2.5, 5, 10]

    /// The smallest nice axis covering `low...high` (low <= 0 <= high for bar charts) with at most `maxTicks`
    /// intervals.
    ///
    /// Ends that are not finite, or beyond ±10^300 (whose difference would overflow), are taken as the nearest
    /// representable bound, so a scale always has finite ticks: charts are drawn from checked figures, and an axis
    /// must not trap on one that slipped through.
    public init(low: Double, high: Double, maxTicks: Int = 6) {
        let maxTicks = Swift.max(1, maxTicks)
        let low = min(0, Self.bounded(low))
        var high = max(0, Self.bounded(high))
        // An empty span, or one so small that a tenth of it is no normal number (5e-324): a unit axis.
        if !(high - low >= 1e-290) { high = low + 1 }
        let raw = (high - low) / Double(maxTicks)
        let magnitude = Double.pow(10, Double.log10(raw).rounded(.down))
        var chosen = magnitude * 10
        for factor in Self.steps where factor * magnitude >= raw * (1 - 1e-12) {
            chosen = factor * magnitude
            break
        }
        step = chosen
        minimum = (low / chosen).rounded(.down) * chosen
        maximum = (high / chosen).rounded(.up) * chosen
        if maximum - high < 1e-12 * chosen, maximum == 0 { maximum = chosen }
    }

    /// The largest magnitude an axis end keeps.
    static let largestEnd = 1e300

    private static func bounded(_ value: Double) -> Double {
        value.isNaN ? 0 : Swift.min(Swift.max(value, -largestEnd), largestEnd)
    }

    /// Tick values from minimum to maximum (at most 1,000: a scale made by `init` has a handful).
    public var ticks: [Double] {
        let intervals = ((maximum - minimum) / step).rounded()
        guard intervals.isFinite, intervals >= 0 else { return [minimum] }
        let count = Int(Swift.min(intervals, 1000))
        return (0...count).map { minimum + Double($0) * step }
    }

    /// Decimal digits needed to print every tick exactly (0 for 500, 1 for 2.5, 2 for 0.25).
    public var decimals: Int {
        var digits = 0
        var scaled = step
        while abs(scaled - scaled.rounded()) > 1e-9 * max(1, abs(scaled)), digits < 6 {
            scaled *= 10
            digits += 1
        }
        return digits
    }

    /// Maps a value to a position between `from` (at minimum) and `to` (at maximum). A value more than a thousand
    /// spans beyond the axis is placed there (drawings are clipped long before), and one that is not a number at
    /// the minimum, so that every position is finite.
    public func position(_ value: Double, from: Double, to: Double) -> Double {
        let span = maximum - minimum
        let value = value.isNaN ? minimum : Swift.min(Swift.max(value, minimum - 1000 * span), maximum + 1000 * span)
        return from + (value - minimum) / span * (to - from)
    }
}

/// The SI unit a throughput axis uses: chosen so that the largest value is between 1 and 1000 units.
public struct ThroughputUnit: Sendable, Equatable {
    public var name: String
    public var bytesPerUnit: Double

    public static func forMaximum(_ maximum: Double) -> ThroughputUnit {
        let units: [(String, Double)] = [("GB/s", 1e9), ("MB/s", 1e6), ("kB/s", 1e3)]
        for (name, scale) in units where maximum >= scale {
            return ThroughputUnit(name: name, bytesPerUnit: scale)
        }
        return ThroughputUnit(name: "B/s", bytesPerUnit: 1)
    }
}
