import AESReportModel
import AESReportStats

extension ReportCharts {
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
                    return HorizontalBarChart.Bar(value: s.estimate.percent, interval: s.estimate.percentInterval,
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

    /// A gain on a chart: `+91%`, `−3%`, `−0.4%` (`PercentText`, with the typographic minus).
    static func percent(_ value: Double) -> String {
        PercentText.signed(value, minus: .typographic)
    }
}
