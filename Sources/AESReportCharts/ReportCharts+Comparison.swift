import AESReportModel
import AESReportStats

extension ReportCharts {
    /// The two-host charts of a comparison, one per operation.
    public static func comparison(_ comparison: Comparison, options: ChartOptions,
                                  analysisOptions: AnalysisOptions = AnalysisOptions()) -> [NamedChart] {
        let language = options.language
        let method = Method(analysisOptions)
        var charts: [NamedChart] = []
        for operation in Operation.allCases {
            let rows = comparison.rows.filter { $0.operation == operation }
            guard !rows.isEmpty else { continue }
            let ciphers = orderedCiphers(rows.map(\.cipher))
            var series: [BarSeries] = []
            // A and B of one state side by side, A first: the pair a reader compares stands together.
            for state in [false, true] {
                for (side, name) in [(0, comparison.nameA), (1, comparison.nameB)] {
                    let values: [(Double, ClosedRange<Double>?)?] = ciphers.map { cipher in
                        guard let row = rows.first(where: { $0.cipher == cipher && $0.aesni == state }) else { return nil }
                        let sideValue = side == 0 ? row.a : row.b
                        return (sideValue.centre, errorInterval(sideValue, options.errorBars))
                    }
                    guard values.contains(where: { $0 != nil }) else { continue }
                    let label = lastComponent(name) + ", " + (state ? language.withAESNI : language.withoutAESNI)
                    series.append(BarSeries(name: label, color: state ? options.theme.withAESNI : options.theme.withoutAESNI,
                                            hatched: side == 1, values: values.map { $0?.0 }, intervals: values.map { $0?.1 }))
                }
            }
            let chart = GroupedBarChart(
                title: language.twoHostTitle(operation),
                subtitle: "A: \(lastComponent(comparison.nameA)) · B: \(lastComponent(comparison.nameB))",
                caption: language.compareCaption(options.errorBars, method: method), categories: ciphers, categoryAxisTitle: language.cipher,
                series: series, annotations: [], valueAxisTitle: language.throughput, clippedNote: language.clippedNote)
            charts.append(NamedChart(kind: .compare(operation), model: .grouped(chart)))
        }
        return charts
    }

    /// A compared side's whisker: the interval of its centre, or ± one standard deviation around it.
    static func errorInterval(_ side: ComparedSide, _ errorBars: ErrorBars) -> ClosedRange<Double>? {
        switch errorBars {
        case .ci95:
            return side.centreInterval.interval.flatMap { ClosedRange<Double>.checked($0.low, $0.high) }
        case .stdev:
            return side.summary.standardDeviation.flatMap { ClosedRange<Double>.checked(side.centre - $0, side.centre + $0) }
        }
    }
}
