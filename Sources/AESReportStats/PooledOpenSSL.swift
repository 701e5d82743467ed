import AESReportModel

/// A host's `openssl speed` outputs of one AES-NI state, algorithm, direction and block size, reduced to the
/// method's centre (`Method.forSamples`): the bars of the openssl charts and the sides of an `OpenSSLSpeedup`.
/// Each output counts in the state its own `CPUINFO` line gives, else in its run's (`Run.aesni(of:)`), as in the
/// speedups. Computed once, in `ReportAnalysis`; the charts only read it.
public struct PooledOpenSSL: Sendable, Codable, Equatable {
    public var host: String
    public var aesni: Bool
    /// Upper-cased, as openssl prints EVP names in its table (`AES-128-CBC`).
    public var algorithm: String
    public var direction: CipherDirection
    public var blockSize: Int
    /// Outputs pooled (each is one round).
    public var rounds: Int
    /// The method's centre of the outputs, bytes per second.
    public var centre: Double
}
