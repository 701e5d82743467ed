/// One bit of openssl's x86 capability vector, as `OPENSSL_ia32cap` and openssl's `CPUINFO:` line number them:
/// `word` is the 64-bit word (0: CPUID.1 EDX:ECX; 1: CPUID.7.0 EBX:ECX; 2-4 from OpenSSL 3.4 on), `bit` the bit in
/// it (OpenSSL's manual writes word 1's bits as #64+N). Source: OpenSSL's OPENSSL_ia32cap(3) and crypto/cpuid.c.
public struct IA32CapabilityBit: Sendable, Equatable, Hashable {
    public var word: Int
    public var bit: Int
    public var name: String

    public init(word: Int, bit: Int, name: String) {
        self.word = word
        self.bit = bit
        self.name = name
    }

    /// The bit as the manual numbers it: "57" in word 0, "64+41" in word 1.
    public var position: String { word == 0 ? String(bit) : "\(64 * word)+\(bit)" }

    /// CPUID.1 ECX bit 25.
    public static let aesni = IA32CapabilityBit(word: 0, bit: 57, name: "AES-NI")
    /// CPUID.1 ECX bit 1: carry-less multiply, GCM's GHASH.
    public static let pclmulqdq = IA32CapabilityBit(word: 0, bit: 33, name: "PCLMULQDQ")
    /// CPUID.1 ECX bit 28.
    public static let avx = IA32CapabilityBit(word: 0, bit: 60, name: "AVX")
    /// CPUID.7.0 EBX bit 5.
    public static let avx2 = IA32CapabilityBit(word: 1, bit: 5, name: "AVX2")
    /// CPUID.7.0 EBX bit 16.
    public static let avx512f = IA32CapabilityBit(word: 1, bit: 16, name: "AVX512F")
    /// CPUID.7.0 EBX bit 29.
    public static let sha = IA32CapabilityBit(word: 1, bit: 29, name: "SHA")
    /// CPUID.7.0 ECX bit 9: AES rounds on 256- and 512-bit registers.
    public static let vaes = IA32CapabilityBit(word: 1, bit: 41, name: "VAES")
    /// CPUID.7.0 ECX bit 10: carry-less multiply on 256- and 512-bit registers.
    public static let vpclmulqdq = IA32CapabilityBit(word: 1, bit: 42, name: "VPCLMULQDQ")

    /// Bits with a name in messages; any other bit is named by its position.
    static let named: [IA32CapabilityBit] = [.pclmulqdq, .aesni, .avx, .avx2, .avx512f, .sha, .vaes, .vpclmulqdq]
}

/// The capability words openssl prints after its start-up masking:
/// `CPUINFO: OPENSSL_ia32cap=0xfdfa32014f8bffff:0x415946f1bf2ffb env:~0x200000200000000:~0x60000000000`
/// (`openssl version -a` prints it, and so does `openssl speed` on its first lines).
public struct IA32Capabilities: Sendable, Equatable {
    /// The words, first one first (two up to OpenSSL 3.3, five from 3.4 on).
    public var words: [UInt64]

    public init(words: [UInt64]) {
        self.words = words
    }

    /// From the first `OPENSSL_ia32cap=0x...` in `text` (an openssl output); nil when there is none.
    public init?(output text: String) {
        guard let start = text.range(of: "OPENSSL_ia32cap=0x") else { return nil }
        let rest = text[text.index(start.upperBound, offsetBy: -2)...]
        let value = rest.prefix { !$0.isWhitespace }
        var words: [UInt64] = []
        for part in value.split(separator: ":", omittingEmptySubsequences: false) {
            guard part.hasPrefix("0x"), let word = UInt64(part.dropFirst(2), radix: 16) else { break }
            words.append(word)
        }
        guard !words.isEmpty else { return nil }
        self.words = words
    }

    public func contains(_ capability: IA32CapabilityBit) -> Bool {
        capability.word < words.count && words[capability.word] & (1 << UInt64(capability.bit)) != 0
    }

    /// Bits set in `self` and clear in `other`, named where they have a name ("AVX2", else "64+7").
    public func lost(in other: IA32Capabilities, except: [IA32CapabilityBit] = []) -> [String] {
        var names: [String] = []
        for word in 0..<min(words.count, other.words.count) {
            var gone = words[word] & ~other.words[word]
            for capability in except where capability.word == word { gone &= ~(1 << UInt64(capability.bit)) }
            for bit in 0..<64 where gone & (1 << UInt64(bit)) != 0 {
                let capability = IA32CapabilityBit(word: word, bit: bit, name: "")
                names.append(IA32CapabilityBit.named.first { $0.word == word && $0.bit == bit }?.name
                             ?? "bit " + capability.position)
            }
        }
        return names
    }

    /// As openssl prints it: `0xfdfa32014f8bffff:0x415946f1bf2ffb`.
    public var text: String { words.map { "0x" + String($0, radix: 16) }.joined(separator: ":") }
}
