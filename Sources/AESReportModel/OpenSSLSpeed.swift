/// Whether an `openssl speed` run encrypted or decrypted (`-decrypt`).
public enum CipherDirection: String, Sendable, Codable, Comparable {
    case encrypt
    case decrypt

    /// Encryption before decryption, the order of every table and chart.
    public static func < (x: CipherDirection, y: CipherDirection) -> Bool { x == .encrypt && y == .decrypt }
}

/// One cell of `openssl speed`: an algorithm at one block size.
public struct OpenSSLSpeedResult: Sendable, Codable, Equatable {
    /// Algorithm as openssl names it (`AES-128-CBC`, `aes-256-gcm`).
    public var algorithm: String
    public var blockSize: Int
    /// Throughput in bytes per second: from operations x block size / seconds where the `Doing`/`+R` line gives them,
    /// else from the table (which openssl rounds to 10 bytes per second).
    public var bytesPerSecond: Double
    /// Operations counted and CPU seconds taken, when the output carries them.
    public var operations: UInt64?
    public var seconds: Double?
    public var line: Int

    public init(algorithm: String, blockSize: Int, bytesPerSecond: Double, operations: UInt64?, seconds: Double?,
                line: Int) {
        self.algorithm = algorithm
        self.blockSize = blockSize
        self.bytesPerSecond = bytesPerSecond
        self.operations = operations
        self.seconds = seconds
        self.line = line
    }
}

/// Everything read from one `openssl speed` output.
public struct OpenSSLSpeed: Sendable, Codable, Equatable {
    public var path: String
    public var version: String?
    public var direction: CipherDirection
    /// From the `CPUINFO: OPENSSL_ia32cap=` line: whether openssl could use AES-NI (bit 57), `nil` when not printed.
    public var aesni: Bool?
    /// The line number of that `CPUINFO:` line.
    public var capabilityLine: Int?
    /// The `env:` part of that line (the mask the user set), if any.
    public var capabilityMask: String?
    /// Whether the machine-readable `-mr` form was read.
    public var machineReadable: Bool
    public var results: [OpenSSLSpeedResult]

    public init(path: String, version: String?, direction: CipherDirection, aesni: Bool?, capabilityMask: String?,
                machineReadable: Bool, results: [OpenSSLSpeedResult], capabilityLine: Int? = nil) {
        self.path = path
        self.version = version
        self.direction = direction
        self.aesni = aesni
        self.capabilityMask = capabilityMask
        self.capabilityLine = capabilityLine
        self.machineReadable = machineReadable
        self.results = results
    }
}
