import AESReportModel
import AESReportStats

/// A series' cells as people read them, on the page and in summary.md alike.
extension SeriesStatistics {
    /// `rounds 3, 7`, or `-` when Tukey's fences flag none.
    var outliersText: String {
        outliers.isEmpty ? "-" : "rounds " + outliers.map(String.init).joined(separator: ", ")
    }

    /// `2.4%`, or `-` below 2 rounds.
    var coefficientOfVariationText: String {
        summary?.coefficientOfVariation.map { NumberText.plainPercent($0 * 100) } ?? "-"
    }

    /// The interval of the centre, `1.2 GB/s – 1.3 GB/s`, or why there is none (`none` when nothing says why).
    func centreIntervalText(separator: String, none: String) -> String {
        centreInterval.map { ThroughputFormat.si($0.low) + separator + ThroughputFormat.si($0.high) }
            ?? (centreIntervalNote ?? none)
    }
}
