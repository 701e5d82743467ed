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

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): "cannot open \(path): \(reason)"
        case let .isDirectory(path): "\(path) is a folder, not a file"
        case let .notRegularFile(path): "\(path) is not a regular file (a pipe, socket or device), not read"
        case let .readFailed(path, reason): "reading \(path) failed: \(reason)"
        }
    }

    /// The path the error is about.
    public var path: String {
        switch self {
        case let .cannotOpen(path, _), let .isDirectory(path), let .notRegularFile(path), let .readFailed(path, _): path
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
    public static func forEachLine(inFile path: String, maxLineLength: Int = defaultMaxLineLength,
                                   _ body: (Line) throws -> Void) throws {
        // O_NONBLOCK: opening a FIFO without a writer must not hang; only regular files are read.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw InputError.cannotOpen(path: path, reason: errnoDescription()) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw InputError.readFailed(path: path, reason: errnoDescription()) }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: throw InputError.isDirectory(path: path)
        case S_IFREG: break
        default: throw InputError.notRegularFile(path: path)
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        var assembler = LineAssembler(maxLineLength: maxLineLength)
        // A small file gets a buffer of its size (plus one byte to see the end in the same read): allocating the
        // full chunk for each of 27,000 one-kilobyte logs cost an mmap, page faults and an munmap per file.
        // A file that grows while read is still read to its end, chunk by chunk.
        let capacity = min(chunkSize, max(4096, Int(info.st_size) + 1))
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        while true {
            let count = read(fd, buffer.baseAddress, capacity)
            if count < 0 {
                if errno == EINTR { continue }
                throw InputError.readFailed(path: path, reason: errnoDescription())
            }
            if count == 0 { break }
            try assembler.feed(UnsafeBufferPointer(rebasing: buffer[..<count]), body)
        }
        try assembler.finish(body)
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
