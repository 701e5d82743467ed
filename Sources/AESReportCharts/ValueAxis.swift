import AESReportModel

/// The plot's edges in chart units: where bars, grid lines and whiskers go, inside the frame and the axes' labels.
struct PlotArea {
    var left: Double
    var right: Double
    var top: Double
    var bottom: Double
}

/// The direction values run in: up the plot (bar and distribution charts, axis on the left) or across it to the
/// right (the gain chart, axis along the bottom).
enum ValueDirection {
    case up, right

    /// The point at `value` (a position along the values' direction) and `across` (a position across it).
    func point(along value: Double, across: Double) -> Point {
        self == .up ? Point(across, value) : Point(value, across)
    }
}

/// The value axis of a chart, one piece for every layout: a grid line across the plot at each nice tick (the line at
/// zero in the axis colour), the tick labels outside the plot, and the axis title beyond them.
struct ValueAxis {
    /// A tick's value and its measured label.
    struct Tick {
        var value: Double
        var label: MeasuredText
    }

    let scale: NiceScale
    let direction: ValueDirection
    let ticks: [Tick]
    let title: MeasuredText
    /// The height of a line of tick labels.
    let tickHeight: Double

    /// `suffix` follows every tick label (`%`); the title is set in the label font.
    init(scale: NiceScale, suffix: String = "", title: String, direction: ValueDirection, theme: Theme,
         measurer: TextMeasurer) {
        let tickFont = theme.tickFont
        self.scale = scale
        self.direction = direction
        ticks = scale.ticks.map { value in
            Tick(value: value, label: MeasuredText(tickText(value, decimals: scale.decimals, suffix: suffix),
                                                   font: tickFont, measurer: measurer))
        }
        self.title = MeasuredText(title, font: theme.axisTitleFont, measurer: measurer)
        tickHeight = measurer.size(of: "0" + suffix, font: tickFont).height
    }

    /// The widest tick label.
    var widestLabel: Double { ticks.map(\.label.size.width).max() ?? 0 }

    /// For values running up: the plot's left edge, right of the margin, the rotated title and the tick labels.
    func plotLeft(theme: Theme) -> Double {
        theme.margin + title.size.height + theme.gap + widestLabel + 6
    }

    /// For values running right: the plot's bottom edge, above the tick labels and the title, which end at `bottom`.
    func plotBottom(above bottom: Double) -> Double {
        bottom - title.size.height - tickHeight - 10
    }

    /// Where `value` lies in `plot` along the values' direction.
    func position(_ value: Double, in plot: PlotArea) -> Double {
        direction == .up ? scale.position(value, from: plot.bottom, to: plot.top)
            : scale.position(value, from: plot.left, to: plot.right)
    }

    /// Grid lines and tick labels, tick by tick, then the title.
    func primitives(in plot: PlotArea, theme: Theme) -> [Primitive] {
        var primitives: [Primitive] = []
        primitives.reserveCapacity(2 * ticks.count + 1)
        let up = direction == .up
        // Grid lines run across the plot; labels sit outside it, left of a rising axis or under one running right.
        let (gridStart, gridEnd) = up ? (plot.left, plot.right) : (plot.top, plot.bottom)
        let labelsAt = up ? plot.left - 6 : plot.bottom + 4
        for tick in ticks {
            let at = position(tick.value, in: plot)
            let atZero = tick.value == 0
            primitives.append(.line([direction.point(along: at, across: gridStart),
                                     direction.point(along: at, across: gridEnd)],
                                    theme.gridLine(atZero: atZero), atZero ? .axis : .grid))
            primitives.append(.text(TextItem(tick.label, at: direction.point(along: at, across: labelsAt),
                                             font: theme.tickFont, color: theme.mutedText,
                                             horizontal: up ? .end : .middle, vertical: up ? .middle : .top,
                                             role: .tick)))
        }
        let titlePosition = up ? Point(theme.margin, (plot.top + plot.bottom) / 2)
            : Point((plot.left + plot.right) / 2, plot.bottom + 6 + tickHeight)
        primitives.append(.text(TextItem(title, at: titlePosition, font: theme.axisTitleFont, color: theme.text,
                                         horizontal: .middle, vertical: .top, rotation: up ? -90 : 0, role: .axisTitle)))
        return primitives
    }
}

/// An interval drawn as a whisker (error bar): a line along the values' direction with a cap across each end. An end
/// beyond the plot is clipped at the plot's edge and drawn as an arrow pointing on (`Role.clipMark`) instead of a cap.
enum Whisker {
    /// `low` and `high`: the interval's ends as positions along `direction`; `centre`: the bar's middle across it;
    /// `cap`: the length of the caps; `limits`: the plot's extent along `direction`. The line first, then the cap
    /// (or arrow) at `low`, then at `high`.
    static func primitives(from low: Double, to high: Double, at centre: Double, cap: Double,
                           direction: ValueDirection, within limits: ClosedRange<Double>, theme: Theme) -> [Primitive] {
        let stroke = theme.errorBarLine
        let ends = [low, high].map { min(max($0, limits.lowerBound), limits.upperBound) }
        var primitives: [Primitive] = [
            .line([direction.point(along: ends[0], across: centre), direction.point(along: ends[1], across: centre)],
                  stroke, .errorBar),
        ]
        for (end, wanted) in zip(ends, [low, high]) {
            if end == wanted {
                primitives.append(.line([direction.point(along: end, across: centre - cap / 2),
                                         direction.point(along: end, across: centre + cap / 2)], stroke, .errorBar))
            } else {
                // An arrow head at the edge, pointing the way the interval goes on.
                let back = wanted > end ? -6.0 : 6.0
                primitives.append(.line([direction.point(along: end + back, across: centre - 4),
                                         direction.point(along: end, across: centre),
                                         direction.point(along: end + back, across: centre + 4)],
                                        Stroke(theme.errorBar, width: theme.errorBarWidth * 1.5), .clipMark))
            }
        }
        return primitives
    }
}

/// Formats an axis tick: `2.5`, `10`, `-20%`.
func tickText(_ value: Double, decimals: Int, suffix: String = "") -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    // Beyond what an `Int` holds exactly (a scale of figures that slipped past the checks): the exponent form,
    // never a trapping conversion.
    guard rounded.isFinite, abs(rounded) < 1e15 else {
        return ThroughputFormat.significant(value, digits: 3) + suffix
    }
    var text: String
    if decimals == 0 {
        text = String(Int(rounded))
    } else {
        let integer = Int(abs(rounded))
        let fraction = Int((abs(rounded) - Double(integer)) * scale + 0.5)
        let digits = String(fraction)
        text = (rounded < 0 ? "-" : "") + "\(integer)." + String(repeating: "0", count: decimals - digits.count) + digits
    }
    if text == "-0" { text = "0" }
    return text + suffix
}
