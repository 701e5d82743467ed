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

    /// A latency in nanoseconds as the page writes it: `850 ns`, `12.3 µs`, `4.18 ms`, `1.15 s`.
    static func latencyText(_ nanoseconds: Double?) -> String {
        guard let nanoseconds, nanoseconds.isFinite else { return "-" }
        if nanoseconds >= 1_000_000_000 { return ThroughputFormat.fixed(nanoseconds / 1_000_000_000, decimals: 2) + " s" }
        if nanoseconds >= 1_000_000 { return ThroughputFormat.fixed(nanoseconds / 1_000_000, decimals: 2) + " ms" }
        if nanoseconds >= 1000 { return ThroughputFormat.fixed(nanoseconds / 1000, decimals: 1) + " µs" }
        return ThroughputFormat.fixed(nanoseconds, decimals: 0) + " ns"
    }
}

extension HTMLReport {
    /// A run's series rows, with fio's measures on the series that have fio rounds.
    func seriesViews(_ stats: RunStatistics) -> [SeriesView] {
        stats.series.map { series in
            var row = seriesView(series)
            if let measures = FioSeriesMeasures.of(stats.run.fio, cipher: series.cipher, operation: series.operation) {
                row.iops = measures.iops.map { ThroughputFormat.fixed($0, decimals: 0) } ?? "-"
                row.latencyMean = FioSeriesMeasures.latencyText(measures.latencyMean)
                row.latencyP99 = FioSeriesMeasures.latencyText(measures.latencyP99)
            }
            return row
        }
    }
}
