/// UTF-8 text written into one growing byte array: what `JSONWriter` and summary.csv's rows write into, so that no
/// number, field or line becomes a `String` of its own on the way to the file.
struct ByteBuffer: TextOutputStream {
    /// The text so far.
    var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    var count: Int { bytes.count }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: buffer)
    }

    /// A literal's bytes (keys, fixed words), copied from the binary's read-only data.
    mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// `text`'s UTF-8 as it is, from its contiguous storage when it has one.
    mutating func append(utf8 text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// The shortest decimal that reads back to `value`: the same digits as `"\(value)"` (`nan`, `inf` and `-inf`
    /// included), written by `Double.write(to:)` from the standard library's stack buffer straight into `bytes`.
    mutating func appendShortest(_ value: Double) {
        value.write(to: &self)
    }

    /// `value` in decimal, as `String(value)` writes it.
    mutating func appendDecimal(_ value: Int) {
        if value >= 0, value < 10 {
            bytes.append(0x30 + UInt8(value))
            return
        }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = 20
            repeat {
                start -= 1
                digits[start] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// Appends `string`'s bytes as they are (the `TextOutputStream` entry; `Double.write(to:)` uses the one below).
    mutating func write(_ string: String) {
        append(utf8: string)
    }

    /// The standard library's hook through which `Double.write(to:)` hands over its digits without making a
    /// string of them.
    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: buffer)
    }
}
