import AESReportModel
import AESReportStats

extension ReportCharts {
    /// What AES-NI buys one host per cipher: a band per cipher, a read and a write bar, each the gain with its
    /// interval (`gainChart`).
    static func speedup(_ speedups: [Speedup], host: String, runs: [RunStatistics], options: ChartOptions,
                        method: Method) -> HorizontalBarChart? {
        let language = options.language
        return gainChart(speedups, categories: orderedCiphers(speedups.map(\.cipher)), category: \.cipher,
                         series: [(language.read, options.theme.read, { $0.operation == .read }),
                                  (language.write, options.theme.write, { $0.operation == .write })],
                         title: language.speedupTitle, runs: runs.map(\.run), host: host, options: options,
                         method: method)
    }

    /// A gain on a chart: `+91%`, `−3%`, `−0.4%` (`PercentText`, with the typographic minus).
    static func percent(_ value: Double) -> String {
        PercentText.signed(value, minus: .typographic)
    }
}
