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
    /// Every flag, sorted and without duplicates (the union over all processors).
    public var flags: [String]
    /// Hypervisor vendor named by lscpu (`KVM`), if any.
    public var hypervisorVendor: String?

    public init(format: CPUSourceFormat, architecture: CPUArchitecture, vendor: String?, modelName: String?,
                logicalCPUs: Int?, flags: [String], hypervisorVendor: String?) {
        self.format = format
        self.architecture = architecture
        self.vendor = vendor
        self.modelName = modelName
        self.logicalCPUs = logicalCPUs
        self.flags = flags
        self.hypervisorVendor = hypervisorVendor
    }

    /// Whether the dump came from a virtual machine (`hypervisor` flag, or lscpu's `Hypervisor vendor`).
    public var isGuest: Bool { hasFlag("hypervisor") || hypervisorVendor != nil }

    public func hasFlag(_ flag: String) -> Bool {
        // flags is sorted: binary search keeps look-ups cheap for 200-flag lists.
        var low = 0
        var high = flags.count
        while low < high {
            let mid = (low + high) / 2
            if flags[mid] < flag { low = mid + 1 } else { high = mid }
        }
        return low < flags.count && flags[low] == flag
    }

    /// Whether hardware AES is present: `aes` on x86 (AES-NI) and on ARM (the ARMv8 crypto extensions).
    public var hasHardwareAES: Bool { hasFlag("aes") }

    /// The performance-relevant features, grouped as the report shows them.
    public var features: CPUFeatures { CPUFeatures(self) }
}

/// The features that matter for storage encryption, derived from a CPU description's flags.
public struct CPUFeatures: Sendable, Codable, Equatable {
    /// Hardware AES rounds: x86 `aes` (AES-NI) or ARM `aes`.
    public var aes: Bool
    /// Vector AES (`vaes`, x86 only).
    public var vaes: Bool
    /// Carry-less multiply: x86 `pclmulqdq`, ARM `pmull`.
    public var carrylessMultiply: Bool
    /// Vector carry-less multiply (`vpclmulqdq`).
    public var vectorCarrylessMultiply: Bool
    public var avx: Bool
    public var avx2: Bool
    /// Every AVX-512 flag present (`avx512f`, `avx512bw`, ...), sorted.
    public var avx512: [String]
    /// XSAVE-family flags present (`xsave`, `xsaveopt`, `xsavec`, `xsaves`), in that order.
    public var xsave: [String]
    /// SHA extensions present: x86 `sha_ni`, ARM `sha1`, `sha2`, `sha3`, `sha512`.
    public var sha: [String]
    public var rdrand: Bool
    public var rdseed: Bool

    /// Flags that are grouped into the fields above, in the order the report lists them.
    public static let relevantFlags: [String] = [
        "aes", "vaes", "pclmulqdq", "vpclmulqdq", "pmull", "avx", "avx2",
        "xsave", "xsaveopt", "xsavec", "xsaves", "sha_ni", "sha1", "sha2", "sha3", "sha512",
        "rdrand", "rdseed", "hypervisor",
    ]

    public init(_ cpu: CPUDescription) {
        aes = cpu.hasFlag("aes")
        vaes = cpu.hasFlag("vaes")
        carrylessMultiply = cpu.hasFlag("pclmulqdq") || cpu.hasFlag("pmull")
        vectorCarrylessMultiply = cpu.hasFlag("vpclmulqdq")
        avx = cpu.hasFlag("avx")
        avx2 = cpu.hasFlag("avx2")
        avx512 = cpu.flags.filter { $0.hasPrefix("avx512") }
        xsave = ["xsave", "xsaveopt", "xsavec", "xsaves"].filter(cpu.hasFlag)
        sha = ["sha_ni", "sha1", "sha2", "sha3", "sha512"].filter(cpu.hasFlag)
        rdrand = cpu.hasFlag("rdrand")
        rdseed = cpu.hasFlag("rdseed")
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
