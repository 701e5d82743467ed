import AESReportModel
import AESReportStats

/// A chart of a report, by the file name it is written under (without extension) and its model.
public struct NamedChart: Sendable {
    public enum Model: Sendable {
        case grouped(GroupedBarChart)
        case horizontal(HorizontalBarChart)
        case distribution(DistributionChart)
    }

    public var name: String
    public var model: Model

    /// The chart's title and caption, for pages that show it.
    public var title: String {
        switch model {
        case let .grouped(chart): chart.title
        case let .horizontal(chart): chart.title
        case let .distribution(chart): chart.title
        }
    }

    /// The chart's subtitle: the host and its CPU, for a report's charts.
    public var subtitle: String {
        switch model {
        case let .grouped(chart): chart.subtitle
        case let .horizontal(chart): chart.subtitle
        case let .distribution(chart): chart.subtitle
        }
    }

    public var caption: String {
        switch model {
        case let .grouped(chart): chart.caption
        case let .horizontal(chart): chart.caption
        case let .distribution(chart): chart.caption
        }
    }

    public func layout(theme: Theme, measurer: TextMeasurer, size: ChartSize) -> Drawing {
        switch model {
        case let .grouped(chart): GroupedBarLayout.layout(chart, theme: theme, measurer: measurer, size: size)
        case let .horizontal(chart): HorizontalBarLayout.layout(chart, theme: theme, measurer: measurer, size: size)
        case let .distribution(chart): DistributionLayout.layout(chart, theme: theme, measurer: measurer, size: size)
        }
    }
}

/// Options for the charts of a report.
public struct ChartOptions: Sendable {
    public var language: ChartLanguage
    public var errorBars: ErrorBars
    public var theme: Theme

    public init(language: ChartLanguage = .en, errorBars: ErrorBars = .ci95, theme: Theme = .light) {
        self.language = language
        self.errorBars = errorBars
        self.theme = theme
    }
}

/// Builds every chart of a report from its statistics.
public enum ReportCharts {
    public static func charts(_ analysis: ReportAnalysis, options: ChartOptions, analysisOptions: AnalysisOptions)
        -> [NamedChart] {
        var charts: [NamedChart] = []
        let hosts = analysis.runs.map(\.run.host).uniqued()
        let fileNames = HostFileNames.names(hosts)
        for host in hosts {
            let suffix = hosts.count > 1 ? "-" + fileNames[host, default: HostFileNames.hash(host)] : ""
            let runs = analysis.runs.filter { $0.run.host == host }
            for operation in Operation.allCases {
                if let chart = throughput(runs, host: host, operation: operation, analysis: analysis, options: options,
                                          analysisOptions: analysisOptions) {
                    charts.append(NamedChart(name: operation.rawValue + suffix, model: .grouped(chart)))
                }
            }
            if let chart = speedup(analysis.speedups.filter { $0.host == host }, host: host, runs: runs,
                                   options: options, method: Method(analysisOptions)) {
                charts.append(NamedChart(name: "speedup" + suffix, model: .horizontal(chart)))
            }
            for direction in [CipherDirection.encrypt, .decrypt] {
                if let chart = openssl(runs.map(\.run), host: host, direction: direction, options: options,
                                       method: Method(analysisOptions).forSamples) {
                    charts.append(NamedChart(name: "openssl-\(direction.rawValue)" + suffix, model: .grouped(chart)))
                }
            }
            if let chart = cryptsetup(runs.map(\.run), host: host, options: options) {
                charts.append(NamedChart(name: "cryptsetup" + suffix, model: .grouped(chart)))
            }
        }
        return charts
    }

    /// The fleet view: for read and write, the spread of AES-NI gains across hosts per cipher.
    public static func fleet(_ fleet: FleetAnalysis, options: ChartOptions) -> [NamedChart] {
        Operation.allCases.compactMap { operation in
            let spreads = fleet.spreads.filter { $0.operation == operation }
                .sorted { CipherOrder.areInIncreasingOrder($0.cipher, $1.cipher) }
            guard !spreads.isEmpty else { return nil }
            let columns = spreads.map { spread in
                DistributionChart.Column(values: spread.gains.map(\.percent), median: spread.median,
                                         lowerQuartile: spread.lowerQuartile, upperQuartile: spread.upperQuartile,
                                         highlighted: spread.gains.filter { spread.lowHosts.contains($0.host) }.map(\.percent))
            }
            let language = options.language
            let title = language == .en ? "AES-NI \(operation.rawValue) gain across \(fleet.hosts) hosts"
                : "\(fleet.hosts) 台主机上 AESNI 的\(operation == .read ? "读" : "写")性能提升分布"
            let caption = language == .en
                ? "Shaded: how many hosts have each gain; box: quartiles; bar: median; dots: hosts far below the fleet (Tukey)."
                : "阴影：各提升值的主机数；箱：四分位数；横线：中位数；点：远低于整体的主机（Tukey）。"
            let chart = DistributionChart(title: title, subtitle: "\(spreads.first?.gains.count ?? 0) hosts with both runs",
                                          caption: caption, categories: spreads.map(\.cipher), columns: columns,
                                          valueAxisTitle: language.gainAxis,
                                          color: operation == .read ? options.theme.read : options.theme.write,
                                          highlightColor: Color(hex: 0xD55E00))
            return NamedChart(name: "fleet-\(operation.rawValue)", model: .distribution(chart))
        }
    }

    static func subtitle(host: String, runs: [Run], language: ChartLanguage) -> String {
        let cpu = runs.compactMap(\.cpu).first { $0.hasHardwareAES } ?? runs.compactMap(\.cpu).first
        let emulated = VirtualMachineAccelerator.caveat(for: runs).map { " · " + language.emulatedCPU($0) } ?? ""
        guard let cpu, let model = cpu.modelName else { return host + emulated }
        return "\(host) · \(model)" + (cpu.isGuest ? " (\(language.guest))" : "") + emulated
    }

    static func orderedCiphers(_ names: [String]) -> [String] {
        Array(Set(names)).sorted(by: CipherOrder.areInIncreasingOrder)
    }

    static func throughput(_ runs: [RunStatistics], host: String, operation: Operation, analysis: ReportAnalysis,
                           options: ChartOptions, analysisOptions: AnalysisOptions) -> GroupedBarChart? {
        let language = options.language
        let theme = options.theme
        let method = Method(analysisOptions)
        let ciphers = orderedCiphers(runs.flatMap(\.series).filter { $0.operation == operation && $0.n > 0 }.map(\.cipher))
        guard !ciphers.isEmpty else { return nil }
        var series: [BarSeries] = []
        // Why a bar has no whisker (the first reason met), said in the caption: a caption must not promise error
        // bars that are not drawn.
        var missingInterval: String?
        for (state, name, color) in [(false, language.withoutAESNI, theme.withoutAESNI),
                                     (true, language.withAESNI, theme.withAESNI)] {
            let stateRuns = runs.filter { $0.run.aesni == state }
            guard !stateRuns.isEmpty else { continue }
            var values: [Double?] = []
            var intervals: [ClosedRange<Double>?] = []
            for cipher in ciphers {
                defer {
                    if options.errorBars == .ci95, values.last! != nil, intervals.last! == nil, missingInterval == nil {
                        let pooled = stateRuns.flatMap(\.series).filter {
                            $0.cipher == cipher && $0.operation == operation && $0.n > 0
                        }
                        missingInterval = method.interval(of: pooled).note ?? "no interval"
                    }
                }
                let pooled = stateRuns.flatMap(\.series).filter { $0.cipher == cipher && $0.operation == operation && $0.n > 0 }
                guard !pooled.isEmpty else {
                    values.append(nil)
                    intervals.append(nil)
                    continue
                }
                // The bar is the method's centre and the whisker the interval of that same centre (or ± one standard
                // deviation around it), never the interval of another statistic.
                let centre = method.centre(of: pooled)
                values.append(centre)
                switch options.errorBars {
                case .ci95:
                    intervals.append(method.interval(of: pooled).interval.map { $0.low...$0.high })
                case .stdev:
                    let sd = SampleSummary(pooled.flatMap(\.samples)).standardDeviation
                    intervals.append(sd.map { (centre - $0)...(centre + $0) })
                }
            }
            series.append(BarSeries(name: name, color: color, values: values, intervals: intervals))
        }
        let annotations: [GroupAnnotation?] = ciphers.map { cipher in
            guard let s = analysis.speedups.first(where: { $0.host == host && $0.cipher == cipher && $0.operation == operation })
            else { return nil }
            let text = percent(s.estimate.percent) + language.significanceMark(s.significant)
            return GroupAnnotation(text: text, muted: s.significant != true)
        }
        return GroupedBarChart(
            title: language.throughputTitle(operation), subtitle: subtitle(host: host, runs: runs.map(\.run), language: language),
            caption: language.errorBarCaption(options.errorBars, method: method, missingInterval: missingInterval),
            categories: ciphers, categoryAxisTitle: language.cipher, series: series, annotations: annotations,
            valueAxisTitle: language.throughput)
    }

    /// A compared side's whisker: the interval of its centre, or ± one standard deviation around it.
    static func errorInterval(_ side: ComparedSide, _ errorBars: ErrorBars) -> ClosedRange<Double>? {
        switch errorBars {
        case .ci95:
            return side.centreInterval.interval.map { $0.low...$0.high }
        case .stdev:
            return side.summary.standardDeviation.map { (side.centre - $0)...(side.centre + $0) }
        }
    }

    static func speedup(_ speedups: [Speedup], host: String, runs: [RunStatistics], options: ChartOptions,
                        method: Method) -> HorizontalBarChart? {
        guard !speedups.isEmpty else { return nil }
        let language = options.language
        let ciphers = orderedCiphers(speedups.map(\.cipher))
        let series = [(Operation.read, language.read, options.theme.read), (.write, language.write, options.theme.write)]
            .compactMap { operation, name, color -> HorizontalBarChart.Series? in
                let bars: [HorizontalBarChart.Bar?] = ciphers.map { cipher in
                    guard let s = speedups.first(where: { $0.cipher == cipher && $0.operation == operation }) else {
                        return nil
                    }
                    let interval = s.estimate.confidenceInterval.map { (($0.low - 1) * 100)...(($0.high - 1) * 100) }
                    return HorizontalBarChart.Bar(value: s.estimate.percent, interval: interval,
                                                  label: percent(s.estimate.percent)
                                                      + language.significanceMark(s.significant),
                                                  muted: s.significant != true, untested: s.significant == nil)
                }
                return bars.contains { $0 != nil } ? HorizontalBarChart.Series(name: name, color: color, bars: bars) : nil
            }
        return HorizontalBarChart(title: language.speedupTitle,
                                  subtitle: subtitle(host: host, runs: runs.map(\.run), language: language),
                                  caption: language.speedupCaption(method), categories: ciphers, series: series,
                                  valueAxisTitle: language.gainAxis)
    }

    /// openssl outputs by block size (or by algorithm, with one block size); bars are the method's centre of the
    /// outputs (`Method.forSamples`: the mean, or the median with `--centre median`), as in the speedup table.
    static func openssl(_ runs: [Run], host: String, direction: CipherDirection, options: ChartOptions,
                        method: Method = Method()) -> GroupedBarChart? {
        let language = options.language
        var series: [BarSeries] = []
        var blockSizes: [Int] = []
        let results = runs.flatMap { run in
            run.openssl.filter { $0.direction == direction }.flatMap { speed in speed.results.map { (run, $0) } }
        }
        guard !results.isEmpty else { return nil }
        blockSizes = Array(Set(results.map(\.1.blockSize))).sorted()
        let algorithms = Array(Set(results.map { $0.1.algorithm.uppercased() })).sorted()
        if blockSizes.count == 1 {
            // One block size (as `collect openssl` measures): the algorithms side by side, like figure 9-5.
            for state in [false, true] {
                let matching = results.filter { $0.0.aesni == state }
                guard !matching.isEmpty else { continue }
                let values: [Double?] = algorithms.map { algorithm in
                    let cells = matching.filter { $0.1.algorithm.uppercased() == algorithm }.map(\.1.bytesPerSecond)
                    return cells.isEmpty ? nil : method.centre(ofSamples: cells)
                }
                series.append(BarSeries(name: state ? language.withAESNI : language.withoutAESNI,
                                        color: state ? options.theme.withAESNI : options.theme.withoutAESNI,
                                        hatched: false, values: values))
            }
            return GroupedBarChart(title: language.opensslTitle(direction, byAlgorithm: true),
                                   subtitle: subtitle(host: host, runs: runs, language: language),
                                   caption: language.opensslSingleSizeCaption(method), categories: algorithms,
                                   categoryAxisTitle: language.opensslSingleSizeAxis(blockSizes[0]), series: series,
                                   annotations: [], valueAxisTitle: language.throughput)
        }
        for algorithm in algorithms {
            for state in [false, true] {
                let matching = results.filter { $0.0.aesni == state && $0.1.algorithm.uppercased() == algorithm }
                guard !matching.isEmpty else { continue }
                let values: [Double?] = blockSizes.map { size in
                    let cells = matching.filter { $0.1.blockSize == size }.map(\.1.bytesPerSecond)
                    return cells.isEmpty ? nil : method.centre(ofSamples: cells)
                }
                series.append(BarSeries(name: "\(algorithm) \(state ? language.withAESNI : language.withoutAESNI)",
                                        color: state ? options.theme.withAESNI : options.theme.withoutAESNI,
                                        hatched: algorithm.contains("256"), values: values))
            }
        }
        return GroupedBarChart(title: language.opensslTitle(direction), subtitle: subtitle(host: host, runs: runs, language: language),
                               caption: language.opensslCaption(method), categories: blockSizes.map(String.init),
                               categoryAxisTitle: language.blockSize, series: series,
                               annotations: [], valueAxisTitle: language.throughput)
    }

    static func cryptsetup(_ runs: [Run], host: String, options: ChartOptions) -> GroupedBarChart? {
        let language = options.language
        let rows = runs.flatMap { run in run.cryptsetup.flatMap { b in b.ciphers.map { (run, $0) } } }
        guard !rows.isEmpty else { return nil }
        var categories: [String] = []
        for (_, row) in rows where !categories.contains("\(row.algorithm) \(row.keyBits)b") {
            categories.append("\(row.algorithm) \(row.keyBits)b")
        }
        var series: [BarSeries] = []
        for (decrypt, name) in [(false, language.encryption), (true, language.decryption)] {
            for state in [false, true] {
                let matching = rows.filter { $0.0.aesni == state }
                guard !matching.isEmpty else { continue }
                let values: [Double?] = categories.map { category in
                    let cells = matching.filter { "\($0.1.algorithm) \($0.1.keyBits)b" == category }
                        .compactMap { decrypt ? $0.1.decryption : $0.1.encryption }
                    return cells.isEmpty ? nil : Descriptive.mean(cells)
                }
                series.append(BarSeries(name: "\(name) \(state ? language.withAESNI : language.withoutAESNI)",
                                        color: state ? options.theme.withAESNI : options.theme.withoutAESNI,
                                        hatched: decrypt, values: values))
            }
        }
        return GroupedBarChart(title: language.cryptsetupTitle, subtitle: subtitle(host: host, runs: runs, language: language),
                               caption: language.cryptsetupCaption, categories: categories, categoryAxisTitle: "",
                               series: series, annotations: [], valueAxisTitle: language.throughput)
    }

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
            for (side, name) in [(0, comparison.nameA), (1, comparison.nameB)] {
                for state in [false, true] {
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
                series: series, annotations: [], valueAxisTitle: language.throughput)
            charts.append(NamedChart(name: "compare-\(operation.rawValue)", model: .grouped(chart)))
        }
        return charts
    }

    static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// `+91%`, `-3%`.
    static func percent(_ value: Double) -> String {
        let rounded = value.rounded()
        return (rounded >= 0 ? "+" : "−") + String(Int(abs(rounded))) + "%"
    }
}
