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

    public init(label: String? = nil, host: String? = nil, aesni: Bool? = nil) {
        self.label = label
        self.host = host
        self.aesni = aesni
    }

    /// Reads manifest text; unknown keys and bad values become diagnostics, the rest is still used.
    public static func parse(text: String, path: String) -> (RunManifest, [Diagnostic]) {
        var manifest = RunManifest()
        var diagnostics: [Diagnostic] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                .first ?? "").trimmingWhitespace()
            guard !line.isEmpty else { continue }
            let number = index + 1
            guard let equals = line.firstIndex(of: "=") else {
                diagnostics.append(Diagnostic(file: path, line: number, severity: .error,
                                              message: "expected 'key = value', found '\(line)'"))
                continue
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
            case "guest_kernel", "guest-kernel", "qemu", "collector": break
            case "label": manifest.label = value
            case "host": manifest.host = value
            case "aesni", "aes-ni", "aes_ni":
                if let state = parseBool(value) {
                    manifest.aesni = state
                    manifest.aesniLine = number
                } else {
                    diagnostics.append(Diagnostic(file: path, line: number, severity: .error,
                                                  message: "aesni must be yes or no, found '\(value)'"))
                }
            default:
                diagnostics.append(Diagnostic(file: path, line: number, severity: .warning,
                                              message: "unknown key '\(key)' (known: label, host, aesni, accelerator, cpu_model, guest_kernel, qemu, collector), ignored"))
            }
        }
        return (manifest, diagnostics)
    }

    static func parseBool(_ value: String) -> Bool? {
        switch value.lowercased() {
        case "yes", "on", "true", "1", "with", "enabled": true
        case "no", "off", "false", "0", "without", "disabled": false
        default: nil
        }
    }
}

