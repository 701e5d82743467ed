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

    public init(path: String) {
        self.path = path
        diagnosticLog = CappedDiagnostics(path: path)
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
        var tables: [String: ([Double], Int)] = [:]
        for (algorithm, values, line) in tableRows {
            tables[algorithm] = (values, line)
            if !order.contains(algorithm) { order.append(algorithm) }
        }
        for algorithm in order {
            let counts = counted[algorithm] ?? [:]
            let table = tables[algorithm]
            let sizes = !blockSizes.isEmpty ? blockSizes : counts.keys.sorted()
            for (index, size) in sizes.enumerated() {
                let printed = table.flatMap { index < $0.0.count ? $0.0[index] : nil }
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
                    if let printed, abs(printed - exact) > 10 + 1e-6 * exact {
                        diagnosticLog.append(Diagnostic(file: path, line: table?.1, severity: .warning,
                                                      message: "\(algorithm) at \(size) bytes: table says \(printed) B/s, "
                                                          + "counts give \(exact) B/s; using the counts"))
                    }
                    results.append(OpenSSLSpeedResult(algorithm: algorithm, blockSize: size, bytesPerSecond: exact,
                                                      operations: operations, seconds: seconds, line: line))
                } else if let printed, let line = table?.1 {
                    results.append(OpenSSLSpeedResult(algorithm: algorithm, blockSize: size, bytesPerSecond: printed,
                                                      operations: nil, seconds: nil, line: line))
                }
            }
        }
        if results.isEmpty {
            diagnosticLog.append(Diagnostic(file: path, line: nil, severity: .error,
                                          message: "no openssl speed results found"))
            return nil
        }
        let lowerName = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        let direction: CipherDirection = lowerName.contains("decrypt") ? .decrypt : .encrypt
        return OpenSSLSpeed(path: path, version: version, direction: direction, aesni: aesni, capabilityMask: mask,
                            machineReadable: machineReadable, results: results, capabilityLine: capabilityLine)
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
        let algorithm = words[1]
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

    /// `AES-128-CBC     197745.52k   231687.01k ...` (thousands of bytes per second).
    private func tableRow(_ text: String) -> (String, [Double])? {
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count >= 2 else { return nil }
        var values: [Double] = []
        for field in fields.dropFirst() {
            guard field.hasSuffix("k"), let value = Double(field.dropLast()) else { return nil }
            values.append(value * 1000)
        }
        return (String(fields[0]), values)
    }
}


