import AESReportModel
import AESReportStats

extension ReportCharts {
    /// openssl outputs by block size (or by algorithm, with one block size); bars are the pooled outputs' centres
    /// (`ReportAnalysis.opensslPooled`, by `Method.forSamples`: the mean, or the median with `--centre median`),
    /// the same numbers as the speedup table's; over each group the gains (`OpenSSLSpeedup`), in legend order.
    /// Every series has its own colour and fill: the state's colour, hatched for a 256-bit key, fainter for each
    /// mode after the first (`AES-128-CBC` solid, `AES-128-GCM` fainter).
    static func openssl(_ pools: [PooledOpenSSL], speedups: [OpenSSLSpeedup], runs: [Run], host: String,
                        direction: CipherDirection, options: ChartOptions, method: Method = Method())
        -> GroupedBarChart? {
        let language = options.language
        let pools = pools.filter { $0.direction == direction }
        guard !pools.isEmpty else { return nil }
        let speedups = speedups.filter { $0.direction == direction }
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
        let keySizes = Array(Set(algorithms.compactMap { OpenSSLAlgorithmName($0).keyBits })).sorted()
        func gain(_ algorithm: String, _ blockSize: Int) -> GroupAnnotation? {
            speedups.first { $0.algorithm == algorithm && $0.blockSize == blockSize }.map { s in
                GroupAnnotation(text: percent(s.estimate.percent) + language.significanceMark(s.significant),
                                muted: s.significant != true)
            }
        }
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
            return GroupedBarChart(title: language.opensslTitle(direction, byAlgorithm: true, keySizes: keySizes),
                                   subtitle: subtitle(host: host, runs: runs, language: language),
                                   caption: language.opensslSingleSizeCaption(method), categories: algorithms,
                                   categoryAxisTitle: language.opensslSingleSizeAxis(blockSizes[0]), series: series,
                                   annotations: algorithms.map { gain($0, blockSizes[0]) },
                                   valueAxisTitle: language.throughput)
        }
        let modes = algorithms.map { OpenSSLAlgorithmName($0).mode }.uniqued()
        for algorithm in algorithms {
            let name = OpenSSLAlgorithmName(algorithm)
            // Each further mode 45% of the rest of the way to the background: 0, 0.45, 0.70, 0.83...
            let paleness = 1 - (0..<(modes.firstIndex(of: name.mode) ?? 0)).reduce(1.0) { product, _ in product * 0.55 }
            for state in [false, true] where pools.contains(where: { $0.aesni == state && $0.algorithm == algorithm }) {
                let color = state ? options.theme.withAESNI : options.theme.withoutAESNI
                series.append(BarSeries(name: "\(algorithm) \(state ? language.withAESNI : language.withoutAESNI)",
                                        color: color.mixed(with: options.theme.background, amount: paleness),
                                        hatched: name.keyBits == 256, values: blockSizes.map {
                                            centres[Bar(aesni: state, algorithm: algorithm, blockSize: $0)]
                                        }))
            }
        }
        // Over each block size, each algorithm's gain in the legend's order (`+409% / +412%`), a mark they share
        // written once at the end (`+1833% / +1764% n/a`).
        let annotations: [GroupAnnotation?] = blockSizes.map { size in
            let gains = algorithms.compactMap { algorithm in
                speedups.first { $0.algorithm == algorithm && $0.blockSize == size }
            }
            guard !gains.isEmpty else { return nil }
            let marks = gains.map { language.significanceMark($0.significant) }
            let shared = Set(marks).count == 1
            let text = zip(gains, marks).map { gain, mark in percent(gain.estimate.percent) + (shared ? "" : mark) }
                .joined(separator: " / ") + (shared ? marks[0] : "")
            return GroupAnnotation(text: text, muted: gains.allSatisfy { $0.significant != true })
        }
        return GroupedBarChart(title: language.opensslTitle(direction, keySizes: keySizes),
                               subtitle: subtitle(host: host, runs: runs, language: language),
                               caption: language.opensslCaption(method, paleModes: Array(modes.dropFirst()),
                                                        severalGains: algorithms.count > 1),
                               categories: blockSizes.map(String.init), categoryAxisTitle: language.blockSize,
                               series: series, annotations: annotations, valueAxisTitle: language.throughput,
                               annotationsMayTurn: algorithms.count == 1)
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
