import AESReportModel
import AESReportStats

/// Numbers for people, formatted by explicit rules (never the process locale). Percentages are `PercentText`'s.
public enum NumberText {
    /// `2.4%`: one decimal, no sign.
    public static func plainPercent(_ value: Double) -> String {
        ThroughputFormat.fixed(value, decimals: 1) + "%"
    }

    /// A ratio's interval as percentages: `+80% .. +97%`.
    public static func percentInterval(_ interval: ClosedInterval?) -> String {
        percentRange(interval.map { ClosedInterval(low: ($0.low - 1) * 100, high: ($0.high - 1) * 100) })
    }

    /// An interval of percentages: `+80% .. +97%`, or `n/a`.
    public static func percentRange(_ interval: ClosedInterval?) -> String {
        guard let interval else { return "n/a" }
        return PercentText.signed(interval.low) + " .. " + PercentText.signed(interval.high)
    }

    /// A p-value: `p=0.000`, `p=0.042`, `p=1.000`.
    public static func pValue(_ value: Double?) -> String {
        guard let value else { return "p=n/a" }
        return "p=" + ThroughputFormat.fixed(value, decimals: 3)
    }
}
