import AESReportModel
import AESReportStats

extension ReportCharts {
    /// What AES-NI buys in `openssl speed`, like the dd speedup chart: one band per algorithm (and block size, when
    /// there are several), one bar per direction, the gain of `OpenSSLSpeedup` with its interval, pale and `~` when
    /// not significant.
    static func opensslSpeedup(_ speedups: [OpenSSLSpeedup], runs: [Run], host: String, options: ChartOptions,
                               method: Method) -> HorizontalBarChart? {
        guard !speedups.isEmpty else { return nil }
        let language = options.language
        struct Category: Hashable {
            var algorithm: String
            var blockSize: Int
        }
        let categories = speedups.map { Category(algorithm: $0.algorithm, blockSize: $0.blockSize) }.uniqued()
            .sorted { ($0.algorithm, $0.blockSize) < ($1.algorithm, $1.blockSize) }
        let oneBlockSize = Set(categories.map(\.blockSize)).count == 1
        let colors = options.theme.extra
        let series = [(CipherDirection.encrypt, language.encrypt, colors[0]), (.decrypt, language.decrypt, colors[1])]
            .compactMap { direction, name, color -> HorizontalBarChart.Series? in
                let bars: [HorizontalBarChart.Bar?] = categories.map { category in
                    guard let s = speedups.first(where: {
                        $0.direction == direction && $0.algorithm == category.algorithm
                            && $0.blockSize == category.blockSize
                    }) else { return nil }
                    return HorizontalBarChart.Bar(value: s.estimate.percent, interval: s.estimate.percentInterval,
                                                  label: percent(s.estimate.percent)
                                                      + language.significanceMark(s.significant),
                                                  muted: s.significant != true, untested: s.significant == nil)
                }
                return bars.contains { $0 != nil } ? HorizontalBarChart.Series(name: name, color: color, bars: bars) : nil
            }
        return HorizontalBarChart(
            title: language.opensslSpeedupTitle, subtitle: subtitle(host: host, runs: runs, language: language),
            caption: language.speedupCaption(method),
            categories: categories.map { oneBlockSize ? $0.algorithm : "\($0.algorithm) · \($0.blockSize) B" },
            series: series, valueAxisTitle: language.gainAxis)
    }
}

extension RatioEstimate {
    /// The interval of the gain in percent (`-3...+12`), or nil where there is none.
    var percentInterval: ClosedRange<Double>? {
        confidenceInterval.map { (($0.low - 1) * 100)...(($0.high - 1) * 100) }
    }
}
