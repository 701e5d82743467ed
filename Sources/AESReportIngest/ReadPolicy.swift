#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a file must be before its bytes are read: small enough, on a real file system, and (for discovery) inside
/// one of the input trees. Every check is made on the open descriptor (`fstat`, `fstatfs`, the descriptor's own
/// path), so a file swapped for a link or a FIFO after it was listed is still caught.
public struct ReadPolicy: Sendable, Equatable {
    /// 1 GiB: a year of dd rounds is a few megabytes; a file larger than this is not a benchmark log.
    public static let defaultMaxFileSize: Int64 = 1 << 30

    /// Files larger than this when opened are refused unread; a kernel file (no size of its own) is read up to it.
    public var maxFileSize: Int64
    /// Whether files on kernel file systems (procfs, sysfs, debugfs, tracefs, cgroup...) may be read: `true` for
    /// files a person names on the command line (`aesreport cpuinfo /proc/cpuinfo`), `false` in result folders.
    /// Either way they are read without ever waiting (`/proc/kmsg` is an error, not a hang).
    public var allowsKernelFiles: Bool
    /// Real paths (no symbolic links) of the folders or files a file must lie in; `nil` for anywhere.
    public var roots: [[UInt8]]?

    /// Inputs as given whose spelling is their real path (see `ConfinedOpen`): a file lying below one by plain
    /// names is opened with no symbolic link allowed on the way, which proves it inside without another check.
    var literalRoots: [[UInt8]] = []

    public init(maxFileSize: Int64 = defaultMaxFileSize, allowsKernelFiles: Bool = true, roots: [[UInt8]]? = nil) {
        self.maxFileSize = maxFileSize
        self.allowsKernelFiles = allowsKernelFiles
        self.roots = roots
    }

    /// The policy of a folder walk over `paths`: kernel files refused, every file inside one of the trees.
    public static func confined(to paths: [InputPath], maxFileSize: Int64 = defaultMaxFileSize) -> ReadPolicy {
        var policy = ReadPolicy(maxFileSize: maxFileSize, allowsKernelFiles: false,
                                roots: paths.compactMap { realPath($0.bytes) })
        policy.literalRoots = paths.map(\.bytes).filter(isLiteral)
        return policy
    }

    /// Whether `path` names what its real path names by the same components: no `.`, `..` or symbolic link, read
    /// from the working folder (whose path `getcwd` gives without links) when relative.
    static func isLiteral(_ path: [UInt8]) -> Bool {
        var trimmed = path
        while trimmed.count > 1, trimmed.last == UInt8(ascii: "/") { trimmed.removeLast() }
        guard !trimmed.isEmpty, plainComponents(trimmed[...]), let real = realPath(trimmed) else { return false }
        if trimmed.first == UInt8(ascii: "/") { return real == trimmed }
        guard let directory = getcwd(nil, 0) else { return false }
        defer { free(directory) }
        var absolute = Array(UnsafeRawBufferPointer(start: directory, count: strlen(directory)))
        if absolute.last != UInt8(ascii: "/") { absolute.append(UInt8(ascii: "/")) }
        return real == absolute + trimmed
    }

    /// Whether no component of `path` is `.` or `..` (empty ones, from `//`, are harmless).
    static func plainComponents(_ path: ArraySlice<UInt8>) -> Bool {
        // One pass, no allocation: this runs for every file opened.
        var dots = 0 // dots since the last slash, -1 once the component holds anything else
        for byte in path {
            if byte == UInt8(ascii: "/") {
                if dots == 1 || dots == 2 { return false }
                dots = 0
            } else if byte == UInt8(ascii: "."), dots >= 0 {
                dots += 1
            } else {
                dots = -1
            }
        }
        return !(dots == 1 || dots == 2)
    }

    /// Whether `raw` is a literal root or lies below one by plain components, so that opening it with no link
    /// allowed proves it inside the input.
    func isBelowLiteralRoot(_ raw: [UInt8]) -> Bool {
        literalRoots.contains { root in
            guard raw.count >= root.count, raw.starts(with: root) else { return false }
            if raw.count == root.count { return true }
            guard root.last == UInt8(ascii: "/") || raw[root.count] == UInt8(ascii: "/") else { return false }
            return Self.plainComponents(raw[root.count...])
        }
    }

    /// Whether the real path `real` is one of the roots or lies below one.
    func contains(real: [UInt8]) -> Bool {
        guard let roots else { return true }
        return roots.contains { root in
            real == root || (real.count > root.count && real.starts(with: root)
                && (root.last == UInt8(ascii: "/") || real[root.count] == UInt8(ascii: "/")))
        }
    }

    /// Throws unless the file open as `fd` may be read under this policy; returns whether it is a kernel file
    /// (whose size means nothing: `/proc/cpuinfo` is 0 bytes, so it is read up to `maxFileSize`). `info` is its
    /// `fstat`.
    /// `openedWithoutLinks` says the file was opened by `ConfinedOpen` below a literal root: it is then inside.
    func check(fd: Int32, info: stat, path: String, raw: [UInt8], openedWithoutLinks: Bool = false) throws -> Bool {
        var kernel = false
        let device = UInt64(info.st_dev)
        if !FileSystemTypes.shared.isKnownOrdinary(device), let type = Self.fileSystemType(fd) {
            if let name = Self.kernelFileSystems[type] {
                guard allowsKernelFiles else { throw InputError.kernelFile(path: path, fileSystem: name) }
                kernel = true
            } else {
                FileSystemTypes.shared.noteOrdinary(device)
            }
        }
        if !kernel, Int64(info.st_size) > maxFileSize {
            throw InputError.tooLarge(path: path, size: Int64(info.st_size), limit: maxFileSize)
        }
        if roots != nil, !openedWithoutLinks {
            // The path the kernel holds for the descriptor: a link or a swapped folder anywhere on the way shows.
            guard let real = Self.realPath(ofDescriptor: fd) ?? Self.realPath(raw), contains(real: real)
            else { throw InputError.outsideInput(path: path) }
        }
        return kernel
    }

    /// The `f_type` of the file system holding `fd` (`fstatfs`); `nil` where unknown.
    static func fileSystemType(_ fd: Int32) -> Int64? {
        #if os(Linux)
        // Swift's Glibc module leaves out <sys/vfs.h>; glibc's `struct statfs` begins with `f_type` (a long on
        // 64-bit targets) everywhere, and is far smaller than this buffer.
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: 512, alignment: 16)
        defer { buffer.deallocate() }
        buffer.initializeMemory(as: UInt8.self, repeating: 0, count: 512)
        guard linuxFstatfs(fd, buffer) == 0 else { return nil }
        return Int64(buffer.load(as: Int.self))
        #else
        return nil
        #endif
    }

    /// `f_type` values (linux/magic.h) of file systems whose files are kernel interfaces, not data.
    static let kernelFileSystems: [Int64: String] = [
        0x9FA0: "procfs", 0x6265_6572: "sysfs", 0x6462_6720: "debugfs", 0x7472_6163: "tracefs",
        0x0027_E0EB: "cgroupfs", 0x6367_7270: "cgroup2fs", 0x7363_6673: "securityfs", 0x6165_676C: "pstore",
        0xDE5E_81E4: "efivarfs", 0xCAFE_4A11: "bpffs", 0x6265_6570: "configfs", 0x6573_5543: "fusectl",
        0xF97C_FF8C: "selinuxfs", 0x4341_5D53: "smackfs", 0x4249_4E4D: "binfmt_misc", 0x6E73_6673: "nsfs",
        0x1CD1: "devpts", 0x6D71_7565: "mqueue",
    ]

    /// The real path of `path` (`realpath`), as bytes; `nil` when it does not resolve.
    static func realPath(_ path: [UInt8]) -> [UInt8]? {
        let resolved: UnsafeMutablePointer<CChar>? = (path + [0]).withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { realpath($0, nil) }
        }
        guard let resolved else { return nil }
        defer { free(resolved) }
        return Array(UnsafeRawBufferPointer(start: resolved, count: strlen(resolved)))
    }

    /// The path of the open file `fd` as the kernel knows it (`/proc/self/fd/N`); `nil` without procfs.
    static func realPath(ofDescriptor fd: Int32) -> [UInt8]? {
        #if os(Linux)
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = buffer.withUnsafeMutableBufferPointer { out in
            out.baseAddress!.withMemoryRebound(to: CChar.self, capacity: out.count) {
                readlink("/proc/self/fd/\(fd)", $0, out.count)
            }
        }
        guard count > 0, count < buffer.count, buffer[0] == UInt8(ascii: "/") else { return nil }
        return Array(buffer[..<count])
        #else
        return nil
        #endif
    }
}

#if os(Linux)
@_silgen_name("fstatfs")
private func linuxFstatfs(_ fd: Int32, _ buffer: UnsafeMutableRawPointer) -> Int32
#endif
