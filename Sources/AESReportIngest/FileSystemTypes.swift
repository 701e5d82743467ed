import Synchronization

/// The file system type (`fstatfs`'s `f_type`) of each device seen, so that a walk over 27,000 files on one file
/// system asks the kernel once, not once per file.
///
/// A device number (`st_dev`, from the `fstat` every open file gets anyway) names one mounted file system for as
/// long as it stays mounted, and a mounted file system does not change type; procfs, sysfs and the other kernel
/// file systems have device numbers of their own, so a kernel file is still recognised as one.
final class FileSystemTypes: Sendable {
    /// The table every `ReadPolicy` check shares.
    static let shared = FileSystemTypes()

    private let types = Mutex<[UInt64: Int64]>([:])

    /// The type of the file system holding `fd`, whose `st_dev` is `device`; `nil` where unknown (never kept).
    func type(of fd: Int32, device: UInt64) -> Int64? {
        if let known = types.withLock({ $0[device] }) { return known }
        guard let type = ReadPolicy.fileSystemType(fd) else { return nil }
        types.withLock { $0[device] = type }
        return type
    }
}
