import AESReportModel

/// One file's diagnostics, capped as they arrive: the first `limit` that point at a line are kept, every one that is
/// about the whole file (few by construction: at most a handful per parser) is kept, and the rest are only counted,
/// by severity, into one closing diagnostic ("and 1469980 more like these in FILE").
///
/// A 50 MB file of `256+0 records in` lines made 1.47 million diagnostics (1.7 GB of memory, a 427 MB summary.json);
/// capped, it makes 21 and memory no longer grows with the damage.
public struct CappedDiagnostics: Sendable {
    /// Line diagnostics kept per file.
    public static let defaultLimit = 20

    public let path: String
    public let limit: Int
    /// What is kept, in the order it came.
    public private(set) var kept: [Diagnostic] = []
    private var keptWithLine = 0
    /// Diagnostics counted and not kept, per severity (note, warning, error).
    public private(set) var omitted = Omitted()

    public struct Omitted: Sendable, Equatable {
        public var notes = 0
        public var warnings = 0
        public var errors = 0

        public var total: Int { notes + warnings + errors }

        mutating func count(_ severity: Severity, _ n: Int = 1) {
            switch severity {
            case .note: notes += n
            case .warning: warnings += n
            case .error: errors += n
            }
        }

        static func + (a: Omitted, b: Omitted) -> Omitted {
            Omitted(notes: a.notes + b.notes, warnings: a.warnings + b.warnings, errors: a.errors + b.errors)
        }
    }

    public init(path: String, limit: Int = defaultLimit) {
        self.path = path
        self.limit = limit
    }

    public mutating func append(_ diagnostic: Diagnostic) {
        guard diagnostic.line != nil else {
            kept.append(diagnostic)
            return
        }
        if keptWithLine < limit {
            keptWithLine += 1
            kept.append(diagnostic)
        } else {
            omitted.count(diagnostic.severity)
        }
    }

    /// Whether a diagnostic with a line would now only be counted.
    public var isFull: Bool { keptWithLine >= limit }

    /// Appends a diagnostic about this file; once the cap is reached the message is not even built.
    public mutating func append(line: Int?, severity: Severity, message: @autoclosure () -> String) {
        if line != nil, keptWithLine >= limit {
            omitted.count(severity)
            return
        }
        append(Diagnostic(file: path, line: line, severity: severity, message: message()))
    }

    /// The kept diagnostics and, when some were left out, the one that counts them.
    public var all: [Diagnostic] {
        guard let summary = Self.summary(omitted, path: path, limit: limit) else { return kept }
        return kept + [summary]
    }

    /// The closing diagnostic for `omitted`, as severe as the worst it counts; `nil` when nothing was left out.
    static func summary(_ omitted: Omitted, path: String, limit: Int) -> Diagnostic? {
        guard omitted.total > 0 else { return nil }
        let severity: Severity = omitted.errors > 0 ? .error : omitted.warnings > 0 ? .warning : .note
        let parts = [(omitted.errors, "error"), (omitted.warnings, "warning"), (omitted.notes, "note")]
            .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }
        return Diagnostic(file: path, line: nil, severity: severity,
                          message: "and \(omitted.total) more like these in \(path) (\(parts.joined(separator: ", "))), "
                              + "not listed: only the first \(limit) diagnostics with a line number are")
    }

    /// Merges several capped lists of one file into one, in line order, re-applying the cap: the first `limit` line
    /// diagnostics of all of them, the others counted with what each had already left out.
    static func merged(_ lists: [CappedDiagnostics], path: String, limit: Int = defaultLimit) -> [Diagnostic] {
        let all = lists.flatMap(\.kept).enumerated().sorted { x, y in
            let lx = x.element.line ?? Int.max
            let ly = y.element.line ?? Int.max
            return lx != ly ? lx < ly : x.offset < y.offset
        }.map(\.element)
        var omitted = lists.reduce(Omitted()) { $0 + $1.omitted }
        var out: [Diagnostic] = []
        var withLine = 0
        for diagnostic in all {
            if diagnostic.line != nil {
                withLine += 1
                if withLine > limit {
                    omitted.count(diagnostic.severity)
                    continue
                }
            }
            out.append(diagnostic)
        }
        if let summary = summary(omitted, path: path, limit: limit) { out.append(summary) }
        return out
    }
}
