#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CInterruptCleanup
import Foundation

extension OutputFolder {
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
            // Named for the signal handler of `report` (InterruptFlag) before it exists, so that no instant after
            // the open leaves it behind: the handler removes it before the process ends (a name not created yet,
            // or already renamed, is simply not there). Forgotten again if it cannot be created.
            aesreport_interrupt_cleanup_add(descriptor, temporary)
            let fd = openat(descriptor, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
            if fd < 0 {
                let error = errno
                aesreport_interrupt_cleanup_forget(descriptor, temporary)
                if error == EEXIST || error == EINTR { continue }
                throw WriteError.cannotWrite(path + "/" + name, String(cString: strerror(error)))
            }
            // A file of the running user being replaced keeps its permission bits (never setuid, setgid or sticky)
            // and group; another user's file is replaced by the running user's with the usual mode, so a file
            // planted world-writable or setuid cannot make the new output someone else's or executable as root.
            // A file with a second link is not judged ours either: a root-owned 0666 file elsewhere, hard-linked
            // at `index.html` by another user, would lend its mode to root's new page.
            var existing = stat()
            if keepMode, fstatat(descriptor, name, &existing, AT_SYMLINK_NOFOLLOW) == 0, Self.isOwnSingleFile(existing) {
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
        let file = try reserve(name)
        try write(file, produce)
        return file
    }

    /// Creates the temporary file for `name` now, empty, so that it takes its place in the commit order whenever
    /// its bytes are written (`write(_:_:)`, perhaps on another thread). A failure is recorded for `commit`'s report
    /// and thrown.
    public func reserve(_ name: String) throws -> StagedFile {
        do {
            return try create(name)
        } catch {
            mutex.withLock { failures.append((name, Self.reason(error))) }
            throw error
        }
    }

    /// Writes `produce`'s bytes into `file` (from `reserve`), synced and closed, ready for `commit`. A failure
    /// removes the temporary file, is recorded for `commit`'s report, and is thrown.
    public func write(_ file: StagedFile,
                      _ produce: (_ write: @escaping (ArraySlice<UInt8>) throws -> Void) throws -> Void) throws {
        do {
            try produce { piece in try file.append(piece) }
            try file.finish()
        } catch {
            file.error = Self.reason(error)
            // Closed as well as unlinked: an open descriptor would keep the blocks allocated, and on a full disk
            // the files after this one could not be written.
            if file.descriptor >= 0 {
                close(file.descriptor)
                file.descriptor = -1
            }
            unlinkat(descriptor, file.temporary, 0)
            mutex.withLock { failures.append((file.name, file.error!)) }
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
            let listed = only == nil ? failures : failures.filter { f in only!.contains { $0.name == f.name } }
            // In the order the files were staged, not the order their writes failed (charts are written on
            // several threads as they are drawn); a name that could not even be created comes first, as it failed.
            let place = Dictionary(staged.enumerated().map { ($1.name, $0) }) { first, _ in first }
            return listed.enumerated()
                .sorted { (place[$0.element.name] ?? -1, $0.offset) < (place[$1.element.name] ?? -1, $1.offset) }
                .map(\.element)
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
}
