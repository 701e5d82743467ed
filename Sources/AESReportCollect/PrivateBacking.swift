import AESReportFiles
import AESReportIngest
import AESReportModel
import Foundation

/// The backing file's own folder: made like `mkdtemp` (a random name another user cannot guess or plant, mode 0700),
/// by `mkdirat` in the tmpfs held open, and removed by that descriptor and its name; in it `backing.img` created with
/// `O_CREAT|O_EXCL|O_NOFOLLOW`, mode 0600, before dd or cryptsetup see it. Nothing another user placed in the tmpfs
/// is ever opened, truncated or removed.
public final class PrivateBacking {
    public static let fileName = "backing.img"
    public let folder: String
    public var file: String { folder + "/" + Self.fileName }
    private var descriptor: Int32
    /// The parent folder, held from before the folder was made: the folder is removed by this descriptor and its
    /// name, never by path.
    private var parentDescriptor: Int32
    private let name: String

    public init(in parent: String) throws {
        parentDescriptor = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard parentDescriptor >= 0 else {
            throw WriteError.cannotCreateFolder(parent, String(cString: strerror(errno)))
        }
        var made: String?
        // A random name as mkdtemp makes (62 bits from the system generator), by mkdirat in the held parent, 0700.
        for _ in 0..<100 {
            let candidate = "aesreport-" + String((0..<12).map { _ in "abcdefghijklmnopqrstuvwxyz0123456789".randomElement()! })
            if mkdirat(parentDescriptor, candidate, 0o700) == 0 { made = candidate; break }
            guard errno == EEXIST else { break }
        }
        guard let made else {
            let reason = String(cString: strerror(errno))
            close(parentDescriptor)
            throw WriteError.cannotCreateFolder(parent + "/aesreport-XXXXXX", reason)
        }
        name = made
        folder = parent + "/" + made
        descriptor = openat(parentDescriptor, made, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            unlinkat(parentDescriptor, made, AT_REMOVEDIR)
            close(parentDescriptor)
            parentDescriptor = -1 // deinit runs after a throwing init: nothing left for it to close
            throw WriteError.cannotCreateFolder(folder, reason)
        }
        let fd = openat(descriptor, Self.fileName, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            descriptor = -1
            unlinkat(parentDescriptor, made, AT_REMOVEDIR)
            close(parentDescriptor)
            parentDescriptor = -1
            throw WriteError.cannotWrite(folder + "/" + Self.fileName, reason)
        }
        close(fd)
    }

    /// Removes the file and the folder; nil when done, else what is left and why.
    public func remove() -> String? {
        guard descriptor >= 0 else { return nil }
        var problem: String?
        if unlinkat(descriptor, Self.fileName, 0) != 0, errno != ENOENT {
            problem = "the backing file \(file) could not be removed: \(String(cString: strerror(errno)))"
        }
        close(descriptor)
        descriptor = -1
        if problem == nil, unlinkat(parentDescriptor, name, AT_REMOVEDIR) != 0 {
            problem = "the backing folder \(folder) could not be removed: \(String(cString: strerror(errno)))"
        }
        close(parentDescriptor)
        parentDescriptor = -1
        return problem.map { $0 + "; remove it by hand (rm -r \(ExternalCommand.quoted(folder)))" }
    }

    deinit { _ = remove() }

    /// Why `path` cannot hold the private folder: another user could rename it away (writable by others and not
    /// sticky, or owned by another user). Nil when it is fine.
    public static func folderProblem(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let writableByOthers = info.st_mode & (S_IWGRP | S_IWOTH) != 0
        if (info.st_uid != geteuid() && info.st_uid != 0) || (writableByOthers && info.st_mode & S_ISVTX == 0) {
            return "\(path) can be changed by other users (owner uid \(info.st_uid), mode "
                + String(info.st_mode & 0o7777, radix: 8) + "): pass a --backing-folder owned by root that only root can "
                + "write, or a sticky one such as /dev/shm"
        }
        return nil
    }
}
