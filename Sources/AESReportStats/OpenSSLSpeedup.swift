import AESReportModel

/// What AES-NI buys one host in `openssl speed` for one algorithm, direction and block size: the throughput of the
/// runs with AES-NI over those without. Each `openssl speed` output of a run is one round (`aesreport collect
/// openssl` writes one file per round).
public struct OpenSSLSpeedup: Sendable, Codable, Equatable {
    public var host: String
    /// Upper-cased, as openssl prints EVP names in its table (`AES-128-CBC`).
    public var algorithm: String
    public var direction: CipherDirection
    public var blockSize: Int
    /// The gain by the method for samples (`Method.forSamples`), read through `AESNIGain` as every gain is.
    public var gain: SampleGain

    /// The speedups of one host, in the order encrypt before decrypt, then algorithm, then block size, and the
    /// pooled outputs of each state they are made of (`PooledOpenSSL`), unpaired ones too. Each output counts in
    /// the state its own `CPUINFO` line gives, else in its run's (`Run.aesni(of:)`): a masked output in a folder
    /// whose CPU dump has the `aes` flag is a round *without* AES-NI.
    static func compute(host: String, runs: [Run], options: AnalysisOptions)
        -> (speedups: [OpenSSLSpeedup], pooled: [PooledOpenSSL]) {
        struct Key: Hashable, Comparable {
            var direction: CipherDirection
            var algorithm: String
            var blockSize: Int

            static func < (x: Key, y: Key) -> Bool {
                (x.direction, x.algorithm, x.blockSize)
                    < (y.direction, y.algorithm, y.blockSize)
            }
        }
        func samples(aesni: Bool) -> [Key: [Double]] {
            var byKey: [Key: [Double]] = [:]
            for run in runs {
                for speed in run.openssl where run.aesni(of: speed) == aesni {
                    for result in speed.results {
                        let key = Key(direction: speed.direction, algorithm: result.algorithm.uppercased(),
                                      blockSize: result.blockSize)
                        byKey[key, default: []].append(result.bytesPerSecond)
                    }
                }
            }
            return byKey
        }
        let method = Method(options).forSamples
        let a = samples(aesni: true)
        let b = samples(aesni: false)
        let centres = [true: a.mapValues(method.centre(ofSamples:)), false: b.mapValues(method.centre(ofSamples:))]
        let pooled = [false, true].flatMap { state in
            (state ? a : b).keys.sorted().map { key in
                PooledOpenSSL(host: host, aesni: state, algorithm: key.algorithm, direction: key.direction,
                              blockSize: key.blockSize, rounds: (state ? a : b)[key]!.count,
                              centre: centres[state]![key]!)
            }
        }
        let speedups = SampleGain.byKey(with: a, without: b, options: options).map { key, gain in
            OpenSSLSpeedup(host: host, algorithm: key.algorithm, direction: key.direction, blockSize: key.blockSize,
                           gain: gain)
        }
        return (speedups, pooled)
    }
}
