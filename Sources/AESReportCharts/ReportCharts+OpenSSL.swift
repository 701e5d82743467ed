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

    /// `cryptsetup benchmark` per algorithm and key size: encryption and decryption, without and with AES-NI, the
    /// runs' means (`ReportAnalysis.cryptsetupPooled`).
    static func cryptsetup(_ pools: [PooledCryptsetup], runs: [Run], host: String, options: ChartOptions)
        -> GroupedBarChart? {
        let language = options.language
        guard !pools.isEmpty else { return nil }
        let categories = pools.map(\.label).uniqued()
        var series: [BarSeries] = []
        for (decrypt, name) in [(false, language.encryption), (true, language.decryption)] {
            for state in [false, true] {
                let byLabel = Dictionary(uniqueKeysWithValues: pools.filter { $0.aesni == state }.map { ($0.label, $0) })
                guard !byLabel.isEmpty else { continue }
                series.append(BarSeries(name: "\(name) \(state ? language.withAESNI : language.withoutAESNI)",
                                        color: state ? options.theme.withAESNI : options.theme.withoutAESNI,
                                        hatched: decrypt, values: categories.map { category in
                                            byLabel[category].flatMap { decrypt ? $0.decryption : $0.encryption }
                                        }))
            }
        }
        return GroupedBarChart(title: language.cryptsetupTitle, subtitle: subtitle(host: host, runs: runs, language: language),
                               caption: language.cryptsetupCaption, categories: categories, categoryAxisTitle: "",
                               series: series, annotations: [], valueAxisTitle: language.throughput)
    }
}
