/// Where an AES-NI state was learned, most specific first: the order in which discovery decides.
public enum AESNISource: String, Sendable, Codable, CaseIterable {
    /// A result file's own statement: openssl's `CPUINFO: OPENSSL_ia32cap=` line (bit 57, AES-NI, set or clear).
    case opensslCPUInfo = "openssl-cpuinfo"
    /// The driver the kernel's tcrypt speed test ran AES with (`xts-aes-aesni`: with; `aes-generic`: without).
    case tcryptDriver = "tcrypt-driver"
    case manifest
    case cpuDump = "cpu-dump"
    case folderName = "folder-name"
    case option
}

/// How an AES-NI state reads in every output: `with AES-NI`, `without AES-NI`, `AES-NI unknown`.
public enum AESNIStateText {
    public static func of(_ aesni: Bool?) -> String {
        aesni.map { $0 ? "with AES-NI" : "without AES-NI" } ?? "AES-NI unknown"
    }
}

/// One piece of evidence about an AES-NI state: what a source says, and which file (and line) says it.
public struct AESNIEvidence: Sendable, Codable, Equatable {
    public var source: AESNISource
    /// `true`: with AES-NI; `false`: without.
    public var aesni: Bool
    /// The file that says it (the folder itself for a folder name).
    public var path: String
    public var line: Int?

    public init(source: AESNISource, aesni: Bool, path: String, line: Int? = nil) {
        self.source = source
        self.aesni = aesni
        self.path = path
        self.line = line
    }

    /// `path:line` or `path`, as diagnostics name places.
    public var place: String { line.map { "\(path):\($0)" } ?? path }
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
    /// Every statement about the run's AES-NI state that discovery found, in the order it asks (file lines,
    /// manifest, CPU dumps, folder name, option); the first decides. Disagreements are reported as warnings.
    public var aesniEvidence: [AESNIEvidence]
    /// The folder that names the host when no manifest does (the run folder's parent), as an absolute path.
    public var hostFolder: String?
    /// The CPU dump found in the folder, if any, and its path.
    public var cpu: CPUDescription?
    public var cpuPath: String?
    public var ddLogs: [DDLog]
    public var openssl: [OpenSSLSpeed]
    public var cryptsetup: [CryptsetupBenchmark]
    /// How the run's guest executed its CPU, from the manifest (`accelerator = kvm` or `tcg`), or nil when unknown.
    /// Under QEMU's TCG the AES instructions are emulated, so the gains are QEMU's, not the hardware's.
    public var accelerator: VirtualMachineAccelerator?
    /// The QEMU `-cpu` model the guest was started with, from the manifest (`cpu_model = ...`).
    public var qemuCPUModel: String?
    /// From the manifest as `collect vm` writes it (`guest_kernel`, `qemu`, `collector`): nil when not given.
    public var guestKernel: String?
    public var qemuVersion: String?
    public var collector: String?
    /// fio outputs of the run (each a round, or several, of a cipher's read or write series). Stored as nil when
    /// empty, so that runs without fio encode as before.
    private var fioOutputs: [FioOutput]?
    /// The kernel's tcrypt speed outputs of the run; nil when empty, as `fioOutputs`.
    private var tcryptOutputs: [TcryptSpeed]?

    public var fio: [FioOutput] {
        get { fioOutputs ?? [] }
        set { fioOutputs = newValue.isEmpty ? nil : newValue }
    }

    public var tcrypt: [TcryptSpeed] {
        get { tcryptOutputs ?? [] }
        set { tcryptOutputs = newValue.isEmpty ? nil : newValue }
    }

    /// Every series of rounds the statistics reduce: the dd logs, then the fio outputs grouped by cipher and
    /// operation (`FioSeries.logs`), so that gains, intervals, tests, charts and pages read fio as they read dd.
    public var seriesLogs: [DDLog] { fio.isEmpty ? ddLogs : ddLogs + FioSeries.logs(from: fio) }

    public init(path: String, label: String, host: String, aesni: Bool?, aesniSource: AESNISource?,
                cpu: CPUDescription?, cpuPath: String?, ddLogs: [DDLog], openssl: [OpenSSLSpeed],
                cryptsetup: [CryptsetupBenchmark], aesniEvidence: [AESNIEvidence] = [], hostFolder: String? = nil) {
        self.path = path
        self.label = label
        self.host = host
        self.aesni = aesni
        self.aesniSource = aesniSource
        self.aesniEvidence = aesniEvidence
        self.hostFolder = hostFolder
        self.cpu = cpu
        self.cpuPath = cpuPath
        self.ddLogs = ddLogs
        self.openssl = openssl
        self.cryptsetup = cryptsetup
    }

    /// Whether the run's CPU was emulated (QEMU TCG): its AES-NI gains say nothing of the hardware.
    public var isEmulatedCPU: Bool { accelerator == .tcg }

    /// Whether anything in the run depends on the run's own AES-NI state: false when it holds only openssl outputs
    /// that each state their own (a folder of masked and unmasked outputs needs no run state).
    public var needsRunState: Bool {
        !ddLogs.isEmpty || !fio.isEmpty || !cryptsetup.isEmpty || openssl.contains { $0.aesni == nil }
    }

    /// The AES-NI state of one `openssl speed` output of this run: its own `CPUINFO` line if it printed one, else
    /// the run's state.
    public func aesni(of speed: OpenSSLSpeed) -> Bool? { speed.aesni ?? aesni }
}
