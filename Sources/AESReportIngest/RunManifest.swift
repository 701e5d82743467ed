import AESReportModel

/// The optional file `aesreport.manifest` in a run folder: what the folder cannot say by itself.
///
/// ```
/// # lines of key = value; '#' starts a comment
/// label = RHEL 7.3 guest, -cpu host
/// host  = kvm-host-01
/// aesni = yes        # yes/no, on/off, true/false, with/without
/// ```
///
/// `aesreport collect vm` also records how the guest ran: `accelerator = kvm|tcg`, `cpu_model = qemu64,+aes`,
/// `guest_kernel`, `qemu` (QEMU's version line) and `collector` (the command run inside the guest). The first two
/// are carried on the run; the others are there for people.
public struct RunManifest: Sendable, Equatable {
    public static let fileName = "aesreport.manifest"

    public var label: String?
    public var host: String?
    public var aesni: Bool?
    /// The line that set `aesni`, for diagnostics that name it.
    public var aesniLine: Int?
    public var accelerator: VirtualMachineAccelerator?
    public var accelerationLine: Int?
    public var cpuModel: String?
    /// The guest's kernel release (and image), the QEMU version and the command that ran the benchmark in the guest,
    /// as `collect vm` records them: `compare` shows where two sides differ.
    public var guestKernel: String?
    public var qemu: String?
    public var collector: String?

    public init(label: String? = nil, host: String? = nil, aesni: Bool? = nil) {
        self.label = label
        self.host = host
        self.aesni = aesni
    }

    /// A manifest is a few lines: a larger file is refused unread (a 1 GiB manifest once took 2.1 GB of memory).
    public static let maxSize: Int64 = 64 << 10

    /// Reads the manifest at `file` under `policy`, at most `maxSize` bytes. A file that cannot be read gives no
    /// keys and an error.
    public static func read(file: InputPath, policy: ReadPolicy = ReadPolicy()) -> (RunManifest, [Diagnostic]) {
        var bounded = policy
        bounded.maxFileSize = min(policy.maxFileSize, maxSize)
        var bytes: [UInt8] = []
        do {
            try LineReader.forEachLine(inFile: file, policy: bounded, maxLineLength: Int(maxSize)) { line in
                bytes.append(contentsOf: line.bytes)
                bytes.append(0x0A)
            }
        } catch let InputError.tooLarge(path, size, _) where bounded.maxFileSize == maxSize {
            return (RunManifest(), [Diagnostic(file: path, line: nil, severity: .error,
                                               message: "a manifest is a few lines, this one is \(size) bytes "
                                                   + "(more than \(maxSize)): not read")])
        } catch {
            return (RunManifest(), [Diagnostic(file: file.display, line: nil, severity: .error,
                                               message: "cannot read manifest: \(error)")])
        }
        return parse(bytes: bytes, path: file.display)
    }

    /// Reads manifest text; unknown keys and bad values become diagnostics, the rest is still used.
    public static func parse(text: String, path: String) -> (RunManifest, [Diagnostic]) {
        parse(bytes: Array(text.utf8), path: path)
    }

    /// Reads manifest bytes line by line: a line that is not UTF-8 is an error of its own and every other line is
    /// still used (one `\xff` byte used to reject the whole file).
    public static func parse(bytes: [UInt8], path: String) -> (RunManifest, [Diagnostic]) {
        var manifest = RunManifest()
        var diagnostics = CappedDiagnostics(path: path)
        LineReader.forEachLine(in: bytes) { rawLine in
            let number = rawLine.number
            guard let decoded = String(validating: rawLine.bytes, as: UTF8.self) else {
                diagnostics.append(line: number, severity: .error,
                                   message: "this line is not UTF-8 text, ignored: '\(Excerpt.of(bytes: rawLine.bytes))'")
                return
            }
            let line = String(decoded.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                .first ?? "").trimmingWhitespace()
            guard !line.isEmpty else { return }
            guard let equals = line.firstIndex(of: "=") else {
                diagnostics.append(line: number, severity: .error,
                                   message: "expected 'key = value', found '\(Excerpt.of(line))'")
                return
            }
            let key = String(line[..<equals]).trimmingWhitespace().lowercased()
            let value = String(line[line.index(after: equals)...]).trimmingWhitespace()
            switch key {
            case "accelerator":
                if let accelerator = VirtualMachineAccelerator(manifestValue: value) {
                    manifest.accelerator = accelerator
                    manifest.accelerationLine = number
                } else {
                    diagnostics.append(Diagnostic(file: path, line: number, severity: .warning,
                                                  message: "accelerator must be kvm or tcg, found '\(value)'; ignored"))
                }
            case "cpu_model", "cpu-model": manifest.cpuModel = value
            case "guest_kernel", "guest-kernel": manifest.guestKernel = value
            case "qemu": manifest.qemu = value
            case "collector": manifest.collector = value
            case "label": manifest.label = value
            case "host": manifest.host = value
            case "aesni", "aes-ni", "aes_ni":
                if let state = parseBool(value) {
                    manifest.aesni = state
                    manifest.aesniLine = number
                } else {
                    diagnostics.append(line: number, severity: .error,
                                       message: "aesni must be yes or no, found '\(Excerpt.of(value))'")
                }
            default:
                diagnostics.append(line: number, severity: .warning,
                                   message: "unknown key '\(Excerpt.of(key))' (known: label, host, aesni, accelerator, "
                                       + "cpu_model, guest_kernel, qemu, collector), ignored")
            }
        }
        return (manifest, diagnostics.all)
    }

    static func parseBool(_ value: String) -> Bool? {
        switch value.lowercased() {
        case "yes", "on", "true", "1", "with", "enabled": true
        case "no", "off", "false", "0", "without", "disabled": false
        default: nil
        }
    }
}

