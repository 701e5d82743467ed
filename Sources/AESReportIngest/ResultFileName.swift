import AESReportModel

/// The seed script's naming: `<cipher>-read.txt` / `<cipher>-write.txt` (also `.log`, `.out`, and `_read`/`_write`).
/// The cipher is whatever precedes the operation: `aes-xts-plain64`, `twofish-cbc-essiv:sha256`, in lower case
/// (`AES-CBC-PLAIN-WRITE.TXT` is the same series as `aes-cbc-plain-write.txt`: kernel cipher names are lower case).
/// The AES-NI state people put in the name is read and taken off the cipher: `aesni-<cipher>-read.txt`,
/// `noaesni-...`, `no-aesni-...`, `with-aesni-...`, `without-aesni-...`, and the same words as a suffix
/// (`<cipher>-aesni-read.txt`, `<cipher>-read-noaesni.txt`).
public struct ResultFileName: Sendable, Equatable {
    public var cipher: String
    public var operation: Operation
    /// The state the name says (`nil`: it says none).
    public var aesni: Bool?

    public init(cipher: String, operation: Operation, aesni: Bool? = nil) {
        self.cipher = cipher
        self.operation = operation
        self.aesni = aesni
    }

    /// Reads the last component of `path`. Works on bytes (ASCII case folding only): discovery calls it for every
    /// file of a fleet.
    public init?(path: String) {
        self.init(fileName: PathName.lastComponent(Array(path.utf8)))
    }

    /// Reads a file name (no folder) given as bytes.
    init?(fileName name: [UInt8]) {
        var stem = name[...]
        if PathName.hasSuffixIgnoringCase(stem, Self.gzip) { stem = stem.dropLast(Self.gzip.count) }
        for ext in Self.extensions where PathName.hasSuffixIgnoringCase(stem, ext) {
            stem = stem.dropLast(ext.count)
            break
        }
        var state = FileNameAESNI.takePrefix(&stem) ?? FileNameAESNI.takeSuffix(&stem)
        for (operation, suffixes) in Self.operationSuffixes {
            for suffix in suffixes where stem.count > suffix.count && PathName.hasSuffixIgnoringCase(stem, suffix) {
                var cipherBytes = stem.dropLast(suffix.count)
                if state == nil { state = FileNameAESNI.takeSuffix(&cipherBytes) }
                guard !cipherBytes.isEmpty else { return nil }
                cipher = String(decoding: Self.folded(cipherBytes), as: UTF8.self)
                self.operation = operation
                aesni = state
                return
            }
        }
        return nil
    }

    /// ASCII letters in lower case, except inside `\xHH`, the escape a display path gives a byte that is not
    /// UTF-8 (`aes-cbc-\xFF` stays itself).
    private static func folded(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] == UInt8(ascii: "\\"), i + 3 < bytes.endIndex, bytes[i + 1] == UInt8(ascii: "x") {
                out.append(contentsOf: bytes[i..<(i + 4)])
                i += 4
                continue
            }
            out.append(ByteScanning.lower(bytes[i]))
            i += 1
        }
        return out
    }

    private static let extensions: [[UInt8]] = [".txt", ".log", ".out"].map { Array($0.utf8) }
    /// `aes-xts-plain64-read.txt.gz`: a gzip-compressed log keeps its name's meaning.
    private static let gzip = Array(".gz".utf8)
    private static let operationSuffixes: [(Operation, [[UInt8]])] = Operation.allCases.map { operation in
        (operation, ["-", "_"].map { Array(($0 + operation.rawValue).utf8) })
    }
}

/// The AES-NI state words people put at the start or end of a result file's name, in bytes (asked of every file
/// of a fleet). The longer words are tried first (`noaesni` before `aesni`).
enum FileNameAESNI {
    private static let words: [([UInt8], Bool)] = [
        ("without-aesni", false), ("without_aesni", false), ("no-aesni", false), ("no_aesni", false),
        ("noaesni", false), ("non-aesni", false), ("with-aesni", true), ("with_aesni", true), ("aesni", true),
    ].map { (Array($0.0.utf8), $0.1) }

    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
    }

    /// `aesni-<rest>`: the state, with the word and its separator removed from `stem`.
    static func takePrefix(_ stem: inout ArraySlice<UInt8>) -> Bool? {
        for (word, state) in words where stem.count > word.count + 1 && PathName.hasPrefixIgnoringCase(stem, word)
            && isSeparator(stem[stem.startIndex + word.count]) {
            stem = stem.dropFirst(word.count + 1)
            return state
        }
        return nil
    }

    /// `<rest>-aesni`: the state, with the word and its separator removed from `stem`.
    static func takeSuffix(_ stem: inout ArraySlice<UInt8>) -> Bool? {
        for (word, state) in words where stem.count > word.count + 1 && PathName.hasSuffixIgnoringCase(stem, word)
            && isSeparator(stem[stem.endIndex - word.count - 1]) {
            stem = stem.dropLast(word.count + 1)
            return state
        }
        return nil
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

    /// Whether `bytes` starts with `prefix` (given in lower case), folding ASCII letters only.
    static func hasPrefixIgnoringCase(_ bytes: ArraySlice<UInt8>, _ prefix: [UInt8]) -> Bool {
        guard bytes.count >= prefix.count else { return false }
        return zip(bytes, prefix).allSatisfy { ByteScanning.lower($0) == $1 }
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

/// fio's result naming: `[fio-]<cipher>-<read|write>[-r<N>].json` (or `.txt`, `.log`, `.out` for the terse and normal
/// forms). A name is fio's when it starts with `fio-` (or `fio_`), ends in `.json`, or carries a round number
/// (`-r3`): the seed's dd logs have none of these; a name without `fio-` must also end in `-read` or `-write`
/// (before any round number). `fio.json` or `fio-read.json` are fio's too, with the cipher (and
/// operation) left to the jobs' names and `rw`.
public struct FioFileName: Sendable, Equatable {
    public var cipher: String?
    public var operation: Operation?
    /// `N` of `-r<N>`.
    public var round: Int?

    public init(cipher: String?, operation: Operation?, round: Int?) {
        self.cipher = cipher
        self.operation = operation
        self.round = round
    }

    public init?(path: String) {
        var stem = PathName.lastComponent(Array(path.utf8))[...]
        var json = false
        for ext in Self.extensions where PathName.hasSuffixIgnoringCase(stem, ext) {
            json = ext == Self.extensions[0]
            stem = stem.dropLast(ext.count)
            break
        }
        // `fio-`, `fio_` or all of `fio`, any case (bytes compared in place: asked of every file of a fleet).
        let fio = stem.count >= 3 && PathName.hasPrefixIgnoringCase(stem, Self.fio)
        let prefixed = fio && (stem.count == 3 || stem[stem.startIndex + 3] == UInt8(ascii: "-")
            || stem[stem.startIndex + 3] == UInt8(ascii: "_"))
        if prefixed { stem = stem.dropFirst(min(4, stem.count)) }
        // `-r<N>`: digits after `-r` or `_r` at the end.
        var digits = 0
        while digits < stem.count, ByteScanning.isDigit(stem[stem.endIndex - 1 - digits]) { digits += 1 }
        if digits > 0, digits <= 9, stem.count > digits + 2 {
            let dash = stem[stem.endIndex - digits - 2]
            if ByteScanning.lower(stem[stem.endIndex - digits - 1]) == UInt8(ascii: "r"),
               dash == UInt8(ascii: "-") || dash == UInt8(ascii: "_") {
                round = Int(String(decoding: stem.suffix(digits), as: UTF8.self))
                stem = stem.dropLast(digits + 2)
            }
        }
        guard prefixed || json || round != nil else { return nil }
        if let name = ResultFileName(fileName: Array(stem) + Self.extensions[1]) {
            cipher = name.cipher
            operation = name.operation
        } else if !prefixed {
            // Without `fio-`, only `<cipher>-<read|write>`: `summary.json` of an earlier report and
            // `openssl-aes-128-cbc-16384-r1.txt` of `collect openssl` are no fio results by their names.
            return nil
        } else {
            let rest = stem.map(ByteScanning.lower)
            operation = Operation.allCases.first { rest == Array($0.rawValue.utf8) }
            if operation == nil, !stem.isEmpty { cipher = String(decoding: stem, as: UTF8.self) }
        }
    }

    private static let extensions: [[UInt8]] = [".json", ".txt", ".log", ".out"].map { Array($0.utf8) }
    private static let fio = Array("fio".utf8)
}
