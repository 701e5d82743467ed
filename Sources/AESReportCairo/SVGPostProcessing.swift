import AESReportCharts
import AESReportModel

/// Makes Cairo's SVG reproducible and accessible: Cairo numbers surfaces (`id="surface12"`) and glyph fonts
/// (`glyph3-5`) with process-wide counters, which differ with rendering order; they are renumbered in order of
/// appearance. Cairo writes no `<title>`/`<desc>`; screen readers and browser tooltips want them.
enum SVGPostProcessing {
    static func process(_ svg: [UInt8], _ drawing: Drawing) -> [UInt8] {
        let bytes = SVGBytes.renumbered(SVGBytes.renumbered(svg, prefix: Array("surface".utf8), separator: nil),
                                        prefix: Array("glyph".utf8), separator: UInt8(ascii: "-"))
        guard let open = SVGBytes.firstIndex(of: Array("<svg ".utf8), in: bytes, from: 0),
              let close = bytes[open...].firstIndex(of: UInt8(ascii: ">")) else { return bytes }
        // MarkupText.escape: a control character in a CPU model or folder name cannot make the SVG invalid XML.
        let insertion = "\n<title>\(MarkupText.escape(drawing.title))</title>\n<desc>\(MarkupText.escape(drawing.description))</desc>"
        return Array(bytes[..<(open + 5)]) + Array("role=\"img\" ".utf8) + bytes[(open + 5)...close]
            + Array(insertion.utf8) + bytes[(close + 1)...]
    }
}
