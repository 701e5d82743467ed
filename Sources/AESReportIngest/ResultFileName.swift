import AESReportModel

/// The seed script's naming: `<cipher>-read.txt` / `<cipher>-write.txt` (also `.log`, and `_read`/`_write`).
/// The cipher is whatever precedes the operation: `aes-xts-plain64`, `twofish-cbc-essiv:sha256`.
public struct ResultFileName: Sendable, Equatable {
    public var cipher: String
    public var operation: Operation

    public init(cipher: String, operation: Operation) {
        self.cipher = cipher
        self.operation = operation
    }

    public init?(path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var stem = Substring(name)
        for ext in [".txt", ".log", ".out"] where stem.lowercased().hasSuffix(ext) {
            stem = stem.dropLast(ext.count)
            break
        }
        for operation in Operation.allCases {
            for separator in ["-", "_"] {
                let suffix = separator + operation.rawValue
                if stem.lowercased().hasSuffix(suffix), stem.count > suffix.count {
                    cipher = String(stem.dropLast(suffix.count))
                    self.operation = operation
                    return
                }
            }
        }
        return nil
    }
}
