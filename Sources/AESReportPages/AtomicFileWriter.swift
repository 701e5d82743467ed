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
    public typealias WriteError = AESReportPages.WriteError

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

/// A folder the tool writes into, held for the whole run. What it promises, against another user who can write the
/// same folder and against faults:
///
/// - Temporary files are created `mkstemp`-style: `.aesreport-tmp-<pid>-<random>`, opened with
///   `O_CREAT|O_EXCL|O_NOFOLLOW|O_CLOEXEC` and a new random name on a clash, so a planted symbolic link or FIFO is
///   never followed or opened.
/// - Every file is written whole, `fsync`ed, then renamed over its name; the folder is `fsync`ed after the renames.
/// - The folder and each folder above it are opened one component at a time relative to the one before
///   (`openat` with `O_NOFOLLOW`); a symbolic link on the way is followed only when it belongs to the running user
///   or to root, so another user's planted link cannot lead the writes elsewhere. Subfolders (`init(in:name:)`)
///   never follow a link.
/// - A new file gets the usual mode (0666 less the umask); a replaced file keeps its permission bits (never
///   setuid, setgid or sticky) and group only when it belongs to the running user; another user's file is replaced
///   by one of the running user with the usual mode.
/// - An advisory lock (`flock`) on the folder is held from `init` to `deinit`: a second run into the same folder
///   waits for the first (`onWait` says so) up to `lockTimeout` seconds, then fails naming the holder. Temporary
///   files found under the lock are removed when they are the tool's own: a regular file of the running user named
///   `.aesreport-tmp-<pid>-<hex>` whose process is gone.
/// - All of a run's files are staged first and renamed together by `commit`; with `listing`, the names written are
///   recorded in `.aesreport-files`, and files an earlier run listed that this run did not write (stale charts)
///   are removed, so the folder holds one run's files.
/// - A file that cannot be written (a full disk) does not stop the others; `commit` names each one.
