/// The instruction-set family a CPU description belongs to.
public enum CPUArchitecture: String, Sendable, Codable {
    case x86
    case arm
    case unknown
}

/// Which kind of text a CPU description was read from.
public enum CPUSourceFormat: String, Sendable, Codable {
    /// A `/proc/cpuinfo` dump, whole or with several processors.
    case procCpuinfo = "proc-cpuinfo"
    /// Output of `lscpu`.
    case lscpu
    /// A fragment: only `flags`/`Features` lines, such as `grep flags /proc/cpuinfo | uniq`.
    case fragment
}

/// What one CPU dump says about the machine it came from.
public struct CPUDescription: Sendable, Codable, Equatable {
    public var format: CPUSourceFormat
    public var architecture: CPUArchitecture
    public var vendor: String?
    public var modelName: String?
    /// Logical CPUs: lscpu's `CPU(s)`, or for cpuinfo the highest `processor` index plus one (an excerpt that shows
    /// only `processor : 87` still tells of at least 88). `nil` for fragments.
    public var logicalCPUs: Int?
    /// Every flag (the union over all processors), interned: four machine words for the flags Linux names and a
    /// side list for the rest. A fleet keeps thousands of dumps; as names they cost 2 KB each.
    public var flagSet: CPUFlagSet
    /// Hypervisor vendor named by lscpu (`KVM`), if any.
    public var hypervisorVendor: String?
    /// lscpu's `Virtualization type` (`full`, `para`, `container`), if any: printed only inside a virtual machine.
    public var virtualizationType: String?
    /// A DMI vendor or product name, if the text holds one: lscpu's `BIOS Vendor ID`, `sys_vendor` or
    /// `product_name` from `/sys/class/dmi/id`, dmidecode's `Manufacturer` / `Product Name`. A name only virtual
    /// machines report (`QEMU`) is evidence of a guest; see `GuestDecision`.
    public var firmwareVendor: String?

    public init(format: CPUSourceFormat, architecture: CPUArchitecture, vendor: String?, modelName: String?,
                logicalCPUs: Int?, flags: [String], hypervisorVendor: String?, virtualizationType: String? = nil,
                firmwareVendor: String? = nil) {
        self.format = format
        self.architecture = architecture
        self.vendor = vendor
        self.modelName = modelName
        self.logicalCPUs = logicalCPUs
        flagSet = CPUFlagSet(names: flags)
        self.hypervisorVendor = hypervisorVendor
        self.virtualizationType = virtualizationType
        self.firmwareVendor = firmwareVendor
    }

    private enum CodingKeys: String, CodingKey {
        case format, architecture, vendor, modelName, logicalCPUs, flags, hypervisorVendor, virtualizationType,
             firmwareVendor
    }

    /// Decodes the fields as `encode(to:)` writes them.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(format: try c.decode(CPUSourceFormat.self, forKey: .format),
                  architecture: try c.decode(CPUArchitecture.self, forKey: .architecture),
                  vendor: try c.decodeIfPresent(String.self, forKey: .vendor),
                  modelName: try c.decodeIfPresent(String.self, forKey: .modelName),
                  logicalCPUs: try c.decodeIfPresent(Int.self, forKey: .logicalCPUs),
                  flags: try c.decode([String].self, forKey: .flags),
                  hypervisorVendor: try c.decodeIfPresent(String.self, forKey: .hypervisorVendor),
                  virtualizationType: try c.decodeIfPresent(String.self, forKey: .virtualizationType),
                  firmwareVendor: try c.decodeIfPresent(String.self, forKey: .firmwareVendor))
    }

    /// The fields, with `flags` as the sorted list of names (the shape `runs --json` has always printed).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(format, forKey: .format)
        try c.encode(architecture, forKey: .architecture)
        try c.encodeIfPresent(vendor, forKey: .vendor)
        try c.encodeIfPresent(modelName, forKey: .modelName)
        try c.encodeIfPresent(logicalCPUs, forKey: .logicalCPUs)
        try c.encode(flags, forKey: .flags)
        try c.encodeIfPresent(hypervisorVendor, forKey: .hypervisorVendor)
        try c.encodeIfPresent(virtualizationType, forKey: .virtualizationType)
        try c.encodeIfPresent(firmwareVendor, forKey: .firmwareVendor)
    }

    /// Whether the dump came from a virtual machine: yes, no or unknown, with the evidence (see `GuestDecision`
    /// for the order). aarch64 dumps are `unknown` unless lscpu or a DMI line says so.
    public var guest: GuestDecision { GuestDecision(self) }

    /// Whether the dump is known to come from a virtual machine (`guest` is yes); `false` for no and unknown.
    public var isGuest: Bool { guest.fact == .yes }

    /// Every flag, sorted bytewise and without duplicates.
    public var flags: [String] {
        get { flagSet.names }
        set { flagSet = CPUFlagSet(names: newValue) }
    }

    public func hasFlag(_ flag: String) -> Bool { flagSet.contains(flag) }

    /// Whether hardware AES is present: `aes` on x86 (AES-NI) and on ARM (the ARMv8 crypto extensions).
    public var hasHardwareAES: Bool { hasFlag("aes") }

    /// The performance-relevant features, grouped as the report shows them.
    public var features: CPUFeatures { CPUFeatures(self) }
}

/// The features that matter for storage encryption, derived from a CPU description's flags: one entry per
/// `CPUFeature`, each yes, no or n/a (the feature does not exist on the architecture), or unknown when the
/// architecture is not known and the flag is absent.
public struct CPUFeatures: Sendable, Encodable, Equatable {
    public struct Entry: Sendable, Codable, Equatable {
        public var feature: CPUFeature
        public var value: CPUFact
        /// The flags present that show the feature (`avx512f avx512bw ...`, `sha1 sha2`), sorted.
        public var flags: [String]
    }

    public var entries: [Entry]

    /// Flags that are grouped into the features, in the order the report lists them.
    public static let relevantFlags: [String] = [
        "aes", "vaes", "sveaes", "pclmulqdq", "pmull", "vpclmulqdq", "svepmull", "avx", "avx2",
        "xsave", "xsaveopt", "xsavec", "xsaves", "sha_ni", "sha1", "sha2", "sha3", "sha512",
        "rdrand", "rdseed", "hypervisor",
    ]

    public init(_ cpu: CPUDescription) {
        entries = CPUFeature.allCases.map { feature in
            let candidates = feature.flags(on: cpu.architecture)
            guard !candidates.isEmpty else { return Entry(feature: feature, value: .notApplicable, flags: []) }
            let present = feature == .avx512
                ? cpu.flags.filter { $0.hasPrefix("avx512") }
                : candidates.filter(cpu.hasFlag)
            let value: CPUFact = !present.isEmpty ? .yes : (cpu.architecture == .unknown ? .unknown : .no)
            return Entry(feature: feature, value: value, flags: present)
        }
    }

    public subscript(_ feature: CPUFeature) -> Entry {
        entries.first { $0.feature == feature }!
    }

    /// The text a table shows: `yes`, `no`, `n/a`, `unknown`, or for a group the flags present (AVX-512 and SHA
    /// list theirs, `f bw vl`, `sha1 sha2`).
    public func text(_ feature: CPUFeature) -> String {
        let entry = self[feature]
        guard entry.value == .yes else { return entry.value.rawValue }
        switch feature {
        case .avx512: return entry.flags.map { $0.hasPrefix("avx512") ? String($0.dropFirst(6)) : $0 }
            .map { $0.hasPrefix("_") ? String($0.dropFirst()) : $0 }.joined(separator: " ")
        case .sha: return entry.flags.joined(separator: " ")
        default: return "yes"
        }
    }

    /// JSON: `{"aes": {"value": "yes", "flags": ["aes"]}, "avx": {"value": "n/a", "flags": []}, ...}`.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for entry in entries {
            var nested = container.nestedContainer(keyedBy: Key.self, forKey: Key(entry.feature.rawValue))
            try nested.encode(entry.value, forKey: Key("value"))
            try nested.encode(entry.flags, forKey: Key("flags"))
        }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// What two CPU descriptions differ in: the seed's comparison of a host with its guest.
public struct CPUDiff: Sendable, Codable, Equatable {
    /// Flags the first description has and the second lacks (for host vs guest: what the guest is not given).
    public var onlyInFirst: [String]
    /// Flags only the second has (for host vs guest: usually `hypervisor`).
    public var onlyInSecond: [String]
    /// The subset of `onlyInFirst` and `onlyInSecond` that matters for encryption performance.
    public var relevantOnlyInFirst: [String]
    public var relevantOnlyInSecond: [String]

    public init(_ first: CPUDescription, _ second: CPUDescription) {
        let a = Set(first.flags)
        let b = Set(second.flags)
        onlyInFirst = a.subtracting(b).sorted()
        onlyInSecond = b.subtracting(a).sorted()
        let isRelevant: (String) -> Bool = { CPUFeatures.relevantFlags.contains($0) || $0.hasPrefix("avx512") }
        relevantOnlyInFirst = onlyInFirst.filter(isRelevant)
        relevantOnlyInSecond = onlyInSecond.filter(isRelevant)
    }
}
