import AESReportModel
import AESReportStats

extension ComparisonDocument {
    public static let csvHeader = [
        "pair", "column_a", "column_b", "cipher", "operation", "aesni", "gain_with_aesni", "n_a", "centre_a",
        "ci95_low_a", "ci95_high_a", "n_b", "centre_b", "ci95_low_b", "ci95_high_b", "change_percent",
        "change_ci95_low", "change_ci95_high", "test", "p_value", "significant",
    ]

    /// comparison.csv: one line per row, the columns of `csvHeader`; intervals are the method's.
    public func csv() -> String {
        var lines = [CSVText.line(Self.csvHeader)]
        let columns = comparison.columns
        for r in comparison.rows {
            let pair = comparison.pairs[r.pair]
            lines.append(CSVText.line([
                String(r.pair), CSVText.text(columns[pair.baseline].label), CSVText.text(columns[pair.other].label),
                CSVText.text(r.cipher), r.operation.rawValue, CSVText.yesNo(r.aesni),
                CSVText.yesNo(pair.kind == .aesniStates),
            ] + r.a.csvFields + r.b.csvFields + [
                CSVText.number(r.change.percent), CSVText.number(r.change.percentInterval?.low),
                CSVText.number(r.change.percentInterval?.high), r.testKind.rawValue, CSVText.number(r.test.pValue),
                CSVText.yesNo(r.significant),
            ]))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static let gainsCSVHeader = [
        "pair", "column_a", "column_b", "source", "cipher", "operation", "block_size", "a_ratio", "a_ci95_low",
        "a_ci95_high", "a_significant", "b_ratio", "b_ci95_low", "b_ci95_high", "b_significant", "ratio_of_ratios",
        "ratio_of_ratios_ci95_low", "ratio_of_ratios_ci95_high", "test", "p_value", "significant",
    ]

    /// comparison-gains.csv: each pair's gains side by side, the columns of `gainsCSVHeader`.
    public func gainsCSV() -> String {
        var lines = [CSVText.line(Self.gainsCSVHeader)]
        let columns = comparison.columns
        for g in comparison.gains {
            let pair = comparison.pairs[g.pair]
            lines.append(CSVText.line([
                String(g.pair), CSVText.text(columns[pair.baseline].label), CSVText.text(columns[pair.other].label),
                g.source.rawValue, CSVText.text(g.item), g.operation, CSVText.number(g.blockSize),
                CSVText.number(g.a.estimate.ratio), CSVText.number(g.a.estimate.confidenceInterval?.low),
                CSVText.number(g.a.estimate.confidenceInterval?.high), CSVText.yesNo(g.a.significant),
                CSVText.number(g.b.estimate.ratio), CSVText.number(g.b.estimate.confidenceInterval?.low),
                CSVText.number(g.b.estimate.confidenceInterval?.high), CSVText.yesNo(g.b.significant),
                CSVText.number(g.comparison.ratio), CSVText.number(g.comparison.interval?.low),
                CSVText.number(g.comparison.interval?.high), g.comparison.kind.rawValue,
                CSVText.number(g.comparison.test.pValue), CSVText.yesNo(g.comparison.significant),
            ]))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension ComparedSide {
    /// `n`, `centre`, `ci95_low`, `ci95_high` of one side (the interval of the centre, as in comparison.json).
    var csvFields: [String] {
        [String(n), CSVText.number(centre), CSVText.number(centreInterval.interval?.low),
         CSVText.number(centreInterval.interval?.high)]
    }
}
