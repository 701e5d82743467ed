import AESReportModel

/// Reads a file of fio output in any of its forms (JSON and json+, terse versions 2 to 5, normal text), several
/// reports in one file included, into rounds (`FioRoundGrouping`).
///
/// Text around JSON documents (fio's `fio: ...` error lines, warnings, a shell's complaints) becomes diagnostics
/// naming `path:line`, and an `err=N/...error=TEXT` line lends its words to the job that failed with error N. A
/// document cut short (fio killed, disk full) is reported with the line it starts on; the documents before it are
/// still read.
public struct FioOutputParser: LineParser {
    public let path: String
    public private(set) var diagnosticLog: CappedDiagnostics
    private var scanner = FioJSONScanner()
    private var normal = FioNormalOutput()
    private var reports: [FioReport] = []
    private var terseReport: FioReport?
    /// Lines that no form recognised: diagnostics when the file holds JSON or terse results, else ignored (the normal
    /// form's lines this parser does not need) unless they are fio's own error lines.
    private var strayText: [(text: String, line: Int)] = []
    private var errorWords: [Int: String] = [:]
    /// What the file name says: fio's naming, else the seed's dd naming (fio output saved as `<cipher>-read.txt`).
    private let name: FioFileName?

    public init(path: String) {
        self.path = path
        diagnosticLog = CappedDiagnostics(path: path)
        name = FioFileName(path: path) ?? ResultFileName(path: path).map {
            FioFileName(cipher: $0.cipher, operation: $0.operation, round: nil)
        }
    }

    public mutating func consume(_ line: Line) {
        var pieces: [FioJSONScanner.Piece] = []
        scanner.consume(line.bytes, line: line.number) { pieces.append($0) }
        for piece in pieces {
            switch piece {
            case let .document(bytes, start):
                endTerseReport()
                switch FioJSONDocument.report(bytes, line: start) {
                case let .success(report): reports.append(report)
                case let .failure(problem):
                    diagnosticLog.append(Diagnostic(file: path, line: start, severity: .error,
                                                    message: Self.describe(problem)))
                }
            case let .oversized(start):
                diagnosticLog.append(Diagnostic(file: path, line: start, severity: .error,
                                                message: "fio JSON document larger than \(FioJSONScanner.maxDocumentBytes >> 20) MiB, not read"))
            case let .text(text, number):
                consumeText(text, line: number)
            }
        }
    }

    private mutating func consumeText(_ text: String, line: Int) {
        if let (job, version) = FioTerseLine.job(text, line: line) {
            // A job already in the report starts the next report (an interval, or the next invocation).
            if let report = terseReport, report.jobs.contains(where: { $0.name == job.name }) { endTerseReport() }
            if terseReport == nil { terseReport = FioReport(form: .terse, version: version, jobs: [], line: line) }
            terseReport!.jobs.append(job)
            return
        }
        endTerseReport()
        if let words = Self.errorWords(text) { errorWords[words.error] = errorWords[words.error] ?? words.text }
        if !normal.consume(text, line: line) {
            // Kept whole only while few, or when fio's own or an error: a normal-form report has thousands of lines
            // this parser does not need, which matter only beside JSON or terse results, and then capped anyway.
            if strayText.count < Self.strayTextKept || text.hasPrefix("fio:") || Self.mentionsError(text) {
                strayText.append((text, line))
            } else {
                strayTextNotKept += 1
            }
        }
    }

    static let strayTextKept = 2 * CappedDiagnostics.defaultLimit
    private var strayTextNotKept = 0

    static func mentionsError(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { ByteScanning.contains($0, Self.errorWord) } ?? text.contains("error")
    }

    private static let errorWord = Array("error".utf8)

    private mutating func endTerseReport() {
        if let report = terseReport { reports.append(report) }
        terseReport = nil
    }

    public mutating func finish() -> FioOutput? {
        endTerseReport()
        if let start = scanner.openDocumentLine {
            diagnosticLog.append(Diagnostic(
                file: path, line: start, severity: .error,
                message: "fio JSON document cut short: it starts here and the file ends before it closes "
                    + "(fio stopped, or the file was truncated); its jobs are not read"
                    + (reports.isEmpty ? "" : ", the \(reports.count) complete report(s) before it are")))
        }
        let structured = !reports.isEmpty
        reports += normal.finish()
        reports.sort { $0.line < $1.line }
        for stray in strayText where structured || stray.text.hasPrefix("fio:") || Self.mentionsError(stray.text) {
            let fioLine = stray.text.hasPrefix("fio:")
            diagnosticLog.append(Diagnostic(
                file: path, line: stray.line, severity: fioLine || Self.mentionsError(stray.text) ? .warning : .note,
                message: (fioLine ? "fio said: " : "not fio output, ignored: ") + "'\(Excerpt.of(stray.text, length: 160))'"))
        }
        if structured && strayTextNotKept > 0 {
            diagnosticLog.append(Diagnostic(file: path, line: nil, severity: .note,
                                            message: "\(strayTextNotKept) more lines of text outside fio's results, ignored"))
        }
        guard !reports.isEmpty else {
            diagnosticLog.append(Diagnostic(file: path, line: nil, severity: .error,
                                            message: "no fio results found (no JSON document, terse line or job report)"))
            return nil
        }
        for r in reports.indices {
            for j in reports[r].jobs.indices where reports[r].jobs[j].error != 0 && reports[r].jobs[j].errorText == nil {
                reports[r].jobs[j].errorText = errorWords[reports[r].jobs[j].error]
            }
        }
        var output = FioOutput(path: path, cipher: name?.cipher, operation: name?.operation, roundNumber: name?.round,
                               rounds: FioRoundGrouping.rounds(reports))
        for round in output.rounds {
            for operation in Operation.allCases {
                guard let problem = round.result.implausibility(operation) else { continue }
                diagnosticLog.append(Diagnostic(file: path, line: round.result.line, severity: .error,
                                                message: "\(operation.rawValue): \(problem); not averaged"))
            }
        }
        let jobs = output.rounds.flatMap(\.result.jobs)
        if output.operation == nil {
            let operations = Set(jobs.compactMap(\.operation))
            if operations.count == 1, jobs.allSatisfy({ $0.operation != nil }) { output.operation = operations.first }
        }
        if output.cipher == nil, let first = jobs.first?.name, !first.isEmpty, jobs.allSatisfy({ $0.name == first }) {
            output.cipher = first
        }
        if output.cipher == nil || output.operation == nil {
            diagnosticLog.append(Diagnostic(
                file: path, line: nil, severity: .warning,
                message: "the \(output.cipher == nil ? "cipher" : "operation") of these fio results is unknown, so "
                    + "they are in no series: name the file fio-<cipher>-<read|write>[-r<N>].json, or give its jobs "
                    + "one name (the cipher) and rw=read or rw=write"))
        }
        return output
    }

    /// `fio: pid=29728, err=28/file:io_u.c:1876, func=io_u error, error=No space left on device`
    static func errorWords(_ text: String) -> (error: Int, text: String)? {
        guard text.hasPrefix("fio:"), let err = text.range(of: "err="), let words = text.range(of: ", error=") else {
            return nil
        }
        guard let number = Int(text[err.upperBound...].prefix { $0.isNumber }) else { return nil }
        return (number, Excerpt.of(text[words.upperBound...], length: 120))
    }

    static func describe(_ problem: FioJSONDocument.Problem) -> String {
        switch problem {
        case let .notJSON(reason): "not valid JSON, document not read: \(reason)"
        case .notAnObject: "a JSON document that is not an object, not fio output"
        case .noJobs: "a JSON document without 'jobs' or 'client_stats', not fio output"
        }
    }
}
