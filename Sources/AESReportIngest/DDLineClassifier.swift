#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AESReportModel

/// What one line of dd output is, judged by its numeric structure rather than its words, so that every locale
/// and version reads alike.
enum DDLine: Equatable {
    case blank
    /// A `status=progress` update (a line that carries carriage returns): never a result.
    case progress
    /// `20+0 records in` (any language: the first number is followed by `+` and a number).
    case records(RecordCount)
    /// `dd: error writing '/dev/mapper/crypt0': No space left on device`.
    case error(message: String, endsInvocation: Bool)
    /// `dd: warning: partial read ...`: reported, the round still counts.
    case warning(String)
    /// The byte/time summary.
    case summary(DDTransfer, rate: PrintedRate?)
    /// Starts like a summary but its structure is incomplete.
    case malformedSummary(String)
    case other
}

/// The rate dd printed, kept with its precision so the cross-check knows how much rounding to allow.
struct PrintedRate: Equatable {
    var bytesPerSecond: Double
    /// Size of one unit in the last printed digit, in bytes per second.
    var resolution: Double
}

enum DDLineClassifier {
    static func classify(_ raw: UnsafeBufferPointer<UInt8>) -> DDLine {
        var count = raw.count
        while count > 0, raw[count - 1] == 0x0D || raw[count - 1] == 0x20 || raw[count - 1] == 0x09 { count -= 1 }
        let line = UnsafeBufferPointer(rebasing: raw[..<count])
        if let base = line.baseAddress, memchr(base, 0x0D, count) != nil { return .progress }
        let start = ByteScanning.skipSpaces(line, from: 0)
        guard start < line.count else { return .blank }
        if ByteScanning.isDigit(line[start]) {
            // One read of the leading number serves both shapes: `N+M records` and `BYTES ... SECONDS s ...`.
            guard let (number, end) = ByteScanning.parseUInt64(line, at: start) else {
                return looksLikeSummary(line, from: start)
                    ? .malformedSummary("the byte count does not fit in 64 bits") : .other
            }
            if end + 1 < line.count, line[end] == UInt8(ascii: "+"),
               let (partial, _) = ByteScanning.parseUInt64(line, at: end + 1) {
                return .records(RecordCount(full: number, partial: partial))
            }
            return summary(line, bytes: number, afterBytes: end)
        }
        if let colon = programPrefixEnd(line, from: start) {
            let rest = UnsafeBufferPointer(rebasing: line[colon...])
            let messageStart = ByteScanning.skipSpaces(rest, from: 0)
            // dd's own messages are short; a longer line is cut (it is kept as a round's failure reason).
            let message = Excerpt.of(bytes: rest, length: Self.messageLength)
            if warningPrefixes.contains(where: { ByteScanning.hasPrefix(rest, at: messageStart, $0) }) {
                return .warning(message)
            }
            let ends = invocationEndingWords.contains { ByteScanning.contains(rest, $0) }
            return .error(message: message, endsInvocation: ends)
        }
        // Translations may put words before the count (Chinese: `输入了 2+1 块记录`).
        if let firstDigit = (start..<line.count).first(where: { ByteScanning.isDigit(line[$0]) }),
           let records = recordCount(line, at: firstDigit) {
            return .records(records)
        }
        return .other
    }

    /// The most of a `dd:` message kept: GNU dd's longest, with a long device path, fit.
    static let messageLength = 240

    /// Messages that mean dd stopped before copying anything, so no records or summary follow them.
    /// Matched in the languages whose translations we have seen; anything else is attached to the records that follow.
    /// Compared as bytes, ASCII letters case-insensitively.
    static let invocationEndingWords: [[UInt8]] = [
        "open", "öffnen", "打开", "ouvrir", "abrir", "открыть", "開け", "invalid", "ungültig", "unrecognized",
        "无效", "unknown operand", "missing",
    ].map { Array($0.utf8) }
    static let warningPrefixes: [[UInt8]] = ["warning:", "warnung:", "avertissement", "警告", "advertencia:",
                                             "aviso:", "предупреждение:"].map { Array($0.utf8) }

    /// `N+M` at `index`, if the line holds one there.
    private static func recordCount(_ line: UnsafeBufferPointer<UInt8>, at index: Int) -> RecordCount? {
        guard let (full, end) = ByteScanning.parseUInt64(line, at: index),
              end + 1 < line.count, line[end] == UInt8(ascii: "+"),
              let (partial, _) = ByteScanning.parseUInt64(line, at: end + 1) else { return nil }
        return RecordCount(full: full, partial: partial)
    }

    /// For `dd: message` (also `/usr/bin/dd:`, `busybox dd:` is not used by busybox), the index after the colon.
    private static func programPrefixEnd(_ line: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        while i < line.count, i - start < 64 {
            let b = line[i]
            if b == UInt8(ascii: ":") {
                let name = UnsafeBufferPointer(rebasing: line[start..<i])
                let isDD = name.count >= 2 && name[name.count - 2] == UInt8(ascii: "d")
                    && name[name.count - 1] == UInt8(ascii: "d")
                    && (name.count == 2 || name[name.count - 3] == UInt8(ascii: "/"))
                return isDD ? i + 1 : nil
            }
            if ByteScanning.isSpace(b) { return nil }
            i += 1
        }
        return nil
    }

    /// `（` is EF BC 88 and `）` EF BC 89 in UTF-8.
    private static func isFullWidthParenthesis(_ line: UnsafeBufferPointer<UInt8>, at i: Int, _ last: UInt8) -> Bool {
        i + 2 < line.count && line[i + 1] == 0xBC && line[i + 2] == last
    }

    /// Reads `BYTES [words] [(human sizes)] [words] SECONDS s [words] [(]RATE UNIT/s[)]`.
    ///
    /// The elapsed time is the first number outside parentheses that is followed by a seconds unit (`s`, `sec`,
    /// `secs`, `seconds`, `秒`, Cyrillic `с`, or `c`); the rate is the next number, whose unit must contain `/`
    /// (`GB/s`, `bytes/sec`, `GB/秒`); `Infinity B/s` (a zero elapsed time) has no rate. A line that starts with a
    /// number but has no elapsed time is not a summary (`12 apples and 3 pears`).
    private static func summary(_ line: UnsafeBufferPointer<UInt8>, bytes: UInt64, afterBytes: Int) -> DDLine {
        var depth = 0
        var i = afterBytes
        var seconds: ByteScanning.DecimalNumber?
        while i < line.count {
            let b = line[i]
            // Letters, spaces and punctuation other than parentheses are most of a line: one test passes them.
            if b < 0x28 || (b > 0x39 && b != 0xEF) {
                i += 1
                continue
            }
            if b == UInt8(ascii: "(") || (b == 0xEF && isFullWidthParenthesis(line, at: i, 0x88)) {
                depth += 1
            } else if b == UInt8(ascii: ")") || (b == 0xEF && isFullWidthParenthesis(line, at: i, 0x89)) {
                depth = max(0, depth - 1)
            } else if ByteScanning.isDigit(b), seconds == nil, depth > 0 {
                // Sizes in parentheses (`(21 GB, 20 GiB)`) are never the elapsed time: skip them unread.
                while i < line.count, ByteScanning.isDigit(line[i]) || line[i] == UInt8(ascii: ".")
                    || line[i] == UInt8(ascii: ",") { i += 1 }
                continue
            } else if ByteScanning.isDigit(b), !(i > 0 && ByteScanning.isLetter(line[i - 1])) {
                guard let number = ByteScanning.parseDecimal(line, at: i) else { break }
                if let seconds {
                    guard let rate = printedRate(number, line: line) else {
                        return .malformedSummary("the rate after the elapsed time has no unit per second")
                    }
                    return finishSummary(bytes: bytes, seconds: seconds, rate: rate)
                }
                if depth == 0, hasSecondsUnit(line, after: number.end) {
                    // `-0.5 s` is not half a second: dd never prints a negative time, so the line is damaged.
                    if i > 0, line[i - 1] == UInt8(ascii: "-") {
                        return .malformedSummary("the elapsed time is negative")
                    }
                    seconds = number
                }
                i = number.end
                continue
            }
            i += 1
        }
        guard let seconds else { return .other }
        return finishSummary(bytes: bytes, seconds: seconds, rate: nil)
    }

    /// Whether a line that starts with an over-long number still has the shape of a summary (a seconds unit
    /// somewhere after a number), so the overflow is reported rather than the line ignored.
    private static func looksLikeSummary(_ line: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var i = start
        while i < line.count, ByteScanning.isDigit(line[i]) { i += 1 }
        while i < line.count {
            if ByteScanning.isDigit(line[i]), let number = ByteScanning.parseDecimal(line, at: i) {
                if hasSecondsUnit(line, after: number.end) { return true }
                i = number.end
            } else {
                i += 1
            }
        }
        return false
    }

    /// `s`, `sec`, `secs`, `seconds`, `秒` (E7 A7 92), Cyrillic `с` (D1 81) or Latin `c`, then a non-letter.
    private static func hasSecondsUnit(_ line: UnsafeBufferPointer<UInt8>, after end: Int) -> Bool {
        let i = ByteScanning.skipSpaces(line, from: end)
        guard i < line.count else { return false }
        func endsWord(_ j: Int) -> Bool { j >= line.count || !ByteScanning.isLetter(line[j]) }
        switch line[i] {
        case UInt8(ascii: "s"):
            if endsWord(i + 1) { return true }
            return (matches(line, at: i, "sec") && endsWord(i + 3)) || (matches(line, at: i, "secs") && endsWord(i + 4))
                || (matches(line, at: i, "seconds") && endsWord(i + 7))
        case UInt8(ascii: "c"):
            return endsWord(i + 1)
        case 0xE7:
            return i + 2 < line.count && line[i + 1] == 0xA7 && line[i + 2] == 0x92
        case 0xD1:
            return i + 1 < line.count && line[i + 1] == 0x81 && endsWord(i + 2)
        default:
            return false
        }
    }

    private static func finishSummary(bytes: UInt64, seconds: ByteScanning.DecimalNumber,
                                      rate: PrintedRate?) -> DDLine {
        guard seconds.value.isFinite else { return .malformedSummary("the elapsed time is not a number") }
        return .summary(DDTransfer(bytes: bytes, seconds: seconds.value, printedRate: rate?.bytesPerSecond),
                        rate: rate)
    }

    /// Whether `line` holds `word` (ASCII, case-sensitive) at `i`. A static string: no array, no lazy global.
    private static func matches(_ line: UnsafeBufferPointer<UInt8>, at i: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard i + count <= line.count else { return false }
        let bytes = word.utf8Start
        for k in 0..<count where line[i + k] != bytes[k] { return false }
        return true
    }

    /// The rate's unit decides its scale: SI prefixes as GNU dd prints them (`kB/s`, `MB/s`, `GB/s`), binary ones
    /// (`MiB/s`), bare bytes (`B/s`, BSD's `bytes/sec`) and Cyrillic prefixes (`МБ/с`).
    private static func printedRate(_ number: ByteScanning.DecimalNumber,
                                    line: UnsafeBufferPointer<UInt8>) -> PrintedRate? {
        let i = ByteScanning.skipSpaces(line, from: number.end)
        guard i < line.count else { return nil }
        var power = 0
        var width = 1
        switch line[i] {
        case UInt8(ascii: "k"), UInt8(ascii: "K"): power = 1
        case UInt8(ascii: "M"): power = 2
        case UInt8(ascii: "G"): power = 3
        case UInt8(ascii: "T"): power = 4
        case UInt8(ascii: "P"): power = 5
        case UInt8(ascii: "E"): power = 6
        case UInt8(ascii: "B"), UInt8(ascii: "b"): power = 0
        case 0xD0 where i + 1 < line.count:
            width = 2
            switch line[i + 1] {
            case 0xBA, 0x9A: power = 1 // к К
            case 0x9C: power = 2 // М
            case 0x93: power = 3 // Г
            case 0xA2: power = 4 // Т
            case 0x91, 0xB1: power = 0 // Б б
            default: return nil
            }
        default:
            return nil
        }
        var slash = i
        while slash < line.count, slash - i < 16, line[slash] != UInt8(ascii: "/"), !ByteScanning.isSpace(line[slash]),
              line[slash] != UInt8(ascii: ")") {
            slash += 1
        }
        guard slash < line.count, line[slash] == UInt8(ascii: "/") else { return nil }
        // GNU dd prints `2.1 GB/s` (SI) and `2.0 GiB/s` (binary); busybox glues the unit to the number (`3.0GB/s`)
        // and counts in powers of 1024.
        let glued = i == number.end
        let binary = power > 0 && ((i + width < line.count && line[i + width] == UInt8(ascii: "i")) || glued)
        let base: Double = binary ? 1024 : 1000
        var scale = 1.0
        for _ in 0..<power { scale *= base }
        let resolution = scale / ByteScanning.powerOfTen(min(number.fractionDigits, 22))
        return PrintedRate(bytesPerSecond: number.value * scale, resolution: resolution)
    }
}
