import Synchronization

/// The device last seen to hold an ordinary file system (not a kernel one), so that a walk over 27,000 files on
/// one file system asks the kernel for the type (`fstatfs`) once, not once per file.
///
/// A device number (`st_dev`, from the `fstat` every open file gets anyway) names one mounted file system for as
/// long as it stays mounted, and a mounted file system does not change type; procfs, sysfs and the other kernel
/// file systems have device numbers of their own, so a kernel file is still recognised as one. The device is one
/// atomic word: read without a lock by every thread that opens files.
final class FileSystemTypes: Sendable {
    /// The record every `ReadPolicy` check shares.
    static let shared = FileSystemTypes()

    /// The device number plus one (0: none yet).
    private let ordinaryDevice = Atomic<UInt64>(0)

    /// Whether `device` is the one last seen to hold an ordinary file system.
    func isKnownOrdinary(_ device: UInt64) -> Bool {
        ordinaryDevice.load(ordering: .relaxed) == device &+ 1
    }

    /// Notes that `device` holds an ordinary file system.
    func noteOrdinary(_ device: UInt64) {
        ordinaryDevice.store(device &+ 1, ordering: .relaxed)
    }
}
