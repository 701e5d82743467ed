/// Percentages for people, by one rule everywhere (charts, page, Markdown, terminal, diagnostics), never the
/// process locale.
public enum PercentText {
    /// The minus sign of a negative percentage: `-` in text meant to be copied (tables, JSON notes, the terminal),
    /// the typographic `−` (U+2212) on charts.
    public enum Minus: String, Sendable {
        case hyphen = "-"
        case typographic = "−"
    }

    /// A signed change: `+91%`, `-3%`, and one decimal below 1% in magnitude (`+0.4%`, `-0.4%`), so that a small
    /// loss never reads `-0%` or `+0%`.
    public static func signed(_ value: Double, minus: Minus = .hyphen) -> String {
        let magnitude = abs(value)
        let digits = magnitude < 0.95 ? 1 : 0
        return (value >= 0 ? "+" : minus.rawValue) + ThroughputFormat.fixed(magnitude, decimals: digits) + "%"
    }

    /// A confidence level as people write it: `95%`, `99.9%` (at most three decimals, no trailing zeros).
    public static func level(_ confidence: Double) -> String {
        let value = confidence * 100
        let rounded = (value * 1000).rounded() / 1000
        if rounded == rounded.rounded() { return "\(Int(rounded))%" }
        var text = String(rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text + "%"
    }
}
