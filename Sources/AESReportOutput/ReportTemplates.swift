#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AESReportPages

/// Why the page's templates could not be loaded; the run then stops before anything is read or written.
public enum TemplateLoadError: Error, CustomStringConvertible {
    /// The `--template` folder cannot be opened (missing, not a folder, no permission): the path and `strerror`.
    case unreadableFolder(String, String)
    /// A template does not parse, or a partial is missing or recursive: the template engine's or loader's error.
    case invalid(any Error)

    /// The reason in a sentence (without `error:`), as the command prints it.
    public var description: String {
        switch self {
        case let .unreadableFolder(path, reason): "cannot read the template folder \(path): \(reason)"
        case let .invalid(error): "\(error)"
        }
    }
}

/// The page's templates: the shipped ones, or a folder's (missing ones fall back to the shipped).
public enum ReportTemplates {
    /// The templates, compiled (partials checked) so that a broken one stops the run before anything is read.
    public static func load(folder: String?) throws(TemplateLoadError) -> HTMLTemplates {
        // A folder that cannot be read is said in the tool's words, not Foundation's.
        if let folder {
            let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if fd < 0 { throw .unreadableFolder(folder, String(cString: strerror(errno))) }
            close(fd)
        }
        do {
            return try folder.map { try HTMLTemplates.load(directory: $0) } ?? HTMLTemplates.embedded()
        } catch {
            throw .invalid(error)
        }
    }
}
