import AESReportModel
import AESReportStats

/// fio's own measures of one series of a run (cipher and operation), beside the throughput the statistics reduce:
/// IOPS (summed over the jobs of a round), mean completion latency and 99th-percentile completion latency (the
/// slowest job's), each the mean over the rounds that gave it. Failed rounds (`error != 0`) are left out.
struct FioSeriesMeasures: Equatable {
    var iops: Double?
    /// Nanoseconds.
    var latencyMean: Double?
    var latencyP99: Double?

    /// The measures of `cipher`'s `operation` rounds among `outputs`; nil when the run has no fio round of it.
    static func of(_ outputs: [FioOutput], cipher: String, operation: Operation) -> FioSeriesMeasures? {
        let reports = outputs.filter { $0.cipher == cipher && $0.operation == operation }.flatMap(\.rounds).map(\.result)
        guard !reports.isEmpty else { return nil }
        var iops: [Double] = [], means: [Double] = [], p99s: [Double] = []
        for report in reports where !report.jobs.contains(where: { $0.error != 0 }) {
            let group = operation == .read ? report.groupRead : report.groupWrite
            let jobs = report.jobs.compactMap { $0.result(operation) }.filter(\.isUsed)
            // fio's group line where it has the figure, else its jobs'.
            func each(_ value: (FioDirectionResult) -> Double?) -> [Double]? {
                if let group, let figure = value(group) { return [figure] }
                let values = jobs.compactMap(value)
                return !jobs.isEmpty && values.count == jobs.count ? values : nil
            }
            if let values = each(\.iops) { iops.append(values.reduce(0, +)) }
            if let values = each(\.meanCompletionLatency) { means.append(values.reduce(0, +) / Double(values.count)) }
            if let values = each({ $0.completionPercentiles.first { $0.percent == 99 }?.nanoseconds }),
               let slowest = values.max() {
                p99s.append(slowest)
            }
        }
        func mean(_ values: [Double]) -> Double? { values.isEmpty ? nil : values.reduce(0, +) / Double(values.count) }
        return FioSeriesMeasures(iops: mean(iops), latencyMean: mean(means), latencyP99: mean(p99s))
    }

    /// A latency in nanoseconds as the page writes it, three digits: `850 ns`, `12.3 µs`, `333 ms`, `1.15 s`.
    static func latencyText(_ nanoseconds: Double?) -> String {
        guard let nanoseconds, nanoseconds.isFinite else { return "-" }
        let (value, unit) = nanoseconds >= 1e9 ? (nanoseconds / 1e9, "s") : nanoseconds >= 1e6 ? (nanoseconds / 1e6, "ms")
            : nanoseconds >= 1e3 ? (nanoseconds / 1e3, "µs") : (nanoseconds, "ns")
        return threeDigits(value) + " " + unit
    }

    /// `16.6`, `41.8`, `333`, `4000`: three significant digits below 1000, whole numbers above.
    static func threeDigits(_ value: Double) -> String {
        ThroughputFormat.fixed(value, decimals: value >= 100 ? 0 : value >= 10 ? 1 : 2)
    }
}

extension HTMLReport {
    /// A run's series rows, with fio's measures on the series that have fio rounds.
    func seriesViews(_ stats: RunStatistics) -> [SeriesView] {
        stats.series.map { series in
            var row = seriesView(series)
            if let measures = FioSeriesMeasures.of(stats.run.fio, cipher: series.cipher, operation: series.operation) {
                row.iops = measures.iops.map(FioSeriesMeasures.threeDigits) ?? "-"
                row.latencyMean = FioSeriesMeasures.latencyText(measures.latencyMean)
                row.latencyP99 = FioSeriesMeasures.latencyText(measures.latencyP99)
            }
            return row
        }
    }
}
