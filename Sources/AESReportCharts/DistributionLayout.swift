/// Lays out a `DistributionChart`: a value axis with a grid, and per category a histogram of the values mirrored
/// about the category's centre (its widest bin as wide as most of the category), the quartile box, the median line
/// and the highlighted values as dots.
public enum DistributionLayout {
    /// Histogram bins per step between two ticks: bins are centred on the ticks and on even fractions of a step.
    static let binsPerStep = 5.0

    public static func layout(_ chart: DistributionChart, theme: Theme, measurer: TextMeasurer,
                              size: ChartSize = ChartSize()) -> Drawing {
        let frame = ChartFrame(title: chart.title, subtitle: chart.subtitle, caption: chart.caption,
                               legend: [], theme: theme, measurer: measurer, size: size)
        var primitives = frame.primitives
        let all = chart.columns.flatMap(\.values)
        let axis = ValueAxis(scale: NiceScale(low: all.min() ?? 0, high: all.max() ?? 1, maxTicks: 8), suffix: "%",
                             title: chart.valueAxisTitle, direction: .up, theme: theme, measurer: measurer)
        let scale = axis.scale
        let categoryFont = theme.font(theme.labelSize)
        let labelHeight = chart.categories.map { measurer.size(of: $0, font: categoryFont).height }.max() ?? 0
        let plot = PlotArea(left: axis.plotLeft(theme: theme), right: size.width - theme.margin,
                            top: frame.top + axis.tickHeight / 2 + 2, bottom: frame.bottom - labelHeight - 6)
        func y(_ v: Double) -> Double { axis.position(v, in: plot) }
        primitives += axis.primitives(in: plot, theme: theme)

        let groupWidth = (plot.right - plot.left) / Double(max(1, chart.categories.count))
        let binHeight = scale.step / binsPerStep
        let bins = Int(min(1000, max(0, ((scale.maximum - scale.minimum) / binHeight).rounded())))
        let binPaint = Paint(fill: chart.color.withAlpha(0.55))
        for (index, column) in chart.columns.enumerated() {
            let centre = plot.left + (Double(index) + 0.5) * groupWidth
            // Bins centred on multiples of `binHeight` from the axis' minimum (a tick), so a band sits on its values,
            // not up to a bin above them; the gap between bands is taken evenly from both edges.
            var counts = Array(repeating: 0, count: bins + 1)
            for value in column.values where value.isFinite {
                let bin = ((value - scale.minimum) / binHeight).rounded()
                counts[bin.isNaN ? 0 : Int(min(Double(bins), max(0, bin)))] += 1
            }
            let most = Double(counts.max() ?? 1)
            for (bin, count) in counts.enumerated() where count > 0 {
                let width = Double(count) / most * groupWidth * 0.8
                let top = y(scale.minimum + (Double(bin) + 0.5) * binHeight)
                let bottom = y(scale.minimum + (Double(bin) - 0.5) * binHeight)
                primitives.append(.rect(Rect(x: centre - width / 2, y: top + 0.25, width: width,
                                             height: max(0.5, bottom - top - 0.5)), binPaint, .bin))
            }
            let boxTop = y(column.upperQuartile)
            primitives.append(.rect(Rect(x: centre - 7, y: boxTop, width: 14, height: max(1, y(column.lowerQuartile) - boxTop)),
                                    Paint(outline: Stroke(theme.text, width: theme.errorBarWidth)), .box))
            primitives.append(.line([Point(centre - 11, y(column.median)), Point(centre + 11, y(column.median))],
                                    Stroke(theme.text, width: theme.medianLineWidth), .median))
            for value in column.highlighted {
                primitives.append(.rect(Rect(x: centre - 2.5, y: y(value) - 2.5, width: 5, height: 5),
                                        Paint(fill: chart.highlightColor), .highlight))
            }
            primitives.append(.text(TextItem(chart.categories[index], at: Point(centre, plot.bottom + 6),
                                             font: categoryFont, color: theme.text, horizontal: .middle, vertical: .top,
                                             role: .category, measurer: measurer)))
        }
        return Drawing(width: size.width, height: size.height, background: theme.background, primitives: primitives,
                       title: chart.title, description: chart.subtitle + ". " + chart.caption)
    }
}
