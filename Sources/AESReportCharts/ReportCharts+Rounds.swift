import AESReportModel
import AESReportStats

extension ReportCharts {
    /// A host's rounds in the order they ran (`RoundSequence`): a category per cipher and operation, a line per
    /// run in its AES-NI state's colour, failed rounds as gaps, Tukey's outliers marked.
    static func rounds(_ runs: [RunStatistics], host: String, options: ChartOptions) -> RoundsChart? {
        let language = options.language
        let theme = options.theme
        let sequences = runs.flatMap(RoundSequence.of).filter { $0.throughputs.contains { $0 != nil } }
        guard !sequences.isEmpty else { return nil }
        struct Category: Hashable {
            var cipher: String
            var operation: Operation
        }
        let ciphers = orderedCiphers(sequences.map(\.cipher))
        let categories = ciphers.flatMap { cipher in
            Operation.allCases.map { Category(cipher: cipher, operation: $0) }
        }.filter { category in sequences.contains { $0.cipher == category.cipher && $0.operation == category.operation } }
        func color(_ aesni: Bool?) -> Color {
            aesni == true ? theme.withAESNI : aesni == false ? theme.withoutAESNI : theme.extra[5 % theme.extra.count]
        }
        let lines = categories.map { category in
            sequences.filter { $0.cipher == category.cipher && $0.operation == category.operation }.map { sequence in
                RoundsChart.Line(color: color(sequence.aesni), values: sequence.throughputs,
                                 outliers: sequence.numbers.indices.filter { sequence.outliers.contains(sequence.numbers[$0]) })
            }
        }
        let states = runs.map(\.run.aesni).uniqued().sorted { ($0.map { $0 ? 1 : 0 } ?? 2) < ($1.map { $0 ? 1 : 0 } ?? 2) }
        var legend = states.map { state in
            RoundsChart.LegendItem(name: state == true ? language.withAESNI
                                       : state == false ? language.withoutAESNI : language.unknownState,
                                   color: color(state))
        }
        let highlight = Color(hex: 0xD55E00)
        if lines.joined().contains(where: { !$0.outliers.isEmpty }) { legend.append(RoundsChart.LegendItem(name: language.outlier, color: highlight)) }
        return RoundsChart(title: language.roundsTitle, subtitle: subtitle(host: host, runs: runs.map(\.run), language: language),
                           caption: language.roundsCaption,
                           categories: categories.map { "\($0.cipher) \(language.operation($0.operation))" },
                           lines: lines, legend: legend, valueAxisTitle: language.throughput, highlightColor: highlight)
    }
}
