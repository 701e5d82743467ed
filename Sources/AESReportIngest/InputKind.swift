#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AESReportModel

/// The formats `aesreport` reads.
public enum InputKind: String, Sendable, Codable, CaseIterable {
    case ddLog = "dd"
    case cpuDescription = "cpuinfo"
    case opensslSpeed = "openssl"
    case cryptsetupBenchmark = "cryptsetup"
    /// fio output in any form: JSON, json+, terse, normal.
    case fio
    /// The kernel's tcrypt speed test output (`dmesg`).
    case tcrypt
    /// An sbc-bench result log (`sbc-bench v0.9.70 <board> (<date>)` on its first line): its openssl AES table
    /// and the CPU description (lscpu, /proc/cpuinfo) inside it, one machine per log.
    case sbcBench = "sbc-bench"

    /// The kind a file name promises, if it follows a known naming: `<cipher>-read.txt`, `cpuinfo*`, `lscpu*`,
    /// `proc-cpuinfo*`, `openssl*`, `cryptsetup*`, `tcrypt*`, and fio's `[fio-]<cipher>-<read|write>[-r<N>].json`.
    public static func fromName(_ path: String) -> InputKind? {
        // Bytes and ASCII case folding: discovery asks this of every file in a fleet's folders.
        var name = PathName.lastComponent(Array(path.utf8)).map(ByteScanning.lower)
        // `aes-xts-plain64-read.txt.gz`: gzip is read through zlib, so the name inside counts.
        if name.count > 3, name.suffix(3) == Self.gzip[...] {
            return fromName(String(decoding: name.dropLast(3), as: UTF8.self))
        }
        if FioFileName(path: path) != nil { return .fio }
        // Text outputs only: `cryptsetup.png` or `openssl-speed.json` are not benchmark logs.
        if let dot = name.lastIndex(of: UInt8(ascii: ".")),
           !textExtensionBytes.contains(Array(name[(dot + 1)...])) {
            return nil
        }
        if name.starts(with: Self.openssl) { return .opensslSpeed }
        if name.starts(with: Self.cryptsetup) { return .cryptsetupBenchmark }
        if name.starts(with: Self.tcryptPrefix) { return .tcrypt }
        if name.starts(with: Self.lscpu) || name.withUnsafeBufferPointer({ ByteScanning.contains($0, Self.cpuinfo) }) {
            return .cpuDescription
        }
        // The name is already cut from its folder (and folded, which only the cipher's case would notice).
        if ResultFileName(fileName: name) != nil { return .ddLog }
        return nil
    }

    private static let gzip = Array(".gz".utf8)
    private static let openssl = Array("openssl".utf8)
    private static let cryptsetup = Array("cryptsetup".utf8)
    private static let tcryptPrefix = Array("tcrypt".utf8)
    private static let lscpu = Array("lscpu".utf8)
    private static let cpuinfo = Array("cpuinfo".utf8)
    private static let textExtensionBytes = Set(textExtensions.map { Array($0.utf8) })

    /// Extensions of files worth reading; names without one are read too (`proc-cpuinfo`, `lscpu`).
    public static let textExtensions: Set<String> = ["txt", "log", "out", "dump"]

    /// The kind the first 64 KiB of text look like; `nil` when none fits.
    public static func sniff(_ bytes: [UInt8]) -> InputKind? {
        let text = String(decoding: bytes, as: UTF8.self)
        if isSBCBench(text) { return .sbcBench }
        if isFio(text) { return .fio }
        if text.contains("testing speed of ") && text.contains(" bit key, ") { return .tcrypt }
        if text.contains("OPENSSL_ia32cap") || text.contains("+DT:") || text.contains("1000s of bytes per second")
            || text.hasPrefix("Doing ") || text.contains("\nDoing ") {
            return .opensslSpeed
        }
        if text.contains("PBKDF2-") || text.contains("algif_skcipher") || text.contains("#     Algorithm")
            || text.contains("Tests are approximate using memory only") {
            return .cryptsetupBenchmark
        }
        var kind: InputKind?
        LineReader.forEachLine(in: bytes) { line in
            guard kind == nil else { return }
            switch DDLineClassifier.classify(line.bytes) {
            case .records, .summary, .error: kind = .ddLog
            default: break
            }
        }
        if let kind { return kind }
        let lower = text.lowercased()
        if lower.contains("flags") || lower.contains("features") || lower.contains("model name")
            || lower.contains("vendor_id") {
            return .cpuDescription
        }
        return nil
    }

    /// sbc-bench's first line: `sbc-bench v0.9.70 GMKtec NucBoxG3 Plus / N150 (Thu, 30 Jan 2025 17:32:07 -0600)`
    /// (blank lines before it allowed).
    static func isSBCBench(_ text: String) -> Bool {
        guard let first = text.split(separator: "\n", maxSplits: 8).first(where: {
            !$0.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
        }) else { return false }
        return first.hasPrefix("sbc-bench v") && first.dropFirst(11).first?.isNumber == true
    }

    /// fio's marks: a JSON document's `"fio version"`, a terse line (`3;fio-3.33;`), a normal-form job header
    /// (`: (groupid=0, jobs=1): err=`) or group line (`Run status group`).
    static func isFio(_ text: String) -> Bool {
        if text.contains("\"fio version\"") || text.contains(": (groupid=") || text.contains("Run status group ") {
            return true
        }
        return text.split(separator: "\n", maxSplits: 64).contains { line in
            line.count > 2 && "2345".contains(line.first!) && line.dropFirst().hasPrefix(";")
                && line.split(separator: ";", maxSplits: 90, omittingEmptySubsequences: false).count >= 86
        }
    }

    /// The kind of the file at `path`: by name, else by content. Throws when the file cannot be read.
    public static func detect(path: String, policy: ReadPolicy = ReadPolicy()) throws -> InputKind? {
        try detect(path: InputPath(path), policy: policy)
    }

    /// The same for a path given as bytes.
    public static func detect(path: InputPath, policy: ReadPolicy = ReadPolicy()) throws -> InputKind? {
        if let kind = fromName(path.display) { return kind }
        return sniff(try readPrefix(path: path, count: sniffLength, policy: policy))
    }

    /// How much of a file whose name says nothing is read to tell its format.
    static let sniffLength = 1 << 16

    /// The first `count` bytes of the file's lines (line ends as LF): no more than `count` bytes are read, so a
    /// large unknown file costs one small read, whatever its size or its lines.
    static func readPrefix(path: InputPath, count: Int, policy: ReadPolicy = ReadPolicy()) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try LineReader.forEachLine(inFile: path, policy: policy, maxLineLength: count, maxBytes: Int64(count)) { line in
            bytes.append(contentsOf: line.bytes)
            bytes.append(0x0A)
        }
        return bytes.count > count ? Array(bytes[..<count]) : bytes
    }
}
