/// Lays out a `GroupedBarChart`: nice value axis from zero, groups of bars with interval whiskers, the gain over each
/// group, category labels that never overlap (shared prefixes and suffixes are moved to the axis title, then labels
/// turn vertical if they still do not fit, are cut with `…` beyond a third of the chart's height, and only every
/// k-th is shown when even vertical labels are taller than a group is wide; gains turn vertical the same way and
/// are left out, with a note in the caption, when they cannot fit: the speedup chart shows them).
public enum GroupedBarLayout {
    public static func layout(_ chart: GroupedBarChart, theme: Theme, measurer: TextMeasurer,
                              size: ChartSize = ChartSize()) -> Drawing {
        let legend = chart.series.map { LegendEntry(name: $0.name, color: $0.color, hatched: $0.hatched) }
        let frame = ChartFrame(title: chart.title, subtitle: chart.subtitle, caption: chart.fullCaption, legend: legend,
                               theme: theme, measurer: measurer, size: size)
        var primitives = frame.primitives

        // Value scale in display units.
        let highest = chart.axisHighest
        let unit = chart.throughput ? ThroughputUnit.forMaximum(highest) : ThroughputUnit(name: "", bytesPerUnit: 1)
        let axisTitle = chart.valueAxisTitle + (unit.name.isEmpty ? "" : " (\(unit.name))")
        func valueAxis(maxTicks: Int) -> ValueAxis {
            ValueAxis(scale: NiceScale(low: 0, high: highest / unit.bytesPerUnit, maxTicks: maxTicks), title: axisTitle,
                      direction: .up, theme: theme, measurer: measurer)
        }
        var axis = valueAxis(maxTicks: 8)
        let plotLeft = axis.plotLeft(theme: theme)
        let plotRight = size.width - theme.margin
        let groupWidth = (plotRight - plotLeft) / Double(max(1, chart.categories.count))

        let categories = CategoryAxis(chart, groupWidth: groupWidth, size: size, theme: theme, measurer: measurer)
        let plotBottom = frame.bottom - (categories.title.text.isEmpty ? 0 : categories.title.size.height + 4)
            - categories.band - 6
        let annotations = Annotations(chart.annotations, groupWidth: groupWidth, mayTurn: chart.annotationsMayTurn,
                                      theme: theme, measurer: measurer)
        let plotTop = frame.top + max(annotations.height, axis.tickHeight / 2 + 2)
        // Fewer ticks where the plot is short, so their labels never touch.
        let roomForTicks = Int(((plotBottom - plotTop) / (axis.tickHeight + 4)).rounded(.down)) + 1
        if axis.scale.ticks.count > roomForTicks {
            axis = valueAxis(maxTicks: max(2, roomForTicks - 1))
        }
        let plot = PlotArea(left: plotLeft, right: plotRight, top: plotTop, bottom: plotBottom)
        func y(_ value: Double) -> Double { axis.position(value, in: plot) }
        primitives += axis.primitives(in: plot, theme: theme)

        // Bars, whiskers, annotations, labels.
        let barCount = Double(max(1, chart.series.count))
        // Bars no wider than `maximumBarWidth`: one cipher must not fill the plot with two slabs.
        let barWidth = min(groupWidth * (chart.series.count > 2 ? 0.84 : 0.7) / barCount, maximumBarWidth)
        let inner = barWidth * barCount
        for index in chart.categories.indices {
            let groupLeft = plotLeft + Double(index) * groupWidth
            let centre = groupLeft + groupWidth / 2
            var groupTop = plotBottom
            for (s, series) in chart.series.enumerated() {
                guard index < series.values.count, let value = series.values[index] else { continue }
                let x = centre - inner / 2 + Double(s) * barWidth
                let top = y(value / unit.bytesPerUnit)
                let rect = Rect(x: x + 0.5, y: top, width: max(1, barWidth - 1), height: plotBottom - top)
                primitives.append(.rect(rect, theme.paint(series.color, hatchedWith: series.hatched ? theme.background : nil),
                                        .bar))
                groupTop = min(groupTop, top)
                if index < series.intervals.count, let interval = series.intervals[index] {
                    let high = y(interval.upperBound / unit.bytesPerUnit)
                    primitives += Whisker.primitives(from: y(interval.lowerBound / unit.bytesPerUnit), to: high,
                                                     at: x + barWidth / 2, cap: min(8, barWidth * 0.4), direction: .up,
                                                     within: .spanning(plot.top, plot.bottom), theme: theme)
                    groupTop = min(groupTop, max(high, plot.top))
                }
            }
            if let annotation = annotations.item(index, centre: centre, groupTop: groupTop, theme: theme) {
                primitives.append(.text(annotation))
            }
            if let label = categories.item(index, centre: centre, plotBottom: plotBottom, theme: theme) {
                primitives.append(.text(label))
            }
        }
        if let title = categories.titleItem(centre: (plotLeft + plotRight) / 2, plotBottom: plotBottom, theme: theme) {
            primitives.append(.text(title))
        }
        return Drawing(width: size.width, height: size.height, background: theme.background, primitives: primitives,
                       title: chart.title, description: chart.subtitle.isEmpty ? chart.fullCaption
                           : chart.subtitle + ". " + chart.fullCaption)
    }

    /// The widest a bar gets, in chart units.
    public static let maximumBarWidth = 56.0
}

/// The category labels under the groups: as given, else without shared affixes (the pattern joins the axis title),
/// else vertical, cut beyond a third of the chart's height, and only every k-th where even vertical labels are
/// taller than a group is wide.
private struct CategoryAxis {
    /// One per category; empty where left out.
    var labels: [MeasuredText]
    var vertical: Bool
    var title: MeasuredText
    /// How far the labels reach below the plot.
    var band: Double
    let font: FontSpec

    init(_ chart: GroupedBarChart, groupWidth: Double, size: ChartSize, theme: Theme, measurer: TextMeasurer) {
        let font = theme.font(theme.labelSize)
        self.font = font
        var texts = chart.categories
        var title = chart.categoryAxisTitle
        func fits(_ labels: [String]) -> Bool {
            labels.allSatisfy { measurer.size(of: $0, font: font).width <= groupWidth - 6 }
        }
        if !fits(texts), let (stripped, pattern) = CategoryLabels.strippingSharedAffixes(texts) {
            texts = stripped
            title += title.isEmpty ? pattern : " (\(pattern))"
        }
        vertical = !fits(texts)
        if vertical {
            // A vertical label longer than a third of the chart would leave no room for the bars.
            let longest = (size.height / 3).rounded(.down)
            texts = texts.map { CategoryLabels.cut($0, toWidth: longest, font: font, measurer: measurer) }
        }
        labels = texts.map { MeasuredText($0, font: font, measurer: measurer) }
        // Even vertical labels are too many when each is taller than its group is wide: every `step`-th is shown
        // (the first, then every step), so no two touch.
        let thickness = labels.map(\.size.height).max() ?? 0
        let step = vertical ? max(1, Int(((thickness + 2) / max(groupWidth, 0.001)).rounded(.up))) : 1
        if step > 1 {
            for index in labels.indices where index % step != 0 { labels[index] = MeasuredText() }
        }
        band = vertical ? (labels.map(\.size.width).max() ?? 0) : (labels.map(\.size.height).max() ?? 0)
        self.title = MeasuredText(title, font: font, measurer: measurer)
    }

    /// The label under the group at `index`, or nil where it is left out.
    func item(_ index: Int, centre: Double, plotBottom: Double, theme: Theme) -> TextItem? {
        guard !labels[index].text.isEmpty else { return nil }
        return TextItem(labels[index], at: Point(centre, plotBottom + 6), font: font, color: theme.text,
                        horizontal: vertical ? .end : .middle, vertical: vertical ? .middle : .top,
                        rotation: vertical ? -90 : 0, role: .category)
    }

    /// The axis title under the labels, or nil when there is none.
    func titleItem(centre: Double, plotBottom: Double, theme: Theme) -> TextItem? {
        guard !title.text.isEmpty else { return nil }
        return TextItem(title, at: Point(centre, plotBottom + 6 + band + 4), font: font, color: theme.mutedText,
                        horizontal: .middle, vertical: .top, role: .axisTitle)
    }
}

/// The gains above the groups: level while they fit in a group, vertical while their height does, else left out
/// (the speedup chart and the tables have them).
private struct Annotations {
    enum Mode {
        case level, vertical, none
    }

    /// One per category, measured; nil where there is none.
    let gains: [(annotation: GroupAnnotation, text: MeasuredText)?]
    let mode: Mode
    /// The room they take above the highest bar.
    let height: Double
    let font: FontSpec

    init(_ annotations: [GroupAnnotation?], groupWidth: Double, mayTurn: Bool, theme: Theme, measurer: TextMeasurer) {
        let font = theme.font(theme.annotationSize, bold: true)
        let gains = annotations.map { $0.map { (annotation: $0, text: MeasuredText($0.text, font: font, measurer: measurer)) } }
        let widest = gains.compactMap { $0?.text.size.width }.max() ?? 0
        let thickness = gains.compactMap { $0?.text.size.height }.max() ?? 0
        let mode: Mode = gains.allSatisfy({ $0 == nil }) ? .none
            : widest <= groupWidth - 2 ? .level
            : mayTurn && thickness <= groupWidth - 2 ? .vertical : .none
        self.gains = gains
        self.mode = mode
        self.font = font
        height = mode == .none ? 0 : (mode == .level ? thickness : widest) + 4
    }

    /// The gain over the group at `index`, just above its highest bar or whisker, or nil.
    func item(_ index: Int, centre: Double, groupTop: Double, theme: Theme) -> TextItem? {
        guard mode != .none, index < gains.count, let (annotation, text) = gains[index] else { return nil }
        let vertical = mode == .vertical
        return TextItem(text, at: Point(centre, groupTop - 3), font: font,
                        color: annotation.muted ? theme.mutedText : theme.text, horizontal: vertical ? .start : .middle,
                        vertical: vertical ? .middle : .bottom, rotation: vertical ? -90 : 0, role: .annotation)
    }
}
