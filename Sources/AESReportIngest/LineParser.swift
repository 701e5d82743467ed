import AESReportModel

/// A parser that reads its input one line at a time (so files of any size stream through bounded memory) and
/// reports what it could not read as diagnostics rather than failing.
public protocol LineParser {
    associatedtype Output
    init(path: String)
    /// Everything noticed so far, in input order, capped per file (`CappedDiagnostics`).
    var diagnosticLog: CappedDiagnostics { get }
    mutating func consume(_ line: Line)
    /// Ends the input. `nil` when nothing of the expected kind was found (a diagnostic then says so).
    mutating func finish() -> Output?
}

/// What a parser made of one input, with its diagnostics.
public struct Parsed<Output> {
    public var value: Output?
    public var diagnostics: [Diagnostic]
}

extension Parsed: Sendable where Output: Sendable {}

extension LineParser {
    /// Everything noticed so far, in input order: the first diagnostics with a line and a count of the rest.
    public var diagnostics: [Diagnostic] { diagnosticLog.all }

    /// Reads the file at `path`. I/O failures (missing, unreadable, a folder, too large) become an error diagnostic.
    public static func parse(file path: String, policy: ReadPolicy = ReadPolicy()) -> Parsed<Output> {
        parse(file: InputPath(path), policy: policy)
    }

    /// Reads `file`, opened by its bytes and named by its display form, under `policy`.
    public static func parse(file: InputPath, policy: ReadPolicy = ReadPolicy()) -> Parsed<Output> {
        let path = file.display
        var parser = Self(path: path)
        var cut = CappedDiagnostics(path: path)
        do {
            try LineReader.forEachLine(inFile: file, policy: policy) { line in
                if line.truncated {
                    cut.append(line: line.number, severity: .warning,
                               message: "line longer than \(line.bytes.count) bytes; only its beginning was read")
                }
                parser.consume(line)
            }
        } catch {
            return Parsed(value: nil, diagnostics: [Diagnostic(file: path, line: nil, severity: .error,
                                                               message: "\(error)")])
        }
        let value = parser.finish()
        return Parsed(value: value, diagnostics: CappedDiagnostics.merged([cut, parser.diagnosticLog], path: path))
    }

    /// Reads text already in memory (named `path` in diagnostics).
    public static func parse(bytes: [UInt8], path: String) -> Parsed<Output> {
        var parser = Self(path: path)
        LineReader.forEachLine(in: bytes) { parser.consume($0) }
        let value = parser.finish()
        return Parsed(value: value, diagnostics: CappedDiagnostics.merged([parser.diagnosticLog], path: path))
    }

    public static func parse(text: String, path: String) -> Parsed<Output> {
        parse(bytes: Array(text.utf8), path: path)
    }
}
