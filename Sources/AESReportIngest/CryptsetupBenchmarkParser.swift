import AESReportModel

/// Reads `cryptsetup benchmark` output (cryptsetup 1.6 and later): the PBKDF2 and argon2 lines, the cipher table
/// (`aes-xts 512b 2039.5 MiB/s 2041.1 MiB/s`, `N/A` where a cipher is not available), and the error printed when
/// the kernel crypto interface (`algif_skcipher`) is missing. Numbers with a decimal comma (non-C locales) are read.
public struct CryptsetupBenchmarkParser: LineParser {
    public let path: String
    public private(set) var diagnosticLog: CappedDiagnostics
    private var pbkdf: [PBKDFResult] = []
    private var ciphers: [CipherBenchmarkResult] = []
    private var errorLines: [String] = []
    /// `# name` lines that introduce a machine's output in a paste of several, with their lines.
    private var machines: [(name: String, line: Int)] = []
    /// Where the second machine's output begins: what follows is another machine's, not this run's.
    private var otherMachinesFrom: Int?

    public init(path: String) {
        self.path = path
        diagnosticLog = CappedDiagnostics(path: path)
    }

    public mutating func consume(_ line: Line) {
        let text = String(decoding: line.bytes, as: UTF8.self).trimmingWhitespace()
        if text.hasPrefix("#") {
            if let name = Self.machineName(text) {
                // A name after results begins another machine's output (the first may have had a name or not).
                if otherMachinesFrom == nil, !ciphers.isEmpty || !pbkdf.isEmpty { otherMachinesFrom = line.number }
                machines.append((name, line.number))
            }
            return
        }
        guard !text.isEmpty, otherMachinesFrom == nil else { return }
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if fields[0].hasPrefix("PBKDF2-"), fields.count >= 2, let iterations = UInt64(fields[1]) {
            pbkdf.append(PBKDFResult(name: fields[0], iterations: iterations, memoryKiB: nil, threads: nil,
                                     keyBits: keyBits(in: fields), line: line.number))
        } else if fields[0].hasPrefix("argon2"), fields.count >= 2, let iterations = UInt64(fields[1]) {
            let memory = fields.firstIndex { $0.hasPrefix("memory") }.flatMap { UInt64(fields[$0 - 1].trimmingCharacters(",")) }
            let threads = fields.firstIndex(of: "parallel").flatMap { Int(fields[$0 - 1]) }
            pbkdf.append(PBKDFResult(name: fields[0], iterations: iterations, memoryKiB: memory, threads: threads,
                                     keyBits: keyBits(in: fields), line: line.number))
        } else if let row = cipherRow(fields, line: line.number) {
            ciphers.append(row)
        } else if text.contains("not available") || text.contains("Ensure you have") || text.hasPrefix("Cannot")
                    || text.contains("failed") {
            // Quoted in a diagnostic: a few lines, each cut short.
            if errorLines.count < 5 { errorLines.append(Excerpt.of(text, length: 200)) }
        } else {
            diagnosticLog.append(Diagnostic(file: path, line: line.number, severity: .warning,
                                          message: "not cryptsetup benchmark output, ignored: '\(Excerpt.of(text))'"))
        }
    }

    /// A comment line that names a machine (`# laptop`, `# RPi 4 (arm64)`): not one of cryptsetup's own
    /// (`# Tests are approximate ...`, `#     Algorithm | Key | ...`) nor a shell prompt (`# cryptsetup benchmark`).
    static func machineName(_ text: String) -> String? {
        let name = text.drop { $0 == "#" }.trimmingWhitespace()
        guard !name.isEmpty, name.count <= 80, !name.hasPrefix("Tests are approximate"), !name.contains("|"),
              !name.hasPrefix("cryptsetup"), !name.contains("sudo "), !name.hasPrefix("Algorithm") else { return nil }
        return name
    }

    public mutating func finish() -> CryptsetupBenchmark? {
        if let from = otherMachinesFrom {
            let count = machines.filter { $0.line >= from }.count + 1
            diagnosticLog.append(Diagnostic(
                file: path, line: from, severity: .warning,
                message: "this file holds the outputs of \(count) machines ("
                    + machines.prefix(5).map { "'\(Excerpt.of($0.name))' at line \($0.line)" }.joined(separator: ", ")
                    + (machines.count > 5 ? ", ..." : "") + "): only the first is read, as this run's; put each "
                    + "machine's output in a folder of its own to compare them"))
        }
        let error = errorLines.isEmpty ? nil : errorLines.joined(separator: " ")
        if let error, ciphers.isEmpty {
            diagnosticLog.append(Diagnostic(file: path, line: nil, severity: .warning,
                                          message: "cryptsetup could not measure ciphers: \(error)"))
        } else if ciphers.isEmpty && pbkdf.isEmpty {
            diagnosticLog.append(Diagnostic(file: path, line: nil, severity: .error,
                                          message: "no cryptsetup benchmark results found"))
            return nil
        }
        return CryptsetupBenchmark(path: path, pbkdf: pbkdf, ciphers: ciphers, error: error,
                                   machine: machines.first { $0.line < (otherMachinesFrom ?? .max) }.map(\.name))
    }

    /// `2039.5`, or `2039,5` as cryptsetup prints it under a locale with a decimal comma (`LANG=de_DE.UTF-8`:
    /// printf's `%.1f` follows LC_NUMERIC, without grouping). Digits and one separator only: no `inf`, no hex.
    static func decimal(_ text: String) -> Double? {
        let separators = text.filter { $0 == "." || $0 == "," }.count
        guard !text.isEmpty, separators <= 1, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }),
              text.first!.isNumber, text.last!.isNumber else { return nil }
        return Double(String(text.map { $0 == "," ? "." : $0 }))
    }

    private func keyBits(in fields: [String]) -> Int? {
        fields.first { $0.hasSuffix("-bit") }.flatMap { Int($0.dropLast(4)) }
    }

    /// `aes-cbc 128b 1031.3 MiB/s 3225.3 MiB/s` or with `N/A` in place of a number and its unit.
    private mutating func cipherRow(_ fields: [String], line: Int) -> CipherBenchmarkResult? {
        guard fields.count >= 4, fields[1].hasSuffix("b"), let bits = Int(fields[1].dropLast()) else { return nil }
        var rest = Array(fields[2...])
        func take() -> (Double?, ok: Bool) {
            guard let first = rest.first else { return (nil, false) }
            rest.removeFirst()
            if first == "N/A" { return (nil, true) }
            guard let number = Self.decimal(first), let unit = rest.first else { return (nil, false) }
            rest.removeFirst()
            let scale: Double
            switch unit {
            case "MiB/s": scale = 1_048_576
            case "KiB/s": scale = 1024
            case "GiB/s": scale = 1_073_741_824
            case "MB/s": scale = 1_000_000
            default: return (nil, false)
            }
            let rate = number * scale
            if rate != 0, let problem = PlausibleThroughput.problem(bytesPerSecond: rate) {
                // Kept out, as `N/A` is, with an error: 10^300 MiB/s would overflow every sum it entered.
                diagnosticLog.append(Diagnostic(file: path, line: line, severity: .error,
                                                message: "\(fields[0]) \(fields[1]): \(problem); not used"))
                return (nil, true)
            }
            return (rate, true)
        }
        let encryption = take()
        let decryption = take()
        guard encryption.ok, decryption.ok else {
            diagnosticLog.append(Diagnostic(file: path, line: line, severity: .error,
                                          message: "unreadable cipher row: '\(Excerpt.of(fields.joined(separator: " ")))'"))
            return nil
        }
        return CipherBenchmarkResult(algorithm: fields[0], keyBits: bits, encryption: encryption.0,
                                     decryption: decryption.0, line: line)
    }
}

extension String {
    func trimmingCharacters(_ set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
