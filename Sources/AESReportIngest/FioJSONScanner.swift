/// Splits a stream of lines into JSON documents and the text around them, without parsing the JSON.
///
/// fio writes its error and warning lines (`fio: io_u error on file ...`) to the same stream as its JSON, before,
/// between and after documents, and `--status-interval` writes one document per interval. The scanner follows
/// braces outside strings (with `\` escapes inside them), so a document is every byte from a `{` at depth 0 to
/// the `}` that closes it, whatever its layout; everything else is text, kept per line for diagnostics.
struct FioJSONScanner {
    /// A piece of the input: a whole document (its bytes, and the line it starts on) or a line of text.
    enum Piece {
        case document(bytes: [UInt8], line: Int)
        case text(String, line: Int)
        /// A document that closed past `maxDocumentBytes`, not kept.
        case oversized(line: Int)
    }

    /// Documents larger than this are abandoned (a diagnostic says so): fio's json+ of a long run is a few MB.
    static let maxDocumentBytes = 256 << 20

    private var depth = 0
    private var inString = false
    private var escaped = false
    private var document: [UInt8] = []
    private var documentLine = 0
    private var oversized = false

    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }

    /// The line a document still open started on, if one is open.
    var openDocumentLine: Int? { depth > 0 ? documentLine : nil }
    /// Whether the document still open was abandoned for its size.
    var openDocumentOversized: Bool { depth > 0 && oversized }

    /// Feeds one line; `emit` receives the pieces it completes, in order. Document bytes are copied a run at a time.
    mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, emit: (Piece) -> Void) {
        var textStart: Int? = nil
        var documentStart = 0
        var i = 0
        func flushText(upTo end: Int) {
            guard var start = textStart else { return }
            textStart = nil
            // Trimmed on bytes (spaces, tabs, carriage returns): trimming characters costs more than all the rest.
            var end = end
            while start < end, Self.isBlank(bytes[start]) { start += 1 }
            while end > start, Self.isBlank(bytes[end - 1]) { end -= 1 }
            guard start < end else { return }
            emit(.text(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self), line: line))
        }
        func keep(_ end: Int) {
            guard !oversized, documentStart < end else { return }
            if document.count + (end - documentStart) <= Self.maxDocumentBytes {
                document.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[documentStart..<end]))
            } else {
                oversized = true
                document = []
            }
        }
        while i < bytes.count {
            let byte = bytes[i]
            if depth == 0 {
                if byte == UInt8(ascii: "{") {
                    flushText(upTo: i)
                    depth = 1
                    inString = false
                    escaped = false
                    document = []
                    documentStart = i
                    documentLine = line
                    oversized = false
                } else if textStart == nil {
                    textStart = i
                }
                i += 1
                continue
            }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 {
                    keep(i + 1)
                    emit(oversized ? .oversized(line: documentLine) : .document(bytes: document, line: documentLine))
                    document = []
                }
            }
            i += 1
        }
        flushText(upTo: bytes.count)
        if depth > 0 {
            keep(bytes.count)
            if !oversized { document.append(0x0A) }
        }
    }
}
