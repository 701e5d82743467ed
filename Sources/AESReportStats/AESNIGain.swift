/// What a dd speedup (`Speedup`) and an openssl speedup (`OpenSSLSpeedup`) have in common: the centres with and
/// without AES-NI, the rounds on each side, the ratio with its interval and the test. Every output that shows a
/// gain (the page's rows, the tables, summary.json) reads it through this one shape.
public protocol AESNIGain: Sendable {
    var host: String { get }
    /// The method's centre of the rounds with AES-NI, bytes per second.
    var withAESNI: Double { get }
    var withoutAESNI: Double { get }
    var roundsWith: Int { get }
    var roundsWithout: Int { get }
    /// With over without, and its interval.
    var estimate: RatioEstimate { get }
    /// Which test the method uses.
    var testKind: Method.Test { get }
    var test: TestResult { get }
    /// p < alpha; nil when there is no test (untested is not "not significant").
    var significant: Bool? { get }
}

extension Speedup: AESNIGain {}
