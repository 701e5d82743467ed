import AESReportStats

extension SeriesStatistics {
    /// One entry of `runs[].series[]` in summary.json (the README's field table). The bulk of a fleet's document:
    /// written straight from the statistics, keys in sorted order. With `samples` `.none`, `samples` and
    /// `sample_rounds` are left out.
    func writeJSON(to w: inout JSONWriter, samples included: SummarySamples = .all) {
        w.openObject()
        w.key("centre"); w.value(centre)
        w.key("centre_ci95"); w.value(pair: centreInterval.map { ($0.low, $0.high) })
        w.key("centre_ci95_note"); w.value(centreIntervalNote)
        w.key("ci95"); w.value(pair: summary?.confidenceInterval.map { ($0.low, $0.high) })
        w.key("ci95_note"); w.value(summary == nil ? "no complete round" : summary?.intervalNote)
        w.key("cipher"); w.value(cipher)
        w.key("cv"); w.value(summary?.coefficientOfVariation)
        w.key("dropped"); w.value(dropped)
        w.key("failed"); w.value(failed)
        w.key("max"); w.value(summary?.max)
        w.key("mean"); w.value(summary?.mean)
        w.key("median"); w.value(summary?.median)
        w.key("min"); w.value(summary?.min)
        w.key("n"); w.value(n)
        w.key("operation"); w.value(operation.rawValue)
        w.key("outliers"); w.value(outliers)
        w.key("rounds"); w.value(rounds)
        if included == .all {
            // Straight from the rounds, with no array per series.
            w.key("sample_rounds"); w.value(integers: sampleRecords.map(\.number))
            w.key("samples"); w.value(numbers: sampleRecords.map(\.throughput))
        }
        w.key("source"); w.value(source)
        w.key("stdev"); w.value(summary?.standardDeviation)
        w.key("total_throughput"); w.value(totalThroughput)
        w.closeObject()
    }
}
