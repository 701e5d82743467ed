import AESReportCharts

/// Measures text with Pango, the engine that draws it, so the layout's boxes are the drawn text's boxes.
/// Any thread may use any measurer (Pango is called under `PangoFontMap`'s lock). A text's size and baseline in a
/// font are kept for the process (`Metrics`): layouts measure the same labels several times, and `SVGWriter` asks
/// again for the baseline of every text it writes.
public final class PangoTextMeasurer: TextMeasurer {
    private let context = PangoContext(options: CairoFontOptions())

    public init() {}

    public func size(of text: String, font: FontSpec) -> Size {
        metrics(of: text, font: font).size
    }

    /// How far below the top of `text`'s box its baseline lies (the font's ascent, or the tallest fallback
    /// font's): where `SVGWriter` puts a `<text>` element's `y`.
    public func baseline(of text: String, font: FontSpec) -> Double {
        metrics(of: text, font: font).baseline
    }

    /// A text's measurements in a font; every measurer sets text alike (same font options, 72 dpi), so one table
    /// serves them all. Read and written under the Pango lock.
    private struct Metrics {
        var size: Size
        var baseline: Double
    }

    private struct MetricsKey: Hashable {
        /// The text's UTF-8, not the `String`: Swift compares strings by canonical equivalence, and Pango draws
        /// the code points given (an NFC and an NFD "café" could fall back to different fonts).
        var text: [UInt8]
        var family: String
        var size: Double
        var bold: Bool
    }

    nonisolated(unsafe) private static var measured: [MetricsKey: Metrics] = [:]

    private func metrics(of text: String, font: FontSpec) -> Metrics {
        let key = MetricsKey(text: Array(text.utf8), family: font.family, size: font.size, bold: font.bold)
        return PangoFontMap.withLock {
            if let known = Self.measured[key] { return known }
            let layout = TextLayout(text, font: font, in: context)
            let metrics = Metrics(size: layout.size, baseline: layout.baseline)
            Self.measured[key] = metrics
            return metrics
        }
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
