import AESReportModel

/// A host's `cryptsetup benchmark` results of one AES-NI state, algorithm and key size, averaged over its runs of
/// that state: the bars of the cryptsetup chart. Computed in `ReportAnalysis`; the chart only reads it.
public struct PooledCryptsetup: Sendable, Codable, Equatable {
    public var host: String
    public var aesni: Bool
    public var algorithm: String
    public var keyBits: Int
    /// Mean encryption and decryption throughput of the results, bytes per second; nil when none gave one.
    public var encryption: Double?
    public var decryption: Double?

    /// `aes-xts 512b`: how the chart names the category.
    public var label: String { "\(algorithm) \(keyBits)b" }

    /// The pools of `runs` (one host's), by algorithm and key size in the order first met, without before with.
    /// Runs whose state is unknown are left out, as everywhere else.
    static func pool(host: String, runs: [Run]) -> [PooledCryptsetup] {
        struct Key: Hashable {
            var algorithm: String
            var keyBits: Int
        }
        var order: [Key] = []
        var results: [Bool: [Key: [CipherBenchmarkResult]]] = [:]
        for run in runs {
            guard let state = run.aesni else { continue }
            for result in run.cryptsetup.flatMap(\.ciphers) {
                let key = Key(algorithm: result.algorithm, keyBits: result.keyBits)
                if !order.contains(key) { order.append(key) }
                results[state, default: [:]][key, default: []].append(result)
            }
        }
        func mean(_ values: [Double]) -> Double? { values.isEmpty ? nil : Descriptive.mean(values) }
        return order.flatMap { key in
            [false, true].compactMap { state -> PooledCryptsetup? in
                guard let cells = results[state]?[key] else { return nil }
                return PooledCryptsetup(host: host, aesni: state, algorithm: key.algorithm, keyBits: key.keyBits,
                                        encryption: mean(cells.compactMap(\.encryption)),
                                        decryption: mean(cells.compactMap(\.decryption)))
            }
        }
    }
}
