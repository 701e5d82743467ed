import AESReportCharts

/// Measures text with Pango, the engine that draws it, so the layout's boxes are the drawn text's boxes.
/// Not thread-safe: use one per thread.
public final class PangoTextMeasurer: TextMeasurer {
    private let context = PangoContext(options: CairoFontOptions())

    public init() {}

    public func size(of text: String, font: FontSpec) -> Size {
        TextLayout(text, font: font, in: context).size
    }

    /// How far below the top of `text`'s box its baseline lies (the font's ascent, or the tallest fallback
    /// font's): where `SVGWriter` puts a `<text>` element's `y`.
    public func baseline(of text: String, font: FontSpec) -> Double {
        TextLayout(text, font: font, in: context).baseline
    }

    /// Characters of `text` that no installed font can draw (shown as boxes): 0 means every glyph is real.
    public func unknownGlyphs(in text: String, font: FontSpec) -> Int {
        TextLayout(text, font: font, in: context).unknownGlyphs
    }

    /// The font families Pango actually used for `text` (after fontconfig's fallback).
    public func familiesUsed(for text: String, font: FontSpec) -> [String] {
        TextLayout(text, font: font, in: context).familiesUsed
    }
}
