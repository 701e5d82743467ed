import AESReportModel

/// A streaming JSON writer: pretty-printed with two-space indentation, keys in the order written (callers write
/// them sorted), numbers as the shortest decimal that reads back to the same double, non-finite numbers as null.
/// Several times faster than `JSONEncoder` on the tens of megabytes a fleet's summary takes.
///
/// With a `flush` sink the text is handed on in pieces of about `flushThreshold` bytes (between members), so a
/// 300 MB summary streams to its file through a buffer of one megabyte; without one it collects in `bytes`.
///
/// Keys are literals (`StaticString`): their bytes are copied from the binary as they are, with no escape check.
/// Containers nest at most 63 deep (a bit per level says whether it already holds a member).
struct JSONWriter {
    private var out: ByteBuffer
    /// The text written so far (since the last flush, with a sink).
    var bytes: [UInt8] { out.bytes }
    private var depth = 0
    /// Bit `depth`: whether the container open at that depth already holds a member (so the next needs a comma).
    private var hasMember: UInt64 = 0
    private var afterKey = false
    private let flush: ((ArraySlice<UInt8>) throws -> Void)?
    private let flushThreshold: Int
    /// The first error the sink threw; writing stops adding to the sink after it.
    private(set) var flushError: Error?

    init(capacity: Int = 1 << 16) {
        out = ByteBuffer(capacity: capacity)
        flush = nil
        flushThreshold = .max
    }

    init(flushThreshold: Int = 1 << 20, flush: @escaping (ArraySlice<UInt8>) throws -> Void) {
        self.flush = flush
        self.flushThreshold = flushThreshold
        out = ByteBuffer(capacity: flushThreshold + (1 << 12))
    }

    /// A writer for the next members of the container open in `parent`, written as `parent` would write them: for
    /// writing a long array's elements on several threads (`members(_:_:)`). `followsMember`: whether a member
    /// precedes the first one this writer writes (in `parent` or an earlier part).
    private init(partOf parent: JSONWriter, followsMember: Bool, capacity: Int) {
        self.init(capacity: capacity)
        depth = parent.depth
        let bit: UInt64 = 1 << UInt64(depth)
        hasMember = followsMember ? parent.hasMember | bit : parent.hasMember & ~bit
    }

    /// Writes `write(&writer, element)` for each of `elements` as members of the open container: the same bytes as
    /// a loop, with the work shared by the cores. Batches of `batch` elements are split across cores, each part
    /// written by a writer of its own (`init(partOf:)`) and appended in order; at most a batch is held at once,
    /// so a streamed document stays streamed. (A fleet's runs are nine tenths of its summary.json.)
    mutating func members<Element>(_ elements: [Element], batch: Int = 256,
                                   _ write: (inout JSONWriter, Element) -> Void) {
        precondition(!afterKey, "JSONWriter.members: elements of an array, not the value of a key")
        let parts = 8 // spread over the cores by `ParallelMap`; the bytes do not depend on it
        var start = 0
        while start < elements.count {
            let end = min(start + batch, elements.count)
            let size = (end - start + parts - 1) / parts
            let ranges = stride(from: start, to: end, by: size).map { $0..<min($0 + size, end) }
            let template = self
            let fragments = ParallelMap.map(ranges) { range -> [UInt8] in
                var part = JSONWriter(partOf: template, followsMember: range.lowerBound > 0 || template.holdsMember,
                                      capacity: 1 << 16)
                for index in range { write(&part, elements[index]) }
                return part.bytes
            }
            for fragment in fragments {
                fragment.withUnsafeBufferPointer { out.append($0) }
                if out.count >= flushThreshold { flushBuffered() }
            }
            hasMember |= 1 << UInt64(depth)
            start = end
        }
    }

    /// Whether the container open now already holds a member.
    private var holdsMember: Bool { hasMember & (1 << UInt64(depth)) != 0 }

    /// Ends the text with a newline.
    mutating func endDocument() {
        out.append(0x0A)
    }

    /// Hands what is buffered to the sink (call once more at the end).
    mutating func flushBuffered() {
        guard let flush, out.count > 0, flushError == nil else { return }
        do {
            try flush(out.bytes[...])
        } catch {
            flushError = error
        }
        out.removeAll()
    }

    private mutating func beginValue() {
        if afterKey {
            afterKey = false
            return
        }
        if out.count >= flushThreshold { flushBuffered() }
        guard depth > 0 else { return }
        let bit: UInt64 = 1 << UInt64(depth)
        if hasMember & bit != 0 { out.append(UInt8(ascii: ",")) }
        hasMember |= bit
        newline()
    }

    /// A newline and two spaces per open container.
    private mutating func newline() {
        out.append(0x0A)
        out.append(repeating: 0x20, count: 2 * depth)
    }

    /// `"name" : `, after a comma and line break where the container needs them.
    mutating func key(_ name: StaticString) {
        beginValue()
        out.append(UInt8(ascii: "\""))
        out.append(name)
        out.append("\" : ")
        afterKey = true
    }

    mutating func object(_ body: (inout JSONWriter) -> Void) {
        openContainer(UInt8(ascii: "{"))
        body(&self)
        closeContainer(UInt8(ascii: "}"))
    }

    mutating func array(_ body: (inout JSONWriter) -> Void) {
        openContainer(UInt8(ascii: "["))
        body(&self)
        closeContainer(UInt8(ascii: "]"))
    }

    /// Opens an object whose members the caller writes, then `closeObject()`: the same text as `object(_:)`,
    /// without a closure (for the objects a fleet writes hundreds of thousands of).
    mutating func openObject() { openContainer(UInt8(ascii: "{")) }

    /// Closes the object `openObject()` opened.
    mutating func closeObject() { closeContainer(UInt8(ascii: "}")) }

    private mutating func openContainer(_ open: UInt8) {
        beginValue()
        out.append(open)
        depth += 1
        precondition(depth < 64, "JSONWriter: containers nested deeper than 63")
        hasMember &= ~(1 << UInt64(depth))
    }

    private mutating func closeContainer(_ close: UInt8) {
        let filled = hasMember & (1 << UInt64(depth)) != 0
        depth -= 1
        if filled { newline() }
        out.append(close)
    }

    mutating func null() {
        beginValue()
        out.append("null")
    }

    mutating func value(_ v: Bool) {
        beginValue()
        out.append(v ? "true" : "false")
    }

    mutating func value(_ v: Int) {
        beginValue()
        out.appendDecimal(v)
    }

    mutating func value(_ v: Double) {
        beginValue()
        number(v)
    }

    /// The shortest round-trip digits (as `description`), or `null` for a non-finite number.
    private mutating func number(_ v: Double) {
        if v.isFinite { out.appendShortest(v) } else { out.append("null") }
    }

    mutating func value(_ v: String) {
        beginValue()
        string(v)
    }

    mutating func value(_ v: Double?) { if let v { value(v) } else { null() } }
    mutating func value(_ v: Int?) { if let v { value(v) } else { null() } }
    mutating func value(_ v: Bool?) { if let v { value(v) } else { null() } }
    mutating func value(_ v: String?) { if let v { value(v) } else { null() } }
    mutating func value(_ v: [Double]?) { if let v { value(v) } else { null() } }

    // Arrays of scalars stay on one line (`[1, 2, 3]`): a fleet's summary has millions of samples. Each is written
    // in one loop over the whole array, with no per-element bookkeeping.

    mutating func value(_ v: [Double]) { inlineArray(v) { w, x in w.number(x) } }
    mutating func value(_ v: [Int]) { inlineArray(v) { w, x in w.out.appendDecimal(x) } }
    mutating func value(_ v: [String]) { inlineArray(v) { w, x in w.string(x) } }

    /// `value(_: [Double])` of numbers not held in an array (a lazy view over a series' rounds).
    mutating func value(numbers: some Sequence<Double>) { inlineArray(numbers) { w, x in w.number(x) } }
    /// `value(_: [Int])` likewise.
    mutating func value(integers: some Sequence<Int>) { inlineArray(integers) { w, x in w.out.appendDecimal(x) } }

    /// `[a, b, c]` on one line, each element written in place by `write` (specialised per element type).
    private mutating func inlineArray<Values: Sequence>(_ values: Values,
                                                        _ write: (inout JSONWriter, Values.Element) -> Void) {
        beginValue()
        out.append(UInt8(ascii: "["))
        var first = true
        for value in values {
            if !first { out.append(", ") }
            first = false
            write(&self, value)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// `[low, high]` (as `value([low, high])` writes it, without the array), or `null`.
    mutating func value(pair: (Double, Double)?) {
        guard let (low, high) = pair else { return null() }
        beginValue()
        out.append(UInt8(ascii: "["))
        number(low)
        out.append(", ")
        number(high)
        out.append(UInt8(ascii: "]"))
    }

    /// `text` in double quotes, escaped where JSON requires it.
    private mutating func string(_ text: String) {
        out.append(UInt8(ascii: "\""))
        // Nearly every string (keys, cipher and host names) needs no escape: one pass over its contiguous bytes,
        // then one copy (the generic `utf8.contains` was a sixth of writing summary.json).
        var text = text
        text.withUTF8 { utf8 in
            guard utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return out.append(utf8) }
            for byte in utf8 { escape(byte) }
        }
        out.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): out.append("\\\"")
        case UInt8(ascii: "\\"): out.append("\\\\")
        case 0x0A: out.append("\\n")
        case 0x0D: out.append("\\r")
        case 0x09: out.append("\\t")
        case 0..<0x20:
            let hex: StaticString = "0123456789abcdef"
            out.append("\\u00")
            hex.withUTF8Buffer { digits in
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0xF)])
            }
        default: out.append(byte)
        }
    }
}
