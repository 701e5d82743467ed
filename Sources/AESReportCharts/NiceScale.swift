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
    public init(low: Double, high: Double, maxTicks: Int = 6) {
        let low = min(0, low)
        var high = max(0, high)
        if high == low { high = low + 1 }
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

    /// Tick values from minimum to maximum.
    public var ticks: [Double] {
        let count = Int(((maximum - minimum) / step).rounded())
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

    /// Maps a value to a position between `from` (at minimum) and `to` (at maximum).
    public func position(_ value: Double, from: Double, to: Double) -> Double {
        from + (value - minimum) / (maximum - minimum) * (to - from)
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
