#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CInterruptCleanup
import Foundation

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
/// - An advisory lock (`flock`) is held from `init` to `deinit` on `.aesreport.lock` in the folder, a regular file
///   the running user created and owns (opened `O_NOFOLLOW`; one of another user, a link, a FIFO or a file with a
///   second hard link is removed and replaced by our own, or refused when it cannot be): a lock on the folder
///   itself could be taken by any user who can open it read-only and stall root's runs for as long as she liked.
///   A second run into the same folder waits for the first (`onWait` says so) up to `lockTimeout` seconds, then
///   fails naming the holder. Temporary
///   files found under the lock are removed when they are the tool's own: a regular file of the running user named
///   `.aesreport-tmp-<pid>-<hex>` whose process is gone.
/// - All of a run's files are staged first and renamed together by `commit`; with `listing`, the names written are
///   recorded in `.aesreport-files`, and files an earlier run listed that this run did not write (stale charts)
///   are removed, so the folder holds one run's files.
/// - A file that cannot be written (a full disk) does not stop the others; `commit` names each one.
public final class OutputFolder: @unchecked Sendable {
    public let path: String
    let descriptor: Int32
    /// The lock file's descriptor while the lock is held; -1 without a lock.
    private var lockDescriptor: Int32 = -1
    let listing: Bool
    let mutex = NSLock()
    var staged: [StagedFile] = []
    var failures: [(name: String, reason: String)] = []
    /// Tests set this to hand out the names an attacker planted first; nil: `temporaryPrefix`, pid, 64 random bits.
    var temporaryNames: (() -> String)?

    public static let listingName = ".aesreport-files"
    public static let lockName = ".aesreport.lock"
    public static let temporaryPrefix = ".aesreport-tmp-"

    /// A folder this init created: its path as shown, and its parent's descriptor (held open) and its name there,
    /// by which it is removed: never by path, which another user could have redirected meanwhile.
    struct CreatedFolder {
        var path: String
        var parent: Int32
        var name: String
    }

    /// Folders this init created (outermost first), for `removeCreatedFoldersIfEmpty`.
    private var created: [CreatedFolder] = []
    public var createdFolders: [String] { created.map(\.path) }

    /// Opens (creating it and its parents) the folder `path` and locks it. `lock: false` skips the lock (single
    /// file writes into a folder the caller already holds or does not share). A lock held by another run is
    /// waited for up to `lockTimeout` seconds (nil: for ever), then `WriteError.locked` names the holder.
    public init(path: String, lock: Bool = true, listing: Bool = false, lockTimeout: Double? = OutputFolder.defaultLockTimeout,
                onWait: (String) -> Void = { _ in }) throws {
        guard !path.isEmpty else { throw WriteError.cannotCreateFolder("\"\"", "an empty path names no folder") }
        self.path = path
        self.listing = listing
        var made: [CreatedFolder] = []
        descriptor = try Self.openFolder(path, created: &made)
        created = made
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
        if created { self.created = [CreatedFolder(path: path, parent: dup(parent.descriptor), name: name)] }
        if lock { try takeLock(timeout: lockTimeout, onWait: onWait) }
    }

    public static let defaultLockTimeout: Double = 60

    /// Opens the lock file: ours, regular, one link. Anything else at its name (another user's file, a link, a
    /// FIFO, a hard link to a file elsewhere) is removed and ours created in its place with `O_EXCL`; when it
    /// cannot be removed (a sticky folder of another user, for a user who is not root) the lock is refused with
    /// the reason, never taken on a file someone else controls.
    private func openLockFile() throws -> Int32 {
        let shown = path + "/" + Self.lockName
        for _ in 0..<64 {
            let fd = openat(descriptor, Self.lockName, O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            if fd >= 0 {
                var info = stat()
                if fstat(fd, &info) == 0, Self.isOwnSingleFile(info) {
                    return fd
                }
                close(fd)
            } else if errno == ENOENT {
                let made = openat(descriptor, Self.lockName, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
                if made >= 0 { return made }
                if errno == EROFS || errno == EACCES {
                    // A folder no one can write into (a read-only mount, another user's folder): no writer to keep
                    // out, and the writes will each fail with the reason; the folder itself is locked instead, so
                    // that those failures are said as for any folder.
                    return dup(descriptor)
                }
                guard errno == EEXIST else { throw WriteError.cannotWrite(shown, String(cString: strerror(errno))) }
                continue
            } else if ![ELOOP, EACCES, ENXIO, EPERM, EISDIR].contains(errno) {
                throw WriteError.cannotWrite(shown, String(cString: strerror(errno)))
            }
            // Not ours, or not a plain file of one link: removed (the link itself, never what it points to).
            var info = stat()
            let owner = fstatat(descriptor, Self.lockName, &info, AT_SYMLINK_NOFOLLOW) == 0 ? Self.userName(info.st_uid) : "?"
            if unlinkat(descriptor, Self.lockName, 0) == 0 || errno == ENOENT { continue }
            let reason = String(cString: strerror(errno))
            if [EISDIR, EPERM].contains(errno), info.st_mode & S_IFMT == S_IFDIR {
                // A folder planted at the lock's name (another user's `mkdir`): moved aside, not removed (it is hers,
                // with whatever it holds), so that it cannot stop the run.
                let aside = "\(Self.lockName).foreign-\(info.st_uid)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
                if renameat(descriptor, Self.lockName, descriptor, aside) == 0 { continue }
            }
            throw WriteError.locked(path, "a lock file of \(owner) that is not ours and cannot be removed (\(shown): "
                                    + reason + "); remove it, or write elsewhere")
        }
        throw WriteError.locked(path, "another process that keeps replacing \(shown)")
    }

    /// Whether `fd` is the file now at the lock file's name.
    private func holdsLockFileAtItsName(_ fd: Int32) -> Bool {
        var held = stat()
        var named = stat()
        return fstat(fd, &held) == 0 && fstatat(descriptor, Self.lockName, &named, AT_SYMLINK_NOFOLLOW) == 0
            && held.st_ino == named.st_ino && held.st_dev == named.st_dev
    }

    /// Whether `fd` is the folder itself (the lock of a folder no one can write into).
    private func isFolder(_ fd: Int32) -> Bool {
        var held = stat()
        var folder = stat()
        return fstat(fd, &held) == 0 && fstat(descriptor, &folder) == 0 && held.st_ino == folder.st_ino
            && held.st_dev == folder.st_dev
    }

    private func takeLock(timeout: Double?, onWait: (String) -> Void, attempts: Int = 64) throws {
        let descriptor = try openLockFile()
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
                        // Not `lockDescriptor`: deinit would remove the holder's lock file as our own, and a
                        // third run would lock a new one beside the holder.
                        close(descriptor)
                        throw WriteError.locked(path, reason)
                    }
                    usleep(50_000)
                }
            } else {
                while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
            }
        }
        lockDescriptor = descriptor
        // The file locked must still be the one at the name: one removed meanwhile (a foreign file replaced by a
        // run that waited beside us) locks nothing another run would see. Then again, on the file there now.
        if !holdsLockFileAtItsName(descriptor) && !isFolder(descriptor) {
            close(descriptor)
            lockDescriptor = -1
            guard attempts > 0 else { throw WriteError.locked(path, "another process that keeps replacing its lock file") }
            return try takeLock(timeout: timeout, onWait: onWait, attempts: attempts - 1)
        }
        // Ctrl-C, SIGTERM or SIGHUP ends `report` in its signal handler, which removes the files named in this list:
        // the lock file goes too, as it does at a normal end, and no stale 0600 file stays among the results.
        if !isFolder(descriptor) { aesreport_interrupt_cleanup_add(self.descriptor, Self.lockName) }
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
        aesreport_interrupt_cleanup_forget_folder(descriptor) // before the number can be reused
        for folder in created { close(folder.parent) }
        if lockDescriptor >= 0 {
            // The lock file goes with the run, so result folders hold results only; a run waiting on it sees that
            // its file is no longer at the name and locks the next one (`takeLock`).
            if holdsLockFileAtItsName(lockDescriptor) { unlinkat(descriptor, Self.lockName, 0) }
            close(lockDescriptor) // releases the lock
        }
        close(descriptor)
    }

    /// `mkdir -p`, one component at a time relative to the folder before (`openat` with `O_NOFOLLOW`), with one
    /// error naming the part that failed. `..` is the real parent of the folder reached so far, as the kernel reads
    /// it. A symbolic link on the way is followed only when it belongs to the running user or to root (at most 40
    /// links); another user's link is refused (`WriteError.refusedLink`). Returns the folder's descriptor.
    static func openFolder(_ path: String, created: inout [CreatedFolder]) throws -> Int32 {
        var links = 0
        return try walk(path, from: path.hasPrefix("/") ? "/" : ".", shown: path.hasPrefix("/") ? "" : ".",
                        links: &links, created: &created, create: true)
    }

    private static func walk(_ path: String, from start: String, shown: String, links: inout Int,
                             created: inout [CreatedFolder], create: Bool) throws -> Int32 {
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
                for folder in created { close(folder.parent) }
                created = []
                throw error
            }
            if made { created.append(CreatedFolder(path: here, parent: dup(fd), name: component)) }
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
        var ignored: [CreatedFolder] = []
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

    /// Removes the folders this `init` created when they are still empty (a run that wrote nothing): the lock
    /// file first, which only this run can have made there.
    public func removeCreatedFoldersIfEmpty() {
        if !created.isEmpty, lockDescriptor >= 0, holdsLockFileAtItsName(lockDescriptor) {
            unlinkat(descriptor, Self.lockName, 0)
        }
        // Innermost first, each by its parent's descriptor and its name: a parent swapped for a link to another
        // place after the walk leads nowhere (`rmdir` by path would have removed an empty folder there).
        for folder in created.reversed() { unlinkat(folder.parent, folder.name, AT_REMOVEDIR) }
    }

}
