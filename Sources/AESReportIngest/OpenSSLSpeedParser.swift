import AESReportModel

/// Reads `openssl speed` output: the human form (`Doing AES-128-CBC for 3s on 16 size blocks: N AES-128-CBC's in
/// 2.99s` lines and the table in 1000s of bytes per second with a `k` suffix) and the `-mr` machine-readable form
/// (`+DT:`, `+R:`, `+H:`, `+F:` lines).
///
/// Throughput comes from operations x block size / seconds where the output gives them (exact), else from the
/// table. The direction (`-decrypt`) is not printed by openssl: it is taken from the file name (`decrypt` in it).
public struct OpenSSLSpeedParser: LineParser {
    public let path: String
    public private(set) var diagnosticLog: CappedDiagnostics
    private var version: String?
    private var aesni: Bool?
    private var mask: String?
    private var capabilityLine: Int?
    private var machineReadable = false
    private var blockSizes: [Int] = []
    /// Counted runs by algorithm and block size: (operations, seconds, line).
    private var counted: [String: [Int: (UInt64, Double, Int)]] = [:]
    private var pendingMR: (algorithm: String, blockSize: Int)?
    private var tableRows: [(String, [Double], Int)] = []
    private var order: [String] = []

    /// State a command line before the output set (`OPENSSL_ia32cap="~0x200000200000000" openssl speed ...`):
    /// evidence for this output unless its own `CPUINFO` line says otherwise.
    private var commandAESNI: (state: Bool, mask: String, line: Int)?

    public init(path: String) {
        self.path = path
        diagnosticLog = CappedDiagnostics(path: path)
    }

    /// The next output of a file holding several: the table header of the one before carries over (pastes with
    /// prose between tables print it once).
    init(following previous: OpenSSLSpeedParser) {
        self.init(path: previous.path)
        blockSizes = previous.blockSizes
    }

    /// Whether anything of an output has been read.
    var hasResults: Bool { !counted.isEmpty || !tableRows.isEmpty }

    /// Whether `text` (trimmed) begins another output than the one being read: a command line (`openssl speed`,
    /// a shell prompt or a heading naming it) after results; a run of a block size this output already holds;
    /// a header line (`Doing`, `version:`, `OpenSSL `, `CPUINFO:`) after this output's table.
    func beginsAnotherOutput(_ text: String) -> Bool {
        guard hasResults else { return false }
        if Self.isCommand(text) { return true }
        if !tableRows.isEmpty, text.hasPrefix("Doing ") || text.hasPrefix("+DT:") || text.hasPrefix("version:")
            || text.hasPrefix("OpenSSL ") || text.hasPrefix("CPUINFO:") {
            return true
        }
        if text.hasPrefix("Doing "), let (algorithm, size) = Self.doingKey(text) {
            return counted[algorithm]?[size] != nil
        }
        if text.hasPrefix("+DT:") {
            let fields = text.split(separator: ":", omittingEmptySubsequences: false)
            if fields.count >= 4, let size = Int(fields[3]) { return counted[String(fields[1])]?[size] != nil }
        }
        return false
    }

    /// A line that runs or names `openssl speed` (not openssl's own output, which never says it).
    static func isCommand(_ text: String) -> Bool {
        guard let openssl = text.range(of: "openssl", options: .caseInsensitive) else { return false }
        return text[openssl.upperBound...].range(of: " speed") != nil
    }

    /// Reads `OPENSSL_ia32cap=` on a command line: `~mask` clears the mask's bits, a plain value replaces the
    /// capability word; either way bit 57 (AES-NI) tells the state.
    mutating func noteCommand(_ text: String, line: Int) {
        guard let range = text.range(of: "OPENSSL_ia32cap=") else { return }
        let value = text[range.upperBound...].prefix { !$0.isWhitespace }.filter { $0 != "\"" && $0 != "'" }
        let complement = value.hasPrefix("~")
        let digits = (complement ? value.dropFirst() : value[...]).prefix { $0 != ":" }
        let hex = digits.lowercased().hasPrefix("0x") ? String(digits.dropFirst(2)) : String(digits)
        guard let word = UInt64(hex, radix: digits.lowercased().hasPrefix("0x") ? 16 : 10) else { return }
        let bit = word & (1 << 57) != 0
        commandAESNI = (complement ? !bit : bit, String(value), line)
    }

    /// The algorithm and block size of a `Doing` line.
    static func doingKey(_ text: String) -> (String, Int)? {
        let words = text.split(separator: " ")
        guard let forIndex = words.firstIndex(of: "for"), forIndex >= 2, let on = words.firstIndex(of: "on"),
              on + 1 < words.count, let size = Int(words[on + 1]) else { return nil }
        return (algorithmName(words[1..<forIndex]), size)
    }

    public mutating func consume(_ line: Line) {
        let text = String(decoding: line.bytes, as: UTF8.self).trimmingWhitespace()
        if text.hasPrefix("+") {
            machineReadable = true
            consumeMachineReadable(text, line: line.number)
        } else if text.hasPrefix("Doing ") {
            consumeDoing(text, line: line.number)
        } else if text.hasPrefix("version:") {
            version = Excerpt.of(String(text.dropFirst(8)).trimmingWhitespace(), length: 200)
        } else if text.hasPrefix("OpenSSL ") && version == nil {
            version = Excerpt.of(text, length: 200)
        } else if text.hasPrefix("CPUINFO:") {
            consumeCPUInfo(text, line: line.number)
        } else if text.hasPrefix("type ") {
            blockSizes = text.split(separator: " ").compactMap { Int($0) }
        } else if !blockSizes.isEmpty, let row = tableRow(text) {
            tableRows.append((row.0, row.1, line.number))
        }
    }

    public mutating func finish() -> OpenSSLSpeed? {
        var results: [OpenSSLSpeedResult] = []
        var zeroTime: [(String, Int, Int)] = []
        var disagreeing: [(String, Int, Double, Double, Int)] = []
        var tables: [String: ([Double], Int)] = [:]
        var repeated: [(String, Int, Int)] = []
        for (algorithm, values, line) in tableRows {
            if let first = tables[algorithm] {
                repeated.append((algorithm, line, first.1))
                continue
            }
            tables[algorithm] = (values, line)
            if !order.contains(algorithm) { order.append(algorithm) }
        }
        if let (algorithm, line, first) = repeated.first {
            // sbc-bench prints each row twice on purpose (the same measurement repeated); pasted logs repeat a
            // name when two runs were joined. Either way the first row is the one used, and that is said once.
            diagnosticLog.append(Diagnostic(file: path, line: line, severity: .note,
                                            message: "\(repeated.count) table row(s) repeat a name already read "
                                                + "(first: \(algorithm), line \(first)); the first row of each name "
                                                + "is used"))
        }
        for algorithm in order {
            let counts = counted[algorithm] ?? [:]
            let table = tables[algorithm]
            let sizes = !blockSizes.isEmpty ? blockSizes : counts.keys.sorted()
            for (index, size) in sizes.enumerated() {
                let printed = table.flatMap { index < $0.0.count ? $0.0[index] : nil }
                if let (_, seconds, line) = counts[size], seconds <= 0, printed == nil {
                    zeroTime.append((algorithm, size, line))
                }
                let countedRate = counts[size].flatMap { $0.1 > 0 ? Double($0.0) * Double(size) / $0.1 : nil }
                if let rate = countedRate ?? printed, rate != 0,
                   let problem = PlausibleThroughput.problem(bytesPerSecond: rate) {
                    // Figures no device produces (a forged or damaged log) stay out of the statistics, said.
                    diagnosticLog.append(Diagnostic(file: path, line: counts[size]?.2 ?? table?.1, severity: .error,
                                                    message: "\(algorithm) at \(size) bytes: \(problem); not used"))
                    continue
                }
                if let (operations, seconds, line) = counts[size], seconds > 0 {
                    let exact = Double(operations) * Double(size) / seconds
                    if let printed, abs(printed - exact) > Self.rateTolerance(seconds: seconds) * exact + 10 {
                        disagreeing.append((algorithm, size, printed, exact, table?.1 ?? line))
                    }
                    results.append(OpenSSLSpeedResult(algorithm: algorithm, blockSize: size, bytesPerSecond: exact,
                                                      operations: operations, seconds: seconds, line: line))
                } else if let printed, let line = table?.1 {
                    results.append(OpenSSLSpeedResult(algorithm: algorithm, blockSize: size, bytesPerSecond: printed,
                                                      operations: nil, seconds: nil, line: line))
                }
            }
        }
        if let (algorithm, size, printed, exact, line) = disagreeing.first {
            diagnosticLog.append(Diagnostic(file: path, line: line, severity: .warning,
                                            message: "\(disagreeing.count) table rate(s) differ from the counts by more "
                                                + "than the timer's rounding explains (first: \(algorithm) at \(size) "
                                                + "bytes, table \(printed) B/s, counts \(exact) B/s); the counts "
                                                + "are used"))
        }
        if let (algorithm, size, line) = zeroTime.first {
            diagnosticLog.append(Diagnostic(file: path, line: line, severity: .warning,
                                            message: "\(zeroTime.count) run(s) report 0.00 s (first: \(algorithm) at "
                                                + "\(size) bytes): no throughput can be computed, not used"))
        }
        if results.isEmpty {
            diagnosticLog.append(Diagnostic(file: path, line: nil, severity: .error,
                                          message: "no openssl speed results found"))
            return nil
        }
        let lowerName = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        let direction: CipherDirection = lowerName.contains("decrypt") ? .decrypt : .encrypt
        if aesni == nil, let command = commandAESNI {
            (aesni, capabilityLine) = (command.state, command.line)
            mask = mask ?? command.mask
        }
        return OpenSSLSpeed(path: path, version: version, direction: direction, aesni: aesni, capabilityMask: mask,
                            machineReadable: machineReadable, results: results, capabilityLine: capabilityLine)
    }

    /// How far the table's rate may stray from operations x size / seconds before it is worth a warning: openssl
    /// prints the seconds with two decimals (half a hundredth of rounding) and the table with two decimals in
    /// thousands (10 B/s); Windows builds time with a coarser clock (GetTickCount, ~16 ms), so a relative
    /// 0.016 s / seconds is allowed, and never less than 0.5%.
    static func rateTolerance(seconds: Double) -> Double {
        max(0.005, 0.016 / seconds)
    }

    private mutating func note(algorithm: String) {
        if !order.contains(algorithm) { order.append(algorithm) }
    }

    /// `Doing AES-128-CBC for 3s on 16 size blocks: 123456 AES-128-CBC's in 2.99s`
    private mutating func consumeDoing(_ text: String, line: Int) {
        let words = text.split(separator: " ").map(String.init)
        guard words.count >= 12, let onIndex = words.firstIndex(of: "on"), onIndex + 1 < words.count,
              let size = Int(words[onIndex + 1]), let colon = words.firstIndex(where: { $0.hasSuffix(":") }),
              colon + 1 < words.count, let operations = UInt64(words[colon + 1]),
              let last = words.last, last.hasSuffix("s"), let seconds = Double(last.dropLast()) else {
            diagnosticLog.append(Diagnostic(file: path, line: line, severity: .warning,
                                          message: "unreadable 'Doing' line: '\(Excerpt.of(text))'"))
            return
        }
        // Non-EVP names hold a space (`Doing aes-128 cbc for 3s ...`): the name is every word before `for`.
        let forIndex = words.firstIndex(of: "for") ?? 2
        let algorithm = Self.algorithmName(words[1..<max(forIndex, 2)])
        note(algorithm: algorithm)
        counted[algorithm, default: [:]][size] = (operations, seconds, line)
    }

    private mutating func consumeMachineReadable(_ text: String, line: Int) {
        let fields = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch fields[0] {
        case "+DT" where fields.count >= 4:
            pendingMR = Int(fields[3]).map { (fields[1], $0) }
        case "+R" where fields.count >= 4:
            guard let (algorithm, size) = pendingMR, let operations = UInt64(fields[1]),
                  let seconds = Double(fields[3]) else {
                diagnosticLog.append(Diagnostic(file: path, line: line, severity: .warning,
                                              message: "'+R' line without a preceding '+DT' line, ignored"))
                return
            }
            note(algorithm: algorithm)
            counted[algorithm, default: [:]][size] = (operations, seconds, line)
            pendingMR = nil
        case "+H":
            blockSizes = fields.dropFirst().compactMap { Int($0) }
        case "+F" where fields.count >= 3:
            // Values here are bytes per second, not thousands.
            let values = fields.dropFirst(3).compactMap { Double($0) }
            tableRows.append((fields[2], values, line))
        default:
            break
        }
    }

    /// `CPUINFO: OPENSSL_ia32cap=0xfdfa3201078bffff:0x0 env:~0x200000200000000`; bit 57 of the first word is AES-NI.
    private mutating func consumeCPUInfo(_ text: String, line: Int) {
        if let range = text.range(of: "OPENSSL_armcap=0x") {
            // crypto/arm_arch.h: ARMV8_AES is bit 2 (0x4) of the capability word.
            let hex = text[range.upperBound...].prefix { $0.isHexDigit }
            if let word = UInt64(hex, radix: 16) {
                aesni = word & 0x4 != 0
                capabilityLine = line
            }
        }
        guard let range = text.range(of: "OPENSSL_ia32cap=0x") else { return }
        let hex = text[range.upperBound...].prefix { $0.isHexDigit }
        if let word = UInt64(hex, radix: 16) {
            aesni = word & (1 << 57) != 0
            capabilityLine = line
        }
        if let env = text.range(of: "env:") {
            mask = String(text[env.upperBound...]).trimmingWhitespace()
        }
    }

    /// `AES-128-CBC     197745.52k   231687.01k ...` (thousands of bytes per second); non-EVP names hold a space
    /// (`aes-128 cbc`), and sbc-bench adds the cluster a row ran on (`... 1300004.86k (Cortex-A76)`), which stays
    /// part of the name: two clusters are two series.
    private func tableRow(_ text: String) -> (String, [Double])? {
        var fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        var suffix = ""
        if let last = fields.last, last.hasSuffix(")"), let open = fields.lastIndex(where: { $0.hasPrefix("(") }),
           open > 1 {
            suffix = " " + fields[open...].joined(separator: " ")
            fields.removeSubrange(open...)
        }
        guard let first = fields.firstIndex(where: { $0.hasSuffix("k") && Double($0.dropLast()) != nil }),
              first >= 1, first <= 2 else { return nil }
        var values: [Double] = []
        for field in fields[first...] {
            guard field.hasSuffix("k"), let value = Double(field.dropLast()) else { return nil }
            values.append(value * 1000)
        }
        return (Self.algorithmName(fields[..<first]) + suffix, values)
    }

    /// `aes-128 cbc` (openssl's non-EVP label) as `aes-128-cbc`, the name the EVP form and other tools use.
    static func algorithmName<S: Sequence>(_ words: S) -> String where S.Element: StringProtocol {
        var name = ""
        for word in words {
            if !name.isEmpty { name += "-" }
            name += String(word)
        }
        return name
    }
}


