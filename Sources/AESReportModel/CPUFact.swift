/// The answer a CPU dump gives to a yes/no question about the machine, including "it does not say" and "the question
/// does not apply". Shown everywhere as its raw value (`yes`, `no`, `unknown`, `n/a`), never as a bare absence.
public enum CPUFact: String, Sendable, Codable, Equatable {
    case yes
    case no
    /// The dump holds no evidence either way (an aarch64 cpuinfo says nothing about a hypervisor).
    case unknown
    /// The question does not apply: the feature does not exist on this architecture (AVX on aarch64).
    case notApplicable = "n/a"

    /// `true` for `yes` and `false` for `no`; `nil` for `unknown` and `n/a`, which are neither.
    public var bool: Bool? {
        switch self {
        case .yes: return true
        case .no: return false
        case .unknown, .notApplicable: return nil
        }
    }
}

/// Whether a CPU dump came from a virtual machine, and the line of evidence that decided it.
///
/// The order, most direct evidence first:
/// 1. lscpu's `Hypervisor vendor:` (`KVM`, `VMware`, ...) → yes.
/// 2. lscpu's `Virtualization type:` (`full`, `para`, `container`) → yes. (Not lscpu's `Virtualization:` line,
///    which names the CPU's own VT-x/AMD-V support and is printed on hosts.)
/// 3. The `hypervisor` flag → yes. x86 CPUs set CPUID.1:ECX bit 31 for software only when a hypervisor runs them,
///    and every mainstream hypervisor (KVM/QEMU, Xen HVM, VMware, Hyper-V, VirtualBox) sets it; Linux lists it as
///    `hypervisor`.
/// 4. A DMI-style line naming a virtual machine vendor: lscpu's `BIOS Vendor ID: QEMU`, `sys_vendor` /
///    `product_name` from `/sys/class/dmi/id`, dmidecode's `Manufacturer:` / `Product Name:` → yes.
/// 5. Otherwise, on x86 (whose flag list is whole in every format read, since a text without one is refused):
///    no, since the flag would be there under a mainstream hypervisor. A hypervisor that hides the bit on purpose
///    (KVM's `-cpu host,-hypervisor`, `kvm=off`) is not detected; the evidence names this.
/// 6. Otherwise (aarch64 and unknown architectures): unknown. aarch64 has no hypervisor flag, and a QEMU guest's
///    `/proc/cpuinfo` is indistinguishable from a host's; lscpu 2.38 in such a guest prints no `Hypervisor vendor`.
public struct GuestDecision: Sendable, Codable, Equatable {
    public var fact: CPUFact
    /// The evidence in words: `lscpu Hypervisor vendor: KVM`, `hypervisor flag`, `no hypervisor flag in the x86
    /// flag list`, `aarch64 has no hypervisor flag and no lscpu or DMI line names a hypervisor`.
    public var evidence: String

    public init(fact: CPUFact, evidence: String) {
        self.fact = fact
        self.evidence = evidence
    }

    /// Vendor and product names in DMI that only virtual machines report (compared case-insensitively, as
    /// prefixes). Cloud names that bare-metal instances share (`Amazon EC2`) are left out.
    public static let virtualMachineDMINames: [String] = [
        "qemu", "kvm", "vmware", "virtualbox", "innotek gmbh", "xen", "bochs", "bhyve", "parallels",
        "microsoft corporation virtual machine", "virtual machine", "google compute engine", "openstack",
    ]

    /// Whether a DMI vendor or product name is one only virtual machines report.
    public static func namesVirtualMachine(_ dmi: String) -> Bool {
        let lower = dmi.lowercased()
        return virtualMachineDMINames.contains { lower.hasPrefix($0) }
    }

    public init(_ cpu: CPUDescription) {
        if let vendor = cpu.hypervisorVendor {
            self.init(fact: .yes, evidence: "lscpu Hypervisor vendor: \(vendor)")
        } else if let type = cpu.virtualizationType {
            self.init(fact: .yes, evidence: "lscpu Virtualization type: \(type)")
        } else if cpu.hasFlag("hypervisor") {
            self.init(fact: .yes, evidence: "hypervisor flag")
        } else if let dmi = cpu.firmwareVendor, Self.namesVirtualMachine(dmi) {
            self.init(fact: .yes, evidence: "DMI names \(dmi)")
        } else if cpu.architecture == .x86 {
            self.init(fact: .no, evidence: "no hypervisor flag in the x86 flag list")
        } else {
            let arch = cpu.architecture == .arm ? "aarch64/ARM" : "an unknown architecture"
            self.init(fact: .unknown,
                      evidence: "\(arch) has no hypervisor flag and no lscpu or DMI line names a hypervisor")
        }
    }

    /// `yes (KVM)`, `yes (hypervisor flag)`, `no`, `unknown`: the short form tables show.
    public var text: String {
        switch fact {
        case .yes:
            return "yes (" + (evidence.hasPrefix("lscpu Hypervisor vendor: ")
                ? String(evidence.dropFirst("lscpu Hypervisor vendor: ".count)) : evidence) + ")"
        default:
            return fact.rawValue
        }
    }
}

/// The encryption-relevant features the report lists, one row each, with the flag that shows each on x86 and on
/// ARM. A feature with no flag on an architecture does not exist there and is `n/a`, not `no`.
public enum CPUFeature: String, Sendable, Codable, CaseIterable {
    case aes
    /// x86 VAES; ARM's SVE2 `sveaes` is the vector form there.
    case vaes
    /// x86 PCLMULQDQ, ARM PMULL (GCM's GHASH and XTS tweak arithmetic).
    case carrylessMultiply = "carryless_multiply"
    /// x86 VPCLMULQDQ; ARM's SVE2 `svepmull`.
    case vectorCarrylessMultiply = "vector_carryless_multiply"
    case avx
    case avx2
    case avx512
    case xsave
    case xsaveopt
    case xsavec
    case xsaves
    /// x86 `sha_ni`; ARM `sha1`, `sha2`, `sha3`, `sha512`.
    case sha
    /// x86 RDRAND (ARM's `rng`, RNDR, is a different instruction and is left out).
    case rdrand
    case rdseed

    /// The row's name on the page and in `aesreport cpuinfo`.
    public var label: String {
        switch self {
        case .aes: return "AES"
        case .vaes: return "VAES / SVE2-AES"
        case .carrylessMultiply: return "PCLMULQDQ / PMULL"
        case .vectorCarrylessMultiply: return "VPCLMULQDQ / SVE2-PMULL"
        case .avx: return "AVX"
        case .avx2: return "AVX2"
        case .avx512: return "AVX-512"
        case .xsave: return "XSAVE"
        case .xsaveopt: return "XSAVEOPT"
        case .xsavec: return "XSAVEC"
        case .xsaves: return "XSAVES"
        case .sha: return "SHA"
        case .rdrand: return "RDRAND"
        case .rdseed: return "RDSEED"
        }
    }

    /// The flags that show the feature on an architecture; empty where it does not exist. `avx512` on x86 means
    /// every flag starting `avx512`.
    public func flags(on architecture: CPUArchitecture) -> [String] {
        switch (self, architecture) {
        case (.aes, _): return ["aes"]
        case (.vaes, .x86): return ["vaes"]
        case (.vaes, .arm): return ["sveaes"]
        case (.carrylessMultiply, .x86): return ["pclmulqdq"]
        case (.carrylessMultiply, .arm): return ["pmull"]
        case (.carrylessMultiply, .unknown): return ["pclmulqdq", "pmull"]
        case (.vectorCarrylessMultiply, .x86): return ["vpclmulqdq"]
        case (.vectorCarrylessMultiply, .arm): return ["svepmull"]
        case (.avx, .x86): return ["avx"]
        case (.avx2, .x86): return ["avx2"]
        case (.avx512, .x86): return ["avx512"]
        case (.xsave, .x86), (.xsaveopt, .x86), (.xsavec, .x86), (.xsaves, .x86): return [rawValue]
        case (.sha, .x86): return ["sha_ni"]
        case (.sha, .arm): return ["sha1", "sha2", "sha3", "sha512"]
        case (.sha, .unknown): return ["sha_ni", "sha1", "sha2", "sha3", "sha512"]
        case (.rdrand, .x86), (.rdseed, .x86): return [rawValue]
        case (.vaes, .unknown): return ["vaes", "sveaes"]
        case (.vectorCarrylessMultiply, .unknown): return ["vpclmulqdq", "svepmull"]
        case (_, .unknown): return self == .avx512 ? ["avx512"] : [rawValue]
        default: return []
        }
    }
}

extension CPUFeature {
    /// Whether a relevant flag names something that exists on an architecture (`avx` does not on ARM, `pmull`
    /// does not on x86, `hypervisor` is x86's); a diff shows `n/a` rather than "absent" where it does not.
    /// Flags the report does not group are taken to exist, and so is every flag on an unknown architecture.
    public static func flagExists(_ flag: String, on architecture: CPUArchitecture) -> Bool {
        guard architecture != .unknown else { return true }
        if flag == "hypervisor" { return architecture == .x86 }
        if flag.hasPrefix("avx512") { return architecture == .x86 }
        let grouped = allCases.contains { $0.flags(on: .unknown).contains(flag) }
            || ["avx", "avx2", "xsave", "xsaveopt", "xsavec", "xsaves", "rdrand", "rdseed"].contains(flag)
        guard grouped else { return true }
        return allCases.contains { $0.flags(on: architecture).contains(flag) }
    }
}

