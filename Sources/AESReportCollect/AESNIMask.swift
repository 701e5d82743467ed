import AESReportModel

/// How openssl is told not to use the CPU's AES instructions, per architecture.
public enum AESNIMask: Sendable, Equatable {
    /// x86: clear exactly the AES instruction bits, `OPENSSL_ia32cap=~0x200000200000000:~0x60000000000:~0:~0:~0`.
    case x86
    /// aarch64: clear every ARMv8 capability openssl detects (its NEON and crypto extension code paths alike).
    case arm
    /// No documented mask for this architecture.
    case unavailable(architecture: String)

    /// The x86 value. openssl reads `OPENSSL_ia32cap` as ':'-separated 64-bit words, '~' meaning "clear these
    /// bits of what CPUID reported" (crypto/cpuid.c):
    /// - word 0 (CPUID.1 EDX:ECX) `~0x200000200000000`: bit 57 AES-NI and bit 33 PCLMULQDQ;
    /// - word 1 (CPUID.7.0 EBX:ECX) `~0x60000000000`: bit 41 VAES and bit 42 VPCLMULQDQ (ECX bits 9 and 10);
    /// - words 2 to 4 (read from OpenSSL 3.4 on; older versions stop at word 1) `~0`: clear nothing.
    /// A word left out is not kept but *zeroed*: the former `~0x200000200000000` alone turned off AVX2, AVX-512,
    /// SHA and the rest of word 1 too, so the run "without AES-NI" also lost every vector code path.
    public static let x86Value = "~0x200000200000000:~0x60000000000:~0:~0:~0"

    /// The capability bits the x86 mask clears; every other bit stays as the CPU reports it.
    public static let x86ClearedBits: [IA32CapabilityBit] = [.aesni, .pclmulqdq, .vaes, .vpclmulqdq]

    /// The variable openssl reads at start-up, or nil.
    public var environment: [String: String] {
        switch self {
        case .x86: ["OPENSSL_ia32cap": Self.x86Value]
        case .arm: ["OPENSSL_armcap": "0"]
        case .unavailable: [:]
        }
    }

    /// For a machine name as `uname -m` prints it.
    public init(machine: String) {
        switch machine {
        case "x86_64", "amd64", "i386", "i486", "i586", "i686": self = .x86
        case "aarch64", "arm64": self = .arm
        default: self = .unavailable(architecture: machine)
        }
    }

    /// Prose for the manifest and the terminal.
    public var explanation: String {
        switch self {
        case .x86:
            "AES instructions masked with OPENSSL_ia32cap=\(Self.x86Value) (clears AES-NI bit 57, PCLMULQDQ bit 33, "
                + "VAES bit 64+41 and VPCLMULQDQ bit 64+42; AVX, AVX2, AVX-512, SHA and the rest stay as detected)"
        case .arm: "ARMv8 crypto extensions masked with OPENSSL_armcap=0 (also turns off NEON code paths)"
        case let .unavailable(architecture):
            "openssl has no capability mask for \(architecture), so AES instructions cannot be turned off here"
        }
    }

    /// Comment lines for the manifest of the masked run: the value and what each part does.
    public var manifestLines: [String] {
        switch self {
        case .x86:
            ["Mask: OPENSSL_ia32cap=\(Self.x86Value)",
             "  word 0 (CPUID.1 EDX:ECX) ~0x200000200000000: clears bit 57 AES-NI and bit 33 PCLMULQDQ",
             "  word 1 (CPUID.7.0 EBX:ECX) ~0x60000000000: clears bit 41 VAES and bit 42 VPCLMULQDQ (ECX bits 9, 10)",
             "  words 2-4 (OpenSSL 3.4 and later) ~0: clear nothing (a word left out would be zeroed)",
             "  every other capability (AVX, AVX2, AVX-512, SHA, BMI, ...) stays as the CPU reports it"]
        case .arm: ["Mask: OPENSSL_armcap=0 (every ARMv8 capability: AES, PMULL, SHA, NEON)"]
        case .unavailable: []
        }
    }

    /// What is wrong with the capability words openssl printed under this mask, `masked`, given those it printed
    /// without it, `unmasked` (nil when there is no unmasked output to compare with): an AES bit still set, or
    /// any other bit lost. Empty when the mask did exactly what it says; x86 only.
    public func problems(masked: IA32Capabilities, unmasked: IA32Capabilities?) -> [String] {
        guard self == .x86 else { return [] }
        var problems: [String] = []
        let kept = Self.x86ClearedBits.filter { masked.contains($0) }
        if !kept.isEmpty {
            problems.append("the mask had no effect on " + kept.map(\.name).joined(separator: ", ")
                            + ": openssl still reports \(kept.count == 1 ? "it" : "them") (OPENSSL_ia32cap="
                            + masked.text + ")")
        }
        if let unmasked {
            let lost = unmasked.lost(in: masked, except: Self.x86ClearedBits)
            if !lost.isEmpty {
                problems.append("the mask turned off more than the AES instructions: " + lost.joined(separator: ", ")
                                + " (without the mask OPENSSL_ia32cap=\(unmasked.text), with it \(masked.text))")
            }
        }
        return problems
    }
}
