/// Formats throughputs for people, locale-independently, with SI prefixes as dd prints them.
public enum ThroughputFormat {
    /// `2.1 GB/s`, `589 MB/s`: three significant digits, SI prefixes.
    public static func si(_ bytesPerSecond: Double, unit: String = "B/s") -> String {
        guard bytesPerSecond.isFinite else { return "\(bytesPerSecond) \(unit)" }
        let prefixes = ["", "k", "M", "G", "T", "P", "E"]
        var value = bytesPerSecond
        var index = 0
        while abs(value) >= 999.5, index < prefixes.count - 1 {
            value /= 1000
            index += 1
        }
        return "\(significant(value, digits: 3)) \(prefixes[index])\(unit)"
    }

    /// `value` rounded to `digits` significant digits, printed without exponent and without trailing noise.
    public static func significant(_ value: Double, digits: Int) -> String {
        guard value != 0, value.isFinite else { return value == 0 ? "0" : "\(value)" }
        var magnitude = 0
        var probe = abs(value)
        while probe >= 10 { probe /= 10; magnitude += 1 }
        while probe < 1 { probe *= 10; magnitude -= 1 }
        let decimals = max(0, digits - 1 - magnitude)
        return fixed(value, decimals: decimals)
    }

    /// `value` with exactly `decimals` digits after the point (round half away from zero), `.` as separator.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else { return "\(value)" }
        let integer = UInt64(scaled)
        let divisor = UInt64(scale)
        var text = String(integer / divisor)
        if decimals > 0 {
            let fraction = String(integer % divisor)
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return (value < 0 && integer != 0 ? "-" : "") + text
    }
}
