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

    /// Folders this init created (outermost first), for `removeCreatedFoldersIfEmpty`.
    public private(set) var createdFolders: [String] = []

    /// Opens (creating it and its parents) the folder `path` and locks it. `lock: false` skips the lock (single
    /// file writes into a folder the caller already holds or does not share). A lock held by another run is
    /// waited for up to `lockTimeout` seconds (nil: for ever), then `WriteError.locked` names the holder.
    public init(path: String, lock: Bool = true, listing: Bool = false, lockTimeout: Double? = OutputFolder.defaultLockTimeout,
                onWait: (String) -> Void = { _ in }) throws {
        guard !path.isEmpty else { throw WriteError.cannotCreateFolder("\"\"", "an empty path names no folder") }
        self.path = path
        self.listing = listing
        var created: [String] = []
        descriptor = try Self.openFolder(path, created: &created)
        createdFolders = created
        if lock { try takeLock(timeout: lockTimeout, onWait: onWait) }
    }

    /// Opens (creating it) the subfolder `name` of `parent`, never following a link there, and locks it.
    public init(in parent: OutputFolder, name: String, lock: Bool = true, listing: Bool = false,
                lockTimeout: Double? = OutputFolder.defaultLockTimeout, onWait: (String) -> Void = { _ in }) throws {
        guard Self.isPlainName(name) else { throw WriteError.badName(name) }
        path = parent.path + "/" + name
        self.listing = listing
        var created = false
        descriptor = try Self.openComponent(parent.descriptor, name, shown: parent.path + "/" + name, create: true,
                                            created: &created, followOwnLinks: false)
        if created { createdFolders = [path] }
        if lock { try takeLock(timeout: lockTimeout, onWait: onWait) }
    }

    public static let defaultLockTimeout: Double = 60

    private func takeLock(timeout: Double?, onWait: (String) -> Void) throws {
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let holder = Self.lockHolder(descriptor)
            onWait("another aesreport run is writing into \(path)\(holder.map { " (\($0))" } ?? ""); waiting for it to "
                   + "finish" + (timeout.map { " (at most \(Self.secondsText($0)))" } ?? ""))
            if let timeout {
                let deadline = Date().addingTimeInterval(timeout)
                while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                    guard Date() < deadline else {
                        let reason = (Self.lockHolder(descriptor) ?? "another process") + " for more than "
                            + Self.secondsText(timeout) + " (--lock-timeout)"
                        throw WriteError.locked(path, reason) // deinit closes the descriptor
                    }
                    usleep(50_000)
                }
            } else {
                while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
            }
        }
        removeStaleTemporaries()
    }

    static func secondsText(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }

    /// "pid 1234, aesreport, user mallory" for the process holding a `flock` on the folder, from /proc/locks.
    static func lockHolder(_ fd: Int32) -> String? {
        var info = stat()
        guard fstat(fd, &info) == 0,
              let locks = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return nil }
        let device = String(format: "%02x:%02x:%llu", major(info.st_dev), minor(info.st_dev), UInt64(info.st_ino))
        for line in locks.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 6, fields.contains("FLOCK"), !fields.contains("->"), let index = fields.firstIndex(where: { $0.contains(":") && $0.split(separator: ":").count == 3 }),
                  fields[index] == device, index > 0, let pid = Int32(fields[index - 1]) else { continue }
            var parts = ["pid \(pid)"]
            if let comm = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8) {
                parts.append(comm.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            var owner = stat()
            if stat("/proc/\(pid)", &owner) == 0 {
                if let entry = getpwuid(owner.st_uid), let name = entry.pointee.pw_name {
                    parts.append("user " + String(cString: name))
                } else {
                    parts.append("uid \(owner.st_uid)")
                }
            }
            return parts.joined(separator: ", ")
        }
        return nil
    }

    private static func major(_ device: dev_t) -> UInt32 { UInt32((device >> 8) & 0xfff) | UInt32((device >> 32) & ~0xfff) }
    private static func minor(_ device: dev_t) -> UInt32 { UInt32(device & 0xff) | UInt32((device >> 12) & ~0xff) }

    deinit {
        for file in staged where !file.committed { unlinkat(descriptor, file.temporary, 0) }
        close(descriptor) // releases the lock
    }

    /// `mkdir -p`, one component at a time relative to the folder before (`openat` with `O_NOFOLLOW`), with one
    /// error naming the part that failed. `..` is the real parent of the folder reached so far, as the kernel reads
    /// it. A symbolic link on the way is followed only when it belongs to the running user or to root (at most 40
    /// links); another user's link is refused (`WriteError.refusedLink`). Returns the folder's descriptor.
    static func openFolder(_ path: String, created: inout [String]) throws -> Int32 {
        var links = 0
        return try walk(path, from: path.hasPrefix("/") ? "/" : ".", shown: path.hasPrefix("/") ? "" : ".",
                        links: &links, created: &created, create: true)
    }

    private static func walk(_ path: String, from start: String, shown: String, links: inout Int,
                             created: inout [String], create: Bool) throws -> Int32 {
        var fd = open(start, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw WriteError.cannotCreateFolder(start, String(cString: strerror(errno))) }
        var shownSoFar = shown
        for component in path.split(separator: "/", omittingEmptySubsequences: true).map(String.init) where component != "." {
            let here = shownSoFar + "/" + component
            var made = false
            let next: Int32
            do {
                next = try openComponent(fd, component, shown: here, create: create, created: &made,
                                         followOwnLinks: true, links: &links)
            } catch {
                close(fd)
                throw error
            }
            if made { created.append(here) }
            close(fd)
            fd = next
            shownSoFar = here
        }
        return fd
    }

    static func openComponent(_ parent: Int32, _ name: String, shown: String, create: Bool, created: inout Bool,
                              followOwnLinks: Bool) throws -> Int32 {
        var links = 0
        return try openComponent(parent, name, shown: shown, create: create, created: &created,
                                 followOwnLinks: followOwnLinks, links: &links)
    }

    /// Opens the folder `name` in `parent` without following a link (creating it when missing and `create`).
    private static func openComponent(_ parent: Int32, _ name: String, shown: String, create: Bool, created: inout Bool,
                                      followOwnLinks: Bool, links: inout Int) throws -> Int32 {
        let flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC
        var fd = openat(parent, name, flags)
        if fd < 0, errno == ENOENT, create {
            if mkdirat(parent, name, 0o777) == 0 {
                created = true
            } else if errno != EEXIST {
                throw WriteError.cannotCreateFolder(shown, String(cString: strerror(errno)))
            }
            fd = openat(parent, name, flags)
        }
        if fd >= 0 { return fd }
        let code = errno
        var info = stat()
        guard fstatat(parent, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
            throw WriteError.cannotCreateFolder(shown, String(cString: strerror(code)))
        }
        guard info.st_mode & S_IFMT == S_IFLNK else {
            if info.st_mode & S_IFMT != S_IFDIR { throw WriteError.notAFolder(shown) }
            throw WriteError.cannotCreateFolder(shown, String(cString: strerror(code)))
        }
        guard followOwnLinks else {
            throw WriteError.refusedLink(shown, "(the tool creates this folder itself and never follows a link there)")
        }
        guard info.st_uid == geteuid() || info.st_uid == 0 else {
            throw WriteError.refusedLink(shown, "of another user (\(userName(info.st_uid))): only the running user's "
                                         + "and root's links are followed on the way to an output folder")
        }
        links += 1
        guard links <= 40 else { throw WriteError.cannotCreateFolder(shown, String(cString: strerror(ELOOP))) }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlinkat(parent, name, &buffer, buffer.count - 1)
        guard count > 0 else { throw WriteError.cannotCreateFolder(shown, String(cString: strerror(errno))) }
        let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var ignored: [String] = []
        if target.hasPrefix("/") {
            return try walk(target, from: "/", shown: "", links: &links, created: &ignored, create: false)
        }
        // Relative to the folder that holds the link.
        let base = openat(parent, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard base >= 0 else { throw WriteError.cannotCreateFolder(shown, String(cString: strerror(errno))) }
        defer { close(base) }
        var fd2 = dup(base)
        for component in target.split(separator: "/", omittingEmptySubsequences: true).map(String.init) where component != "." {
            var made = false
            let next: Int32
            do {
                next = try openComponent(fd2, component, shown: shown, create: false, created: &made,
                                         followOwnLinks: true, links: &links)
            } catch {
                close(fd2)
                throw error
            }
            close(fd2)
            fd2 = next
        }
        return fd2
    }

    static func userName(_ uid: uid_t) -> String {
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid \(uid)"
    }

    /// Removes the folders this `init` created when they are still empty (a run that wrote nothing).
    public func removeCreatedFoldersIfEmpty() {
        for folder in createdFolders.reversed() { rmdir(folder) }
    }

    /// Whether `name` is a temporary file of this tool: `.aesreport-tmp-<pid>-<hex>`; returns the pid.
    static func temporaryPID(_ name: String) -> Int32? {
        guard name.hasPrefix(temporaryPrefix) else { return nil }
        let parts = name.dropFirst(temporaryPrefix.count).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].utf8.count <= 10, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
              !parts[1].isEmpty, parts[1].utf8.count <= 16, parts[1].allSatisfy({ $0.isASCII && $0.isHexDigit }),
              let pid = Int32(parts[0]), pid > 0 else { return nil }
        return pid
    }

    /// Whether `name` in the folder is a regular file (not a link) that belongs to the running user.
    func isOwnRegularFile(_ name: String) -> Bool {
        var info = stat()
        return fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 && info.st_mode & S_IFMT == S_IFREG
            && info.st_uid == geteuid()
    }

    /// Temporary files of killed runs: only the tool's own name grammar, only regular files of the running user,
    /// only when the process in the name is gone. Other users' files (`.thesis.tmp-4000000`,
    /// `.aesreport-tmp-alice-draft`) are never touched.
    private func removeStaleTemporaries() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd/\(descriptor)") else { return }
        for name in names {
            guard let pid = temporaryPIDIfDead(name), isOwnRegularFile(name) else { continue }
            _ = pid
            unlinkat(descriptor, name, 0)
        }
    }

    private func temporaryPIDIfDead(_ name: String) -> Int32? {
        guard let pid = Self.temporaryPID(name), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { return nil }
        return pid
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
        try create(name, keepMode: true)
    }

    func create(_ name: String, keepMode: Bool) throws -> StagedFile {
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
            // A file of the running user being replaced keeps its permission bits (never setuid, setgid or sticky)
            // and group; another user's file is replaced by the running user's with the usual mode, so a file
            // planted world-writable or setuid cannot make the new output someone else's or executable as root.
            var existing = stat()
            if keepMode, fstatat(descriptor, name, &existing, AT_SYMLINK_NOFOLLOW) == 0,
               existing.st_mode & S_IFMT == S_IFREG, existing.st_uid == geteuid() {
                _ = fchown(fd, uid_t.max, existing.st_gid)
                _ = fchmod(fd, existing.st_mode & 0o777)
            }
            let file = StagedFile(name: name, temporary: temporary, descriptor: fd)
            mutex.withLock { staged.append(file) }
            return file
        }
        throw WriteError.cannotWrite(path + "/" + name, "no free temporary name after 100 tries")
    }

    /// Removes `name` when it is a regular file (not a link) of the running user; returns whether it did.
    @discardableResult
    public func removeOwnFile(_ name: String) -> Bool {
        Self.isPlainName(name) && isOwnRegularFile(name) && unlinkat(descriptor, name, 0) == 0
    }

    /// Drops a staged file: closed and its temporary file removed; `commit` will not rename it.
    public func discard(_ file: StagedFile) {
        if file.descriptor >= 0 {
            close(file.descriptor)
            file.descriptor = -1
        }
        if !file.committed { unlinkat(descriptor, file.temporary, 0) }
        file.error = "discarded"
        mutex.withLock { staged.removeAll { $0 === file } }
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
            // Closed as well as unlinked: an open descriptor would keep the blocks allocated, and on a full disk
            // the files after this one could not be written.
            if file.descriptor >= 0 {
                close(file.descriptor)
                file.descriptor = -1
            }
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
                if isOwnRegularFile(name), unlinkat(descriptor, name, 0) == 0 {
                    result.removed.append(name)
                }
            }
            // The earlier version of a file that failed now would sit beside this run's others: removed too.
            for failure in result.failed where !result.removed.contains(failure.name) && Self.isReportName(failure.name) {
                if isOwnRegularFile(failure.name), unlinkat(descriptor, failure.name, 0) == 0 {
                    result.removed.append(failure.name)
                }
            }
            let text = result.written.joined(separator: "\n") + (result.written.isEmpty ? "" : "\n")
            if let file = try? create(Self.listingName, keepMode: false) {
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

    /// A name `report` or `compare` writes: `index.html`, `summary.` and `comparison.` json/csv/md, and charts
    /// `<kind>[-<host>].<png|svg|pdf>` (kinds: read, write, speedup, openssl-encrypt/decrypt, cryptsetup, fleet-,
    /// compare-; a host part of letters, digits, `-` and `_`). Only such names are removed as stale.
    static func isReportName(_ name: String) -> Bool {
        guard isPlainName(name), !name.hasPrefix(".") else { return false }
        if name == "index.html" { return true }
        for base in ["summary", "comparison"] where ["json", "csv", "md"].contains(where: { name == base + "." + $0 }) {
            return true
        }
        guard let dot = name.lastIndex(of: "."), ["png", "svg", "pdf"].contains(String(name[name.index(after: dot)...])) else {
            return false
        }
        let stem = String(name[..<dot])
        let kinds = ["read", "write", "speedup", "openssl-encrypt", "openssl-decrypt", "cryptsetup",
                     "fleet-read", "fleet-write", "compare-read", "compare-write"]
        for kind in kinds {
            if stem == kind { return true }
            if stem.hasPrefix(kind + "-") {
                let host = stem.dropFirst(kind.count + 1)
                if !host.isEmpty, host.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil
                    || $0 == "-" || $0 == "_" }) { return true }
            }
        }
        return false
    }

    /// The names the previous run recorded (at most 1 MiB read; not followed if a link). A listing that is not a
    /// regular file of the running user is not trusted: another user could name files in it.
    func readListing() -> [String] {
        let fd = openat(descriptor, Self.listingName, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid() else { return [] }
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
