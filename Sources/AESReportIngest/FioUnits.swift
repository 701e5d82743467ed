/// The numbers of fio's normal output: sizes and rates with IEC (`MiB`) or old-style (`MB`, which fio meant as
/// 1024-based before 2.17: `kb_base=1024`) units, counts with `k`/`m` suffixes, times in `msec`/`usec`.
enum FioUnits {
    /// `key=value` pairs of a comma-separated list (`bw=4000MiB/s (4194MB/s), io=16.0MiB (16.8MB)`): the first
    /// value of each key, as printed, spaces at its ends removed.
    static func fields(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for part in text.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let key = trim(pair[0], " ")
            if result[key] == nil { result[key] = trim(pair[1], " ") }
        }
        return result
    }

    /// Bytes (or bytes per second) of `4000MiB/s (4194MB/s)`, `16.0MiB`, `105317KB/s`, `512B`: the first figure.
    static func bytes(_ text: String) -> Double? {
        let figure = text.prefix { $0 != " " && $0 != "(" }
        var unit = Substring(figure.drop { $0.isNumber || $0 == "." })
        if unit.hasSuffix("/s") { unit = unit.dropLast(2) }
        guard let number = finite(String(figure.prefix(figure.count - unit.count - (figure.hasSuffix("/s") ? 2 : 0))))
        else { return nil }
        let scale: Double
        switch unit {
        case "", "B": scale = 1
        case "KiB", "KB", "K", "k", "kB": scale = 1024
        case "MiB", "MB", "M": scale = 1_048_576
        case "GiB", "GB", "G": scale = 1_073_741_824
        case "TiB", "TB", "T": scale = 1_099_511_627_776
        default: return nil
        }
        let value = number * scale
        return value.isFinite ? value : nil
    }

    /// `64.0k` → 64000, `1.2m` → 1200000, `25712` → 25712.
    static func count(_ text: String) -> Double? {
        let scale: Double = text.hasSuffix("k") ? 1000 : text.hasSuffix("m") ? 1_000_000 : 1
        guard let number = finite(scale == 1 ? text : String(text.dropLast())) else { return nil }
        return number * scale
    }

    /// `4msec`, `10001msec`, `350usec`, `2sec` in whole milliseconds (µs rounded).
    static func milliseconds(_ text: String) -> UInt64? {
        let trimmed = trim(Substring(text), " ")
        for (suffix, scale) in [("msec", 1.0), ("usec", 0.001), ("sec", 1000.0), ("ms", 1.0)] where trimmed.hasSuffix(suffix) {
            guard let number = finite(String(trimmed.dropLast(suffix.count))) else { return nil }
            return whole(number * scale)
        }
        return nil
    }

    /// `text` without the ASCII characters of `characters` at its ends, on bytes: fio's lines are many, and the
    /// generic character-level trims cost more than everything else read from them.
    static func trim(_ text: Substring, _ characters: String) -> String {
        let set = Array(characters.utf8)
        var bytes = text.utf8[...]
        while let first = bytes.first, set.contains(first) { bytes = bytes.dropFirst() }
        while let last = bytes.last, set.contains(last) { bytes = bytes.dropLast() }
        return String(Substring(bytes))
    }

    static func whole(_ value: Double) -> UInt64? {
        guard value >= 0, value < 9.0e18 else { return nil }
        return UInt64(value.rounded())
    }

    /// A finite decimal number (fio prints no hex, no `nan`; such text is not a figure).
    static func finite(_ text: String) -> Double? {
        let trimmed = trim(Substring(text), " ")
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
              let value = Double(trimmed), value.isFinite else { return nil }
        return value
    }
}
