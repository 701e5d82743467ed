import AESReportModel

/// What AES-NI buys one host in the kernel's tcrypt speed test for one algorithm, key size, block size and direction:
/// bytes per second of the outputs with AES-NI over those without (the timed form, `sec=`; the cycles form has no
/// rate and is not compared). Each output is one round, counted in the state its own drivers give
/// (`TcryptSpeed.aesniEvidence`), else in its run's.
public struct TcryptSpeedup: Sendable, Codable, Equatable {
    public var host: String
    /// As tcrypt names it (`cbc(aes)`).
    public var algorithm: String
    public var keyBits: Int
    public var blockSize: Int
    public var direction: CipherDirection
    /// The drivers that ran it with and without AES-NI (`cbc-aes-aesni`, `cbc(aes-generic)`).
    public var driverWith: String
    public var driverWithout: String
    public var gain: SampleGain

    static func compute(host: String, runs: [Run], options: AnalysisOptions) -> [TcryptSpeedup] {
        struct Key: Hashable, Comparable {
            var direction: CipherDirection
            var algorithm: String
            var keyBits: Int
            var blockSize: Int

            static func < (x: Key, y: Key) -> Bool {
                (x.direction, x.algorithm, x.keyBits, x.blockSize)
                    < (y.direction, y.algorithm, y.keyBits, y.blockSize)
            }
        }
        var drivers: [Bool: [Key: String]] = [:]
        func samples(aesni: Bool) -> [Key: [Double]] {
            var byKey: [Key: [Double]] = [:]
            for run in runs {
                for speed in run.tcrypt where (speed.aesniEvidence?.aesni ?? run.aesni) == aesni {
                    for test in speed.tests {
                        for result in test.results {
                            guard let rate = result.bytesPerSecond, rate > 0 else { continue }
                            let key = Key(direction: test.direction, algorithm: test.algorithm,
                                          keyBits: result.keyBits, blockSize: result.blockSize)
                            byKey[key, default: []].append(rate)
                            if drivers[aesni]?[key] == nil { drivers[aesni, default: [:]][key] = test.driver }
                        }
                    }
                }
            }
            return byKey
        }
        let with = samples(aesni: true)
        let without = samples(aesni: false)
        return SampleGain.byKey(with: with, without: without, options: options).map {
            TcryptSpeedup(host: host, algorithm: $0.key.algorithm, keyBits: $0.key.keyBits, blockSize: $0.key.blockSize,
                          direction: $0.key.direction, driverWith: drivers[true]?[$0.key] ?? "",
                          driverWithout: drivers[false]?[$0.key] ?? "", gain: $0.gain)
        }
    }
}
