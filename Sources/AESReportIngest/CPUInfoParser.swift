import AESReportModel

/// Reads CPU descriptions: `/proc/cpuinfo` from x86 (`flags`) and aarch64 (`Features`), `lscpu` output, fragments
/// such as `grep flags /proc/cpuinfo | uniq`, and text pasted into documents where the line breaks were lost
/// (`...cpu MHz : 2029.414cache size : 56320 KB...`).
///
/// cpuinfo lines are split at every known key followed by a colon, so glued lines read like whole ones; lscpu
/// lines (`Model name:    ...`, no space before the colon) are read as `key: value`.
public struct CPUInfoParser: LineParser {
    public let path: String
    public private(set) var diagnosticLog: CappedDiagnostics
    private var sawLscpu = false
    private var sawProcessor = false
    private var processorCount = 0
    private var maxProcessorIndex = -1
    private var lscpuCPUs: Int?
    var architectureHint: CPUArchitecture = .unknown
    private var vendor: String?
    private var modelName: String?
    private var armImplementer: String?
    private var armPart: String?
    private var hypervisorVendor: String?
    private var virtualizationType: String?
    private var firmwareVendor: String?
    private var flags = CPUFlagSet()
    private var firstFlagSet: CPUFlagSet?
    private var flagSetsDiffer = false
    private var flagsLine: Int?
    private var lastFlagsValue: [UInt8]?

    public init(path: String) {
        self.path = path
        diagnosticLog = CappedDiagnostics(path: path)
    }

    /// cpuinfo keys, longest first among those that share a tail (`initial apicid` before `apicid`).
    static let cpuinfoKeys: [String] = [
        "processor", "vendor_id", "cpu family", "model name", "model", "stepping", "microcode", "cpu mhz",
        "cache size", "physical id", "siblings", "core id", "cpu cores", "initial apicid", "apicid",
        "fpu_exception", "fpu", "cpuid level", "wp", "vmx flags", "flags", "bugs", "bogomips", "tlb size",
        "clflush size", "cache_alignment", "address sizes", "power management", "features", "cpu implementer",
        "cpu architecture", "cpu variant", "cpu part", "cpu revision", "hardware", "revision", "serial",
    ]

    static let cpuinfoKeySet = Set(cpuinfoKeys)
    static let cpuinfoKeyBytes: [(String, [UInt8])] = cpuinfoKeys.map { ($0, Array($0.utf8)) }

    public mutating func consume(_ line: Line) {
        if consumeCommonLine(line) { return }
        let text = String(decoding: line.bytes, as: UTF8.self)
        if let value = dmiValue(text) {
            takeFirmwareVendor(value)
            return
        }
        if let (key, value) = lscpuPair(text), !Self.cpuinfoKeySet.contains(key.lowercased()) {
            sawLscpu = true
            takeLscpu(key: key, value: value, line: line.number)
            return
        }
        for (key, value) in cpuinfoPairs(text) {
            takeCpuinfo(key: key, value: value, line: line.number)
        }
    }

    public mutating func finish() -> CPUDescription? {
        guard flagsLine != nil else {
            // A text without a flag list (`grep 'model name' /proc/cpuinfo`, lscpu before util-linux 2.23) tells
            // neither the features nor, on x86, whether a hypervisor runs it: it is refused rather than read as
            // a CPU without AES whose guest status is "no".
            diagnosticLog.append(Diagnostic(file: path, line: nil, severity: .error,
                                          message: "no 'flags' or 'Features' line found: not a CPU description, "
                                              + "its features and guest status are unknown (expected "
                                              + "/proc/cpuinfo, lscpu output or a flags line)"))
            return nil
        }
        if flagSetsDiffer {
            diagnosticLog.append(Diagnostic(file: path, line: nil, severity: .note,
                                          message: "processors list different flags; their union is reported"))
        }
        let format: CPUSourceFormat = sawLscpu ? .lscpu : (sawProcessor || modelName != nil ? .procCpuinfo : .fragment)
        var architecture = architectureHint
        if architecture == .unknown {
            if flags.contains("sse2") || flags.contains("fpu") || vendor == "GenuineIntel" || vendor == "AuthenticAMD" {
                architecture = .x86
            } else if flags.contains("asimd") || flags.contains("fp") || armImplementer != nil {
                architecture = .arm
            }
        }
        var model = modelName
        if model == nil, let armImplementer, let armPart {
            model = ARMCPUNames.name(implementer: armImplementer, part: armPart)
        }
        let logical = sawLscpu ? lscpuCPUs : (maxProcessorIndex >= 0 ? max(processorCount, maxProcessorIndex + 1) : nil)
        var description = CPUDescription(format: format, architecture: architecture, vendor: vendor,
                                         modelName: model, logicalCPUs: logical, flags: [],
                                         hypervisorVendor: hypervisorVendor, virtualizationType: virtualizationType,
                                         firmwareVendor: firmwareVendor)
        description.flagSet = flags
        return description
    }

    // MARK: - lscpu

    /// `Key:   value`; lscpu 2.38 and later indent keys under their section (`  Hypervisor vendor:  KVM`), and
    /// dmidecode indents with a tab (`\tManufacturer: QEMU`).
    private func lscpuPair(_ text: String) -> (String, String)? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let key = text[..<colon].drop { $0 == " " || $0 == "\t" }
        guard let first = key.first, first.isUppercase, let last = key.last, last != " ", last != "\t",
              !key.utf8.contains(0x09) else { return nil }
        let value = text[text.index(after: colon)...]
        guard value.isEmpty || value.first == " " || value.first == "\t" else { return nil }
        return (key.trimmingWhitespace(), String(value).trimmingWhitespace())
    }

    private mutating func takeLscpu(key: String, value: String, line: Int) {
        switch key.lowercased() {
        case "architecture":
            architectureHint = value.hasPrefix("x86") || value.hasPrefix("i686") ? .x86
                : (value.hasPrefix("aarch64") || value.hasPrefix("arm") ? .arm : .unknown)
        case "cpu(s)":
            lscpuCPUs = Int(value)
        case "vendor id":
            vendor = value
        case "model name":
            modelName = modelName ?? value
        case "hypervisor vendor":
            hypervisorVendor = value
        case "virtualization type":
            // `none` is what some versions print on bare metal.
            if !value.isEmpty, value.lowercased() != "none" { virtualizationType = value }
        case "bios vendor id", "manufacturer", "product name":
            takeFirmwareVendor(value)
        case "flags":
            takeFlags(value, line: line)
        default:
            break
        }
    }

    // MARK: - DMI

    /// The value of a `/sys/class/dmi/id` line: `sys_vendor: QEMU`, or as `grep . /sys/class/dmi/id/*` prints it,
    /// `/sys/class/dmi/id/product_name:KVM`.
    private func dmiValue(_ text: String) -> String? {
        // Standard-library suffix tests only: this runs for every line of every dump (Foundation's
        // `contains` here cost 4% of a 1,000-host report).
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let key = text[..<colon].trimmingWhitespace()
        guard let name = ["sys_vendor", "product_name"].first(where: { key.hasSuffix($0) }),
              key == name || (key.hasPrefix("/sys/") && key.hasSuffix("/" + name)) else { return nil }
        let value = String(text[text.index(after: colon)...]).trimmingWhitespace()
        return value.isEmpty ? nil : value
    }

    /// Keeps the first DMI name, or the first that only virtual machines report (dmidecode lists the processor's
    /// manufacturer, `Intel(R) Corporation`, beside the system's `QEMU`).
    private mutating func takeFirmwareVendor(_ value: String) {
        guard !value.isEmpty else { return }
        if firmwareVendor == nil
            || (GuestDecision.namesVirtualMachine(value) && !GuestDecision.namesVirtualMachine(firmwareVendor!)) {
            firmwareVendor = value
        }
    }

    // MARK: - cpuinfo

    /// Splits a line at every known key that is followed by optional blanks and a colon.
    private func cpuinfoPairs(_ text: String) -> [(String, String)] {
        // Fast path, nearly every line of a real dump: `key<tab>: value` with one known key and no other colon.
        if let colon = text.firstIndex(of: ":"), !text[text.index(after: colon)...].utf8.contains(UInt8(ascii: ":")) {
            let key = text[..<colon].trimmingWhitespace().lowercased()
            if Self.cpuinfoKeySet.contains(key) {
                return [(key, String(text[text.index(after: colon)...]).trimmingWhitespace())]
            }
        }
        let lower = Array(text.lowercased().utf8)
        let original = Array(text.utf8)
        guard lower.count == original.count, lower.contains(UInt8(ascii: ":")) else { return [] }
        var matches: [(start: Int, valueStart: Int, key: String)] = []
        var i = 0
        while i < lower.count {
            var found: (Int, String)?
            for (key, k) in Self.cpuinfoKeyBytes {
                guard i + k.count <= lower.count, lower[i] == k[0], lower[i..<(i + k.count)].elementsEqual(k) else {
                    continue
                }
                var j = i + k.count
                while j < lower.count, lower[j] == 0x20 || lower[j] == 0x09 { j += 1 }
                if j < lower.count, lower[j] == UInt8(ascii: ":") {
                    found = (j + 1, key)
                    break
                }
            }
            if let (valueStart, key) = found {
                matches.append((i, valueStart, key))
                i = valueStart
            } else {
                i += 1
            }
        }
        var pairs: [(String, String)] = []
        for (n, match) in matches.enumerated() {
            let end = n + 1 < matches.count ? matches[n + 1].start : original.count
            let value = String(decoding: original[match.valueStart..<end], as: UTF8.self).trimmingWhitespace()
            pairs.append((match.key, value))
        }
        return pairs
    }

    mutating func takeCpuinfo(key: String, value: String, line: Int) {
        switch key {
        case "processor":
            if let index = Int(value) {
                sawProcessor = true
                processorCount += 1
                maxProcessorIndex = max(maxProcessorIndex, index)
            }
        case "vendor_id":
            vendor = vendor ?? value
        case "model name":
            modelName = modelName ?? value
        case "cpu implementer":
            armImplementer = armImplementer ?? value
            architectureHint = .arm
        case "cpu part":
            armPart = armPart ?? value
        case "flags":
            architectureHint = architectureHint == .unknown ? .x86 : architectureHint
            takeFlags(value, line: line)
        case "features":
            architectureHint = .arm
            takeFlags(value, line: line)
        default:
            break
        }
    }

    /// Takes whitespace-separated flag names; a token with other characters (a shell prompt glued to the last flag
    /// in pasted text) ends the list, keeping its valid beginning.
    private mutating func takeFlags(_ value: String, line: Int) {
        var value = value
        value.withUTF8 { takeFlags(bytes: $0, line: line) }
    }

    /// `takeFlags` on the value's bytes (already trimmed).
    mutating func takeFlags(bytes value: UnsafeBufferPointer<UInt8>, line: Int) {
        // Every processor of a dump usually repeats the same list: read it once.
        if let lastFlagsValue, lastFlagsValue.elementsEqual(value) { return }
        lastFlagsValue = Array(value)
        var set = CPUFlagSet()
        // Bytes, not Characters: a flags line has a hundred tokens and a dump a line per processor; each token is
        // interned (a bit of `CPUFlagSet`), not made a string.
        var start = 0
        let count = value.count
        while start < count {
            while start < count, value[start] == 0x20 || value[start] == 0x09 { start += 1 }
            guard start < count else { break }
            var end = start
            while end < count, value[end] != 0x20, value[end] != 0x09 { end += 1 }
            var valid = start
            while valid < end, Self.isFlagByte(value[valid]) { valid += 1 }
            if valid > start { set.insert(UnsafeBufferPointer(rebasing: value[start..<valid])) }
            if valid != end { break }
            start = end
        }
        if let firstFlagSet {
            if firstFlagSet != set { flagSetsDiffer = true }
        } else {
            firstFlagSet = set
            flagsLine = line
        }
        flags.formUnion(set)
    }

    /// A byte a flag name may hold: `a`-`z`, `0`-`9`, `_`, `.`.
    static func isFlagByte(_ byte: UInt8) -> Bool {
        (byte &- 0x61 < 26) || (byte &- 0x30 < 10) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
    }
}


/// Names of common ARM cores by `CPU implementer` and `CPU part` (aarch64 cpuinfo has no model name).
enum ARMCPUNames {
    static func name(implementer: String, part: String) -> String {
        let vendors = ["0x41": "ARM", "0x61": "Apple", "0xc0": "Ampere", "0x48": "HiSilicon", "0x51": "Qualcomm"]
        let parts = ["0xd03": "Cortex-A53", "0xd07": "Cortex-A57", "0xd08": "Cortex-A72", "0xd0b": "Cortex-A76",
                     "0xd0c": "Neoverse-N1", "0xd40": "Neoverse-V1", "0xd49": "Neoverse-N2", "0xd4f": "Neoverse-V2"]
        let vendor = vendors[implementer.lowercased()] ?? "implementer \(implementer)"
        if implementer.lowercased() == "0x41", let core = parts[part.lowercased()] {
            return "\(vendor) \(core)"
        }
        return "\(vendor) part \(part)"
    }
}
