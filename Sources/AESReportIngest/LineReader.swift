#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be read at all.
public enum InputError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case isDirectory(path: String)
    case notRegularFile(path: String)
    case readFailed(path: String, reason: String)
    /// Larger than `ReadPolicy.maxFileSize` when opened (a 15 TiB sparse file is refused here, unread).
    case tooLarge(path: String, size: Int64, limit: Int64)
    /// On a kernel file system (procfs, sysfs, debugfs...): its files look regular but are interfaces, some of
    /// which block for ever (`/proc/kmsg`) or never end. Refused in result folders.
    case kernelFile(path: String, fileSystem: String)
    /// A read would have waited (a kernel file named on the command line, such as `/proc/kmsg`).
    case wouldBlock(path: String)
    /// The file opened lies outside every input tree: a symbolic link (or a folder swapped for one) led out.
    case outsideInput(path: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): "cannot open \(path): \(reason)"
        case let .isDirectory(path): "\(path) is a folder, not a file"
        case let .notRegularFile(path): "\(path) is not a regular file (a pipe, socket or device), not read"
        case let .readFailed(path, reason): "reading \(path) failed: \(reason)"
        case let .tooLarge(path, size, limit):
            "\(path) is \(size) bytes, more than the limit of \(limit) bytes per file (--max-file-size), not read"
        case let .kernelFile(path, fileSystem):
            "\(path) is a kernel interface on \(fileSystem), not a file of results, not read"
        case let .wouldBlock(path):
            "\(path) has nothing to read without waiting (a kernel interface such as /proc/kmsg?), not read"
        case let .outsideInput(path): "\(path) is a symbolic link to a file outside the input, not read"
        }
    }

    /// The path the error is about.
    public var path: String {
        switch self {
        case let .cannotOpen(path, _), let .isDirectory(path), let .notRegularFile(path), let .readFailed(path, _),
             let .tooLarge(path, _, _), let .kernelFile(path, _), let .wouldBlock(path), let .outsideInput(path): path
        }
    }
}

/// A line handed to a parser: its bytes without the `\n`, its 1-based number, and whether it was cut short.
public struct Line {
    public var bytes: UnsafeBufferPointer<UInt8>
    public var number: Int
    /// `true` when the line was longer than the reader's limit; `bytes` then holds only its beginning.
    public var truncated: Bool
}

/// Splits a stream of chunks into lines without loading the whole input: memory stays bounded by the chunk size
/// plus one line (at most `maxLineLength` bytes; longer lines are cut and the rest skipped).
struct LineAssembler {
    let maxLineLength: Int
    private var pending: [UInt8] = []
    private var discarding = false
    private(set) var lineNumber = 0

    init(maxLineLength: Int) {
        self.maxLineLength = maxLineLength
    }

    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ body: (Line) throws -> Void) rethrows {
        guard let base = chunk.baseAddress else { return }
        var start = 0
        while start < chunk.count {
            let rest = UnsafeBufferPointer(rebasing: chunk[start...])
            guard let hit = memchr(base + start, 0x0A, chunk.count - start) else {
                try holdPartial(rest, body)
                return
            }
            let end = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
            let piece = UnsafeBufferPointer(rebasing: chunk[start..<end])
            start = end + 1
            if discarding {
                discarding = false
                continue
            }
            if pending.isEmpty {
                try emit(piece, body)
            } else {
                pending.append(contentsOf: piece)
                let joined = pending
                pending.removeAll(keepingCapacity: true)
                try joined.withUnsafeBufferPointer { try emit($0, body) }
            }
        }
    }

    mutating func finish(_ body: (Line) throws -> Void) rethrows {
        if !pending.isEmpty, !discarding {
            let last = pending
            pending.removeAll()
            try last.withUnsafeBufferPointer { try emit($0, body) }
        }
    }

    private mutating func holdPartial(_ rest: UnsafeBufferPointer<UInt8>, _ body: (Line) throws -> Void) rethrows {
        guard !discarding else { return }
        pending.append(contentsOf: rest)
        if pending.count > maxLineLength {
            let head = Array(pending[..<maxLineLength])
            pending.removeAll()
            discarding = true
            lineNumber += 1
            let number = lineNumber
            try head.withUnsafeBufferPointer { try body(Line(bytes: $0, number: number, truncated: true)) }
        }
    }

    private mutating func emit(_ piece: UnsafeBufferPointer<UInt8>, _ body: (Line) throws -> Void) rethrows {
        lineNumber += 1
        if piece.count > maxLineLength {
            try body(Line(bytes: UnsafeBufferPointer(rebasing: piece[..<maxLineLength]), number: lineNumber,
                          truncated: true))
        } else {
            try body(Line(bytes: piece, number: lineNumber, truncated: false))
        }
    }
}

/// Reads files line by line in fixed-size chunks (streaming: a 10 GB log needs no more memory than a 10 kB one).
public enum LineReader {
    /// Lines longer than this are cut and reported; dd, cpuinfo and openssl lines are far shorter.
    public static let defaultMaxLineLength = 1 << 20
    static let chunkSize = 1 << 18

    /// Calls `body` for every line of the file at `path`, in order. The buffer handed to `body` is valid only
    /// during the call.
    public static func forEachLine(inFile path: String, policy: ReadPolicy = ReadPolicy(),
                                   maxLineLength: Int = defaultMaxLineLength, maxBytes: Int64? = nil,
                                   _ body: (Line) throws -> Void) throws {
        try forEachLine(inFile: InputPath(path), policy: policy, maxLineLength: maxLineLength, maxBytes: maxBytes,
                        body)
    }

    /// Calls `body` for every line of `file` (opened by its bytes), reading at most `maxBytes` when given.
    ///
    /// Only a regular file is read, checked on the open descriptor, and never by waiting: the file is opened and
    /// read with `O_NONBLOCK` (a FIFO without a writer, `/proc/kmsg`: an error, not a hang). A file is read up to
    /// the size it had when opened: a file that grows while read is read to where it was, and a file larger than
    /// `policy.maxFileSize` (a 15 TiB sparse file) is refused unread. A kernel file (procfs, sysfs...), whose size
    /// is 0, is refused unless `policy` allows it, and is then read up to `maxFileSize`.
    public static func forEachLine(inFile file: InputPath, policy: ReadPolicy = ReadPolicy(),
                                   maxLineLength: Int = defaultMaxLineLength, maxBytes: Int64? = nil,
                                   _ body: (Line) throws -> Void) throws {
        let path = file.display
        // Below an input spelled as its real path, the open itself proves the file inside (`ConfinedOpen`).
        let confined = policy.roots != nil && policy.isBelowLiteralRoot(file.bytes)
        var openedWithoutLinks = false
        // The C string is built on the stack (a path is at most PATH_MAX bytes): no allocation per file.
        let fd = file.bytes.withUnsafeBufferPointer { raw in
            withUnsafeTemporaryAllocation(of: CChar.self, capacity: raw.count + 1) { cPath in
                UnsafeMutableRawBufferPointer(cPath).copyMemory(from: UnsafeRawBufferPointer(raw))
                cPath[raw.count] = 0
                if confined, let fd = ConfinedOpen.openWithoutLinks(cPath.baseAddress!) {
                    openedWithoutLinks = true
                    return fd
                }
                return open(cPath.baseAddress!, ConfinedOpen.flags)
            }
        }
        guard fd >= 0 else { throw InputError.cannotOpen(path: path, reason: errnoDescription()) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw InputError.readFailed(path: path, reason: errnoDescription()) }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: throw InputError.isDirectory(path: path)
        case S_IFREG: break
        default: throw InputError.notRegularFile(path: path)
        }
        let kernel = try policy.check(fd: fd, info: info, path: path, raw: file.bytes,
                                      openedWithoutLinks: openedWithoutLinks)
        // What is read: the size at open (a kernel file has none: up to the limit, and one byte more to see it
        // passed), never more than the caller wants.
        var remaining = kernel ? policy.maxFileSize + 1 : Int64(info.st_size)
        if let maxBytes { remaining = min(remaining, maxBytes) }
        var assembler = LineAssembler(maxLineLength: maxLineLength)
        // A small file gets a buffer of its size (plus one byte to see the end in the same read): allocating the
        // full chunk for each of 27,000 one-kilobyte logs cost an mmap, page faults and an munmap per file.
        let capacity = Int(min(Int64(chunkSize), max(4096, remaining + 1)))
        let reading = Reading(fd: fd, path: path, remaining: remaining, kernel: kernel, limit: policy.maxFileSize,
                              prefix: maxBytes)
        if capacity <= stackBufferLimit {
            // Nearly every result file: the buffer lives on the stack, no malloc and free per file.
            try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
                try reading.run(into: buffer, assembler: &assembler, body)
            }
        } else {
            let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity)
            defer { buffer.deallocate() }
            try reading.run(into: buffer, assembler: &assembler, body)
        }
        try assembler.finish(body)
    }

    /// Files up to this size (plus one byte) are read into a buffer on the stack.
    static let stackBufferLimit = 16 << 10

    /// The read loop of one open file: up to `remaining` bytes, each chunk handed to the line assembler. A file
    /// that starts with gzip's magic number is decompressed on the way (`GzipInflater`), its decompressed size
    /// bounded by `limit` as a plain file's size is; a caller wanting a `prefix` gets that many decompressed bytes.
    private struct Reading {
        let fd: Int32
        let path: String
        var remaining: Int64
        let kernel: Bool
        let limit: Int64
        let prefix: Int64?

        func run(into buffer: UnsafeMutableBufferPointer<UInt8>, assembler: inout LineAssembler,
                 _ body: (Line) throws -> Void) throws {
            var remaining = remaining
            var total: Int64 = 0
            var inflater: GzipInflater?
            while remaining > 0 {
                let count = read(fd, buffer.baseAddress, Int(min(Int64(buffer.count), remaining)))
                if count < 0 {
                    if errno == EINTR { continue }
                    if errno == EAGAIN || errno == EWOULDBLOCK { throw InputError.wouldBlock(path: path) }
                    throw InputError.readFailed(path: path, reason: errnoDescription())
                }
                if count == 0 { break }
                remaining -= Int64(count)
                total += Int64(count)
                if kernel, total > limit { throw InputError.tooLarge(path: path, size: total, limit: limit) }
                let chunk = UnsafeBufferPointer(rebasing: buffer[..<count])
                if total == Int64(count), !kernel, GzipInflater.isGzip(chunk) {
                    inflater = try GzipInflater(path: path, limit: limit, prefix: prefix)
                }
                if let inflater {
                    try inflater.feed(chunk) { try assembler.feed($0, body) }
                    if inflater.done { break }
                } else {
                    try assembler.feed(chunk, body)
                }
            }
            if let inflater, prefix == nil { try inflater.finish() }
        }
    }

    /// Calls `body` for every line of `bytes` (for text already in memory, and for tests).
    public static func forEachLine(in bytes: [UInt8], maxLineLength: Int = defaultMaxLineLength,
                                   _ body: (Line) throws -> Void) rethrows {
        var assembler = LineAssembler(maxLineLength: maxLineLength)
        try bytes.withUnsafeBufferPointer { try assembler.feed($0, body) }
        try assembler.finish(body)
    }

    static func errnoDescription() -> String {
        String(cString: strerror(errno))
    }
}
