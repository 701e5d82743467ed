/// Where a run's AES-NI state was learned, in the order discovery asks.
public enum AESNISource: String, Sendable, Codable {
    case manifest
    case cpuDump = "cpu-dump"
    case folderName = "folder-name"
    case option
}

/// One benchmark run: a folder of result files measured in one configuration (one guest with or without AES-NI).
public struct Run: Sendable, Codable, Equatable {
    /// The folder, as given or found.
    public var path: String
    public var label: String
    public var host: String
    /// `true` with AES-NI, `false` without, `nil` when nothing said.
    public var aesni: Bool?
    public var aesniSource: AESNISource?
    /// The CPU dump found in the folder, if any, and its path.
    public var cpu: CPUDescription?
    public var cpuPath: String?
    public var ddLogs: [DDLog]
    public var openssl: [OpenSSLSpeed]
    public var cryptsetup: [CryptsetupBenchmark]

    public init(path: String, label: String, host: String, aesni: Bool?, aesniSource: AESNISource?,
                cpu: CPUDescription?, cpuPath: String?, ddLogs: [DDLog], openssl: [OpenSSLSpeed],
                cryptsetup: [CryptsetupBenchmark]) {
        self.path = path
        self.label = label
        self.host = host
        self.aesni = aesni
        self.aesniSource = aesniSource
        self.cpu = cpu
        self.cpuPath = cpuPath
        self.ddLogs = ddLogs
        self.openssl = openssl
        self.cryptsetup = cryptsetup
    }
}
