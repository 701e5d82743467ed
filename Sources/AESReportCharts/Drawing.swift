/// What to draw, in order, with no knowledge of how: one list serves PNG, SVG and PDF. Each case carries its
/// style as a value (`Paint`, `Stroke`, the text's font and colour) and what it shows (`Role`).
public enum Primitive: Sendable, Equatable {
    case rect(Rect, Paint, Role)
    /// A polyline through the points.
    case line([Point], Stroke, Role)
    case text(TextItem)
}

/// A laid-out chart: size, background, primitives, and a title and description for accessibility.
public struct Drawing: Sendable, Equatable {
    public var width: Double
    public var height: Double
    public var background: Color
    public var primitives: [Primitive]
    public var title: String
    public var description: String

    public init(width: Double, height: Double, background: Color, primitives: [Primitive], title: String,
                description: String) {
        self.width = width
        self.height = height
        self.background = background
        self.primitives = primitives
        self.title = title
        self.description = description
    }

    /// Every text item, in drawing order.
    public var texts: [TextItem] {
        primitives.compactMap { if case let .text(item) = $0 { item } else { nil } }
    }

    /// The text items that show `role`, in drawing order.
    public func texts(role: Role) -> [TextItem] {
        texts.filter { $0.role == role }
    }

    /// The rectangles that show `role` (`.bar`, `.bin`, ...), in drawing order.
    public func rects(role: Role) -> [Rect] {
        primitives.compactMap { if case let .rect(rect, _, shown) = $0, shown == role { rect } else { nil } }
    }

    /// The polylines that show `role` (`.grid`, `.errorBar`, ...), in drawing order.
    public func lines(role: Role) -> [[Point]] {
        primitives.compactMap { if case let .line(points, _, shown) = $0, shown == role { points } else { nil } }
    }
}
