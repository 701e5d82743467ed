/// How a line is drawn: colour, width and dash pattern (the graphics-context half of matplotlib's renderer split;
/// the renderer applies it, the layout chooses it).
public struct Stroke: Sendable, Equatable {
    public var color: Color
    /// In chart units.
    public var width: Double
    /// Lengths in chart units, alternately on and off; empty for a solid line.
    public var dash: [Double]

    public init(_ color: Color, width: Double, dash: [Double] = []) {
        self.color = color
        self.width = width
        self.dash = dash
    }
}

/// How a rectangle is painted: a fill, diagonal hatching over it, an outline; each optional.
public struct Paint: Sendable, Equatable {
    public var fill: Color?
    /// Thin diagonal stripes of this colour over the fill (a repeating tile): tells apart series of one colour.
    public var hatch: Color?
    public var outline: Stroke?

    public init(fill: Color? = nil, hatch: Color? = nil, outline: Stroke? = nil) {
        self.fill = fill
        self.hatch = hatch
        self.outline = outline
    }
}
