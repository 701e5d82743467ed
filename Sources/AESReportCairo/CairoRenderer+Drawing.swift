import AESReportCharts

/// Draws primitives with their style values: the renderer decides how (pixel snapping, the hatch tile), the
/// primitive says what and in which style.
extension CairoRenderer {
    /// Draws `drawing` on `surface`; `scale`: device pixels per chart unit of an image surface (lines are snapped to
    /// its pixels), nil for vector output. The context is released before the surface is finished or encoded.
    func draw(_ drawing: Drawing, on surface: CairoSurface, scale: Double?) throws(RenderError) {
        let context = CairoContext(surface)
        if let scale { context.scale(scale, scale) }
        let options = CairoFontOptions()
        context.setFontOptions(options)
        let pango = PangoContext(drawingOn: context, options: options)

        context.setSource(drawing.background)
        context.rectangle(Rect(x: 0, y: 0, width: drawing.width, height: drawing.height))
        context.fill()
        for primitive in drawing.primitives {
            switch primitive {
            case let .rect(rect, paint, _):
                fill(rect, with: paint, on: context)
            case let .line(points, stroke, _):
                draw(points, with: stroke, on: context, pixelScale: scale)
            case let .text(item):
                draw(item, on: context, with: pango)
            }
        }
        try context.check()
    }

    private func fill(_ rect: Rect, with paint: Paint, on context: CairoContext) {
        context.rectangle(rect)
        if let fill = paint.fill {
            context.setSource(fill)
            context.fill(preserve: true)
        }
        if let hatch = paint.hatch {
            // One repeating 6 x 6 vector tile instead of a clipped line per stripe: a tenth of the work in every
            // format, and a <pattern> in SVG rather than hundreds of path segments.
            context.setSource(Self.hatchPattern(hatch))
            context.fill(preserve: paint.outline != nil)
        }
        if let outline = paint.outline {
            context.stroke(outline)
        } else if paint.hatch == nil {
            context.newPath()
        }
    }

    /// Diagonal stripes 6 units apart, 1.6 wide, as a repeating pattern drawn on a recording (vector) surface.
    private static func hatchPattern(_ color: Color) -> CairoPattern {
        let tile = CairoSurface.recording(width: 6, height: 6)
        let context = CairoContext(tile)
        for offset in [-6.0, 0, 6] {
            context.move(to: offset, 6)
            context.line(to: offset + 6, 0)
        }
        context.stroke(Stroke(color, width: 1.6))
        return CairoPattern(repeating: tile)
    }

    /// `pixelScale`: on an image surface, hairlines along an axis are put on pixel centres, so a 1-unit horizontal
    /// or vertical line covers whole pixels instead of two half-lit rows.
    private func draw(_ points: [Point], with stroke: Stroke, on context: CairoContext, pixelScale: Double?) {
        guard let first = points.first else { return }
        let axisAligned = points.count == 2 && (points[0].x == points[1].x || points[0].y == points[1].y)
        func snapped(_ v: Double) -> Double {
            guard let pixelScale, axisAligned, stroke.width * pixelScale <= 1.5 else { return v }
            return ((v * pixelScale).rounded(.down) + 0.5) / pixelScale
        }
        func place(_ p: Point) -> (Double, Double) {
            (points[0].x == points[1].x ? snapped(p.x) : p.x, points[0].y == points[1].y ? snapped(p.y) : p.y)
        }
        let start = axisAligned ? place(first) : (first.x, first.y)
        context.move(to: start.0, start.1)
        for point in points.dropFirst() {
            let p = axisAligned ? place(point) : (point.x, point.y)
            context.line(to: p.0, p.1)
        }
        context.stroke(stroke)
    }

    private func draw(_ item: TextItem, on context: CairoContext, with pango: PangoContext) {
        let layout = TextLayout(item.text, font: item.font, in: pango)
        context.save()
        context.translate(item.position.x, item.position.y)
        if item.rotation != 0 { context.rotate(degrees: item.rotation) }
        context.move(to: -item.horizontal.fraction * item.size.width, -item.vertical.fraction * item.size.height)
        context.setSource(item.color)
        layout.show(on: context)
        context.restore()
    }
}
