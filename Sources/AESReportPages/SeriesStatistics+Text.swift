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

    /// The interval of the centre, `1.2 GB/s – 1.3 GB/s`, or why there is none (`none` when nothing says why). A
    /// throughput is never negative: a lower bound below zero (two rounds far apart) reads `unbounded`.
    func centreIntervalText(separator: String, none: String) -> String {
        centreInterval.map { interval in
            (interval.low < 0 ? "unbounded" : ThroughputFormat.si(interval.low)) + separator
                + ThroughputFormat.si(interval.high)
        }
            ?? (centreIntervalNote ?? none)
    }
}
