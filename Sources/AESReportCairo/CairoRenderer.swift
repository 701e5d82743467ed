import AESReportCharts
import AESReportModel
import CCairo
import Foundation
import RealModule

/// The file formats the renderer writes.
public enum ImageFormat: String, Sendable, CaseIterable {
    case png, svg, pdf
}

public enum RenderError: Error, CustomStringConvertible {
    case cairo(String)

    public var description: String {
        switch self {
        case let .cairo(status): "cairo failed: \(status)"
        }
    }
}

/// Draws a `Drawing` with Cairo onto an image (PNG), SVG or PDF surface, in memory. The only code that touches
/// Cairo's drawing API; every C object it creates is destroyed before it returns.
public struct CairoRenderer: Sendable {
    /// Device pixels per chart unit for PNG (2 for @2x images).
    public var scale: Double
    /// PDF creation date, ISO 8601; fixed so that output is reproducible (`SOURCE_DATE_EPOCH` can set it).
    public var pdfDate: String

    public init(scale: Double = 1, pdfDate: String = "2000-01-01T00:00:00Z") {
        self.scale = scale
        self.pdfDate = pdfDate
    }

    /// `2017-11-05T00:00:00Z` for a Unix time (UTC), for `SOURCE_DATE_EPOCH`.
    public static func isoDate(epochSeconds: Int64) -> String {
        let days = epochSeconds >= 0 ? epochSeconds / 86_400 : (epochSeconds - 86_399) / 86_400
        let secondsOfDay = epochSeconds - days * 86_400
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(secondsOfDay / 3600)):\(two(secondsOfDay % 3600 / 60)):"
            + "\(two(secondsOfDay % 60))Z"
    }

    public func render(_ drawing: Drawing, as format: ImageFormat) throws -> [UInt8] {
        let sink = ByteSink()
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        let surface: OpaquePointer
        switch format {
        case .png:
            surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32((drawing.width * scale).rounded()),
                                                 Int32((drawing.height * scale).rounded()))
        case .svg:
            surface = cairo_svg_surface_create_for_stream(ByteSink.write, closure, drawing.width, drawing.height)
            cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PX)
        case .pdf:
            surface = cairo_pdf_surface_create_for_stream(ByteSink.write, closure, drawing.width, drawing.height)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, pdfDate)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, pdfDate)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, MarkupText.sanitize(drawing.title))
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "aesreport")
        }
        defer { cairo_surface_destroy(surface) }
        try check(cairo_surface_status(surface))
        let cr = cairo_create(surface)!
        if format == .png { cairo_scale(cr, scale, scale) }
        draw(drawing, on: cr, snapToPixels: format == .png)
        let status = cairo_status(cr)
        cairo_destroy(cr)
        try check(status)
        if format == .png {
            guard let png = PNGEncoder.encode(surface: surface, knownOpaque: drawing.background.alpha >= 1) else { throw RenderError.cairo("PNG encoding failed") }
            return png
        } else {
            cairo_surface_finish(surface)
            try check(cairo_surface_status(surface))
        }
        return format == .svg ? SVGPostProcessing.process(sink.bytes, drawing) : sink.bytes
    }

    private func check(_ status: cairo_status_t) throws {
        guard status == CAIRO_STATUS_SUCCESS else { throw RenderError.cairo(String(cString: cairo_status_to_string(status))) }
    }

    private func draw(_ drawing: Drawing, on cr: OpaquePointer, snapToPixels: Bool) {
        let options = SharedFontOptions.make()
        defer { cairo_font_options_destroy(options) }
        cairo_set_font_options(cr, options)
        let pango = pango_cairo_create_context(cr)!
        defer { g_object_unref(UnsafeMutableRawPointer(pango)) }
        pango_cairo_context_set_font_options(pango, options)
        pango_cairo_context_set_resolution(pango, 72)

        set(cr, drawing.background)
        cairo_rectangle(cr, 0, 0, drawing.width, drawing.height)
        cairo_fill(cr)
        for primitive in drawing.primitives {
            switch primitive {
            case let .rect(rect, fill, stroke, lineWidth, hatch, _):
                drawRect(cr, rect, fill: fill, stroke: stroke, lineWidth: lineWidth, hatch: hatch)
            case let .line(points, color, width, dash, _):
                drawLine(cr, points, color: color, width: width, dash: dash, snap: snapToPixels)
            case let .text(item):
                drawText(cr, pango, item)
            }
        }
    }

    private func set(_ cr: OpaquePointer, _ color: Color) {
        cairo_set_source_rgba(cr, color.red, color.green, color.blue, color.alpha)
    }

    private func drawRect(_ cr: OpaquePointer, _ rect: Rect, fill: Color?, stroke: Color?, lineWidth: Double,
                          hatch: Bool) {
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        if let fill {
            set(cr, fill)
            cairo_fill_preserve(cr)
        }
        if hatch, let stroke {
            // One repeating 6 x 6 vector tile instead of a clipped line per stripe: a tenth of the work in every
            // format, and a <pattern> in SVG rather than hundreds of path segments.
            let pattern = hatchPattern(stroke.withAlpha(0.75))
            cairo_set_source(cr, pattern)
            cairo_fill(cr)
            cairo_pattern_destroy(pattern)
        } else if let stroke {
            set(cr, stroke)
            cairo_set_line_width(cr, lineWidth)
            cairo_stroke(cr)
        } else {
            cairo_new_path(cr)
        }
    }

    /// Diagonal stripes 6 units apart, 1.6 wide, as a repeating pattern drawn on a recording (vector) surface.
    private func hatchPattern(_ color: Color) -> OpaquePointer {
        var extents = cairo_rectangle_t(x: 0, y: 0, width: 6, height: 6)
        let tile = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents)!
        let cr = cairo_create(tile)!
        set(cr, color)
        cairo_set_line_width(cr, 1.6)
        for offset in [-6.0, 0, 6] {
            cairo_move_to(cr, offset, 6)
            cairo_line_to(cr, offset + 6, 0)
        }
        cairo_stroke(cr)
        cairo_destroy(cr)
        let pattern = cairo_pattern_create_for_surface(tile)!
        cairo_pattern_set_extend(pattern, CAIRO_EXTEND_REPEAT)
        cairo_surface_destroy(tile)
        return pattern
    }

    private func drawLine(_ cr: OpaquePointer, _ points: [Point], color: Color, width: Double, dash: [Double],
                          snap: Bool) {
        guard let first = points.first else { return }
        // Hairlines on pixel centres: a 1-unit horizontal or vertical line covers whole pixels instead of two
        // half-lit rows.
        let axisAligned = points.count == 2 && (points[0].x == points[1].x || points[0].y == points[1].y)
        func snapped(_ v: Double) -> Double {
            guard snap, axisAligned, width * scale <= 1.5 else { return v }
            return ((v * scale).rounded(.down) + 0.5) / scale
        }
        func place(_ p: Point) -> (Double, Double) {
            (points[0].x == points[1].x ? snapped(p.x) : p.x, points[0].y == points[1].y ? snapped(p.y) : p.y)
        }
        let start = axisAligned ? place(first) : (first.x, first.y)
        cairo_move_to(cr, start.0, start.1)
        for point in points.dropFirst() {
            let p = axisAligned ? place(point) : (point.x, point.y)
            cairo_line_to(cr, p.0, p.1)
        }
        set(cr, color)
        cairo_set_line_width(cr, width)
        dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32(dash.count), 0) }
        cairo_stroke(cr)
        cairo_set_dash(cr, nil, 0, 0)
    }

    private func drawText(_ cr: OpaquePointer, _ pango: OpaquePointer, _ item: TextItem) {
        let layout = pango_layout_new(pango)!
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        let description = PangoFonts.description(item.font)
        defer { pango_font_description_free(description) }
        pango_layout_set_font_description(layout, description)
        // Control characters in a name (ESC, NUL, U+0001) are drawn as U+FFFD: Pango would draw hex boxes for
        // some and a NUL would end the C string early.
        pango_layout_set_text(layout, MarkupText.sanitize(item.text), -1)
        cairo_save(cr)
        cairo_translate(cr, item.position.x, item.position.y)
        if item.rotation != 0 { cairo_rotate(cr, item.rotation * Double.pi / 180) }
        cairo_move_to(cr, -item.horizontal.fraction * item.size.width, -item.vertical.fraction * item.size.height)
        set(cr, item.color)
        pango_cairo_update_layout(cr, layout)
        pango_cairo_show_layout(cr, layout)
        cairo_restore(cr)
    }
}

/// Collects the bytes Cairo writes to a stream.
final class ByteSink {
    var bytes: [UInt8] = []

    static let write: cairo_write_func_t = { closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
        let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
        sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
        return CAIRO_STATUS_SUCCESS
    }
}

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
