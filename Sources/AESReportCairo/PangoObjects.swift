import AESReportCharts
import AESReportModel
import CCairo

/// A Pango context set up like every other in the tool (the shared font options, 72 dpi, so a point is a chart
/// unit), on the process's one font map (`PangoFontMap`), released when its owner lets go.
/// Like every Pango wrapper, it calls Pango only under `PangoFontMap.withLock`.
final class PangoContext {
    let pointer: OpaquePointer

    /// For measuring.
    init(options: CairoFontOptions) {
        pointer = PangoFontMap.withLock {
            let pointer = pango_font_map_create_context(PangoFontMap.shared)!
            Self.configure(pointer, options)
            return pointer
        }
    }

    /// For drawing on `context`, matching its target surface and transformation (what `pango_cairo_create_context`
    /// does, on the shared map instead of the thread's default one).
    init(drawingOn context: CairoContext, options: CairoFontOptions) {
        pointer = PangoFontMap.withLock {
            let pointer = pango_font_map_create_context(PangoFontMap.shared)!
            pango_cairo_update_context(context.pointer, pointer)
            Self.configure(pointer, options)
            return pointer
        }
    }

    private static func configure(_ pointer: OpaquePointer, _ options: CairoFontOptions) {
        pango_cairo_context_set_font_options(pointer, options.pointer)
        pango_cairo_context_set_resolution(pointer, 72)
    }

    deinit {
        PangoFontMap.withLock { g_object_unref(UnsafeMutableRawPointer(pointer)) }
    }
}

/// One line of text set in a font by Pango, released when its owner lets go: measured by `PangoTextMeasurer` and
/// drawn by `CairoRenderer` the same way.
final class TextLayout {
    private let pointer: OpaquePointer
    private let context: PangoContext

    init(_ text: String, font: FontSpec, in context: PangoContext) {
        let description = FontDescription(font)
        // Control characters in a name (ESC, NUL, U+0001) are drawn as U+FFFD: Pango would draw hex boxes for
        // some and a NUL would end the C string early.
        let sanitized = MarkupText.sanitize(text)
        pointer = PangoFontMap.withLock {
            let pointer = pango_layout_new(context.pointer)!
            pango_layout_set_font_description(pointer, description.pointer)
            pango_layout_set_text(pointer, sanitized, -1)
            return pointer
        }
        self.context = context
    }

    deinit {
        PangoFontMap.withLock { g_object_unref(UnsafeMutableRawPointer(pointer)) }
    }

    /// The logical size, in chart units.
    var size: Size {
        var logical = PangoRectangle()
        PangoFontMap.withLock { pango_layout_get_extents(pointer, nil, &logical) }
        return Size(width: Double(logical.width) / Double(PANGO_SCALE), height: Double(logical.height) / Double(PANGO_SCALE))
    }

    /// From the top of the logical box to the first line's baseline, in chart units.
    var baseline: Double {
        Double(PangoFontMap.withLock { pango_layout_get_baseline(pointer) }) / Double(PANGO_SCALE)
    }

    /// Characters no installed font can draw (shown as boxes).
    var unknownGlyphs: Int { Int(PangoFontMap.withLock { pango_layout_get_unknown_glyphs_count(pointer) }) }

    /// The font families Pango used, in order of first use (after fontconfig's fallback).
    var familiesUsed: [String] {
        PangoFontMap.withLock { lockedFamiliesUsed }
    }

    private var lockedFamiliesUsed: [String] {
        var families: [String] = []
        let iterator = pango_layout_get_iter(pointer)
        defer { pango_layout_iter_free(iterator) }
        repeat {
            if let run = pango_layout_iter_get_run_readonly(iterator),
               let font = run.pointee.item.pointee.analysis.font,
               let family = FontDescription(describing: font).family, !families.contains(family) {
                families.append(family)
            }
        } while pango_layout_iter_next_run(iterator) != 0
        return families
    }

    /// Draws the text with its top left corner at the current point of `context`.
    func show(on context: CairoContext) {
        PangoFontMap.withLock {
            pango_cairo_update_layout(context.pointer, pointer)
            pango_cairo_show_layout(context.pointer, pointer)
        }
    }
}

/// A Pango font description, freed when its owner lets go.
final class FontDescription {
    let pointer: OpaquePointer

    /// `font`'s family, absolute size in chart units, and weight.
    init(_ font: FontSpec) {
        pointer = pango_font_description_new()
        pango_font_description_set_family(pointer, font.family)
        pango_font_description_set_absolute_size(pointer, font.size * Double(PANGO_SCALE))
        pango_font_description_set_weight(pointer, font.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
    }

    /// What a loaded font is (under the Pango lock, as the font is the shared map's).
    init(describing font: UnsafeMutablePointer<PangoFont>) {
        pointer = PangoFontMap.withLock { pango_font_describe(font) }
    }

    deinit {
        pango_font_description_free(pointer)
    }

    var family: String? {
        pango_font_description_get_family(pointer).map { String(cString: $0) }
    }
}
