/// What `report` and `compare` write, in one list: the charts are named from `OutputChart`, the documents from
/// `OutputDocument`, and the output folder's cleanup knows a stale file of an earlier run by these same lists
/// (`OutputFolder.isReportName`). A new chart or document is a new case here, or it cannot be named at all.
///
/// A chart's file is `<kind>[-<host>].<png|svg|pdf>`: the host part only when a page has several hosts (for
/// `compare`, several pairs: the other column's name).
public enum OutputChart: String, Sendable, CaseIterable {
    // A report's charts, one of each per host (`--charts` chooses among them, as `ChartKind`).
    case read, write, speedup, rounds
    case opensslEncrypt = "openssl-encrypt"
    case opensslDecrypt = "openssl-decrypt"
    case opensslSpeedup = "openssl-speedup"
    case cryptsetup
    case tcryptSpeedup = "tcrypt-speedup"
    // A fleet's: the spread of the gains across hosts.
    case fleetRead = "fleet-read"
    case fleetWrite = "fleet-write"
    // `compare`'s.
    case compareRead = "compare-read"
    case compareWrite = "compare-write"
    case compareGainsRead = "compare-gains-read"
    case compareGainsWrite = "compare-gains-write"

    /// The image formats a chart is written in.
    public static let extensions = ["png", "svg", "pdf"]

    /// The chart of `operation` among `read` and `write`.
    public static func throughput(_ operation: Operation) -> OutputChart { operation == .read ? .read : .write }
    public static func fleet(_ operation: Operation) -> OutputChart { operation == .read ? .fleetRead : .fleetWrite }
    public static func compare(_ operation: Operation) -> OutputChart {
        operation == .read ? .compareRead : .compareWrite
    }
    public static func compareGains(_ operation: Operation) -> OutputChart {
        operation == .read ? .compareGainsRead : .compareGainsWrite
    }
}

/// The page and the summaries `report` and `compare` write, by file name.
public enum OutputDocument: String, Sendable, CaseIterable {
    case page = "index.html"
    case summaryJSON = "summary.json"
    case summaryCSV = "summary.csv"
    case summaryMarkdown = "summary.md"
    case comparisonJSON = "comparison.json"
    case comparisonCSV = "comparison.csv"
    case comparisonGainsCSV = "comparison-gains.csv"
    case comparisonMarkdown = "comparison.md"
}
