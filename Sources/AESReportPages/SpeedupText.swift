import AESReportModel
import AESReportStats

/// Sentences about AES-NI gains, as the seed writes them ("reads +40% to +91%").
public enum SpeedupText {
    /// `reads +40% to +91%` (or `reads +52%` for a single cipher), with the ciphers whose gain is not significant.
    public static func range(_ range: SpeedupRange) -> String {
        let noun = range.operation == .read ? "reads" : "writes"
        var text = noun + " " + NumberText.percent(range.lowPercent)
        if range.ciphers > 1 { text += " to " + NumberText.percent(range.highPercent) }
        if !range.notSignificant.isEmpty {
            text += " (not significant: " + range.notSignificant.joined(separator: ", ") + ")"
        }
        return text
    }

    /// One line per host: `host: with AES-NI, reads +40% to +91%, writes +16% to +50% (6 ciphers)`.
    public static func hostLines(_ analysis: ReportAnalysis) -> [String] {
        var hosts: [String] = []
        for range in analysis.ranges where !hosts.contains(range.host) { hosts.append(range.host) }
        let rangesByHost = analysis.ranges.grouped { $0.host }
        return hosts.map { host in
            let ranges = rangesByHost[host] ?? []
            let ciphers = ranges.map(\.ciphers).max() ?? 0
            return "\(host): with AES-NI, " + ranges.map(range).joined(separator: ", ")
                + " (\(ciphers) cipher\(ciphers == 1 ? "" : "s"))"
        }
    }
}
