/// Small, allocation-free helpers for scanning ASCII structure in UTF-8 bytes.
enum ByteScanning {
    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }

    /// Index of the first byte at or after `index` that is not an ASCII space or tab.
    static func skipSpaces(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
        var i = index
        while i < bytes.count, isSpace(bytes[i]) { i += 1 }
        return i
    }

    /// Reads an unsigned decimal integer starting at `index`. `nil` if there is no digit there or it overflows.
    static func parseUInt64(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt64, end: Int)? {
        var i = index
        var value: UInt64 = 0
        while i < bytes.count, isDigit(bytes[i]) {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(bytes[i] &- 0x30))
            if o1 || o2 { return nil }
            value = sum
            i += 1
        }
        return i == index ? nil : (value, i)
    }

    /// A decimal number as printed by C's `printf("%g")` under any locale: digits, an optional decimal point or
    /// comma followed by digits, and an optional exponent (`4.1832e-05`, `0,0067`, `2098237`).
    struct DecimalNumber {
        var value: Double
        var end: Int
        /// Digits after the decimal separator (0 for integers); tells the precision of a printed value.
        var fractionDigits: Int
        var exponent: Int
    }

    /// Parses a decimal number at `index`. Exact: the value is the correctly rounded double of the printed number.
    static func parseDecimal(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> DecimalNumber? {
        var i = index
        var mantissa: UInt64 = 0
        var overflow = false
        var fractionDigits = 0
        // Digits before and after one decimal separator; past 18 significant digits the text is re-read below.
        var inFraction = false
        while i < bytes.count {
            let b = bytes[i]
            if isDigit(b) {
                if mantissa < 100_000_000_000_000_000 {
                    mantissa = mantissa &* 10 &+ UInt64(b &- 0x30)
                } else {
                    overflow = true
                }
                if inFraction { fractionDigits += 1 }
                i += 1
            } else if !inFraction, i > index, b == UInt8(ascii: ".") || b == UInt8(ascii: ","),
                      i + 1 < bytes.count, isDigit(bytes[i + 1]) {
                inFraction = true
                i += 1
            } else {
                break
            }
        }
        guard i > index else { return nil }
        var exponent = 0
        if i + 1 < bytes.count, bytes[i] | 0x20 == UInt8(ascii: "e") {
            var j = i + 1
            var negative = false
            if bytes[j] == UInt8(ascii: "-") || bytes[j] == UInt8(ascii: "+") {
                negative = bytes[j] == UInt8(ascii: "-")
                j += 1
            }
            if j < bytes.count, isDigit(bytes[j]) {
                var e = 0
                while j < bytes.count, isDigit(bytes[j]) {
                    if e < 10_000 { e = e * 10 + Int(bytes[j] &- 0x30) }
                    j += 1
                }
                exponent = negative ? -e : e
                i = j
            }
        }
        let scale = exponent - fractionDigits
        let value: Double
        if !overflow, mantissa < (1 << 53), abs(scale) <= 22 {
            // Both operands are exact doubles, so one IEEE multiply or divide gives the correctly rounded result.
            value = scale >= 0 ? Double(mantissa) * powerOfTen(scale) : Double(mantissa) / powerOfTen(-scale)
        } else {
            var text = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<i]), as: UTF8.self)
            text = String(text.map { $0 == "," ? "." : $0 })
            value = Double(text) ?? .nan
        }
        return DecimalNumber(value: value, end: i, fractionDigits: fractionDigits, exponent: exponent)
    }

    /// 10^n for n in 0...22, every one an exact double (a table in code: no lazily initialised global to check
    /// on every number).
    static func powerOfTen(_ n: Int) -> Double {
        switch n {
        case 0: 1e0
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        case 17: 1e17
        case 18: 1e18
        case 19: 1e19
        case 20: 1e20
        case 21: 1e21
        case 22: 1e22
        default: preconditionFailure("10^\(n) is not an exact double")
        }
    }

    /// ASCII lower case of a byte; other bytes (UTF-8 sequences included) unchanged.
    static func lower(_ byte: UInt8) -> UInt8 { byte &- 0x41 < 26 ? byte | 0x20 : byte }

    /// Whether `bytes` starting at `index` begin with `prefix`, ASCII letters case-insensitively.
    static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ prefix: [UInt8]) -> Bool {
        guard index >= 0, index + prefix.count <= bytes.count else { return false }
        for k in 0..<prefix.count where lower(bytes[index + k]) != lower(prefix[k]) {
            return false
        }
        return true
    }

    /// Whether `needle` occurs in `bytes`, ASCII letters case-insensitively.
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= bytes.count else { return needle.isEmpty }
        let first = lower(needle[0])
        for start in 0...(bytes.count - needle.count) where lower(bytes[start]) == first
            && hasPrefix(bytes, at: start, needle) {
            return true
        }
        return false
    }

    /// The bytes as a string, with invalid UTF-8 replaced, trimmed of surrounding whitespace.
    static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self).trimmingWhitespace()
    }
}

extension StringProtocol {
    /// The string without leading and trailing spaces, tabs, carriage returns and newlines.
    func trimmingWhitespace() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\u{A0}" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}

/// The most of a line a diagnostic quotes. A file may be anything (a link to a secret, a log of another program),
/// so its lines are never repeated whole: 80 characters say what a line looks like, and no more is shown.
enum Excerpt {
    static let length = 80

    /// At most `length` characters of `text`, with `…` when it was longer.
    static func of<S: StringProtocol>(_ text: S, length: Int = length) -> String {
        let head = text.prefix(length + 1)
        return head.count > length ? String(head.prefix(length)) + "…" : String(head)
    }

    /// The same for a line's bytes (decoded as UTF-8, invalid bytes replaced, whitespace trimmed); only the
    /// beginning is decoded, so a megabyte line costs no more than a short one.
    static func of(bytes: UnsafeBufferPointer<UInt8>, length: Int = length) -> String {
        let head = UnsafeBufferPointer(rebasing: bytes[..<min(bytes.count, length * 4 + 4)])
        let text = ByteScanning.text(head)
        return head.count < bytes.count && text.count <= length ? text + "…" : of(text, length: length)
    }
}
