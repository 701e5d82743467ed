import AESReportModel
import AESReportStats

extension ComparisonDocument {
    /// Diagnostics listed in comparison.md; the rest are counted.
    static let markdownDiagnostics = 20

    /// comparison.md: the table, the geometric means, what is on one side only, and the first diagnostics.
    public func markdown() -> String {
        var out = ["# Comparison", "", "- A: \(MarkdownText.escape(comparison.nameA))",
                   "- B: \(MarkdownText.escape(comparison.nameB))", ""]
        out.append(MarkdownText.table(header, cells(), rightAligned: [1, 2, 3]))
        out.append("")
        out += geometricMeanLines().map { "- " + MarkdownText.escape($0) }
        out += onlyOneSideLines(name: MarkdownText.escape).map { "- " + $0 }
        out.append("")
        out.append("`~`" + method.comparisonLegend.dropFirst() + ".")
        out.append("")
        if !diagnostics.kept.isEmpty {
            out.append("Diagnostics:")
            out.append("")
            for d in diagnostics.kept.prefix(Self.markdownDiagnostics) {
                let place = d.line.map { "\(d.file):\($0)" } ?? d.file
                out.append("- " + MarkdownText.escape("\(place): \(d.severity.rawValue): \(d.message)"))
            }
            let more = diagnostics.kept.count - min(diagnostics.kept.count, Self.markdownDiagnostics) + diagnostics.omitted
            if more > 0 { out.append("- and \(more) more (comparison.json lists up to 1000, standard error all)") }
            out.append("")
        }
        return out.joined(separator: "\n")
    }
}
