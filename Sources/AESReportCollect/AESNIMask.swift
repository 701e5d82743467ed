import AESReportModel

/// How openssl is told not to use the CPU's AES instructions, per architecture.
public enum AESNIMask: Sendable, Equatable {
    /// x86: clear the AES-NI (bit 57) and PCLMULQDQ (bit 33) capability bits.
    case x86
    /// aarch64: clear every ARMv8 capability openssl detects (its NEON and crypto extension code paths alike).
    case arm
    /// No documented mask for this architecture.
    case unavailable(architecture: String)

    /// The variable openssl reads at start-up, or nil.
    public var environment: [String: String] {
        switch self {
        case .x86: ["OPENSSL_ia32cap": "~0x200000200000000"]
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
        case .x86: "AES-NI masked with OPENSSL_ia32cap=~0x200000200000000 (clears the AES-NI and PCLMULQDQ bits)"
        case .arm: "ARMv8 crypto extensions masked with OPENSSL_armcap=0 (also turns off NEON code paths)"
        case let .unavailable(architecture):
            "openssl has no capability mask for \(architecture), so AES instructions cannot be turned off here"
        }
    }
}
