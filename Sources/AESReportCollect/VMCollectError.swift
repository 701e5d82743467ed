import AESReportFiles
import AESReportIngest
import AESReportModel
import Foundation

/// Why `collect vm` cannot start.
public enum VMCollectError: Error, CustomStringConvertible {
    case missing([String])

    public var description: String {
        switch self {
        case let .missing(reasons): reasons.joined(separator: "; ")
        }
    }
}
