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

/// Why a file could not be written, in the tool's own words (`strerror`, never an NSError dump).
public enum WriteError: Error, CustomStringConvertible, Equatable {
    case cannotCreateFolder(String, String)
    case notAFolder(String)
    case cannotWrite(String, String)
    case badName(String)

    public var description: String {
        switch self {
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
/// - A new file gets the usual mode (0666 less the umask); a replaced file keeps its mode (and, run as root, its
///   owner).
/// - An advisory lock (`flock`) on the folder is held from `init` to `deinit`: a second run into the same folder
///   waits for the first (`onWait` says so). Temporary files found under the lock are from killed runs and removed.
/// - All of a run's files are staged first and renamed together by `commit`; with `listing`, the names written are
///   recorded in `.aesreport-files`, and files an earlier run listed that this run did not write (stale charts)
///   are removed, so the folder holds one run's files.
/// - A file that cannot be written (a full disk) does not stop the others; `commit` names each one.
public final class OutputFolder: @unchecked Sendable {
    public let path: String
    let descriptor: Int32
    let listing: Bool
    private let mutex = NSLock()
    private var staged: [StagedFile] = []
    private var failures: [(name: String, reason: String)] = []
    /// Tests set this to hand out the names an attacker planted first; nil: `temporaryPrefix`, pid, 64 random bits.
    var temporaryNames: (() -> String)?

    public static let listingName = ".aesreport-files"
    public static let temporaryPrefix = ".aesreport-tmp-"

    /// Opens (creating it and its parents) the folder `path` and locks it. `lock: false` skips the lock (single
    /// file writes into a folder the caller already holds or does not share).
    public init(path: String, lock: Bool = true, listing: Bool = false, onWait: (String) -> Void = { _ in }) throws {
        guard !path.isEmpty else { throw WriteError.cannotCreateFolder("\"\"", "an empty path names no folder") }
        self.path = path
        self.listing = listing
        try Self.createFolder(path)
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            throw code == ENOTDIR ? WriteError.notAFolder(path)
                : WriteError.cannotCreateFolder(path, String(cString: strerror(code)))
        }
        descriptor = fd
        if lock {
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                onWait("another aesreport run is writing into \(path); waiting for it to finish")
                while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
            }
            removeStaleTemporaries()
        }
    }

    deinit {
        for file in staged where !file.committed { unlinkat(descriptor, file.temporary, 0) }
        close(descriptor) // releases the lock
    }

    /// `mkdir -p` with one error naming the part that failed.
    static func createFolder(_ path: String) throws {
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw WriteError.notAFolder(path) }
            return
        }
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += "/" + component
            if mkdir(prefix, 0o777) != 0, errno != EEXIST {
                throw WriteError.cannotCreateFolder(prefix, String(cString: strerror(errno)))
            }
            if stat(prefix, &info) != 0 || info.st_mode & S_IFMT != S_IFDIR { throw WriteError.notAFolder(prefix) }
        }
    }

    /// Temporary files of earlier runs: ours (under the lock, none can be live) and the old `.NAME.tmp-PID` form
    /// of dead processes.
    private func removeStaleTemporaries() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        for name in names {
            if name.hasPrefix(Self.temporaryPrefix) {
                unlinkat(descriptor, name, 0)
            } else if name.hasPrefix("."), let range = name.range(of: ".tmp-", options: .backwards),
                      let pid = Int32(name[range.upperBound...]), pid > 0, kill(pid, 0) != 0, errno == ESRCH {
                unlinkat(descriptor, name, 0)
            }
        }
    }

    /// Whether `name` may be written: a plain name, no `/`, not `.`/`..`, at most 255 bytes.
    public static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.utf8.contains(0)
            && name.utf8.count <= 255
    }

    /// A temporary file opened for writing, to be renamed to `name` by `commit`.
    public final class StagedFile: @unchecked Sendable {
        public let name: String
        let temporary: String
        var descriptor: Int32
        var committed = false
        var error: String?

        init(name: String, temporary: String, descriptor: Int32) {
            self.name = name
            self.temporary = temporary
            self.descriptor = descriptor
        }

        deinit { if descriptor >= 0 { close(descriptor) } }

        /// Appends `bytes` (all of them, retrying short writes).
        public func append(_ bytes: ArraySlice<UInt8>) throws {
            guard descriptor >= 0 else { throw WriteError.cannotWrite(name, "already closed") }
            try bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let written = systemWrite(descriptor, raw.baseAddress! + offset, raw.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw WriteError.cannotWrite(name, String(cString: strerror(errno)))
                    }
                    offset += written
                }
            }
        }

        /// Syncs and closes the temporary file: it is then ready for `commit`.
        public func finish() throws {
            defer { close(descriptor); descriptor = -1 }
            guard fsync(descriptor) == 0 else { throw WriteError.cannotWrite(name, String(cString: strerror(errno))) }
        }
    }

    /// Creates a new temporary file for `name` (mode as described above), never following or opening anything
    /// already there.
    public func create(_ name: String) throws -> StagedFile {
        guard Self.isPlainName(name) else { throw WriteError.badName(name) }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100 {
            let temporary = temporaryNames?()
                ?? Self.temporaryPrefix + "\(getpid())-" + String(generator.next() as UInt64, radix: 16)
            let fd = openat(descriptor, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
            if fd < 0 {
                if errno == EEXIST || errno == EINTR { continue }
                throw WriteError.cannotWrite(path + "/" + name, String(cString: strerror(errno)))
            }
            // A file being replaced keeps its mode (and owner, where we may set it).
            var existing = stat()
            if fstatat(descriptor, name, &existing, AT_SYMLINK_NOFOLLOW) == 0, existing.st_mode & S_IFMT == S_IFREG {
                if geteuid() == 0 { _ = fchown(fd, existing.st_uid, existing.st_gid) }
                _ = fchmod(fd, existing.st_mode & 0o1777)
            }
            let file = StagedFile(name: name, temporary: temporary, descriptor: fd)
            mutex.withLock { staged.append(file) }
            return file
        }
        throw WriteError.cannotWrite(path + "/" + name, "no free temporary name after 100 tries")
    }

    /// Writes `produce`'s bytes to a new temporary file for `name`, synced and closed, ready for `commit`. A
    /// failure removes the temporary file, is recorded for `commit`'s report, and is thrown.
    @discardableResult
    public func stage(_ name: String,
                      _ produce: (_ write: @escaping (ArraySlice<UInt8>) throws -> Void) throws -> Void) throws -> StagedFile {
        let file: StagedFile
        do {
            file = try create(name)
        } catch {
            mutex.withLock { failures.append((name, Self.reason(error))) }
            throw error
        }
        do {
            try produce { piece in try file.append(piece) }
            try file.finish()
            return file
        } catch {
            file.error = Self.reason(error)
            unlinkat(descriptor, file.temporary, 0)
            mutex.withLock { failures.append((name, file.error!)) }
            throw error
        }
    }

    @discardableResult
    public func stage(_ name: String, bytes: [UInt8]) throws -> StagedFile {
        try stage(name) { write in try write(bytes[...]) }
    }

    static func reason(_ error: Error) -> String {
        switch error {
        case let WriteError.cannotWrite(_, reason): reason
        case let error as WriteError: error.description
        default: "\(error)"
        }
    }

    /// What `commit` did.
    public struct CommitResult: Sendable, Equatable {
        /// Names now holding this run's bytes, in the order staged.
        public var written: [String] = []
        /// Names that could not be written, each with the reason.
        public var failed: [Failure] = []
        /// Files of an earlier run removed: listed by it and not written now, or whose new version failed.
        public var removed: [String] = []

        public struct Failure: Sendable, Equatable {
            public var name: String
            public var reason: String
        }
    }

    /// Renames the staged files (all, or `only` these) over their names, then syncs the folder. With `listing`,
    /// also removes the earlier run's files this run did not write and records this run's names.
    public func commit(_ only: [StagedFile]? = nil) -> CommitResult {
        var result = CommitResult()
        let files = mutex.withLock { (only ?? staged).filter { !$0.committed && $0.error == nil && $0.descriptor < 0 } }
        for file in files {
            if renameat(descriptor, file.temporary, descriptor, file.name) == 0 {
                file.committed = true
                result.written.append(file.name)
            } else {
                let reason = String(cString: strerror(errno))
                unlinkat(descriptor, file.temporary, 0)
                file.error = reason
                mutex.withLock { failures.append((file.name, reason)) }
            }
        }
        let failed = mutex.withLock { () -> [(name: String, reason: String)] in
            defer { failures = [] }
            return only == nil ? failures : failures.filter { f in only!.contains { $0.name == f.name } }
        }
        result.failed = failed.map { .init(name: $0.name, reason: $0.reason) }
        if listing {
            let earlier = readListing()
            let keep = Set(result.written)
            for name in earlier where !keep.contains(name) && Self.isReportName(name) {
                var info = stat()
                if fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0, info.st_mode & S_IFMT == S_IFREG,
                   unlinkat(descriptor, name, 0) == 0 {
                    result.removed.append(name)
                }
            }
            // The earlier version of a file that failed now would sit beside this run's others: removed too.
            for failure in result.failed where !result.removed.contains(failure.name) {
                var info = stat()
                if fstatat(descriptor, failure.name, &info, AT_SYMLINK_NOFOLLOW) == 0, info.st_mode & S_IFMT == S_IFREG,
                   unlinkat(descriptor, failure.name, 0) == 0 {
                    result.removed.append(failure.name)
                }
            }
            let text = result.written.joined(separator: "\n") + (result.written.isEmpty ? "" : "\n")
            if let file = try? create(Self.listingName) {
                if (try? file.append(Array(text.utf8)[...])) != nil, (try? file.finish()) != nil,
                   renameat(descriptor, file.temporary, descriptor, Self.listingName) == 0 {
                    file.committed = true
                } else {
                    unlinkat(descriptor, file.temporary, 0)
                }
            }
        }
        fsync(descriptor)
        return result
    }

    /// A name the report writes: plain, not hidden, with one of the report's extensions.
    static func isReportName(_ name: String) -> Bool {
        isPlainName(name) && !name.hasPrefix(".")
            && [".html", ".json", ".csv", ".md", ".png", ".svg", ".pdf"].contains { name.hasSuffix($0) }
    }

    /// The names the previous run recorded (at most 1 MiB read; not followed if a link).
    func readListing() -> [String] {
        let fd = openat(descriptor, Self.listingName, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return [] }
        var bytes = [UInt8](repeating: 0, count: 1 << 20)
        var count = 0
        while count < bytes.count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            count += n
        }
        return String(decoding: bytes[..<count], as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
