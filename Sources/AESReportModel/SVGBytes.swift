/// Byte-level work on SVG documents, in one place for the renderer (which makes Cairo's SVG reproducible) and the
/// page (which inlines charts): one search, one renumbering, one id prefixing. Bytes, not `String`: a page inlines
/// megabytes of SVG, and every pass here is a single scan.
public enum SVGBytes {
    /// The first index at or after `start` where `pattern` begins in `bytes`, or nil. O(n·m) worst case, O(n) for
    /// the short ASCII patterns it is used with.
    public static func firstIndex(of pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = pattern.first, pattern.count <= bytes.count else { return nil }
        var i = start
        while i + pattern.count <= bytes.count {
            if bytes[i] == first, bytes[i..<(i + pattern.count)].elementsEqual(pattern) { return i }
            i += 1
        }
        return nil
    }

    /// Replaces every `prefix` + number (the digits run up to `separator`, when one is given) by a number counted
    /// from 1 in order of first appearance, so that ids made from process-wide counters no longer depend on what
    /// was rendered before.
    public static func renumbered(_ bytes: [UInt8], prefix pattern: [UInt8], separator: UInt8?) -> [UInt8] {
        guard let first = pattern.first else { return bytes }
        var mapping: [ArraySlice<UInt8>: [UInt8]] = [:]
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var copied = 0
        var i = 0
        while let hit = bytes[i...].firstIndex(of: first) {
            i = hit + 1
            guard hit + pattern.count <= bytes.count, bytes[hit..<(hit + pattern.count)].elementsEqual(pattern) else {
                continue
            }
            var j = hit + pattern.count
            while j < bytes.count, bytes[j] &- 0x30 < 10 { j += 1 }
            let digits = bytes[(hit + pattern.count)..<j]
            guard !digits.isEmpty, separator == nil || (j < bytes.count && bytes[j] == separator) else { continue }
            let number = mapping[digits] ?? Array(String(mapping.count + 1).utf8)
            mapping[digits] = number
            out.append(contentsOf: bytes[copied..<digits.startIndex])
            out.append(contentsOf: number)
            copied = j
            i = j
        }
        out.append(contentsOf: bytes[copied...])
        return out
    }

    /// A standalone SVG made fit for inlining in an HTML page: the XML prolog dropped and every id and every
    /// reference to one (`id="`, `href="#`, `url(#`) prefixed, so that several charts' glyph and clip ids do not
    /// collide. One pass over the bytes.
    public static func inlined(_ svg: [UInt8], prefix: String) -> [UInt8] {
        var start = 0
        if svg.starts(with: Array("<?xml".utf8)), let end = firstIndex(of: Array("?>".utf8), in: svg, from: 0) {
            start = end + 2
            while start < svg.count, svg[start] == 0x0A || svg[start] == 0x0D || svg[start] == 0x20 { start += 1 }
        }
        let patterns = [Array("id=\"".utf8), Array("href=\"#".utf8), Array("url(#".utf8)]
        let prefixBytes = Array(prefix.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(svg.count + 4096)
        var copied = start
        var i = start
        while i < svg.count {
            let byte = svg[i]
            if byte == UInt8(ascii: "i") || byte == UInt8(ascii: "h") || byte == UInt8(ascii: "u"),
               let pattern = patterns.first(where: { i + $0.count <= svg.count && svg[i..<(i + $0.count)].elementsEqual($0) }) {
                out.append(contentsOf: svg[copied..<(i + pattern.count)])
                out.append(contentsOf: prefixBytes)
                i += pattern.count
                copied = i
            } else {
                i += 1
            }
        }
        out.append(contentsOf: svg[copied...])
        return out
    }
}
