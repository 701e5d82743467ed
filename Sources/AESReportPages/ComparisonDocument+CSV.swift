import AESReportModel
import AESReportStats

extension ComparisonDocument {
    public static let csvHeader = [
        "cipher", "operation", "aesni", "n_a", "centre_a", "ci95_low_a", "ci95_high_a", "n_b", "centre_b",
        "ci95_low_b", "ci95_high_b", "change_percent", "change_ci95_low", "change_ci95_high",
        "p_value_mann_whitney", "p_value_welch", "significant",
    ]

    /// comparison.csv: one line per row, the columns of `csvHeader`.
    public func csv() -> String {
        var lines = [CSVText.line(Self.csvHeader)]
        for r in comparison.rows {
            lines.append(CSVText.line([CSVText.text(r.cipher), r.operation.rawValue, CSVText.yesNo(r.aesni)]
                + r.a.csvFields + r.b.csvFields + [
                    CSVText.number(r.change.percent), CSVText.number(r.changeInterval?.low),
                    CSVText.number(r.changeInterval?.high), CSVText.number(r.mannWhitney.pValue),
                    CSVText.number(r.welch.pValue), CSVText.yesNo(r.significant),
                ]))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension ComparedSide {
    /// `n`, `centre`, `ci95_low`, `ci95_high` of one side (the mean's t interval, as in comparison.json).
    var csvFields: [String] {
        [String(n), CSVText.number(centre), CSVText.number(summary.confidenceInterval?.low),
         CSVText.number(summary.confidenceInterval?.high)]
    }
}
