import AESReportModel

/// The AES-NI gain of one measurement from whole samples (one value per output, as `openssl speed`, `cryptsetup
/// benchmark` and tcrypt give): the centre of each side, how many rounds, the ratio with its interval, and the test,
/// all by `Method.forSamples` (Welch, or Mann-Whitney for the median).
public struct SampleGain: Sendable, Codable, Equatable {
    /// Centre (mean, or median with `--centre median`) of each side, bytes per second.
    public var withAESNI: Double
    public var withoutAESNI: Double
    public var roundsWith: Int
    public var roundsWithout: Int
    public var estimate: RatioEstimate
    public var testKind: Method.Test
    public var test: TestResult
    /// p < alpha; nil when there is no test (one round on a side).
    public var significant: Bool?
    /// The samples themselves, with and without AES-NI (`compare` sets two hosts' gains side by side from them).
    public var samplesWith: [Double]
    public var samplesWithout: [Double]

    /// The gain of `with` over `without` (neither empty).
    public init(with: [Double], without: [Double], options: AnalysisOptions) {
        let method = Method(options).forSamples
        withAESNI = method.centre(ofSamples: with)
        withoutAESNI = method.centre(ofSamples: without)
        roundsWith = with.count
        roundsWithout = without.count
        estimate = method.ratio(ofSamples: with, without)
        testKind = method.test
        test = method.test(samples: with, without)
        significant = method.significance(test)
        samplesWith = with
        samplesWithout = without
    }

    /// The gains of every key measured in both states, in the keys' order.
    static func byKey<Key: Hashable & Comparable>(with: [Key: [Double]], without: [Key: [Double]],
                                                  options: AnalysisOptions) -> [(key: Key, gain: SampleGain)] {
        with.keys.filter { without[$0] != nil }.sorted().map { key in
            (key, SampleGain(with: with[key]!, without: without[key]!, options: options))
        }
    }
}

/// A gain kept as a `SampleGain` beside its keys (`OpenSSLSpeedup`, `CryptsetupSpeedup`, `TcryptSpeedup`): read by
/// the outputs through `AESNIGain` like every other gain.
public protocol SampleGainRecord: AESNIGain {
    var gain: SampleGain { get }
}

extension SampleGainRecord {
    public var withAESNI: Double { gain.withAESNI }
    public var withoutAESNI: Double { gain.withoutAESNI }
    public var roundsWith: Int { gain.roundsWith }
    public var roundsWithout: Int { gain.roundsWithout }
    public var estimate: RatioEstimate { gain.estimate }
    public var testKind: Method.Test { gain.testKind }
    public var test: TestResult { gain.test }
    public var significant: Bool? { gain.significant }
}

extension OpenSSLSpeedup: SampleGainRecord {}
extension CryptsetupSpeedup: SampleGainRecord {}
extension TcryptSpeedup: SampleGainRecord {}
