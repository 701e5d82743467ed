import AESReportModel
import AESReportStats

extension ReportCharts {
    /// A host's throughput per cipher for one operation: a bar per AES-NI state, the method's centre of the pooled
    /// rounds (`ReportAnalysis.pooled`), its whisker the interval of that same centre at the analysis' confidence
    /// (or ± one standard deviation around it), never the interval of another statistic.
    static func throughput(_ runs: [RunStatistics], host: String, operation: Operation, analysis: ReportAnalysis,
                           options: ChartOptions, analysisOptions: AnalysisOptions) -> GroupedBarChart? {
        let language = options.language
        let theme = options.theme
        let ciphers = orderedCiphers(runs.flatMap(\.series).filter { $0.operation == operation && $0.n > 0 }.map(\.cipher))
        guard !ciphers.isEmpty else { return nil }
        var pools: [String: [Bool: PooledSeries]] = [:]
        for pool in analysis.pooled where pool.host == host && pool.operation == operation {
            pools[pool.cipher, default: [:]][pool.aesni] = pool
        }
        var series: [BarSeries] = []
        // Why a bar has no whisker (the first reason met), said in the caption: a caption must not promise error
        // bars that are not drawn.
        var missingInterval: String?
        for (state, name, color) in [(false, language.withoutAESNI, theme.withoutAESNI),
                                     (true, language.withAESNI, theme.withAESNI)] {
            guard runs.contains(where: { $0.run.aesni == state }) else { continue }
            let bars = ciphers.map { pools[$0]?[state] }
            let intervals = bars.map { pool -> ClosedRange<Double>? in
                guard let pool else { return nil }
                switch options.errorBars {
                case .ci95:
                    guard let interval = pool.centreInterval.interval else {
                        missingInterval = missingInterval ?? pool.centreInterval.note ?? "no interval"
                        return nil
                    }
                    guard let range = ClosedRange<Double>.checked(interval.low, interval.high) else {
                        missingInterval = missingInterval ?? "its interval is not a number"
                        return nil
                    }
                    return range
                case .stdev:
                    return pool.standardDeviation.flatMap { ClosedRange<Double>.checked(pool.centre - $0, pool.centre + $0) }
                }
            }
            series.append(BarSeries(name: name, color: color, values: bars.map { $0?.centre }, intervals: intervals))
        }
        let annotations: [GroupAnnotation?] = ciphers.map { cipher in
            guard let s = analysis.speedups.first(where: { $0.host == host && $0.cipher == cipher && $0.operation == operation })
            else { return nil }
            let text = percent(s.estimate.percent) + language.significanceMark(s.significant)
            return GroupAnnotation(text: text, muted: s.significant != true)
        }
        return GroupedBarChart(
            title: language.throughputTitle(operation), subtitle: subtitle(host: host, runs: runs.map(\.run), language: language),
            caption: language.errorBarCaption(options.errorBars, method: Method(analysisOptions),
                                              missingInterval: missingInterval),
            categories: ciphers, categoryAxisTitle: language.cipher, series: series, annotations: annotations,
            valueAxisTitle: language.throughput, clippedNote: language.clippedNote)
    }
}
