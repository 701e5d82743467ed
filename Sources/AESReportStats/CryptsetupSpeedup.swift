import AESReportModel

/// What AES-NI buys one host in `cryptsetup benchmark` for one cipher, key size and direction: the runs with AES-NI
/// over those without. Each output is one round. cryptsetup measures the kernel cipher in memory only (no disk, no
/// dm-crypt queueing), so these gains are the cipher's, not the encrypted disk's.
public struct CryptsetupSpeedup: Sendable, Codable, Equatable {
    public var host: String
    /// As cryptsetup prints it (`aes-xts`).
    public var algorithm: String
    public var keyBits: Int
    public var direction: CipherDirection
    public var gain: SampleGain

    /// Whether the cipher is AES (`aes-xts`, `aes-cbc`): the other ciphers cryptsetup lists (serpent, twofish) are
    /// AES-NI's control, not its gain, and headline ranges leave them out.
    public var isAES: Bool { algorithm.lowercased().hasPrefix("aes") }

    /// A host's AES rows, or all of them when it has none (a headline then speaks of what there is).
    public static func headline(_ gains: [CryptsetupSpeedup]) -> [CryptsetupSpeedup] {
        let aes = gains.filter(\.isAES)
        return aes.isEmpty ? gains : aes
    }

    /// The speedups of one host's runs, encryption before decryption, then algorithm and key size. A run counts in
    /// its own AES-NI state; runs whose state is unknown are left out; `N/A` cells are not samples.
    static func compute(host: String, runs: [Run], options: AnalysisOptions) -> [CryptsetupSpeedup] {
        struct Key: Hashable, Comparable {
            var direction: CipherDirection
            var algorithm: String
            var keyBits: Int

            static func < (x: Key, y: Key) -> Bool {
                (x.direction, x.algorithm, x.keyBits)
                    < (y.direction, y.algorithm, y.keyBits)
            }
        }
        func samples(aesni: Bool) -> [Key: [Double]] {
            var byKey: [Key: [Double]] = [:]
            for run in runs where run.aesni == aesni {
                for benchmark in run.cryptsetup {
                    for row in benchmark.ciphers {
                        for (direction, value) in [(CipherDirection.encrypt, row.encryption),
                                                   (.decrypt, row.decryption)] {
                            guard let value, value > 0 else { continue }
                            byKey[Key(direction: direction, algorithm: row.algorithm, keyBits: row.keyBits),
                                  default: []].append(value)
                        }
                    }
                }
            }
            return byKey
        }
        return SampleGain.byKey(with: samples(aesni: true), without: samples(aesni: false), options: options).map {
            CryptsetupSpeedup(host: host, algorithm: $0.key.algorithm, keyBits: $0.key.keyBits,
                              direction: $0.key.direction, gain: $0.gain)
        }
    }
}
