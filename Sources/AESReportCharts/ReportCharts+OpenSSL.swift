import AESReportModel
import AESReportStats

extension ReportCharts {
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
}
