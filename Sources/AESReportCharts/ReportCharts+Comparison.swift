import AESReportModel
import AESReportStats

extension ReportCharts {
    /// A comparison's charts, per pair of columns: the throughput per operation (`compare-read`, `compare-write`;
    /// the other column hatched, the change or gain over each cipher) and, where both columns have gains, the gains
    /// side by side (`compare-gains`). With several pairs, names end in the other column's file name.
    public static func comparison(_ comparison: Comparison, options: ChartOptions,
                                  analysisOptions: AnalysisOptions = AnalysisOptions()) -> [NamedChart] {
        let method = Method(analysisOptions)
        let fileNames = HostFileNames.names(comparison.pairs.map { comparison.columns[$0.other].label })
        var charts: [NamedChart] = []
        for (index, pair) in comparison.pairs.enumerated() {
            let host = comparison.pairs.count > 1
                ? (fileNames[comparison.columns[pair.other].label] ?? String(index + 1)) : nil
            let rows = comparison.rows.filter { $0.pair == index }
            for operation in Operation.allCases {
                let opRows = rows.filter { $0.operation == operation }
                guard !opRows.isEmpty else { continue }
                let chart = throughputComparison(opRows, operation: operation, pair: pair, comparison: comparison,
                                                 options: options, method: method)
                charts.append(NamedChart(kind: .compare(operation), host: host, model: .grouped(chart)))
            }
            for operation in Operation.allCases {
                let gains = comparison.gains.filter {
                    $0.pair == index && $0.source == .dmcrypt && $0.operation == operation.rawValue
                }
                if let chart = gainsComparison(gains, operation: operation, pair: pair, comparison: comparison,
                                               options: options, method: method) {
                    charts.append(NamedChart(kind: .compareGains(operation), host: host, model: .horizontal(chart)))
                }
            }
        }
        return charts
    }

    /// The names of a pair's two columns on its charts: their inputs' letters (`A`, `C`), the other primed when both
    /// come from one input (`A`, `A′`).
    static func pairNames(_ pair: ComparisonPair, _ comparison: Comparison) -> (base: String, other: String) {
        let a = Comparison.sideLetter(comparison.columns[pair.baseline].side)
        let b = Comparison.sideLetter(comparison.columns[pair.other].side)
        return (a, a == b ? b + "′" : b)
    }

    /// `A: dc1/node01 · B: dc2/node01`, the columns as every output names them.
    static func pairSubtitle(_ pair: ComparisonPair, _ comparison: Comparison) -> String {
        let names = pairNames(pair, comparison)
        return "\(names.base): \(comparison.columns[pair.baseline].label) · "
            + "\(names.other): \(comparison.columns[pair.other].label)"
    }

    /// One operation's throughput in both columns of a pair, whiskers of each centre's interval, and over each
    /// cipher the change from the baseline (per state, without then with) or, for a pair of states, the gain.
    static func throughputComparison(_ rows: [ComparisonRow], operation: Operation, pair: ComparisonPair,
                                     comparison: Comparison, options: ChartOptions, method: Method) -> GroupedBarChart {
        let language = options.language
        let ciphers = orderedCiphers(rows.map(\.cipher))
        let a = comparison.columns[pair.baseline], b = comparison.columns[pair.other]
        var series: [BarSeries] = []
        let statePair = pair.kind == .aesniStates
        // Baseline and other of one state side by side, baseline first: the pair a reader compares stands together.
        let states: [Bool?] = statePair ? [nil] : [false, true]
        for state in states {
            for (isOther, column) in [(false, a), (true, b)] {
                let values: [(Double, ClosedRange<Double>?)?] = ciphers.map { cipher in
                    guard let row = rows.first(where: { $0.cipher == cipher && $0.aesni == state }) else { return nil }
                    let side = isOther ? row.b : row.a
                    return (side.centre, errorInterval(side, options.errorBars))
                }
                guard values.contains(where: { $0 != nil }) else { continue }
                let columnState = state ?? (column.states.first ?? false)
                let label = column.label + ", " + (columnState ? language.withAESNI : language.withoutAESNI)
                series.append(BarSeries(name: label, color: columnState ? options.theme.withAESNI : options.theme.withoutAESNI,
                                        hatched: isOther, values: values.map { $0?.0 }, intervals: values.map { $0?.1 }))
            }
        }
        var marks = Set<Bool?>()
        let annotations: [GroupAnnotation?] = ciphers.map { cipher in
            let cipherRows = states.compactMap { state in rows.first { $0.cipher == cipher && $0.aesni == state } }
            guard !cipherRows.isEmpty else { return nil }
            for row in cipherRows { marks.insert(row.significant) }
            let text = cipherRows.map { percent($0.change.percent) + language.significanceMark($0.significant) }
                .joined(separator: " / ")
            return GroupAnnotation(text: text, muted: !cipherRows.contains { $0.significant == true })
        }
        let title = statePair ? language.throughputTitle(operation) : language.twoHostTitle(operation)
        return GroupedBarChart(
            title: title, subtitle: pairSubtitle(pair, comparison),
            caption: language.compareCaption(options.errorBars, method: method, statePair: statePair,
                                             marks: marks, names: pairNames(pair, comparison)),
            categories: ciphers, categoryAxisTitle: language.cipher, series: series, annotations: annotations,
            valueAxisTitle: language.throughput, clippedNote: language.clippedNote)
    }

    /// What AES-NI buys on each column of a pair for one operation, per cipher, the other column hatched; each band
    /// names the ratio of the two gains (`B/A −24%`, `~`, `n/a`; the letters are the inputs').
    static func gainsComparison(_ gains: [GainComparisonRow], operation: Operation, pair: ComparisonPair,
                                comparison: Comparison, options: ChartOptions, method: Method) -> HorizontalBarChart? {
        guard !gains.isEmpty else { return nil }
        let language = options.language
        let ordered = gains.sorted { CipherOrder.areInIncreasingOrder($0.item, $1.item) }
        var barMarks = Set<Bool?>(), ratioMarks = Set<Bool?>()
        let names = pairNames(pair, comparison)
        let categories = ordered.map { g -> String in
            ratioMarks.insert(g.comparison.significant)
            let verdict: String = switch g.comparison.significant {
            case true?: percent(g.comparison.percent)
            case false?: "~"
            case nil: "n/a"
            }
            return "\(g.item) · \(names.other)/\(names.base) \(verdict)"
        }
        func bar(_ gain: ReportedGain) -> HorizontalBarChart.Bar {
            barMarks.insert(gain.significant)
            return HorizontalBarChart.Bar(value: gain.estimate.percent, interval: gain.estimate.percentInterval,
                                          label: percent(gain.estimate.percent) + language.significanceMark(gain.significant),
                                          muted: gain.significant != true, untested: gain.significant == nil)
        }
        let a = comparison.columns[pair.baseline], b = comparison.columns[pair.other]
        let series = [
            HorizontalBarChart.Series(name: a.label, color: options.theme.withAESNI, bars: ordered.map { bar($0.a) }),
            HorizontalBarChart.Series(name: b.label, color: options.theme.withAESNI, bars: ordered.map { bar($0.b) },
                                      hatched: true),
        ]
        return HorizontalBarChart(title: language.compareGainsTitle(operation), subtitle: pairSubtitle(pair, comparison),
                                  caption: language.compareGainsCaption(method, barMarks: barMarks,
                                                                        ratioMarks: ratioMarks, names: names),
                                  categories: categories, series: series, valueAxisTitle: language.gainAxis)
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
