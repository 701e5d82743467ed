/// Every visual constant of a chart: colours, fonts, sizes, line widths and spacing. Light, dark and print themes
/// are values of this type, not branches in the drawing code.
public struct Theme: Sendable, Equatable {
    public var name: String
    public var background: Color
    public var text: Color
    public var mutedText: Color
    public var grid: Color
    public var axis: Color
    public var errorBar: Color
    public var fontFamily: String
    public var titleSize: Double
    public var subtitleSize: Double
    public var labelSize: Double
    public var tickSize: Double
    public var captionSize: Double
    public var annotationSize: Double
    public var margin: Double
    public var gap: Double
    /// Line widths in chart units: grid and axis lines; whiskers and the outline of a distribution's box; the
    /// median line.
    public var gridLineWidth: Double
    public var errorBarWidth: Double
    public var medianLineWidth: Double
    /// How opaque hatching stripes are over their fill.
    public var hatchOpacity: Double
    /// Colours by meaning, the same in every chart of a report (Okabe and Ito's palette, safe for colour-blind
    /// readers): AES-NI off and on, and read and write.
    public var withoutAESNI: Color
    public var withAESNI: Color
    public var read: Color
    public var write: Color
    /// Extra series colours (several runs of one state, or block-size series), in order.
    public var extra: [Color]

    /// Okabe-Ito: orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple.
    public static let okabeIto: [Color] = [0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7]
        .map { Color(hex: $0) }

    public static let light = Theme(
        name: "light", background: Color(hex: 0xFFFFFF), text: Color(hex: 0x1A1A1A), mutedText: Color(hex: 0x6B6B6B),
        grid: Color(hex: 0xE3E3E3), axis: Color(hex: 0x4D4D4D), errorBar: Color(hex: 0x1A1A1A),
        fontFamily: "DejaVu Sans", titleSize: 17, subtitleSize: 12, labelSize: 12, tickSize: 11, captionSize: 10.5,
        annotationSize: 11, margin: 18, gap: 8, gridLineWidth: 1, errorBarWidth: 1.2, medianLineWidth: 2,
        hatchOpacity: 0.75, withoutAESNI: Color(hex: 0xE69F00), withAESNI: Color(hex: 0x0072B2),
        read: Color(hex: 0x009E73), write: Color(hex: 0xCC79A7),
        extra: [0x56B4E9, 0xD55E00, 0x009E73, 0xCC79A7, 0xF0E442, 0x999999].map { Color(hex: $0) })

    /// The light theme's fonts, sizes and spacing with dark colours; AES-NI on is sky blue, which reads better than
    /// blue on a dark background (and trades places with it among the extra colours).
    public static let dark: Theme = {
        var theme = light
        theme.name = "dark"
        theme.background = Color(hex: 0x17191C)
        theme.text = Color(hex: 0xECECEC)
        theme.mutedText = Color(hex: 0xA0A0A0)
        theme.grid = Color(hex: 0x33373D)
        theme.axis = Color(hex: 0xB5B5B5)
        theme.errorBar = Color(hex: 0xF2F2F2)
        theme.withAESNI = Color(hex: 0x56B4E9)
        theme.extra[0] = Color(hex: 0x0072B2)
        return theme
    }()

    /// The theme called `name` (`light`, `dark`), or nil.
    public static func named(_ name: String) -> Theme? {
        switch name {
        case "light": light
        case "dark": dark
        default: nil
        }
    }

    func font(_ size: Double, bold: Bool = false) -> FontSpec {
        FontSpec(family: fontFamily, size: size, bold: bold)
    }

    /// Tick labels' font, and axis titles' (category labels use it too).
    var tickFont: FontSpec { font(tickSize) }
    var axisTitleFont: FontSpec { font(labelSize) }

    /// A fill of `color`, hatched with stripes of `stripes` when given.
    func paint(_ color: Color, hatchedWith stripes: Color?) -> Paint {
        Paint(fill: color, hatch: stripes?.withAlpha(hatchOpacity))
    }

    /// The grid line at a tick, or the axis line at zero.
    func gridLine(atZero: Bool) -> Stroke {
        Stroke(atZero ? axis : grid, width: gridLineWidth)
    }

    var errorBarLine: Stroke { Stroke(errorBar, width: errorBarWidth) }
}
