#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Opening a file so that the open itself proves it lies inside the input, with no system call after it.
///
/// `ReadPolicy` must know that a file opened lies inside one of the input trees. The general way asks the kernel
/// for the descriptor's path (`readlink` of `/proc/self/fd/N`: a system call, a 4 KiB buffer and a formatted path
/// per file). When the path is one of the inputs as given, or lies below one by plain names, and that input is its
/// own real path (no symbolic link, `.` or `..` on the way from the working folder), opening it with Linux's
/// `openat2` and `RESOLVE_NO_SYMLINKS` proves the same: the kernel refuses the open (`ELOOP`) if any component,
/// the input's own or one swapped for a link after the listing, is a symbolic link. Any refusal (a link the walk
/// followed on purpose, a kernel without `openat2` or a sandbox that forbids it) falls back to the general way.
enum ConfinedOpen {
    /// The flags every input file is opened with: read only, never waiting (a FIFO, `/proc/kmsg`), no terminal.
    static let flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY

    /// Cleared for the rest of the process once `openat2` is missing (`ENOSYS`) or forbidden (`EPERM`).
    private static let available = Atomic<Bool>(true)

    /// The descriptor of `path` opened with no symbolic link anywhere on the way, or `nil` when that open failed
    /// (for whatever reason: the caller then opens the general way, which reports the error if there is one).
    static func openWithoutLinks(_ path: UnsafePointer<CChar>) -> Int32? {
        #if os(Linux)
        guard available.load(ordering: .relaxed) else { return nil }
        // struct open_how { __u64 flags; __u64 mode; __u64 resolve; }; RESOLVE_NO_MAGICLINKS | RESOLVE_NO_SYMLINKS.
        var how: (UInt64, UInt64, UInt64) = (UInt64(UInt32(bitPattern: flags)), 0, 0x02 | 0x04)
        let result = withUnsafeMutablePointer(to: &how) { pointer in
            linuxSyscall(openat2Number, Int(AT_FDCWD), path, UnsafeRawPointer(pointer), 24)
        }
        if result >= 0 { return Int32(result) }
        if errno == ENOSYS || errno == EPERM { available.store(false, ordering: .relaxed) }
        return nil
        #else
        return nil
        #endif
    }

    /// `openat2`'s number, the same on every Linux architecture (system calls from 424 on share one table).
    private static let openat2Number = 437
}

#if os(Linux)
/// glibc's `syscall(2)`, declared with the four arguments `openat2` takes (Swift does not import C variadic
/// functions; glibc implements `syscall` in assembly that reads its arguments from the integer registers, where
/// both this declaration and a variadic call put them on x86-64 and aarch64).
@_silgen_name("syscall")
private func linuxSyscall(_ number: Int, _ directory: Int, _ path: UnsafePointer<CChar>,
                          _ how: UnsafeRawPointer, _ size: Int) -> Int
#endif
