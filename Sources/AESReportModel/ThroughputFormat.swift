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

    /// `value` rounded to `digits` significant digits, printed without trailing noise; below 0.001 and from 1e15
    /// in exponent form (`1.9e-13`).
    public static func significant(_ value: Double, digits: Int) -> String {
        guard value != 0, value.isFinite else { return value == 0 ? "0" : "\(value)" }
        var magnitude = 0
        var probe = abs(value)
        while probe >= 10 { probe /= 10; magnitude += 1 }
        while probe < 1 { probe *= 10; magnitude -= 1 }
        if magnitude < -3 || magnitude >= 15 {
            var mantissa = fixed(value < 0 ? -probe : probe, decimals: max(0, digits - 1))
            var exponent = magnitude
            if mantissa.hasPrefix("10") || mantissa.hasPrefix("-10") {
                // 9.99 rounded up to 10.0: renormalise.
                mantissa = fixed(value < 0 ? -probe / 10 : probe / 10, decimals: max(0, digits - 1))
                exponent += 1
            }
            return "\(mantissa)e\(exponent)"
        }
        var decimals = digits - 1 - magnitude
        if decimals >= 0 {
            var scale = 1.0
            for _ in 0..<decimals { scale *= 10 }
            var limit = 1.0
            for _ in 0..<digits { limit *= 10 }
            // 0.99999 to two digits is 1.0, not 1.00: rounding up to the next power of ten drops a decimal.
            if (abs(value) * scale).rounded(.toNearestOrAwayFromZero) >= limit { decimals -= 1 }
        }
        return fixed(value, decimals: max(0, decimals))
    }

    /// `value` with exactly `decimals` digits after the point (round half away from zero), `.` as separator.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        let decimals = min(max(0, decimals), 15)
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
