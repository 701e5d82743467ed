import AESReportCharts
import AESReportModel

/// One element per primitive, styled like `CairoRenderer+Drawing` draws it.
extension SVGWriter {
    /// A `<pattern>` per hatch colour, in `<defs>`: the 6 x 6 tile of diagonal stripes 1.6 wide that Cairo repeats
    /// (`CairoRenderer.hatchPattern`), anchored at the drawing's origin as Cairo's is.
    mutating func writeHatchPatterns(_ primitives: [Primitive]) {
        for case let .rect(_, paint, _) in primitives {
            guard let hatch = paint.hatch, !hatchIDs.contains(where: { $0.color == hatch }) else { continue }
            hatchIDs.append((hatch, "hatch-\(hatchIDs.count + 1)"))
        }
        guard !hatchIDs.isEmpty else { return }
        out += "<defs>\n"
        for (color, id) in hatchIDs {
            out += "<pattern id=\"\(id)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">"
            out += "<path d=\"M-6 6L0 0M0 6L6 0M6 6L12 0\" fill=\"none\"\(SVGNumber.paint("stroke", color))"
            out += " stroke-width=\"1.6\"/></pattern>\n"
        }
        out += "</defs>\n"
    }

    /// The fill, then the hatching over it, then the outline, as Cairo paints them; nothing for an empty paint.
    mutating func write(_ rect: Rect, _ paint: Paint) {
        // SVG 1.1 calls a negative width an error; Cairo draws the same rectangle either way round.
        let box = Rect(x: min(rect.x, rect.maxX), y: min(rect.y, rect.maxY), width: abs(rect.width),
                       height: abs(rect.height))
        var fills: [String] = []
        if let fill = paint.fill { fills.append(SVGNumber.paint("fill", fill)) }
        if let hatch = paint.hatch, let id = hatchIDs.first(where: { $0.color == hatch })?.id {
            fills.append(" fill=\"url(#\(id))\"")
        }
        if fills.isEmpty, paint.outline != nil { fills.append(" fill=\"none\"") }
        for (index, fill) in fills.enumerated() {
            let outline = index == fills.count - 1 ? paint.outline.map(strokeAttributes) ?? "" : ""
            out += "<rect x=\"\(SVGNumber.text(box.x))\" y=\"\(SVGNumber.text(box.y))\""
            out += " width=\"\(SVGNumber.text(box.width))\" height=\"\(SVGNumber.text(box.height))\"\(fill)\(outline)/>\n"
        }
    }

    /// A polyline as one path, unfilled.
    mutating func write(_ points: [Point], _ stroke: Stroke) {
        guard let first = points.first else { return }
        out += "<path d=\"M\(SVGNumber.text(first.x)) \(SVGNumber.text(first.y))"
        for point in points.dropFirst() { out += "L\(SVGNumber.text(point.x)) \(SVGNumber.text(point.y))" }
        out += "\" fill=\"none\"\(strokeAttributes(stroke))/>\n"
    }

    func strokeAttributes(_ stroke: Stroke) -> String {
        var attributes = SVGNumber.paint("stroke", stroke.color) + " stroke-width=\"\(SVGNumber.text(stroke.width))\""
        if !stroke.dash.isEmpty {
            attributes += " stroke-dasharray=\"\(stroke.dash.map(SVGNumber.text).joined(separator: " "))\""
        }
        return attributes
    }

    /// The text on the baseline Pango finds in its box (the box's top lies at the anchor's fraction of its height
    /// above `position`), anchored across by `text-anchor`, rotated about `position`.
    mutating func write(_ item: TextItem) {
        let x = SVGNumber.text(item.position.x)
        let top = item.position.y - item.vertical.fraction * item.size.height
        let baseline = top + measurer.baseline(of: item.text, font: item.font)
        out += "<text x=\"\(x)\" y=\"\(SVGNumber.text(baseline))\" font-size=\"\(SVGNumber.text(item.font.size))\""
        if item.font.family != family { out += " font-family=\"\(Self.fontStack(item.font.family))\"" }
        if item.font.bold { out += " font-weight=\"bold\"" }
        switch item.horizontal {
        case .start: break
        case .middle: out += " text-anchor=\"middle\""
        case .end: out += " text-anchor=\"end\""
        }
        out += SVGNumber.paint("fill", item.color)
        if item.rotation != 0 {
            out += " transform=\"rotate(\(SVGNumber.text(item.rotation)) \(x) \(SVGNumber.text(item.position.y)))\""
        }
        out += ">"
        // Pango draws a line break as a new line; SVG would fold it into a space, so each line is its own span,
        // one line's height (the box's share) below the one before.
        let lines = item.text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.count > 1 {
            let lineHeight = SVGNumber.text(item.size.height / Double(lines.count))
            for (index, line) in lines.enumerated() {
                out += "<tspan x=\"\(x)\" dy=\"\(index == 0 ? "0" : lineHeight)\">\(MarkupText.escape(String(line)))</tspan>"
            }
        } else {
            out += MarkupText.escape(item.text)
        }
        out += "</text>\n"
    }
}
