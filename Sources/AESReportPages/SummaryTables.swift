import AESReportModel
import AESReportStats

/// `summary.csv` (one row per series) and `summary.md` (tables to paste into documentation,
/// `SummaryTables+Markdown.swift`).
public enum SummaryTables {
    public static let csvHeader = [
        "host", "run", "aesni", "cipher", "operation", "n", "rounds", "failed", "mean", "median", "stdev", "min", "max",
        "cv", "ci95_low", "ci95_high", "total_throughput", "outlier_rounds", "dropped_rounds", "source",
        "centre", "centre_value", "centre_ci_low", "centre_ci_high",
    ]

    public static func csv(_ analysis: ReportAnalysis, centre: Centre = .mean) -> String {
        var bytes: [UInt8] = []
        writeCSV(analysis, centre: centre) { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Streams the same text to `sink` in pieces of about a megabyte (a fleet's table is never held whole).
    /// `ci95_low`/`ci95_high` are always the mean's t interval; `centre*` are what the report compares (the
    /// `--centre`: mean, median or total) and the interval of that centre, as the bars and whiskers show them.
    public static func writeCSV(_ analysis: ReportAnalysis, centre: Centre = .mean,
                                to sink: (ArraySlice<UInt8>) throws -> Void) rethrows {
        var buffer: [UInt8] = []
        buffer.reserveCapacity((1 << 20) + (1 << 12))
        func add(_ fields: [String]) {
            var line = CSVText.line(fields)
            line.withUTF8 { buffer.append(contentsOf: $0) }
            buffer.append(0x0A)
        }
        add(csvHeader)
        for stats in analysis.runs {
            for s in stats.series {
                let summary = s.summary
                add([
                    CSVText.text(stats.run.host), CSVText.text(stats.run.label), CSVText.yesNo(stats.run.aesni),
                    CSVText.text(s.cipher), s.operation.rawValue, String(s.n), String(s.rounds), String(s.failed),
                    CSVText.number(summary?.mean), CSVText.number(summary?.median),
                    CSVText.number(summary?.standardDeviation), CSVText.number(summary?.min),
                    CSVText.number(summary?.max), CSVText.number(summary?.coefficientOfVariation),
                    CSVText.number(summary?.confidenceInterval?.low), CSVText.number(summary?.confidenceInterval?.high),
                    CSVText.number(s.totalThroughput), s.outliers.map(String.init).joined(separator: " "),
                    s.dropped.map(String.init).joined(separator: " "), CSVText.text(s.source),
                    centre.rawValue, CSVText.number(s.centre), CSVText.number(s.centreInterval?.low),
                    CSVText.number(s.centreInterval?.high),
                ])
            }
            if buffer.count >= 1 << 20 {
                try sink(buffer[...])
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try sink(buffer[...])
    }
}
