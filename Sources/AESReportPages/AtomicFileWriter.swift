#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

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
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw WriteError.cannotCreateFolder(folder.path, error.localizedDescription)
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try Data(bytes).write(to: temporary)
            // rename(2) replaces the target atomically on the same file system.
            guard rename(temporary.path, path) == 0 else {
                throw WriteError.cannotWrite(path, String(cString: strerror(errno)))
            }
        } catch let error as WriteError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError.cannotWrite(path, error.localizedDescription)
        }
    }
}
