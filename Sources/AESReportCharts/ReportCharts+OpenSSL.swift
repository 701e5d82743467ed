import AESReportModel
import AESReportStats

extension ReportCharts {
    /// openssl outputs by block size (or by algorithm, with one block size); bars are the pooled outputs' centres
    /// (`ReportAnalysis.opensslPooled`, by `Method.forSamples`: the mean, or the median with `--centre median`),
    /// the same numbers as the speedup table's.
    static func openssl(_ pools: [PooledOpenSSL], runs: [Run], host: String, direction: CipherDirection,
                        options: ChartOptions, method: Method = Method()) -> GroupedBarChart? {
        let language = options.language
        let pools = pools.filter { $0.direction == direction }
        guard !pools.isEmpty else { return nil }
        struct Bar: Hashable {
            var aesni: Bool
            var algorithm: String
            var blockSize: Int
        }
        let centres = Dictionary(uniqueKeysWithValues: pools.map {
            (Bar(aesni: $0.aesni, algorithm: $0.algorithm, blockSize: $0.blockSize), $0.centre)
        })
        let blockSizes = Array(Set(pools.map(\.blockSize))).sorted()
        let algorithms = Array(Set(pools.map(\.algorithm))).sorted()
        var series: [BarSeries] = []
        if blockSizes.count == 1 {
            // One block size (as `collect openssl` measures): the algorithms side by side, like figure 9-5.
            for state in [false, true] where pools.contains(where: { $0.aesni == state }) {
                series.append(BarSeries(name: state ? language.withAESNI : language.withoutAESNI,
                                        color: state ? options.theme.withAESNI : options.theme.withoutAESNI,
                                        hatched: false, values: algorithms.map {
                                            centres[Bar(aesni: state, algorithm: $0, blockSize: blockSizes[0])]
                                        }))
            }
            return GroupedBarChart(title: language.opensslTitle(direction, byAlgorithm: true),
                                   subtitle: subtitle(host: host, runs: runs, language: language),
                                   caption: language.opensslSingleSizeCaption(method), categories: algorithms,
                                   categoryAxisTitle: language.opensslSingleSizeAxis(blockSizes[0]), series: series,
                                   annotations: [], valueAxisTitle: language.throughput)
        }
        for algorithm in algorithms {
            for state in [false, true] where pools.contains(where: { $0.aesni == state && $0.algorithm == algorithm }) {
                series.append(BarSeries(name: "\(algorithm) \(state ? language.withAESNI : language.withoutAESNI)",
                                        color: state ? options.theme.withAESNI : options.theme.withoutAESNI,
                                        hatched: algorithm.contains("256"), values: blockSizes.map {
                                            centres[Bar(aesni: state, algorithm: algorithm, blockSize: $0)]
                                        }))
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
}
