import AESReportModel

/// Reads a file holding one or several `openssl speed` outputs: runs appended to one log, or pasted one after
/// another (typically a plain run and one with `OPENSSL_ia32cap` masking AES-NI, the usual way people show the
/// difference). Each output is read on its own by `OpenSSLSpeedParser`, with its own evidence (`CPUINFO` line,
/// `env:` mask, a masking command line before it, `-mr` lines), so a plain and a masked run in one file give a gain
/// on their own. Outputs are told apart by `OpenSSLSpeedParser.beginsAnotherOutput`.
public struct OpenSSLSpeedOutputsParser: LineParser {
    public let path: String
    public private(set) var diagnosticLog: CappedDiagnostics
    private var current: OpenSSLSpeedParser
    private var firstLine = 1
    private var outputs: [OpenSSLSpeed] = []
    private var starts: [Int] = []
    private var empty: [Diagnostic] = []

    public init(path: String) {
        self.path = path
        diagnosticLog = CappedDiagnostics(path: path)
        current = OpenSSLSpeedParser(path: path)
    }

    public mutating func consume(_ line: Line) {
        let text = String(decoding: line.bytes, as: UTF8.self).trimmingWhitespace()
        if current.beginsAnotherOutput(text) {
            let next = OpenSSLSpeedParser(following: current)
            close()
            current = next
            firstLine = line.number
        }
        if OpenSSLSpeedParser.isCommand(text) { current.noteCommand(text, line: line.number) }
        current.consume(line)
    }

    public mutating func finish() -> [OpenSSLSpeed]? {
        close()
        if outputs.count > 1 {
            diagnosticLog.append(Diagnostic(file: path, line: nil, severity: .note,
                                            message: "\(outputs.count) openssl speed outputs in this file (from lines "
                                                + starts.map(String.init).joined(separator: ", ")
                                                + "), each read on its own with its own evidence"))
        }
        if outputs.isEmpty {
            empty.forEach { diagnosticLog.append($0) }
            return nil
        }
        return outputs
    }

    private mutating func close() {
        var parser = current
        let hadResults = parser.hasResults
        let speed = parser.finish()
        for diagnostic in parser.diagnostics {
            // An output-less stretch (a trailing prompt) only says "no results" when the whole file has none.
            if speed == nil && diagnostic.severity == .error && diagnostic.line == nil {
                if empty.isEmpty { empty.append(diagnostic) }
            } else {
                diagnosticLog.append(diagnostic)
            }
        }
        if let speed {
            outputs.append(speed)
            starts.append(firstLine)
        } else if hadResults, empty.isEmpty {
            empty.append(Diagnostic(file: path, line: firstLine, severity: .error,
                                    message: "no openssl speed results found"))
        }
    }
}
