import AESReportCharts
import CCairo

/// A Cairo drawing context on a surface, destroyed when its owner lets go; keeps its surface (and the surface's
/// byte sink) alive while it draws. The drawing operations the renderer uses, in chart units.
final class CairoContext {
    /// For the other wrappers only (`PangoContext`, `TextLayout`).
    let pointer: OpaquePointer
    private let surface: CairoSurface

    init(_ surface: CairoSurface) {
        pointer = cairo_create(surface.pointer)
        self.surface = surface
    }

    deinit {
        cairo_destroy(pointer)
    }

    /// Throws the context's error state, if drawing failed.
    func check() throws(RenderError) {
        try RenderError.check(cairo_status(pointer))
    }

    func setFontOptions(_ options: CairoFontOptions) {
        cairo_set_font_options(pointer, options.pointer)
    }

    func setSource(_ color: Color) {
        cairo_set_source_rgba(pointer, color.red, color.green, color.blue, color.alpha)
    }

    func setSource(_ pattern: CairoPattern) {
        cairo_set_source(pointer, pattern.pointer)
    }

    /// `surface` as the source, its origin at (`x`, `y`).
    func setSource(_ surface: CairoSurface, x: Double, y: Double) {
        cairo_set_source_surface(pointer, surface.pointer, x, y)
    }

    func scale(_ x: Double, _ y: Double) { cairo_scale(pointer, x, y) }
    func translate(_ x: Double, _ y: Double) { cairo_translate(pointer, x, y) }
    /// Clockwise on screen, in degrees.
    func rotate(degrees: Double) { cairo_rotate(pointer, degrees * Double.pi / 180) }
    func save() { cairo_save(pointer) }
    func restore() { cairo_restore(pointer) }

    func rectangle(_ rect: Rect) { cairo_rectangle(pointer, rect.x, rect.y, rect.width, rect.height) }
    func move(to x: Double, _ y: Double) { cairo_move_to(pointer, x, y) }
    func line(to x: Double, _ y: Double) { cairo_line_to(pointer, x, y) }

    /// Fills the current path with the source; `preserve` keeps the path for another fill or a stroke.
    func fill(preserve: Bool = false) {
        preserve ? cairo_fill_preserve(pointer) : cairo_fill(pointer)
    }

    /// Strokes (and clears) the current path with `stroke`'s colour, width and dashes.
    func stroke(_ stroke: Stroke) {
        setSource(stroke.color)
        cairo_set_line_width(pointer, stroke.width)
        stroke.dash.withUnsafeBufferPointer { cairo_set_dash(pointer, $0.baseAddress, Int32(stroke.dash.count), 0) }
        cairo_stroke(pointer)
        cairo_set_dash(pointer, nil, 0, 0)
    }

    /// Clears the current path without drawing it.
    func newPath() { cairo_new_path(pointer) }

    /// Paints the source over the whole surface.
    func paint() { cairo_paint(pointer) }
}

/// A Cairo pattern (a source to fill with), destroyed when its owner lets go.
final class CairoPattern {
    let pointer: OpaquePointer

    /// `tile` repeated in every direction.
    init(repeating tile: CairoSurface) {
        pointer = cairo_pattern_create_for_surface(tile.pointer)
        cairo_pattern_set_extend(pointer, CAIRO_EXTEND_REPEAT)
    }

    deinit {
        cairo_pattern_destroy(pointer)
    }
}

/// Cairo font options, destroyed when their owner lets go.
final class CairoFontOptions {
    let pointer: OpaquePointer

    /// The options shared by measuring and drawing, so text is laid out identically: no hinting of metrics (sizes
    /// scale linearly from 1x to 2x PNGs and to vector output) and greyscale antialiasing.
    init() {
        pointer = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(pointer, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(pointer, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_antialias(pointer, CAIRO_ANTIALIAS_GRAY)
    }

    deinit {
        cairo_font_options_destroy(pointer)
    }
}
