/// UTF-8 text written into one growing byte array: what `JSONWriter` and summary.csv's rows write into, so that no
/// number, field or line becomes a `String` of its own on the way to the file.
///
/// The bytes live in one allocation this buffer grows by doubling, written through a pointer: a few bytes at a time
/// (a comma, a key, a number's digits) cost a bounds check and a copy, not `Array.append`'s uniqueness check and
/// generic call (which were a quarter of writing summary.json). A copy of the buffer shares that allocation, so
/// it is written through one variable only (JSONWriter's, writeCSV's).
struct ByteBuffer: TextOutputStream {
    /// Frees the allocation when the buffer is gone (or replaced on growth).
    private final class Allocation {
        let start: UnsafeMutablePointer<UInt8>
        init(capacity: Int) { start = .allocate(capacity: capacity) }
        deinit { start.deallocate() }
    }

    private var allocation: Allocation
    private var start: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes written.
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        allocation = Allocation(capacity: self.capacity)
        start = allocation.start
    }

    /// The text so far, as an array (a copy).
    var bytes: [UInt8] { Array(written) }

    /// The text so far, in place (valid until the next write).
    var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }

    mutating func removeAll() {
        count = 0
    }

    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        var newCapacity = capacity * 2
        while newCapacity < count + extra { newCapacity *= 2 }
        let grown = Allocation(capacity: newCapacity)
        grown.start.update(from: start, count: count)
        allocation = grown
        start = grown.start
        capacity = newCapacity
    }

    mutating func append(_ byte: UInt8) {
        reserve(1)
        start[count] = byte
        count += 1
    }

    mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        let length = buffer.count
        guard length > 0, let source = buffer.baseAddress else { return }
        reserve(length)
        let target = start + count
        if length <= 16 {
            for index in 0..<length { target[index] = source[index] }
        } else {
            target.update(from: source, count: length)
        }
        count += length
    }

    /// `byte` `count` times (indentation).
    mutating func append(repeating byte: UInt8, count repeats: Int) {
        guard repeats > 0 else { return }
        reserve(repeats)
        (start + count).update(repeating: byte, count: repeats)
        count += repeats
    }

    /// A literal's bytes (keys, fixed words), copied from the binary's read-only data.
    mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { append($0) }
    }

    /// `text`'s UTF-8 as it is, from its contiguous storage when it has one.
    mutating func append(utf8 text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// The shortest decimal that reads back to `value`: the same digits as `"\(value)"` (`nan`, `inf` and `-inf`
    /// included), written by `Double.write(to:)` from the standard library's stack buffer straight into `bytes`.
    mutating func appendShortest(_ value: Double) {
        value.write(to: &self)
    }

    /// `value` in decimal, as `String(value)` writes it.
    mutating func appendDecimal(_ value: Int) {
        if value >= 0, value < 10 { return append(0x30 + UInt8(value)) }
        if value < 0 { append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var length = 0
        var rest = magnitude
        repeat {
            length += 1
            rest /= 10
        } while rest > 0
        reserve(length)
        var index = count + length
        repeat {
            index -= 1
            start[index] = 0x30 + UInt8(magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
        count += length
    }

    /// Appends `string`'s bytes as they are (the `TextOutputStream` entry; `Double.write(to:)` uses the one below).
    mutating func write(_ string: String) {
        append(utf8: string)
    }

    /// The standard library's hook through which `Double.write(to:)` hands over its digits without making a
    /// string of them.
    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        append(buffer)
    }
}
