import AESReportModel

/// A parser that reads its input one line at a time (so files of any size stream through bounded memory) and
/// reports what it could not read as diagnostics rather than failing.
public protocol LineParser {
    associatedtype Output
    init(path: String)
    /// Everything noticed so far, in input order.
    var diagnostics: [Diagnostic] { get }
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
    /// Reads the file at `path`. I/O failures (missing, unreadable, a folder) become an error diagnostic.
    public static func parse(file path: String) -> Parsed<Output> {
        var parser = Self(path: path)
        var diagnostics: [Diagnostic] = []
        do {
            try LineReader.forEachLine(inFile: path) { line in
                if line.truncated {
                    diagnostics.append(Diagnostic(file: path, line: line.number, severity: .warning,
                                                  message: "line longer than \(line.bytes.count) bytes; only its "
                                                      + "beginning was read"))
                }
                parser.consume(line)
            }
        } catch {
            return Parsed(value: nil, diagnostics: [Diagnostic(file: path, line: nil, severity: .error,
                                                               message: "\(error)")])
        }
        let value = parser.finish()
        return Parsed(value: value, diagnostics: inLineOrder(diagnostics + parser.diagnostics))
    }

    /// Reads text already in memory (named `path` in diagnostics).
    public static func parse(bytes: [UInt8], path: String) -> Parsed<Output> {
        var parser = Self(path: path)
        LineReader.forEachLine(in: bytes) { parser.consume($0) }
        let value = parser.finish()
        return Parsed(value: value, diagnostics: inLineOrder(parser.diagnostics))
    }

    public static func parse(text: String, path: String) -> Parsed<Output> {
        parse(bytes: Array(text.utf8), path: path)
    }

    /// Diagnostics sorted by line, stably; those about the whole file (no line) go last.
    private static func inLineOrder(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { x, y in
            let lx = x.element.line ?? Int.max
            let ly = y.element.line ?? Int.max
            return lx != ly ? lx < ly : x.offset < y.offset
        }.map(\.element)
    }
}
