import AESReportModel

/// Reads the kernel's tcrypt speed output as `dmesg` shows it (crypto/tcrypt.c, `modprobe tcrypt mode=500 sec=1`):
/// - `testing speed of async xts(aes) (xts-aes-aesni) encryption` (newer kernels; `sync` likewise), or
///   `testing speed of xts(aes) (xts(ecb(aes-generic))) decryption` (older): the algorithm, the driver that ran
///   it and the direction;
/// - `test 5 (256 bit key, 64 byte blocks): 1436385 operations in 1 seconds (91928640 bytes)` (with `sec=`), or
///   `test 5 (256 bit key, 64 byte blocks): 1 operation in 1402 cycles (64 bytes)` (without);
/// each with or without dmesg's `[   12.345678] tcrypt: ` prefix. Other kernel lines are ignored.
public struct TcryptParser: LineParser {
    public let path: String
    public private(set) var diagnosticLog: CappedDiagnostics
    private var tests: [TcryptTest] = []

    public init(path: String) {
        self.path = path
        diagnosticLog = CappedDiagnostics(path: path)
    }

    public mutating func consume(_ line: Line) {
        var text = Substring(String(decoding: line.bytes, as: UTF8.self))
        // `[   12.345678] ` and `tcrypt: ` prefixes.
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") { text = text[text.index(after: close)...] }
        text = text.drop { $0 == " " }
        if text.hasPrefix("tcrypt:") { text = text.dropFirst(7).drop { $0 == " " } }
        if text.hasPrefix("failed to load transform for ") {
            // The kernel refused the algorithm (-2: no such algorithm, -80: its self-test failed): said, not skipped.
            diagnosticLog.append(Diagnostic(file: path, line: line.number, severity: .warning,
                                            message: "tcrypt could not test '\(Excerpt.of(text.dropFirst(29)))'"))
        } else if text.hasPrefix("testing speed of ") {
            dropPending()
            if let test = Self.header(text.dropFirst(17), line: line.number) { tests.append(test) }
        } else if text.hasPrefix("test "), text.contains(" bit key, ") {
            dropPending()
            guard !tests.isEmpty else {
                diagnosticLog.append(Diagnostic(file: path, line: line.number, severity: .warning,
                                                message: "tcrypt test line before any 'testing speed of' line, ignored"))
                return
            }
            let words = Self.words(text)
            guard var result = Self.testHeader(words, line: line.number) else {
                diagnosticLog.append(Diagnostic(file: path, line: line.number, severity: .warning,
                                                message: "unreadable tcrypt test line: '\(Excerpt.of(text))'"))
                return
            }
            if words.count == 8 {
                // The figures follow on a later line (a kernel warning printed in between).
                pending = result
            } else if Self.fill(&result, Array(words.dropFirst(8))) {
                append(result)
            } else {
                diagnosticLog.append(Diagnostic(file: path, line: line.number, severity: .warning,
                                                message: "unreadable tcrypt test line: '\(Excerpt.of(text))'"))
            }
        } else if var result = pending, let first = text.first, first.isNumber, Self.fill(&result, Self.words(text)) {
            // `[  204.786707] 791010 operations in 1 seconds (12656160 bytes)`: the end of a test line cut by a
            // kernel warning (seen on a real TCG guest: a WARN from kernel_fpu_begin_mask between the two halves).
            append(result)
            pending = nil
        }
    }

    /// Adds a result to the current test; figures no device produces are kept out, with an error naming the line.
    private mutating func append(_ result: TcryptResult) {
        if let problem = result.implausibility {
            diagnosticLog.append(Diagnostic(file: path, line: result.line, severity: .error,
                                            message: "tcrypt test \(result.test): \(problem); not used"))
            return
        }
        tests[tests.count - 1].results.append(result)
    }

    /// A test line whose figures have not come yet.
    private var pending: TcryptResult?

    private mutating func dropPending() {
        if let pending {
            diagnosticLog.append(Diagnostic(file: path, line: pending.line, severity: .warning,
                                            message: "tcrypt test \(pending.test) printed no result"))
        }
        pending = nil
    }

    public mutating func finish() -> TcryptSpeed? {
        dropPending()
        guard !tests.isEmpty else {
            diagnosticLog.append(Diagnostic(file: path, line: nil, severity: .error,
                                            message: "no tcrypt speed test found ('testing speed of ...' lines)"))
            return nil
        }
        return TcryptSpeed(path: path, tests: tests)
    }

    /// `async xts(aes) (xts-aes-aesni) encryption`
    static func header(_ text: Substring, line: Int) -> TcryptTest? {
        var rest = text
        var isAsync: Bool?
        for (word, value) in [("async ", true), ("sync ", false)] where rest.hasPrefix(word) {
            isAsync = value
            rest = rest.dropFirst(word.count)
        }
        let direction: CipherDirection
        if rest.hasSuffix(" encryption") { direction = .encrypt } else if rest.hasSuffix(" decryption") {
            direction = .decrypt
        } else { return nil }
        rest = rest.dropLast(11)
        // The driver is the last parenthesised group, itself possibly nested: `(xts(ecb(aes-generic)))`.
        guard rest.hasSuffix(")") else { return nil }
        var depth = 0
        var open: Substring.Index?
        var i = rest.index(before: rest.endIndex)
        while true {
            if rest[i] == ")" { depth += 1 } else if rest[i] == "(" {
                depth -= 1
                if depth == 0 { open = i; break }
            }
            guard i > rest.startIndex else { break }
            i = rest.index(before: i)
        }
        guard let open, open > rest.startIndex else { return nil }
        let algorithm = FioUnits.trim(rest[..<open], " ")
        let driver = String(rest[rest.index(after: open)..<rest.index(before: rest.endIndex)])
        guard !algorithm.isEmpty, !driver.isEmpty else { return nil }
        return TcryptTest(algorithm: algorithm, driver: driver, direction: direction, isAsync: isAsync, line: line,
                          results: [])
    }

    static func words(_ text: Substring) -> [String] {
        text.split(whereSeparator: { " (),:".contains($0) }).map(String.init)
    }

    /// `test 5 (256 bit key, 64 byte blocks):` as words: `test 5 256 bit key 64 byte blocks`.
    static func testHeader(_ words: [String], line: Int) -> TcryptResult? {
        guard words.count >= 8, let test = Int(words[1]), let keyBits = Int(words[2]), words[3] == "bit",
              let blockSize = Int(words[5]), words[6] == "byte" else { return nil }
        return TcryptResult(test: test, keyBits: keyBits, blockSize: blockSize, line: line)
    }

    /// `1436385 operations in 1 seconds (91928640 bytes)` or `1 operation in 1402 cycles (64 bytes)`, as words.
    static func fill(_ result: inout TcryptResult, _ tail: [String]) -> Bool {
        guard tail.count >= 7, tail[6] == "bytes" else { return false }
        if tail[1] == "operations", tail[4] == "seconds", let operations = UInt64(tail[0]), let seconds = Int(tail[3]),
           let bytes = UInt64(tail[5]) {
            (result.operations, result.seconds, result.bytes) = (operations, seconds, bytes)
            return true
        }
        if tail[1] == "operation", tail[4] == "cycles", let cycles = UInt64(tail[3]) {
            result.cyclesPerOperation = cycles
            return true
        }
        return false
    }
}
