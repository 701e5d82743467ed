// Escaping by context: one function per place a name (host, run label, cipher, folder, CPU model) is written.
// Every writer of that context calls its function; `Tests/Fuzz/ParserFuzzer.swift` (target `names`) checks the
// invariants below on arbitrary bytes. The README's "Threat model: names in outputs" says what each promises.

/// Text for a terminal: nothing in it can move the cursor, change colours, open a hyperlink or start a new line.
public enum TerminalText {
    /// Control characters shown escaped the way `ls -b` does: `\n`, `\r`, `\t`, `\a`, `\b`, `\f`, `\v`, other C0,
    /// DEL and C1 controls as octal bytes (ESC is `\033`); bidi embedding, override and isolate controls as
    /// `\u202E`, so a right-to-left override cannot reorder the line. Everything else is kept, backslashes too.
    public static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{0B}": out += "\\v"
            default:
                if BidiText.isControl(scalar) {
                    out += "\\u" + hex(scalar.value, digits: 4)
                } else {
                    for byte in String(scalar).utf8 { out += "\\" + octal(byte) }
                }
            }
        }
        return out
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        ControlCharacters.isControl(scalar) || BidiText.isControl(scalar)
    }

    static func octal(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 8)
        return String(repeating: "0", count: 3 - digits.count) + digits
    }

    static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}

/// C0 controls, DEL and C1 controls (Unicode general category Cc).
public enum ControlCharacters {
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value <= 0x9F)
    }
}

/// Text for XML (the SVG charts) and HTML (the page).
public enum MarkupText {
    /// What replaces a character XML or HTML must not carry: U+FFFD, the replacement character.
    public static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// Escaped for element content and quoted attribute values (`& < > " '`), with every character that is not
    /// allowed there replaced (see `sanitize`), and its bidi controls balanced (`BidiText.balanced`), so that a
    /// U+202E in it reorders nothing after it.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in BidiText.balanced(text).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(isAllowed(scalar) ? scalar : replacement)
            }
        }
        return out
    }

    /// `text` with every C0 control other than the line breaks and tab XML and HTML allow (tab, LF, CR) - NUL, ESC,
    /// U+0001... -, DEL, every C1 control and the noncharacters U+FFFE and U+FFFF replaced by U+FFFD: XML 1.0
    /// forbids them (a parser stops at the first), HTML calls them parse errors. Used for text Pango draws into a
    /// chart as well.
    public static func sanitize(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isAllowed($0) }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars { out.unicodeScalars.append(isAllowed(scalar) ? scalar : replacement) }
        return out
    }

    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "\t" || scalar == "\n" || scalar == "\r" { return true }
        if ControlCharacters.isControl(scalar) { return false }
        return scalar.value != 0xFFFE && scalar.value != 0xFFFF
    }
}

extension MarkupText {
    /// A rendered HTML page (or its template output) made safe as a whole: `sanitize`d, and every bidi
    /// embedding, override or isolate a text opens closed before the next tag (`<`; text values are escaped, so
    /// every `<` is the template's), so a U+202E in a name reorders nothing outside the element that shows it.
    public static func page(_ html: String) -> String {
        let needsWork = html.unicodeScalars.contains { !isAllowed($0) || BidiText.isControl($0) }
        guard needsWork else { return html }
        var out = String.UnicodeScalarView()
        var run = ""
        func flush() {
            out.append(contentsOf: BidiText.balanced(run).unicodeScalars)
            run = ""
        }
        for scalar in html.unicodeScalars {
            if scalar == "<" { flush() }
            run.unicodeScalars.append(isAllowed(scalar) ? scalar : replacement)
        }
        flush()
        return String(out)
    }
}

/// Bidirectional text: names of any direction inside text of another, and names that try to reorder what
/// follows them (U+202E RIGHT-TO-LEFT OVERRIDE).
public enum BidiText {
    /// Embedding, override and isolate controls and their terminators (U+202A...U+202E, U+2066...U+2069).
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// `text` between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: its direction comes from its own first
    /// strong letter, and nothing in it reorders the text around it. Isolates it opens are closed, and a
    /// terminator it has no opener for is dropped, so the closing isolate always matches the opening one (the
    /// closing isolate also ends every embedding and override opened inside, Unicode bidi rule X6a). Text with
    /// neither a bidi control nor a right-to-left letter is returned as it is: there is nothing to isolate.
    public static func isolate(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) || isRightToLeft($0) }) else { return text }
        return "\u{2068}" + balanced(text) + "\u{2069}"
    }

    /// Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo... and their presentation forms).
    public static func isRightToLeft(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0x10800...0x10FFF, 0x1E800...0x1EFFF: true
        default: false
        }
    }

    /// `text` with its unmatched terminators dropped and its unclosed embeddings, overrides and isolates closed at
    /// its end, so that it cannot reorder anything written after it.
    public static func balanced(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        // The open initiators, innermost last: true for an isolate, false for an embedding or override.
        var open: [Bool] = []
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x202A...0x202B, 0x202D...0x202E:
                open.append(false)
            case 0x2066...0x2068:
                open.append(true)
            case 0x202C:
                // PDF closes the innermost embedding, never across an isolate.
                guard let last = open.last, !last else { continue }
                open.removeLast()
            case 0x2069:
                // PDI closes the innermost isolate and every embedding inside it.
                guard let isolate = open.lastIndex(of: true) else { continue }
                open.removeSubrange(isolate...)
            default:
                break
            }
            out.append(scalar)
        }
        for isolate in open.reversed() { out.append(isolate ? "\u{2069}" : "\u{202C}") }
        return String(out)
    }
}

/// GitHub-flavoured Markdown text for table cells, list items and headings.
public enum MarkdownText {
    /// Escapes characters that Markdown or HTML would interpret in table cells and list items. Every line break
    /// (LF, CR, CR LF, VT, FF, NEL, U+2028, U+2029) becomes a space, so no name can end its line and start a
    /// heading, list or table row; other control characters become U+FFFD; a leading `#`, `+`, `=`, `!` or `- `
    /// (which would start a heading, list or image) is backslash-escaped; bidi controls are balanced.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        let scalars = Array(BidiText.balanced(text).unicodeScalars)
        // Up to three spaces may precede a block marker: the first scalar that is not a space is checked.
        let start = scalars.firstIndex { $0 != " " } ?? 0
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "|": out += "\\|"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "*", "_", "`", "[", "]", "\\", "~": out += "\\" + String(scalar)
            case "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}": out += " "
            default:
                if ControlCharacters.isControl(scalar) || !MarkupText.isAllowed(scalar) {
                    out.unicodeScalars.append(MarkupText.replacement)
                } else if index == start, Self.opensBlock(scalar, next: index + 1 < scalars.count ? scalars[index + 1] : nil) {
                    out += "\\" + String(scalar)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// `#`, `+`, `=`, `!` or `- ` at the start of a list item or heading could begin a heading, a list or an image.
    static func opensBlock(_ scalar: Unicode.Scalar, next: Unicode.Scalar?) -> Bool {
        switch scalar {
        case "#", "+", "=", "!": true
        case "-": next == " " || next == "\t"
        default: false
        }
    }

    public static func table(_ header: [String], _ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        let escaped = rows.map { $0.map(escape) }
        var lines = ["| " + header.map(escape).joined(separator: " | ") + " |"]
        lines.append("|" + header.indices.map { rightAligned.contains($0) ? " ---: " : " --- " }.joined(separator: "|") + "|")
        lines += escaped.map { "| " + $0.joined(separator: " | ") + " |" }
        return lines.joined(separator: "\n")
    }
}

/// RFC 4180 CSV: fields with commas, quotes or line breaks are quoted, quotes doubled; lines end with `\n`.
public enum CSVText {
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }

    /// A field as it is (numbers, fixed words): quoted where RFC 4180 requires it.
    public static func field(_ value: String) -> String {
        guard value.utf8.contains(where: needsQuotes) else { return value }
        var out = "\""
        for scalar in value.unicodeScalars {
            if scalar == "\"" { out += "\"\"" } else { out.unicodeScalars.append(scalar) }
        }
        return out + "\""
    }

    /// The bytes that make a field quoted: comma, double quote, LF and CR (RFC 4180).
    @inlinable
    public static func needsQuotes(_ byte: UInt8) -> Bool {
        byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D
    }

    /// Characters a spreadsheet reads as the start of a formula (or, tab and CR, skips before one).
    public static let formulaStarts: Set<UInt8> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]

    /// A text cell from the input (host, run label, cipher, path): its control characters other than tab, LF
    /// and CR (ESC, BEL, an OSC 8 link, C1 controls, DEL) replaced by U+FFFD as in the SVG and HTML outputs, so
    /// that `cat summary.csv` runs no terminal sequence; then, when it starts with `=`, `+`, `-`, `@`, tab or CR, a
    /// leading `'` so that a spreadsheet shows it as text instead of running it as a formula (OWASP's CSV injection
    /// advice). Numbers are written with `number` and never prefixed.
    public static func text(_ value: String) -> String {
        let value = withoutControls(value)
        guard let first = value.utf8.first, formulaStarts.contains(first) else { return value }
        return "'" + value
    }

    /// `value` with every control character but tab, LF and CR replaced by U+FFFD; itself when it has none.
    public static func withoutControls(_ value: String) -> String {
        guard value.unicodeScalars.contains(where: isReplaced) else { return value }
        var out = String.UnicodeScalarView()
        for scalar in value.unicodeScalars { out.append(isReplaced(scalar) ? MarkupText.replacement : scalar) }
        return String(out)
    }

    @inlinable
    static func isReplaced(_ scalar: Unicode.Scalar) -> Bool {
        ControlCharacters.isControl(scalar) && scalar != "\t" && scalar != "\n" && scalar != "\r"
    }

    /// Exact numbers: the shortest decimal that reads back to the same double; empty for nil.
    public static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        return "\(value)"
    }

    public static func number(_ value: Int?) -> String {
        value.map(String.init) ?? ""
    }
}
