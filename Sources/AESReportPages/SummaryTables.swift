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
        // Every row is written as bytes into one buffer: no String per field or line (a fleet has 100,000s of rows).
        var buffer = ByteBuffer(capacity: (1 << 20) + (1 << 12))
        for (index, name) in csvHeader.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer.appendCSVField(name)
        }
        buffer.append(0x0A)
        // By index: `for x in array` copies each element (a series holds a dozen references to retain).
        for runIndex in analysis.runs.indices {
            for index in analysis.runs[runIndex].series.indices {
                writeCSVRow(analysis.runs[runIndex].series[index], of: analysis.runs[runIndex].run, centre: centre,
                            to: &buffer)
            }
            if buffer.count >= 1 << 20 {
                try sink(buffer.bytes[...])
                buffer.removeAll()
            }
        }
        try sink(buffer.bytes[...])
    }

    /// One row of summary.csv, in the order of `csvHeader`, ending with a newline.
    private static func writeCSVRow(_ s: SeriesStatistics, of run: Run, centre: Centre, to buffer: inout ByteBuffer) {
        let comma = UInt8(ascii: ",")
        let summary = s.summary
        buffer.appendCSVText(run.host); buffer.append(comma)
        buffer.appendCSVText(run.label); buffer.append(comma)
        buffer.appendCSVField(CSVText.yesNo(run.aesni)); buffer.append(comma)
        buffer.appendCSVText(s.cipher); buffer.append(comma)
        buffer.appendCSVField(s.operation.rawValue); buffer.append(comma)
        buffer.appendDecimal(s.n); buffer.append(comma)
        buffer.appendDecimal(s.rounds); buffer.append(comma)
        buffer.appendDecimal(s.failed); buffer.append(comma)
        // One call per column (an array literal here would be an allocation per row).
        buffer.appendCSVNumber(summary?.mean); buffer.append(comma)
        buffer.appendCSVNumber(summary?.median); buffer.append(comma)
        buffer.appendCSVNumber(summary?.standardDeviation); buffer.append(comma)
        buffer.appendCSVNumber(summary?.min); buffer.append(comma)
        buffer.appendCSVNumber(summary?.max); buffer.append(comma)
        buffer.appendCSVNumber(summary?.coefficientOfVariation); buffer.append(comma)
        buffer.appendCSVNumber(summary?.confidenceInterval?.low); buffer.append(comma)
        buffer.appendCSVNumber(summary?.confidenceInterval?.high); buffer.append(comma)
        buffer.appendCSVNumber(s.totalThroughput); buffer.append(comma)
        buffer.appendCSVRoundList(s.outliers); buffer.append(comma)
        buffer.appendCSVRoundList(s.dropped); buffer.append(comma)
        buffer.appendCSVText(s.source); buffer.append(comma)
        buffer.appendCSVField(centre.rawValue); buffer.append(comma)
        buffer.appendCSVNumber(s.centre); buffer.append(comma)
        buffer.appendCSVNumber(s.centreInterval?.low); buffer.append(comma)
        buffer.appendCSVNumber(s.centreInterval?.high)
        buffer.append(0x0A)
    }
}
