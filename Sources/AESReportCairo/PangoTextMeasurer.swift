import AESReportCharts
import AESReportModel
import CCairo

/// Font options shared by measuring and drawing, so text is laid out identically: no hinting of metrics (sizes
/// scale linearly from 1x to 2x PNGs and to vector output) and greyscale antialiasing.
enum SharedFontOptions {
    static func make() -> OpaquePointer {
        let options = cairo_font_options_create()!
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        return options
    }
}

/// Measures text with Pango, the engine that draws it, so the layout's boxes are the drawn text's boxes.
/// Not thread-safe: use one per thread.
public final class PangoTextMeasurer: TextMeasurer {
    private let context: OpaquePointer
    private let options: OpaquePointer

    public init() {
        options = SharedFontOptions.make()
        context = pango_font_map_create_context(pango_cairo_font_map_get_default())
        pango_cairo_context_set_font_options(context, options)
        pango_cairo_context_set_resolution(context, 72)
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(context))
        cairo_font_options_destroy(options)
    }

    public func size(of text: String, font: FontSpec) -> Size {
        withLayout(text, font) { layout in
            var logical = PangoRectangle()
            pango_layout_get_extents(layout, nil, &logical)
            return Size(width: Double(logical.width) / Double(PANGO_SCALE),
                        height: Double(logical.height) / Double(PANGO_SCALE))
        }
    }

    /// Characters of `text` that no installed font can draw (shown as boxes): 0 means every glyph is real.
    public func unknownGlyphs(in text: String, font: FontSpec) -> Int {
        withLayout(text, font) { Int(pango_layout_get_unknown_glyphs_count($0)) }
    }

    /// The font families Pango actually used for `text` (after fontconfig's fallback).
    public func familiesUsed(for text: String, font: FontSpec) -> [String] {
        withLayout(text, font) { layout in
            var families: [String] = []
            let iterator = pango_layout_get_iter(layout)
            defer { pango_layout_iter_free(iterator) }
            repeat {
                if let run = pango_layout_iter_get_run_readonly(iterator),
                   let pangoFont = run.pointee.item.pointee.analysis.font {
                    let description = pango_font_describe(pangoFont)
                    if let family = pango_font_description_get_family(description) {
                        let name = String(cString: family)
                        if !families.contains(name) { families.append(name) }
                    }
                    pango_font_description_free(description)
                }
            } while pango_layout_iter_next_run(iterator) != 0
            return families
        }
    }

    private func withLayout<T>(_ text: String, _ font: FontSpec, _ body: (OpaquePointer) -> T) -> T {
        let layout = pango_layout_new(context)!
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        let description = PangoFonts.description(font)
        defer { pango_font_description_free(description) }
        pango_layout_set_font_description(layout, description)
        pango_layout_set_text(layout, MarkupText.sanitize(text), -1)  // as CairoRenderer draws it
        return body(layout)
    }
}

enum PangoFonts {
    static func description(_ font: FontSpec) -> OpaquePointer {
        let description = pango_font_description_new()!
        pango_font_description_set_family(description, font.family)
        pango_font_description_set_absolute_size(description, font.size * Double(PANGO_SCALE))
        pango_font_description_set_weight(description, font.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        return description
    }
}
