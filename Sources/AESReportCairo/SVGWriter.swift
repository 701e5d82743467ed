import AESReportCharts
import AESReportModel

/// Writes a `Drawing` directly as SVG 1.1 XML, the second backend beside Cairo's surfaces (plotters' SVG backend
/// beside its bitmap one): rectangles, paths and `<text>` elements with a font stack, so that text can be
/// selected, searched and translated and a chart weighs a few kilobytes instead of Cairo's glyph outlines.
///
/// The layout is the one the PNG gets (text measured by Pango); the writer asks Pango only for each text's
/// baseline, so that the viewer's glyphs sit on the line where Cairo draws them. Anchors become `text-anchor`, so
/// text set in a slightly different font stays centred or right-aligned where the layout put it. Output is
/// deterministic: ids are numbered in order of first use, numbers formatted by `SVGNumber`.
/// Elements are in `SVGWriter+Elements`.
public struct SVGWriter {
    /// Fonts after the text's own family: the CJK font the charts' Chinese text is set in (fontconfig's fallback
    /// for DejaVu Sans here), then the generic family.
    public static let fallbackFamilies = ["WenQuanYi Micro Hei", "sans-serif"]

    let measurer = PangoTextMeasurer()
    var out = ""
    /// The id of each hatch colour's pattern, in order of first use.
    var hatchIDs: [(color: Color, id: String)] = []
    /// The family the root element names, which text in another family overrides.
    var family: String

    /// The SVG document of `drawing`, UTF-8.
    public static func write(_ drawing: Drawing) -> [UInt8] {
        var writer = SVGWriter(family: drawing.texts.first?.font.family ?? Theme.light.fontFamily)
        writer.writeDocument(drawing)
        return Array(writer.out.utf8)
    }

    private init(family: String) {
        self.family = family
    }

    /// `font-family` value: `family` and the fallbacks, each in single quotes but the generic one; a family name
    /// loses any character that could end the quotes or the attribute.
    static func fontStack(_ family: String) -> String {
        var families: [String] = []
        for name in [family] + fallbackFamilies where !families.contains(name) { families.append(name) }
        return families.map { name in
            name == "sans-serif" ? name : "'" + MarkupText.sanitize(name).filter { !"'\"\\&<>".contains($0) } + "'"
        }.joined(separator: ",")
    }

    private mutating func writeDocument(_ drawing: Drawing) {
        let width = SVGNumber.text(drawing.width), height = SVGNumber.text(drawing.height)
        out.reserveCapacity(8192)
        out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" role=\"img\" width=\"\(width)\""
        out += " height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"\(Self.fontStack(family))\">\n"
        // MarkupText.escape: a control character in a CPU model or folder name cannot make the SVG invalid XML.
        out += "<title>\(MarkupText.escape(drawing.title))</title>\n"
        out += "<desc>\(MarkupText.escape(drawing.description))</desc>\n"
        writeHatchPatterns(drawing.primitives)
        out += "<rect width=\"\(width)\" height=\"\(height)\"\(SVGNumber.paint("fill", drawing.background))/>\n"
        for primitive in drawing.primitives {
            switch primitive {
            case let .rect(rect, paint, _): write(rect, paint)
            case let .line(points, stroke, _): write(points, stroke)
            case let .text(item): write(item)
            }
        }
        out += "</svg>\n"
    }
}
