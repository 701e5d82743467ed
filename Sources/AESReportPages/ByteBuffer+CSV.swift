import AESReportModel

extension ByteBuffer {
    /// A CSV field as `CSVText.field` writes it (quoted where RFC 4180 requires it), checked and copied on the
    /// string's contiguous UTF-8.
    mutating func appendCSVField(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            guard utf8.contains(where: CSVText.needsQuotes) else { return append(utf8) }
            append(UInt8(ascii: "\""))
            for byte in utf8 {
                append(byte)
                if byte == UInt8(ascii: "\"") { append(byte) }
            }
            append(UInt8(ascii: "\""))
        }
    }

    /// A text cell from the input as `CSVText.field(CSVText.text(value))` writes it: a leading `'` before a
    /// formula's first character, then quoted where needed.
    mutating func appendCSVText(_ value: String) {
        // Control bytes are below 0x20, 0x7F, or C1 (0xC2 0x80-0x9F): the scalar check runs only when one may be.
        let value = value.utf8.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 } ? CSVText.withoutControls(value) : value
        guard let first = value.utf8.first, CSVText.formulaStarts.contains(first) else { return appendCSVField(value) }
        appendCSVField("'" + value)
    }

    /// A number as `CSVText.number` writes it (the shortest round-trip decimal, never quoted); nothing for nil.
    mutating func appendCSVNumber(_ value: Double?) {
        if let value { appendShortest(value) }
    }

    /// Round numbers separated by spaces, as `map(String.init).joined(separator: " ")` writes them.
    mutating func appendCSVRoundList(_ rounds: [Int]) {
        for (index, round) in rounds.enumerated() {
            if index > 0 { append(0x20) }
            appendDecimal(round)
        }
    }
}
