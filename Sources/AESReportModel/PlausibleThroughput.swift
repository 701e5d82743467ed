/// The one gate every measured throughput passes before it enters statistics and charts: a rate or time no device
/// can produce is a damaged or forged log, not a measurement.
///
/// The bounds are set by what the arithmetic downstream must hold, with room to spare, not by today's hardware:
/// - at most 1 PB/s (10^15 B/s), a hundred times the memory bandwidth of any machine built. A million such rounds
///   sum to 10^21 and their squared deviations to 10^36, far inside a `Double` (10^308); an axis tick of 10^15 is an
///   exact `Int`. `9223372036854775807 bytes copied, 1e-289 s` (9 × 10^307 B/s, whose sum with one more round is
///   infinite and whose interval is NaN) trapped the charts before this gate.
/// - at most 10^9 seconds (31 years) for one round, so that a series' total time cannot overflow and its total
///   throughput cannot become a silent zero; with at least one byte, every rate is then above 10^-9 B/s.
public enum PlausibleThroughput {
    /// The fastest rate accepted, bytes per second.
    public static let maximumBytesPerSecond = 1e15
    /// The longest round accepted, seconds.
    public static let maximumSeconds = 1e9

    /// Why `bytesPerSecond` is no measurement, or nil when it is one (finite, positive, at most the maximum).
    public static func problem(bytesPerSecond rate: Double) -> String? {
        guard !rate.isNaN else { return "a throughput that is not a number is no measurement" }
        guard rate > 0 else { return "a throughput of \(shortest(rate)) B/s is no measurement" }
        guard rate <= maximumBytesPerSecond else {
            let figure = rate.isFinite ? ThroughputFormat.significant(rate, digits: 3) : "more than 1.8e308"
            return "a throughput of \(figure) B/s is beyond any real device (at most 1 PB/s is accepted)"
        }
        return nil
    }

    /// Why a transfer of `bytes` in `seconds` is no measurement, or nil when it is one.
    public static func problem(bytes: UInt64, seconds: Double) -> String? {
        guard seconds.isFinite, seconds > 0 else { return "an elapsed time of \(seconds) s is no measurement" }
        guard seconds <= maximumSeconds else {
            return "an elapsed time of \(ThroughputFormat.significant(seconds, digits: 3)) s is beyond any real "
                + "benchmark round (at most 10^9 s is accepted)"
        }
        guard bytes > 0 else { return "0 bytes copied" }
        guard let reason = problem(bytesPerSecond: Double(bytes) / seconds) else { return nil }
        return "\(bytes) bytes in \(shortest(seconds)) s: " + reason
    }

    /// Six significant digits without trailing zeros, as dd prints times: `1`, `11.05`, `1e-289`.
    static func shortest(_ value: Double) -> String {
        let text = ThroughputFormat.significant(value, digits: 6)
        let exponent = text.firstIndex(of: "e") ?? text.endIndex
        var mantissa = text[..<exponent]
        if mantissa.contains(".") {
            while mantissa.hasSuffix("0") { mantissa.removeLast() }
            if mantissa.hasSuffix(".") { mantissa.removeLast() }
        }
        return String(mantissa + text[exponent...])
    }
}
