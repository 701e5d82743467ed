/// A streaming JSON writer: pretty-printed with two-space indentation, keys in the order written (callers write
/// them sorted), numbers as the shortest decimal that reads back to the same double, non-finite numbers as null.
/// Several times faster than `JSONEncoder` on the tens of megabytes a fleet's summary takes.
///
/// With a `flush` sink the text is handed on in pieces of about `flushThreshold` bytes (between members), so a
/// 300 MB summary streams to its file through a buffer of one megabyte; without one it collects in `bytes`.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private var depth = 0
    /// Whether the current container already holds a member (so the next one needs a comma).
    private var hasMember: [Bool] = []
    private var afterKey = false
    private let flush: ((ArraySlice<UInt8>) throws -> Void)?
    private let flushThreshold: Int
    /// The first error the sink threw; writing stops adding to the sink after it.
    private(set) var flushError: Error?

    init(capacity: Int = 1 << 16) {
        bytes.reserveCapacity(capacity)
        flush = nil
        flushThreshold = .max
    }

    init(flushThreshold: Int = 1 << 20, flush: @escaping (ArraySlice<UInt8>) throws -> Void) {
        self.flush = flush
        self.flushThreshold = flushThreshold
        bytes.reserveCapacity(flushThreshold + (1 << 12))
    }

    /// Ends the text with a newline.
    mutating func endDocument() {
        bytes.append(0x0A)
    }

    /// Hands what is buffered to the sink (call once more at the end).
    mutating func flushBuffered() {
        guard let flush, !bytes.isEmpty, flushError == nil else { return }
        do {
            try flush(bytes[...])
        } catch {
            flushError = error
        }
        bytes.removeAll(keepingCapacity: true)
    }

    private mutating func beginValue() {
        if afterKey {
            afterKey = false
            return
        }
        if bytes.count >= flushThreshold { flushBuffered() }
        if let last = hasMember.last {
            if last { bytes.append(UInt8(ascii: ",")) }
            hasMember[hasMember.count - 1] = true
            newline()
        }
    }

    private mutating func newline() {
        bytes.append(0x0A)
        for _ in 0..<depth { bytes.append(0x20); bytes.append(0x20) }
    }

    mutating func key(_ name: String) {
        beginValue()
        string(unchecked: name)
        bytes.append(0x20)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(0x20)
        afterKey = true
    }

    mutating func object(_ body: (inout JSONWriter) -> Void) {
        container(open: "{", close: "}", body)
    }

    mutating func array(_ body: (inout JSONWriter) -> Void) {
        container(open: "[", close: "]", body)
    }

    private mutating func container(open: Unicode.Scalar, close: Unicode.Scalar, _ body: (inout JSONWriter) -> Void) {
        beginValue()
        bytes.append(UInt8(ascii: open))
        depth += 1
        hasMember.append(false)
        body(&self)
        let filled = hasMember.removeLast()
        depth -= 1
        if filled { newline() }
        bytes.append(UInt8(ascii: close))
    }

    mutating func null() {
        beginValue()
        appendASCII("null")
    }

    mutating func value(_ v: Bool) {
        beginValue()
        appendASCII(v ? "true" : "false")
    }

    mutating func value(_ v: Int) {
        beginValue()
        appendASCII(String(v))
    }

    mutating func value(_ v: Double) {
        guard v.isFinite else { return null() }
        beginValue()
        // The same shortest round-trip digits as `description`, written from the standard library's stack buffer
        // straight into `bytes` (see the `TextOutputStream` conformance below): no string per number, half the
        // time for a fleet's million samples.
        v.write(to: &self)
    }

    /// Appends a short string's bytes without an intermediate array (numbers and literals are small strings,
    /// stored inline).
    private mutating func appendASCII(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func value(_ v: String) {
        beginValue()
        string(unchecked: v)
    }

    mutating func value(_ v: Double?) { if let v { value(v) } else { null() } }
    mutating func value(_ v: Int?) { if let v { value(v) } else { null() } }
    mutating func value(_ v: Bool?) { if let v { value(v) } else { null() } }
    mutating func value(_ v: String?) { if let v { value(v) } else { null() } }

    // Arrays of scalars stay on one line (`[1, 2, 3]`): a fleet's summary has millions of samples.
    mutating func value(_ v: [Double]) { inlineArray(v) { w, x in w.value(x) } }
    mutating func value(_ v: [Int]) { inlineArray(v) { w, x in w.value(x) } }
    mutating func value(_ v: [String]) { inlineArray(v) { w, x in w.value(x) } }

    private mutating func inlineArray<T>(_ values: [T], _ write: (inout JSONWriter, T) -> Void) {
        beginValue()
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 {
                bytes.append(UInt8(ascii: ","))
                bytes.append(0x20)
            }
            afterKey = true // write the scalar in place: no comma or newline of its own
            write(&self, value)
        }
        bytes.append(UInt8(ascii: "]"))
    }
    mutating func value(_ v: [Double]?) { if let v { value(v) } else { null() } }

    private mutating func string(unchecked text: String) {
        bytes.append(UInt8(ascii: "\""))
        // Nearly every string (keys, cipher and host names) needs no escape: one pass over its contiguous bytes,
        // then one copy (the generic `utf8.contains` was a sixth of writing summary.json).
        let plain = text.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
            var clean = true
            for byte in utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C { clean = false }
            if clean { bytes.append(contentsOf: utf8) }
            return clean
        }
        if plain == true {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        if plain == nil, !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            bytes.append(contentsOf: text.utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

extension JSONWriter: TextOutputStream {
    /// Appends `string`'s bytes as they are (used only by `Double.write(to:)`, which writes ASCII digits).
    mutating func write(_ string: String) {
        appendASCII(string)
    }

    /// The standard library's hook through which `Double.write(to:)` hands over its digits without making a
    /// string of them.
    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: buffer)
    }
}
