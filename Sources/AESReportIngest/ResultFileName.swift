import AESReportModel

/// The seed script's naming: `<cipher>-read.txt` / `<cipher>-write.txt` (also `.log`, `.out`, and `_read`/`_write`).
/// The cipher is whatever precedes the operation: `aes-xts-plain64`, `twofish-cbc-essiv:sha256`.
public struct ResultFileName: Sendable, Equatable {
    public var cipher: String
    public var operation: Operation

    public init(cipher: String, operation: Operation) {
        self.cipher = cipher
        self.operation = operation
    }

    /// Reads the last component of `path`. Works on bytes (ASCII case folding only): discovery calls it for every
    /// file of a fleet.
    public init?(path: String) {
        self.init(fileName: PathName.lastComponent(Array(path.utf8)))
    }

    /// Reads a file name (no folder) given as bytes.
    init?(fileName name: [UInt8]) {
        var stem = name[...]
        for ext in Self.extensions where PathName.hasSuffixIgnoringCase(stem, ext) {
            stem = stem.dropLast(ext.count)
            break
        }
        for (operation, suffixes) in Self.operationSuffixes {
            for suffix in suffixes where stem.count > suffix.count && PathName.hasSuffixIgnoringCase(stem, suffix) {
                cipher = String(decoding: stem.dropLast(suffix.count), as: UTF8.self)
                self.operation = operation
                return
            }
        }
        return nil
    }

    private static let extensions: [[UInt8]] = [".txt", ".log", ".out"].map { Array($0.utf8) }
    private static let operationSuffixes: [(Operation, [[UInt8]])] = Operation.allCases.map { operation in
        (operation, ["-", "_"].map { Array(($0 + operation.rawValue).utf8) })
    }
}

/// Byte-level helpers for file names.
enum PathName {
    /// The bytes after the last `/` (all of them when there is none; a trailing slash is ignored).
    static func lastComponent(_ path: [UInt8]) -> [UInt8] {
        var end = path.count
        while end > 1, path[end - 1] == UInt8(ascii: "/") { end -= 1 }
        var start = end
        while start > 0, path[start - 1] != UInt8(ascii: "/") { start -= 1 }
        return Array(path[start..<end])
    }

    /// Whether `bytes` ends with `suffix` (given in lower case), folding ASCII letters only.
    static func hasSuffixIgnoringCase(_ bytes: ArraySlice<UInt8>, _ suffix: [UInt8]) -> Bool {
        guard bytes.count >= suffix.count else { return false }
        var i = bytes.endIndex - suffix.count
        for expected in suffix {
            if ByteScanning.lower(bytes[i]) != expected { return false }
            i += 1
        }
        return true
    }
}
