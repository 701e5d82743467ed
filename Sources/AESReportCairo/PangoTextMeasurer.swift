import AESReportCharts

/// Measures text with Pango, the engine that draws it, so the layout's boxes are the drawn text's boxes.
/// Not thread-safe: use one per thread.
public final class PangoTextMeasurer: TextMeasurer {
    private let context = PangoContext(options: CairoFontOptions())

    public init() {}

    public func size(of text: String, font: FontSpec) -> Size {
        TextLayout(text, font: font, in: context).size
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
