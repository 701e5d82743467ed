#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif

/// Writes files so that a reader never sees a half-written one: the bytes go to a temporary file in the same
/// folder, which is then renamed over the target.
public enum AtomicFileWriter {
    public enum WriteError: Error, CustomStringConvertible {
        case cannotCreateFolder(String, String)
        case cannotWrite(String, String)

        public var description: String {
            switch self {
            case let .cannotCreateFolder(path, reason): "cannot create folder \(path): \(reason)"
            case let .cannotWrite(path, reason): "cannot write \(path): \(reason)"
            }
        }
    }

    public static func write(_ text: String, to path: String) throws {
        try write(bytes: Array(text.utf8), to: path)
    }

    public static func write(bytes: [UInt8], to path: String) throws {
        try stream(to: path) { write in try write(bytes[...]) }
    }

    /// Writes what `produce` hands to its `write` function, piece by piece, to a temporary file beside `path`,
    /// then renames it over `path`. If `produce` or a write throws, the temporary file is removed and `path` is
    /// left as it was.
    public static func stream(to path: String,
                              _ produce: (_ write: @escaping (ArraySlice<UInt8>) throws -> Void) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw WriteError.cannotCreateFolder(folder.path, error.localizedDescription)
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError.cannotWrite(path, String(cString: strerror(errno))) }
        var open = true
        defer { if open { close(fd) } }
        do {
            try produce { piece in
                try piece.withUnsafeBytes { raw in
                    var offset = 0
                    while offset < raw.count {
                        let written = systemWrite(fd, raw.baseAddress! + offset, raw.count - offset)
                        if written < 0 {
                            if errno == EINTR { continue }
                            throw WriteError.cannotWrite(path, String(cString: strerror(errno)))
                        }
                        offset += written
                    }
                }
            }
            open = false
            guard close(fd) == 0 else { throw WriteError.cannotWrite(path, String(cString: strerror(errno))) }
            // rename(2) replaces the target atomically on the same file system.
            guard rename(temporary, path) == 0 else {
                throw WriteError.cannotWrite(path, String(cString: strerror(errno)))
            }
        } catch let error as WriteError {
            unlink(temporary)
            throw error
        } catch {
            unlink(temporary)
            throw WriteError.cannotWrite(path, "\(error)")
        }
    }
}
