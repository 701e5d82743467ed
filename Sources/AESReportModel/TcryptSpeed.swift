/// One speed test line of the kernel's tcrypt module: one key size and block size.
public struct TcryptResult: Sendable, Codable, Equatable {
    /// tcrypt's own test number (`test 3`).
    public var test: Int
    public var keyBits: Int
    public var blockSize: Int
    /// `N operations in S seconds (B bytes)` (tcrypt with `sec=`).
    public var operations: UInt64?
    public var seconds: Int?
    public var bytes: UInt64?
    /// `1 operation in C cycles (B bytes)` (tcrypt without `sec=`: CPU cycles per operation, not a rate).
    public var cyclesPerOperation: UInt64?
    public var line: Int

    public init(test: Int, keyBits: Int, blockSize: Int, operations: UInt64? = nil, seconds: Int? = nil,
                bytes: UInt64? = nil, cyclesPerOperation: UInt64? = nil, line: Int) {
        self.test = test
        self.keyBits = keyBits
        self.blockSize = blockSize
        self.operations = operations
        self.seconds = seconds
        self.bytes = bytes
        self.cyclesPerOperation = cyclesPerOperation
        self.line = line
    }

    /// Bytes per second of the timed form (bytes / seconds); nil for the cycles form, a zero time, or figures no
    /// device produces (`implausibility`).
    public var bytesPerSecond: Double? {
        guard let bytes, let seconds, seconds > 0, implausibility == nil else { return nil }
        return Double(bytes) / Double(seconds)
    }

    /// Why the timed form's figures are no measurement (`PlausibleThroughput`: Int64.max bytes in 1 s), or nil.
    public var implausibility: String? {
        guard let bytes, let seconds, seconds > 0, bytes > 0 else { return nil }
        return PlausibleThroughput.problem(bytes: bytes, seconds: Double(seconds))
    }

    /// Cycles per byte of the cycles form.
    public var cyclesPerByte: Double? {
        guard let cyclesPerOperation, blockSize > 0 else { return nil }
        return Double(cyclesPerOperation) / Double(blockSize)
    }
}

/// One `testing speed of [a]sync ALGORITHM (DRIVER) encryption|decryption` block.
public struct TcryptTest: Sendable, Codable, Equatable {
    /// The algorithm asked for (`xts(aes)`, `cbc(aes)`).
    public var algorithm: String
    /// The driver the kernel chose for it (`xts-aes-aesni`, `xts(ecb(aes-generic))`): which code ran.
    public var driver: String
    public var direction: CipherDirection
    /// `async` or `sync` where printed (newer kernels); nil for the old form.
    public var isAsync: Bool?
    public var line: Int
    public var results: [TcryptResult]

    public init(algorithm: String, driver: String, direction: CipherDirection, isAsync: Bool?, line: Int,
                results: [TcryptResult]) {
        self.algorithm = algorithm
        self.driver = driver
        self.direction = direction
        self.isAsync = isAsync
        self.line = line
        self.results = results
    }

    /// What the driver says of AES-NI: `true` for an AES-NI driver (`aesni`, or `vaes` of the newer kernels' VAES
    /// code, which is AES-NI too), `false` for the generic AES code (`aes-generic`, `aes-fixed-time`, the old
    /// `aes-asm`), nil for anything else (another cipher, another accelerator).
    public var aesni: Bool? {
        let lower = driver.lowercased()
        if lower.contains("aesni") || lower.contains("vaes") { return true }
        if lower.contains("aes-generic") || lower.contains("aes-fixed-time") || lower.contains("aes-asm") { return false }
        return nil
    }
}

/// Everything read from one tcrypt output (a `dmesg` capture, or the kernel log of `modprobe tcrypt mode=...`).
public struct TcryptSpeed: Sendable, Codable, Equatable {
    public var path: String
    public var tests: [TcryptTest]

    public init(path: String, tests: [TcryptTest]) {
        self.path = path
        self.tests = tests
    }

    /// What the drivers say of AES-NI, and the first test that says it: with AES-NI when any AES test ran on an
    /// AES-NI driver (the kernel picks it whenever the CPU has the instructions and the module is loaded), else
    /// without when an AES test ran on the generic code; nil when no driver says either.
    public var aesniEvidence: (test: TcryptTest, aesni: Bool)? {
        if let with = tests.first(where: { $0.aesni == true }) { return (with, true) }
        return tests.first { $0.aesni == false }.map { ($0, false) }
    }
}
