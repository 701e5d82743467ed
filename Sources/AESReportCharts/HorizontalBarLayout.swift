/// Lays out a `HorizontalBarChart`: one band per category, one bar per series, interval whiskers, the value at the
/// end of each bar, a reference line at zero. Not significant bars are drawn pale and marked `~`. Labels never
/// overlap: category labels are cut with `…` beyond a third of the width, and only every k-th is shown when the
/// bands are thinner than a line of text; values at the bars' ends are left out when a bar is thinner than them.
public enum HorizontalBarLayout {
    public static func layout(_ chart: HorizontalBarChart, theme: Theme, measurer: TextMeasurer,
                              size: ChartSize = ChartSize()) -> Drawing {
        let frame = ChartFrame(title: chart.title, subtitle: chart.subtitle, caption: chart.caption,
                               legend: chart.series.map { ($0.name, $0.color, false) }, theme: theme, measurer: measurer,
                               size: size)
        var primitives = frame.primitives
        let m = theme.margin
        let bars = chart.series.flatMap { $0.bars.compactMap { $0 } }
        let low = bars.map { min($0.value, $0.interval?.lowerBound ?? $0.value) }.min() ?? 0
        let high = bars.map { max($0.value, $0.interval?.upperBound ?? $0.value) }.max() ?? 0
        let scale = NiceScale(low: low, high: high, maxTicks: 6)
        let categoryFont = theme.font(theme.labelSize)
        var categories = chart.categories.map {
            CategoryLabels.cut($0, toWidth: (size.width / 3).rounded(.down), font: categoryFont, measurer: measurer)
        }
        let labelWidth = categories.map { measurer.size(of: $0, font: categoryFont).width }.max() ?? 0
        let valueFont = theme.font(theme.annotationSize, bold: true)
        let valueWidth = bars.map { measurer.size(of: $0.label, font: valueFont).width }.max() ?? 0
        let plotLeft = m + labelWidth + 10
        let plotRight = size.width - m - valueWidth - 8
        let tickFont = theme.font(theme.tickSize)
        let axisFont = theme.font(theme.labelSize)
        let axisTitleSize = measurer.size(of: chart.valueAxisTitle, font: axisFont)
        let tickHeight = measurer.size(of: "0%", font: tickFont).height
        let plotTop = frame.top
        let plotBottom = frame.bottom - axisTitleSize.height - tickHeight - 10
        func x(_ value: Double) -> Double { scale.position(value, from: plotLeft, to: plotRight) }

        for tick in scale.ticks {
            let tx = x(tick)
            primitives.append(.line([Point(tx, plotTop), Point(tx, plotBottom)], color: tick == 0 ? theme.axis : theme.grid,
                                    width: 1, dash: [], role: tick == 0 ? "axis" : "grid"))
            let label = tickText(tick, decimals: scale.decimals, suffix: "%")
            primitives.append(.text(TextItem(text: label, position: Point(tx, plotBottom + 4), font: tickFont,
                                             color: theme.mutedText, horizontal: .middle, vertical: .top, rotation: 0,
                                             size: measurer.size(of: label, font: tickFont), role: "tick")))
        }
        primitives.append(.text(TextItem(text: chart.valueAxisTitle,
                                         position: Point((plotLeft + plotRight) / 2, plotBottom + 6 + tickHeight),
                                         font: axisFont, color: theme.text, horizontal: .middle, vertical: .top,
                                         rotation: 0, size: axisTitleSize, role: "axis-title")))
        let band = (plotBottom - plotTop) / Double(max(1, chart.categories.count))
        let inner = band * 0.72
        let barHeight = inner / Double(max(1, chart.series.count))
        // Every `labelStep`-th category is named when a line of text is taller than a band.
        let labelHeight = categories.map { measurer.size(of: $0, font: categoryFont).height }.max() ?? 0
        let labelStep = max(1, Int(((labelHeight + 1) / max(band, 0.001)).rounded(.up)))
        for index in categories.indices where index % labelStep != 0 { categories[index] = "" }
        let valueHeight = bars.map { measurer.size(of: $0.label, font: valueFont).height }.max() ?? 0
        let showValues = valueHeight <= barHeight
        for (index, category) in categories.enumerated() {
            let bandTop = plotTop + Double(index) * band
            let centre = bandTop + band / 2
            if !category.isEmpty { primitives.append(.text(TextItem(text: category, position: Point(plotLeft - 10, centre), font: categoryFont,
                                             color: theme.text, horizontal: .end, vertical: .middle, rotation: 0,
                                             size: measurer.size(of: category, font: categoryFont), role: "category"))) }
            for (s, series) in chart.series.enumerated() {
                guard index < series.bars.count, let bar = series.bars[index] else { continue }
                let top = centre - inner / 2 + Double(s) * barHeight
                let x0 = x(0)
                let x1 = x(bar.value)
                let color = bar.muted ? series.color.withAlpha(0.4) : series.color
                primitives.append(.rect(Rect(x: min(x0, x1), y: top + 0.5, width: abs(x1 - x0),
                                             height: max(1, barHeight - 1)),
                                        fill: color, stroke: bar.untested ? series.color : nil,
                                        lineWidth: bar.untested ? 1 : 0, hatch: bar.untested, role: "bar"))
                var end = max(x0, x1)
                if let interval = bar.interval {
                    let cy = top + barHeight / 2
                    let cap = min(8, barHeight * 0.5)
                    let a = x(interval.lowerBound)
                    let b = x(interval.upperBound)
                    primitives.append(.line([Point(a, cy), Point(b, cy)], color: theme.errorBar, width: 1.2, dash: [],
                                            role: "error-bar"))
                    for cx in [a, b] {
                        primitives.append(.line([Point(cx, cy - cap / 2), Point(cx, cy + cap / 2)],
                                                color: theme.errorBar, width: 1.2, dash: [], role: "error-bar"))
                    }
                    end = max(end, b)
                }
                guard showValues else { continue }
                primitives.append(.text(TextItem(text: bar.label, position: Point(end + 4, top + barHeight / 2),
                                                 font: valueFont, color: bar.muted ? theme.mutedText : theme.text,
                                                 horizontal: .start, vertical: .middle, rotation: 0,
                                                 size: measurer.size(of: bar.label, font: valueFont), role: "annotation")))
            }
        }
        return Drawing(width: size.width, height: size.height, background: theme.background, primitives: primitives,
                       title: chart.title, description: chart.subtitle + ". " + chart.caption)
    }
}
