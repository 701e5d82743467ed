import RealModule

/// A point in chart units (CSS pixels at scale 1).
public struct Point: Sendable, Equatable {
    public var x: Double
    public var y: Double

    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

public struct Size: Sendable, Equatable {
    public var width: Double
    public var height: Double

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }
}

/// An axis-aligned rectangle.
public struct Rect: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Double { x + width }
    public var maxY: Double { y + height }

    /// Whether the interiors overlap (touching edges do not count).
    public func intersects(_ other: Rect) -> Bool {
        x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
    }

    public func contains(_ other: Rect, tolerance: Double = 0.5) -> Bool {
        other.x >= x - tolerance && other.maxX <= maxX + tolerance && other.y >= y - tolerance
            && other.maxY <= maxY + tolerance
    }
}

/// An sRGB colour with alpha, components 0...1.
public struct Color: Sendable, Equatable {
    public var red: Double
    public var green: Double
    public var blue: Double
    public var alpha: Double

    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// `Color(hex: 0xE69F00)`.
    public init(hex: UInt32, alpha: Double = 1) {
        self.init(red: Double((hex >> 16) & 0xFF) / 255, green: Double((hex >> 8) & 0xFF) / 255,
                  blue: Double(hex & 0xFF) / 255, alpha: alpha)
    }

    public func withAlpha(_ alpha: Double) -> Color {
        Color(red: red, green: green, blue: blue, alpha: alpha)
    }
}

/// A font by family name (fontconfig finds a fallback for glyphs the family lacks), size in chart units.
public struct FontSpec: Sendable, Equatable {
    public var family: String
    public var size: Double
    public var bold: Bool

    public init(family: String, size: Double, bold: Bool = false) {
        self.family = family
        self.size = size
        self.bold = bold
    }
}

public enum HorizontalAnchor: Sendable, Equatable {
    case start, middle, end

    /// Where the anchor lies across the text's box: 0, 0.5 or 1.
    public var fraction: Double {
        switch self {
        case .start: 0
        case .middle: 0.5
        case .end: 1
        }
    }
}

public enum VerticalAnchor: Sendable, Equatable {
    case top, middle, bottom

    /// Where the anchor lies across the text's box: 0, 0.5 or 1.
    public var fraction: Double {
        switch self {
        case .top: 0
        case .middle: 0.5
        case .bottom: 1
        }
    }
}

/// A piece of text placed by an anchor point: the text's box (of `size`, measured by the renderer's own text
/// engine) is positioned so that its anchor lies on `position`, then rotated about `position`.
public struct TextItem: Sendable, Equatable {
    public var text: String
    public var position: Point
    public var font: FontSpec
    public var color: Color
    public var horizontal: HorizontalAnchor
    public var vertical: VerticalAnchor
    /// Degrees, clockwise on screen; 0 or -90 (reading upwards) in practice.
    public var rotation: Double
    public var size: Size
    /// What the text is, for tests and accessibility (`title`, `tick`, `category`, `legend`, `annotation`, ...).
    public var role: String

    /// The axis-aligned box the rotated text covers.
    public var bounds: Rect {
        let left = -horizontal.fraction * size.width
        let top = -vertical.fraction * size.height
        let corners = [(left, top), (left + size.width, top), (left, top + size.height),
                       (left + size.width, top + size.height)]
        let radians = rotation * Double.pi / 180
        let c = rotation == 0 ? 1 : (rotation == -90 || rotation == 90 ? 0 : Double.cos(radians))
        let s = rotation == 0 ? 0 : (rotation == -90 ? -1 : (rotation == 90 ? 1 : Double.sin(radians)))
        let xs = corners.map { position.x + $0.0 * c - $0.1 * s }
        let ys = corners.map { position.y + $0.0 * s + $0.1 * c }
        return Rect(x: xs.min()!, y: ys.min()!, width: xs.max()! - xs.min()!, height: ys.max()! - ys.min()!)
    }
}

/// What to draw, in order, with no knowledge of how: one list serves PNG, SVG and PDF.
public enum Primitive: Sendable, Equatable {
    /// A rectangle; `hatch` draws thin diagonal lines of the stroke colour over the fill.
    case rect(Rect, fill: Color?, stroke: Color?, lineWidth: Double, hatch: Bool, role: String)
    /// A polyline; `dash` lengths alternate on and off (empty: solid).
    case line([Point], color: Color, width: Double, dash: [Double], role: String)
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
        primitives.compactMap { if case let .text(item) = $0 { return item } else { return nil } }
    }

    /// Rectangles with the given role (`bar`, `error-bar`, ...).
    public func rects(role: String) -> [Rect] {
        primitives.compactMap { primitive in
            if case let .rect(rect, _, _, _, _, r) = primitive, r == role { return rect }
            return nil
        }
    }

    public func lines(role: String) -> [[Point]] {
        primitives.compactMap { primitive in
            if case let .line(points, _, _, _, r) = primitive, r == role { return points }
            return nil
        }
    }
}

/// Measures text with the engine that will draw it (Pango, in the Cairo backend).
public protocol TextMeasurer {
    /// The logical size of `text` set in `font`, in chart units.
    func size(of text: String, font: FontSpec) -> Size
}

