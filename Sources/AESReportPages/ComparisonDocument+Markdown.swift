import AESReportModel
import AESReportStats

extension ComparisonDocument {
    /// Diagnostics listed in comparison.md; the rest are counted.
    static let markdownDiagnostics = 20

    /// comparison.md: the inputs and pairing, per pair the table of series and the gains side by side (every block
    /// size), what is on one side only, the machines fact by fact, and the first diagnostics.
    public func markdown() -> String {
        var out = ["# Comparison", ""]
        out += inputLines().map { "- " + MarkdownText.escape($0) }
        if !pairingLine.isEmpty { out.append("- " + MarkdownText.escape(pairingLine)) }
        out.append("- method: " + MarkdownText.escape(method.summaryLine()))
        out.append("")
        for pair in comparison.pairs.indices {
            out.append("## " + MarkdownText.escape(pairTitle(pair)))
            out.append("")
            let table = rowsTable(pair: pair)
            if !table.cells.isEmpty {
                out.append(MarkdownText.table(table.header, table.cells, rightAligned: [1, 2, 3]))
                out.append("")
                out += geometricMeanLines(pair: pair).map { "- " + MarkdownText.escape($0) }
                out.append("")
            }
            let stateGains = stateGainsTable(pair: pair, largestBlockOnly: false)
            if !stateGains.cells.isEmpty {
                out.append(MarkdownText.table(stateGains.header, stateGains.cells, rightAligned: [1]))
                out.append("")
            }
            let gains = gainsTable(pair: pair, largestBlockOnly: false)
            if !gains.cells.isEmpty {
                out.append(MarkdownText.table(gains.header, gains.cells, rightAligned: [1, 2, 3]))
                out.append("")
            }
        }
        out += unmatchedLines.map { "- " + MarkdownText.escape($0) }
        if !unmatchedLines.isEmpty { out.append("") }
        if !machines.facts.isEmpty {
            out.append("## Machines")
            out.append("")
            let header = ["fact"] + comparison.columns.indices.map(columnName) + ["differs"]
            let cells = machines.facts.map { [$0.name] + $0.values + [$0.differs ? "yes" : ""] }
            out.append(MarkdownText.table(header, cells))
            out.append("")
        }
        out.append(MarkdownText.escape(method.comparisonLegend) + ".")
        if let note = missingIntervalNote { out.append(""); out.append(MarkdownText.escape(note) + ".") }
        if !comparison.gains.isEmpty {
            out.append("")
            out.append("Gain ratio: " + MarkdownText.escape(method.gainComparisonMethod) + ".")
        }
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
