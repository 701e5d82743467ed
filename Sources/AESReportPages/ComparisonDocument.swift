import AESReportModel
import AESReportStats

/// `comparison.json`, `.csv` and `.md`, and the aligned table `compare` prints.
public struct ComparisonDocument {
    struct Side {
        var n: Int
        var centre: Double
        var mean: Double
        var median: Double
        var stdev: Double?
        var ci95: [Double]?
        var runs: [String]

    }

    struct Row {
        var cipher: String
        var operation: String
        var aesni: Bool?
        var a: Side
        var b: Side
        var ratio: Double
        var changePercent: Double
        var changeCI95: [Double]?
        var changeCI95Method: String
        var pValueMannWhitney: Double?
        var pValueWelch: Double?
        var significant: Bool

    }

    struct GeometricMean {
        var operation: String?
        var aesni: Bool?
        var ratio: Double
        var percent: Double
        var rows: Int

    }

    var tool: SummaryDocument.Tool
    var a: String
    var b: String
    var alpha: Double
    var centre: String
    var significanceTest = "Mann-Whitney U, two-sided (Welch's t-test also given)"
    var rows: [Row]
    var onlyInA: [String]
    var onlyInB: [String]
    var geometricMeans: [GeometricMean]
    var diagnostics: [SummaryDocument.DiagnosticEntry]
    var diagnosticsOmitted = 0

    public init(comparison: Comparison, options: AnalysisOptions, diagnostics: [Diagnostic], version: String) {
        tool = SummaryDocument.Tool(version: version)
        a = comparison.nameA
        b = comparison.nameB
        alpha = comparison.alpha
        centre = options.centre.rawValue
        rows = comparison.rows.map { r in
            Row(cipher: r.cipher, operation: r.operation.rawValue, aesni: r.aesni, a: Self.side(r.a), b: Self.side(r.b),
                ratio: r.change.ratio, changePercent: r.change.percent,
                changeCI95: r.change.confidenceInterval.map { [($0.low - 1) * 100, ($0.high - 1) * 100] },
                changeCI95Method: r.change.intervalMethod, pValueMannWhitney: r.mannWhitney.pValue,
                pValueWelch: r.welch.pValue, significant: r.significant)
        }
        onlyInA = comparison.onlyInA
        onlyInB = comparison.onlyInB
        geometricMeans = comparison.geometricMeans.map {
            GeometricMean(operation: $0.operation?.rawValue, aesni: $0.aesni, ratio: $0.ratio, percent: $0.percent,
                          rows: $0.rows)
        }
        (self.diagnostics, diagnosticsOmitted) = SummaryDocument.entries(diagnostics)
    }

    static func side(_ s: ComparedSide) -> Side {
        Side(n: s.n, centre: s.centre, mean: s.summary.mean, median: s.summary.median,
             stdev: s.summary.standardDeviation,
             ci95: s.summary.confidenceInterval.map { [$0.low, $0.high] }, runs: s.runs)
    }

    /// The document as JSON (keys sorted, as summary.json), written by `JSONWriter`.
    public func json() throws -> String {
        var w = JSONWriter()
        func side(_ w: inout JSONWriter, _ s: Side) {
            w.object { w in
                w.key("centre"); w.value(s.centre)
                w.key("ci95"); w.value(s.ci95)
                w.key("mean"); w.value(s.mean)
                w.key("median"); w.value(s.median)
                w.key("n"); w.value(s.n)
                w.key("runs"); w.value(s.runs)
                w.key("stdev"); w.value(s.stdev)
            }
        }
        w.object { w in
            w.key("a"); w.value(a)
            w.key("alpha"); w.value(alpha)
            w.key("b"); w.value(b)
            w.key("centre"); w.value(centre)
            w.key("diagnostics")
            SummaryDocument.write(diagnostics, to: &w)
            w.key("diagnostics_omitted"); w.value(diagnosticsOmitted)
            w.key("geometric_means")
            w.array { w in
                for g in geometricMeans {
                    w.object { w in
                        w.key("aesni"); w.value(g.aesni)
                        w.key("operation"); w.value(g.operation)
                        w.key("percent"); w.value(g.percent)
                        w.key("ratio"); w.value(g.ratio)
                        w.key("rows"); w.value(g.rows)
                    }
                }
            }
            w.key("only_in_a"); w.value(onlyInA)
            w.key("only_in_b"); w.value(onlyInB)
            w.key("rows")
            w.array { w in
                for r in rows {
                    w.object { w in
                        w.key("a"); side(&w, r.a)
                        w.key("aesni"); w.value(r.aesni)
                        w.key("b"); side(&w, r.b)
                        w.key("change_ci95"); w.value(r.changeCI95)
                        w.key("change_ci95_method"); w.value(r.changeCI95Method)
                        w.key("change_percent"); w.value(r.changePercent)
                        w.key("cipher"); w.value(r.cipher)
                        w.key("operation"); w.value(r.operation)
                        w.key("p_value_mann_whitney"); w.value(r.pValueMannWhitney)
                        w.key("p_value_welch"); w.value(r.pValueWelch)
                        w.key("ratio"); w.value(r.ratio)
                        w.key("significant"); w.value(r.significant)
                    }
                }
            }
            w.key("significance_test"); w.value(significanceTest)
            w.key("tool")
            w.object { w in
                w.key("name"); w.value(tool.name)
                w.key("version"); w.value(tool.version)
            }
        }
        return String(decoding: w.bytes, as: UTF8.self) + "\n"
    }

    public static let csvHeader = [
        "cipher", "operation", "aesni", "n_a", "centre_a", "ci95_low_a", "ci95_high_a", "n_b", "centre_b",
        "ci95_low_b", "ci95_high_b", "change_percent", "change_ci95_low", "change_ci95_high",
        "p_value_mann_whitney", "p_value_welch", "significant",
    ]

    public func csv() -> String {
        var lines = [CSVText.line(Self.csvHeader)]
        for r in rows {
            lines.append(CSVText.line([
                CSVText.text(r.cipher), r.operation, r.aesni.map { $0 ? "yes" : "no" } ?? "", String(r.a.n), CSVText.number(r.a.centre),
                CSVText.number(r.a.ci95?[0]), CSVText.number(r.a.ci95?[1]), String(r.b.n), CSVText.number(r.b.centre),
                CSVText.number(r.b.ci95?[0]), CSVText.number(r.b.ci95?[1]), CSVText.number(r.changePercent),
                CSVText.number(r.changeCI95?[0]), CSVText.number(r.changeCI95?[1]), CSVText.number(r.pValueMannWhitney),
                CSVText.number(r.pValueWelch), r.significant ? "yes" : "no",
            ]))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The table rows as text cells: series, A, B, change, p and n.
    func cells() -> [[String]] {
        rows.map { r in
            let state = r.aesni.map { $0 ? "AES-NI" : "no AES-NI" } ?? "AES-NI ?"
            let change = r.significant
                ? NumberText.percent(r.changePercent) + " (" + interval(r.changeCI95) + ")"
                : "~"
            return ["\(r.cipher) \(r.operation) \(state)", Self.centreText(r.a), Self.centreText(r.b), change,
                    NumberText.pValue(r.pValueMannWhitney) + " n=\(r.a.n)+\(r.b.n)"]
        }
    }

    private func interval(_ bounds: [Double]?) -> String {
        guard let bounds else { return "n/a" }
        return NumberText.percent(bounds[0]) + " .. " + NumberText.percent(bounds[1])
    }

    /// `1.27 GB/s ± 2%`: the centre and the half-width of the mean's interval relative to it.
    static func centreText(_ side: Side) -> String {
        var text = ThroughputFormat.si(side.centre)
        if let ci = side.ci95, side.centre != 0 {
            text += " ± " + ThroughputFormat.fixed((ci[1] - ci[0]) / 2 / side.centre * 100, decimals: 0) + "%"
        }
        return text
    }

    func geometricMeanLines() -> [String] {
        geometricMeans.map { g in
            let scope = g.operation.map { op in
                "\(op) " + AESNIStateText.of(g.aesni)
            } ?? "all series"
            return "geomean \(scope): \(NumberText.percent(g.percent)) over \(g.rows) series"
        }
    }

    /// The aligned, benchstat-like table printed on standard output.
    public func terminalTable() -> String {
        var lines = ["A: \(TerminalText.escape(a))", "B: \(TerminalText.escape(b))", ""]
        let header = ["series", "A", "B", "change (95% CI)", "Mann-Whitney"]
        lines.append(TextTable.render([header] + cells(), rightAligned: [1, 2, 3]))
        lines.append("")
        lines += geometricMeanLines()
        lines += (onlyInA.map { "only in A: \($0)" } + onlyInB.map { "only in B: \($0)" }).map(TerminalText.escape)
        lines.append("~: no significant difference (Mann-Whitney U, alpha \(alpha)); ± is the 95% interval of the mean")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Diagnostics listed in comparison.md; the rest are counted.
    static let markdownDiagnostics = 20

    public func markdown() -> String {
        var out = ["# Comparison", "", "- A: \(MarkdownText.escape(a))", "- B: \(MarkdownText.escape(b))", ""]
        out.append(MarkdownText.table(["series", "A", "B", "change (95% CI)", "Mann-Whitney"], cells(),
                                      rightAligned: [1, 2, 3]))
        out.append("")
        out += geometricMeanLines().map { "- " + MarkdownText.escape($0) }
        out += onlyInA.map { "- only in A: " + MarkdownText.escape($0) }
        out += onlyInB.map { "- only in B: " + MarkdownText.escape($0) }
        out.append("")
        out.append("`~`: no significant difference (Mann-Whitney U, alpha \(alpha)); ± is the 95% interval of the mean.")
        out.append("")
        if !diagnostics.isEmpty {
            out.append("Diagnostics:")
            out.append("")
            for d in diagnostics.prefix(Self.markdownDiagnostics) {
                let place = d.line.map { "\(d.file):\($0)" } ?? d.file
                out.append("- " + MarkdownText.escape("\(place): \(d.severity): \(d.message)"))
            }
            let more = diagnostics.count - min(diagnostics.count, Self.markdownDiagnostics) + diagnosticsOmitted
            if more > 0 { out.append("- and \(more) more (comparison.json lists up to 1000, standard error all)") }
            out.append("")
        }
        return out.joined(separator: "\n")
    }
}

/// Plain-text tables with columns separated by two spaces.
public enum TextTable {
    /// Cells are shown with their control characters escaped (`TerminalText`): the table is for a terminal.
    public static func render(_ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        let rows = rows.map { $0.map(TerminalText.escape) }
        guard let width = rows.map(\.count).max() else { return "" }
        var widths = Array(repeating: 0, count: width)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        return rows.map { row in
            row.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                if rightAligned.contains(i) { return pad + cell }
                return i == row.count - 1 ? cell : cell + pad
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
