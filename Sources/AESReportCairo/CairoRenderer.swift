import AESReportCharts

/// Draws a `Drawing` with Cairo onto an image (PNG), SVG or PDF surface, in memory; SVG with real text is handed to
/// the second backend, `SVGWriter`, which needs no Cairo surface. Every Cairo object it uses is
/// owned by a wrapper that frees it (`CairoSurface`, `CairoContext`, ...); drawing is in `CairoRenderer+Drawing`,
/// SVG clean-up in `SVGPostProcessing`.
public struct CairoRenderer: Sendable {
    /// Device pixels per chart unit for PNG (2 for @2x images).
    public var scale: Double
    /// PDF creation date, ISO 8601; fixed so that output is reproducible (`SOURCE_DATE_EPOCH` can set it, through
    /// `ISOTimestamp.sourceDateEpoch`).
    public var pdfDate: String
    /// How SVG carries text: `<text>` elements written by `SVGWriter` (the default), or Cairo's glyph outlines.
    public var svgText: SVGTextMode

    public init(scale: Double = 1, pdfDate: String = "2000-01-01T00:00:00Z", svgText: SVGTextMode = .text) {
        self.scale = scale
        self.pdfDate = pdfDate
        self.svgText = svgText
    }

    /// The file's bytes: a PNG at `scale`, an SVG (text as `svgText` says) with ids numbered in order and a title
    /// and description, or a PDF with `pdfDate`. Throws `RenderError`.
    public func render(_ drawing: Drawing, as format: ImageFormat) throws -> [UInt8] {
        switch format {
        case .png:
            let (width, height) = (Int((drawing.width * scale).rounded()), Int((drawing.height * scale).rounded()))
            let surface = try PreparedImages.take(width: width, height: height)
                ?? CairoSurface.image(width: width, height: height)
            try draw(drawing, on: surface, scale: scale)
            let png = surface.withPixels { PNGEncoder.encode($0, knownOpaque: drawing.background.alpha >= 1) }
            guard let png = png ?? nil else { throw RenderError.pngEncoding }
            return png
        case .svg where svgText == .text:
            return SVGWriter.write(drawing)
        case .svg:
            let surface = try CairoSurface.svg(width: drawing.width, height: drawing.height)
            try draw(drawing, on: surface, scale: nil)
            return SVGPostProcessing.process(try surface.finish(), drawing)
        case .pdf:
            let surface = try CairoSurface.pdf(width: drawing.width, height: drawing.height, title: drawing.title,
                                               date: pdfDate)
            try draw(drawing, on: surface, scale: nil)
            return try surface.finish()
        }
    }
}
