import AESReportModel
import CCairo

/// A Cairo surface (an image in memory, an SVG or PDF stream, a recording), destroyed when its owner lets go.
/// A stream surface owns the sink its bytes go to, so Cairo never writes to a freed one.
final class CairoSurface {
    /// For the other wrappers only (`CairoContext`, `CairoPattern`).
    let pointer: OpaquePointer
    private let sink: ByteSink?

    private init(_ pointer: OpaquePointer, sink: ByteSink? = nil) {
        self.pointer = pointer
        self.sink = sink
    }

    deinit {
        cairo_surface_destroy(pointer)
    }

    /// Throws the surface's error state, if any (Cairo returns a surface in an error state rather than nil).
    func check() throws(RenderError) {
        try RenderError.check(cairo_surface_status(pointer))
    }

    /// An ARGB32 image of `width` × `height` pixels.
    static func image(width: Int, height: Int) throws(RenderError) -> CairoSurface {
        let surface = CairoSurface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)))
        try surface.check()
        return surface
    }

    /// An SVG document of `width` × `height` chart units (px), written to memory.
    static func svg(width: Double, height: Double) throws(RenderError) -> CairoSurface {
        let sink = ByteSink()
        let surface = CairoSurface(cairo_svg_surface_create_for_stream(
            ByteSink.write, Unmanaged.passUnretained(sink).toOpaque(), width, height), sink: sink)
        cairo_svg_surface_set_document_unit(surface.pointer, CAIRO_SVG_UNIT_PX)
        try surface.check()
        return surface
    }

    /// A one-page PDF of `width` × `height` points, written to memory, with reproducible metadata: `date` (ISO 8601)
    /// as both creation and modification date.
    static func pdf(width: Double, height: Double, title: String, date: String) throws(RenderError) -> CairoSurface {
        let sink = ByteSink()
        let surface = CairoSurface(cairo_pdf_surface_create_for_stream(
            ByteSink.write, Unmanaged.passUnretained(sink).toOpaque(), width, height), sink: sink)
        cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_CREATE_DATE, date)
        cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_MOD_DATE, date)
        cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_TITLE, MarkupText.sanitize(title))
        cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_CREATOR, "aesreport")
        try surface.check()
        return surface
    }

    /// A vector surface that records what is drawn on it, `width` × `height` units, for a pattern's tile.
    static func recording(width: Double, height: Double) -> CairoSurface {
        var extents = cairo_rectangle_t(x: 0, y: 0, width: width, height: height)
        return CairoSurface(cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents))
    }

    /// The image in PNG `bytes`, as Cairo decodes it.
    static func png(_ bytes: [UInt8]) throws(RenderError) -> CairoSurface {
        let source = ByteSource(bytes)
        let surface = withExtendedLifetime(source) {
            CairoSurface(cairo_image_surface_create_from_png_stream(ByteSource.read,
                                                                    Unmanaged.passUnretained(source).toOpaque()))
        }
        try surface.check()
        return surface
    }

    /// Ends a stream surface (Cairo writes the rest of the document) and returns every byte written.
    func finish() throws(RenderError) -> [UInt8] {
        cairo_surface_finish(pointer)
        try check()
        return sink?.bytes ?? []
    }

    /// Calls `body` with an image surface's pixels after Cairo has flushed its drawing to them; nil for a surface
    /// that has none.
    func withPixels<T>(_ body: (ImagePixels) throws -> T) rethrows -> T? {
        cairo_surface_flush(pointer)
        guard let data = cairo_image_surface_get_data(pointer) else { return nil }
        return try body(ImagePixels(data: data, width: Int(cairo_image_surface_get_width(pointer)),
                                    height: Int(cairo_image_surface_get_height(pointer)),
                                    stride: Int(cairo_image_surface_get_stride(pointer))))
    }

    /// Width and height in pixels of an image surface.
    var pixelSize: (width: Int32, height: Int32) {
        (cairo_image_surface_get_width(pointer), cairo_image_surface_get_height(pointer))
    }
}

/// An image surface's ARGB32 pixels (premultiplied, native endian), rows `stride` bytes apart; valid only inside
/// `CairoSurface.withPixels`.
struct ImagePixels {
    var data: UnsafeMutablePointer<UInt8>
    var width: Int
    var height: Int
    var stride: Int
}
