/// How serious a diagnostic is.
public enum Severity: String, Sendable, Codable, Comparable {
    /// Informational: something was read in an unusual way, nothing is lost.
    case note
    /// Something looks wrong but a value was still recorded (for example a printed rate that disagrees).
    case warning
    /// Something could not be read; the affected round or file is not used.
    case error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A message about an input file, located by path and (where known) 1-based line number.
///
/// Rendered as `path:line: severity: message`, the form compilers use, so editors can jump to it.
public struct Diagnostic: Sendable, Codable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var severity: Severity
    public var message: String

    public init(file: String, line: Int?, severity: Severity, message: String) {
        self.file = file
        self.line = line
        self.severity = severity
        self.message = message
    }

    public var description: String {
        if let line {
            return "\(file):\(line): \(severity.rawValue): \(message)"
        }
        return "\(file): \(severity.rawValue): \(message)"
    }
}
