#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

#if canImport(Glibc)
let systemWrite = Glibc.write
#elseif canImport(Darwin)
let systemWrite = Darwin.write
#endif

/// Why a file could not be written, in the tool's own words (`strerror`, never an NSError dump).
public enum WriteError: Error, CustomStringConvertible, Equatable {
    case cannotCreateFolder(String, String)
    case notAFolder(String)
    case cannotWrite(String, String)
    case badName(String)
    /// A symbolic link on the way to the output folder that the tool does not follow (another user's link).
    case refusedLink(String, String)
    /// The folder stayed locked by another run for the whole lock timeout.
    case locked(String, String)

    public var description: String {
        switch self {
        case let .refusedLink(path, reason): "\(path) is a symbolic link \(reason); not followed"
        case let .locked(path, reason): "\(path) is locked by \(reason)"
        case let .cannotCreateFolder(path, reason): "cannot create folder \(path): \(reason)"
        case let .notAFolder(path): "\(path) exists and is not a folder"
        case let .cannotWrite(path, reason): "cannot write \(path): \(reason)"
        case let .badName(name): "\(name) is not a plain file name"
        }
    }
}

/// Writes single files safely (see `OutputFolder`, which does the work): the bytes go to a new temporary file
/// beside `path`, which is synced and renamed over `path`.
public enum AtomicFileWriter {
    public typealias WriteError = AESReportFiles.WriteError

    public static func write(_ text: String, to path: String) throws {
        try write(bytes: Array(text.utf8), to: path)
    }

    public static func write(bytes: [UInt8], to path: String) throws {
        try stream(to: path) { write in try write(bytes[...]) }
    }

    /// Writes what `produce` hands to its `write` function to a temporary file beside `path`, then renames it over
    /// `path`. If `produce` or a write throws, the temporary file is removed and `path` is left as it was.
    public static func stream(to path: String,
                              _ produce: (_ write: @escaping (ArraySlice<UInt8>) throws -> Void) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let folder = try OutputFolder(path: url.deletingLastPathComponent().path, lock: false)
        let file = try folder.stage(url.lastPathComponent, produce)
        if let failure = folder.commit([file]).failed.first { throw WriteError.cannotWrite(path, failure.reason) }
    }
}
