import AESReportModel
import AESReportStats

extension ReportCharts {
    /// What AES-NI buys in `openssl speed`, like the dd speedup chart: one band per algorithm (and block size, when
    /// there are several), one bar per direction, the gain of `OpenSSLSpeedup` with its interval, pale and `~` when
    /// not significant.
    static func opensslSpeedup(_ speedups: [OpenSSLSpeedup], runs: [Run], host: String, options: ChartOptions,
                               method: Method) -> HorizontalBarChart? {
        struct Category: Hashable {
            var algorithm: String
            var blockSize: Int
        }
        let categories = speedups.map { Category(algorithm: $0.algorithm, blockSize: $0.blockSize) }.uniqued()
            .sorted { ($0.algorithm, $0.blockSize) < ($1.algorithm, $1.blockSize) }
        let oneBlockSize = Set(categories.map(\.blockSize)).count == 1
        func name(_ algorithm: String, _ blockSize: Int) -> String {
            oneBlockSize ? algorithm : "\(algorithm) · \(blockSize) B"
        }
        return gainChart(speedups, categories: categories.map { name($0.algorithm, $0.blockSize) },
                         category: { name($0.algorithm, $0.blockSize) }, series: directions(options, \.direction),
                         title: options.language.opensslSpeedupTitle, runs: runs, host: host, options: options,
                         method: method)
    }

    /// What AES-NI buys in the kernel's tcrypt at the host's largest block size (the one the terminal and the page
    /// show): one band per algorithm and key size, one bar per direction, as `opensslSpeedup`.
    static func tcryptSpeedup(_ speedups: [TcryptSpeedup], runs: [Run], host: String, options: ChartOptions,
                              method: Method) -> HorizontalBarChart? {
        guard let largest = speedups.map(\.blockSize).max() else { return nil }
        let shown = speedups.filter { $0.blockSize == largest }
        func name(_ s: TcryptSpeedup) -> String { "\(s.algorithm) \(s.keyBits)b" }
        return gainChart(shown, categories: shown.map(name).uniqued(), category: name,
                         series: directions(options, \.direction),
                         title: options.language.tcryptSpeedupTitle(blockSize: largest), runs: runs, host: host,
                         options: options, method: method)
    }

    /// The encrypt and decrypt series of a whole-output gain chart, in the theme's extra colours.
    static func directions<Gain>(_ options: ChartOptions, _ direction: @escaping (Gain) -> CipherDirection)
        -> [(name: String, color: Color, contains: (Gain) -> Bool)] {
        [(options.language.encrypt, options.theme.extra[0], { direction($0) == .encrypt }),
         (options.language.decrypt, options.theme.extra[1], { direction($0) == .decrypt })]
    }

    /// A gain chart (dd, openssl, tcrypt): a band per category, a bar per series, each the gain with its interval,
    /// pale and `~` when not significant; nil when there is no gain.
    static func gainChart<Gain: AESNIGain>(_ gains: [Gain], categories: [String], category: (Gain) -> String,
                                           series: [(name: String, color: Color, contains: (Gain) -> Bool)],
                                           title: String, runs: [Run], host: String, options: ChartOptions,
                                           method: Method) -> HorizontalBarChart? {
        guard !gains.isEmpty else { return nil }
        let language = options.language
        let bars = series.compactMap { name, color, contains -> HorizontalBarChart.Series? in
            let bars: [HorizontalBarChart.Bar?] = categories.map { band in
                guard let s = gains.first(where: { contains($0) && category($0) == band }) else { return nil }
                return HorizontalBarChart.Bar(value: s.estimate.percent, interval: s.estimate.percentInterval,
                                              label: percent(s.estimate.percent) + language.significanceMark(s.significant),
                                              muted: s.significant != true, untested: s.significant == nil)
            }
            return bars.contains { $0 != nil } ? HorizontalBarChart.Series(name: name, color: color, bars: bars) : nil
        }
        return HorizontalBarChart(
            title: title, subtitle: subtitle(host: host, runs: runs, language: language),
            caption: language.speedupCaption(method), categories: categories, series: bars,
            valueAxisTitle: language.gainAxis)
    }
}

extension RatioEstimate {
    /// The interval of the gain in percent (`-3...+12`), or nil where there is none.
    var percentInterval: ClosedRange<Double>? {
        guard let interval = confidenceInterval else { return nil }
        let low: Double = (interval.low - 1) * 100
        let high: Double = (interval.high - 1) * 100
        return ClosedRange<Double>.checked(low, high)
    }
}
