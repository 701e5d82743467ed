import RealModule

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

/// Which point of a text's box lies on its position, across: the start, the middle or the end.
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

/// Which point of a text's box lies on its position, down: the top, the middle or the bottom.
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
    /// What the text is (a title, a tick label, a category, ...), for tests and accessibility.
    public var role: Role

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


/// A text with its size as the measurer found it, so that a layout measures each text once.
struct MeasuredText {
    var text: String
    var size: Size

    init(_ text: String, font: FontSpec, measurer: TextMeasurer) {
        self.text = text
        size = measurer.size(of: text, font: font)
    }

    /// Nothing, taking no room: a label left out.
    init() {
        text = ""
        size = Size(width: 0, height: 0)
    }
}

extension TextItem {
    /// `text` at `position`, its box measured by `measurer` (the engine that will draw it).
    init(_ text: String, at position: Point, font: FontSpec, color: Color, horizontal: HorizontalAnchor,
         vertical: VerticalAnchor, rotation: Double = 0, role: Role, measurer: TextMeasurer) {
        self.init(MeasuredText(text, font: font, measurer: measurer), at: position, font: font, color: color,
                  horizontal: horizontal, vertical: vertical, rotation: rotation, role: role)
    }

    /// A text measured before (in `font`) at `position`.
    init(_ measured: MeasuredText, at position: Point, font: FontSpec, color: Color, horizontal: HorizontalAnchor,
         vertical: VerticalAnchor, rotation: Double = 0, role: Role) {
        self.init(text: measured.text, position: position, font: font, color: color, horizontal: horizontal,
                  vertical: vertical, rotation: rotation, size: measured.size, role: role)
    }
}

/// Measures text with the engine that will draw it (Pango, in the Cairo backend).
public protocol TextMeasurer {
    /// The logical size of `text` set in `font`, in chart units.
    func size(of text: String, font: FontSpec) -> Size
}
