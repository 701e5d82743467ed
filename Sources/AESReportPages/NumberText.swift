import AESReportModel
import AESReportStats

/// Numbers for people, formatted by explicit rules (never the process locale).
public enum NumberText {
    /// `+91%`, `-3%`, `+0.4%` (one decimal below 1% in magnitude).
    public static func percent(_ value: Double) -> String {
        let sign = value >= 0 ? "+" : "-"
        let magnitude = abs(value)
        let digits = magnitude < 0.95 ? 1 : 0
        return sign + ThroughputFormat.fixed(magnitude, decimals: digits) + "%"
    }

    /// `2.4%`: one decimal, no sign.
    public static func plainPercent(_ value: Double) -> String {
        ThroughputFormat.fixed(value, decimals: 1) + "%"
    }

    /// A ratio's interval as percentages: `+80% .. +97%`.
    public static func percentInterval(_ interval: ClosedInterval?) -> String {
        guard let interval else { return "n/a" }
        return "\(percent((interval.low - 1) * 100)) .. \(percent((interval.high - 1) * 100))"
    }

    /// A p-value: `p=0.000`, `p=0.042`, `p=1.000`.
    public static func pValue(_ value: Double?) -> String {
        guard let value else { return "p=n/a" }
        return "p=" + ThroughputFormat.fixed(value, decimals: 3)
    }
}

