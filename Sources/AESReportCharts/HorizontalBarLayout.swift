/// Lays out a `HorizontalBarChart`: one band per category, one bar per series, interval whiskers, the value at the
/// end of each bar, a reference line at zero. Not significant bars are drawn pale and marked `~`. Labels never
/// overlap: category labels are cut with `…` beyond a third of the width, and only every k-th is shown when the
/// bands are thinner than a line of text; values at the bars' ends are left out when a bar is thinner than them.
public enum HorizontalBarLayout {
    public static func layout(_ chart: HorizontalBarChart, theme: Theme, measurer: TextMeasurer,
                              size: ChartSize = ChartSize()) -> Drawing {
        let frame = ChartFrame(title: chart.title, subtitle: chart.subtitle, caption: chart.caption,
                               legend: chart.series.map { LegendEntry(name: $0.name, color: $0.color, hatched: $0.hatched) },
                               theme: theme, measurer: measurer, size: size)
        var primitives = frame.primitives
        let m = theme.margin
        let bars = chart.series.flatMap { $0.bars.compactMap { $0 } }
        let low = bars.map { min($0.value, $0.interval?.lowerBound ?? $0.value) }.min() ?? 0
        let high = bars.map { max($0.value, $0.interval?.upperBound ?? $0.value) }.max() ?? 0
        let axis = ValueAxis(scale: NiceScale(low: low, high: high, maxTicks: 6), suffix: "%", title: chart.valueAxisTitle,
                             direction: .right, theme: theme, measurer: measurer)
        // Hatching that tells series apart (a comparison's second host) is not also used for untested bars: those
        // stay pale and keep their `n/a` label.
        let seriesHatched = chart.series.contains(where: \.hatched)
        let categoryFont = theme.font(theme.labelSize)
        var categories = chart.categories.map {
            CategoryLabels.cut($0, toWidth: (size.width / 3).rounded(.down), font: categoryFont, measurer: measurer)
        }
        let labelWidth = categories.map { measurer.size(of: $0, font: categoryFont).width }.max() ?? 0
        let valueFont = theme.font(theme.annotationSize, bold: true)
        let valueWidth = bars.map { measurer.size(of: $0.label, font: valueFont).width }.max() ?? 0
        // A negative gain's label sits left of its bar: room for it left of the plot's zero.
        let negative = bars.contains { $0.value < 0 }
        let plotLeft = m + labelWidth + 10 + (negative ? valueWidth + 4 : 0)
        let plotRight = size.width - m - valueWidth - 8
        let plotTop = frame.top
        let plotBottom = axis.plotBottom(above: frame.bottom)
        let plot = PlotArea(left: plotLeft, right: plotRight, top: plotTop, bottom: plotBottom)
        func x(_ value: Double) -> Double { axis.position(value, in: plot) }
        primitives += axis.primitives(in: plot, theme: theme)

        let band = (plotBottom - plotTop) / Double(max(1, chart.categories.count))
        // Bars no thicker than `maximumBarHeight`: one cipher must not fill the plot with two slabs.
        let barHeight = min(band * 0.72 / Double(max(1, chart.series.count)), maximumBarHeight)
        let inner = barHeight * Double(max(1, chart.series.count))
        // Every `labelStep`-th category is named when a line of text is taller than a band.
        let labelHeight = categories.map { measurer.size(of: $0, font: categoryFont).height }.max() ?? 0
        let labelStep = max(1, Int(((labelHeight + 1) / max(band, 0.001)).rounded(.up)))
        for index in categories.indices where index % labelStep != 0 { categories[index] = "" }
        let valueHeight = bars.map { measurer.size(of: $0.label, font: valueFont).height }.max() ?? 0
        let showValues = valueHeight <= barHeight
        for (index, category) in categories.enumerated() {
            let bandTop = plotTop + Double(index) * band
            let centre = bandTop + band / 2
            if !category.isEmpty {
                primitives.append(.text(TextItem(category, at: Point(m + labelWidth, centre), font: categoryFont,
                                                 color: theme.text, horizontal: .end, vertical: .middle, role: .category,
                                                 measurer: measurer)))
            }
            for (s, series) in chart.series.enumerated() {
                guard index < series.bars.count, let bar = series.bars[index] else { continue }
                let top = centre - inner / 2 + Double(s) * barHeight
                let x0 = x(0)
                let x1 = x(bar.value)
                let color = bar.muted ? series.color.withAlpha(0.4) : series.color
                primitives.append(.rect(Rect(x: min(x0, x1), y: top + 0.5, width: abs(x1 - x0),
                                             height: max(1, barHeight - 1)),
                                        theme.paint(color, hatchedWith: series.hatched ? theme.background
                                                        : bar.untested && !seriesHatched ? series.color : nil), .bar))
                // The value goes beyond the bar's end, and beyond its whisker on that side, so nothing crosses it.
                let leftward = bar.value < 0
                var end = leftward ? min(x0, x1) : max(x0, x1)
                if let interval = bar.interval {
                    let whiskerEnd = x(leftward ? interval.lowerBound : interval.upperBound)
                    end = leftward ? min(end, whiskerEnd) : max(end, whiskerEnd)
                    primitives += Whisker.primitives(from: x(interval.lowerBound), to: x(interval.upperBound),
                                                     at: top + barHeight / 2, cap: min(8, barHeight * 0.5),
                                                     direction: .right, within: .spanning(plotLeft, plotRight), theme: theme)
                }
                guard showValues else { continue }
                primitives.append(.text(TextItem(bar.label, at: Point(end + (leftward ? -4 : 4), top + barHeight / 2),
                                                 font: valueFont, color: bar.muted ? theme.mutedText : theme.text,
                                                 horizontal: leftward ? .end : .start, vertical: .middle,
                                                 role: .annotation, measurer: measurer)))
            }
        }
        return Drawing(width: size.width, height: size.height, background: theme.background, primitives: primitives,
                       title: chart.title, description: chart.subtitle + ". " + chart.caption)
    }

    /// The thickest a bar gets, in chart units.
    public static let maximumBarHeight = 28.0
}
