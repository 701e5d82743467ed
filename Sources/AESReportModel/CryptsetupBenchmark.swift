/// A PBKDF line of `cryptsetup benchmark` (`PBKDF2-sha256  1456355 iterations per second for 256-bit key`).
public struct PBKDFResult: Sendable, Codable, Equatable {
    public var name: String
    /// Iterations per second (PBKDF2) or the iteration count chosen (argon2).
    public var iterations: UInt64
    /// Memory in KiB (argon2 only).
    public var memoryKiB: UInt64?
    /// Parallel threads (argon2 only).
    public var threads: Int?
    public var keyBits: Int?
    public var line: Int

    public init(name: String, iterations: UInt64, memoryKiB: UInt64?, threads: Int?, keyBits: Int?, line: Int) {
        self.name = name
        self.iterations = iterations
        self.memoryKiB = memoryKiB
        self.threads = threads
        self.keyBits = keyBits
        self.line = line
    }
}

/// A row of the cipher table of `cryptsetup benchmark` (`aes-xts 512b 2039.5 MiB/s 2041.1 MiB/s`).
public struct CipherBenchmarkResult: Sendable, Codable, Equatable {
    public var algorithm: String
    public var keyBits: Int
    /// Encryption throughput in bytes per second; `nil` where cryptsetup printed `N/A`.
    public var encryption: Double?
    /// Decryption throughput in bytes per second; `nil` where cryptsetup printed `N/A`.
    public var decryption: Double?
    public var line: Int

    public init(algorithm: String, keyBits: Int, encryption: Double?, decryption: Double?, line: Int) {
        self.algorithm = algorithm
        self.keyBits = keyBits
        self.encryption = encryption
        self.decryption = decryption
        self.line = line
    }
}

/// Everything read from one `cryptsetup benchmark` output.
public struct CryptsetupBenchmark: Sendable, Codable, Equatable {
    public var path: String
    public var pbkdf: [PBKDFResult]
    public var ciphers: [CipherBenchmarkResult]
    /// The error cryptsetup printed instead of a cipher table (missing kernel crypto interface), if any.
    public var error: String?
    /// The machine a `# name` line before the output named (pastes of several machines' outputs).
    public var machine: String?

    public init(path: String, pbkdf: [PBKDFResult], ciphers: [CipherBenchmarkResult], error: String?,
                machine: String? = nil) {
        self.path = path
        self.pbkdf = pbkdf
        self.ciphers = ciphers
        self.error = error
        self.machine = machine
    }
}
