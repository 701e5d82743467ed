/// A path as the file system holds it (bytes, which need not be UTF-8) and as it is shown.
///
/// Linux file names are bytes. A name that is not valid UTF-8 (a Latin-1 `r\xe9sultats`) is opened by its bytes and
/// shown with each byte that is not part of a UTF-8 character written `\xE9`; decoding it lossily and opening the
/// decoded name instead found "no such file".
public struct InputPath: Sendable, Hashable {
    /// The bytes to open.
    public var bytes: [UInt8]
    /// The path for people: the bytes when they are UTF-8, else with invalid bytes escaped.
    public var display: String

    /// A path given as text (a command-line argument): its UTF-8 bytes.
    public init(_ path: String) {
        bytes = Array(path.utf8)
        display = path
    }

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        display = Self.escaped(bytes)
    }

    /// The path of `name` (raw bytes) in this folder.
    func appending(_ name: [UInt8]) -> InputPath {
        var child = bytes
        if child.last != UInt8(ascii: "/") { child.append(UInt8(ascii: "/")) }
        child += name
        return InputPath(bytes: child)
    }

    /// Whether the bytes are valid UTF-8 (the display is then the path itself).
    public var isUTF8: Bool { Array(display.utf8) == bytes }

    /// The bytes as text: valid UTF-8 as it is, every other byte as `\xHH`.
    public static func escaped(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var out = ""
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var index = 0
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case let .valid(encoded):
                out.unicodeScalars.append(Unicode.UTF8.decode(encoded))
                index += encoded.count
            case let .error(length):
                for byte in bytes[index..<(index + length)] {
                    out += (byte < 0x10 ? "\\x0" : "\\x") + String(byte, radix: 16, uppercase: true)
                }
                index += length
            case .emptyInput:
                break loop
            }
        }
        return out
    }
}
