import AESReportModel
import AESReportStats

extension ComparisonDocument {
    /// The table rows as text cells, for the terminal and comparison.md: series, A, B, change, p and n.
    func cells() -> [[String]] {
        comparison.rows.map { r in
            let state = r.aesni.map { $0 ? "AES-NI" : "no AES-NI" } ?? "AES-NI ?"
            let change = r.significant
                ? PercentText.signed(r.change.percent) + " (" + NumberText.percentRange(r.changeInterval) + ")"
                : "~"
            return ["\(r.cipher) \(r.operation.rawValue) \(state)", Self.centreText(r.a), Self.centreText(r.b), change,
                    NumberText.pValue(r.mannWhitney.pValue) + " n=\(r.a.n)+\(r.b.n)"]
        }
    }

    /// The columns' headers.
    var header: [String] { ["series", "A", "B", method.changeHeader, "Mann-Whitney"] }

    /// `1.27 GB/s ± 2%`: the centre and the half-width of its interval (`Method.interval(of:)`, the interval the
    /// charts' whiskers show) relative to it.
    static func centreText(_ side: ComparedSide) -> String {
        var text = ThroughputFormat.si(side.centre)
        if let ci = side.centreInterval.interval, side.centre != 0 {
            text += " ± " + ThroughputFormat.fixed((ci.high - ci.low) / 2 / side.centre * 100, decimals: 0) + "%"
        }
        return text
    }

    /// `geomean read without AES-NI: +27% over 6 series`.
    func geometricMeanLines() -> [String] {
        comparison.geometricMeans.map { g in
            let scope = g.operation.map { "\($0.rawValue) " + AESNIStateText.of(g.aesni) } ?? "all series"
            return "geomean \(scope): \(PercentText.signed(g.percent)) over \(g.rows) series"
        }
    }

    /// `only in A: ...` and `only in B: ...`, each series named through `name` (an escaper, or as it is).
    func onlyOneSideLines(name: (String) -> String = { $0 }) -> [String] {
        comparison.onlyInA.map { "only in A: " + name($0) } + comparison.onlyInB.map { "only in B: " + name($0) }
    }

    /// The aligned, benchstat-like table printed on standard output.
    public func terminalTable() -> String {
        var lines = ["A: \(TerminalText.escape(comparison.nameA))", "B: \(TerminalText.escape(comparison.nameB))", ""]
        lines.append(TextTable.render([header] + cells(), rightAligned: [1, 2, 3]))
        lines.append("")
        lines += geometricMeanLines()
        lines += onlyOneSideLines().map(TerminalText.escape)
        lines.append(method.comparisonLegend)
        return lines.joined(separator: "\n") + "\n"
    }
}
