/// Lays out a `GroupedBarChart`: nice value axis from zero, groups of bars with interval whiskers, the gain over each
/// group, category labels that never overlap (shared prefixes and suffixes are moved to the axis title, then labels
/// turn vertical if they still do not fit, are cut with `…` beyond a third of the chart's height, and only every
/// k-th is shown when even vertical labels are taller than a group is wide; gains turn vertical the same way and
/// are left out, with a note in the caption, when they cannot fit: the speedup chart shows them).
public enum GroupedBarLayout {
    public static func layout(_ chart: GroupedBarChart, theme: Theme, measurer: TextMeasurer,
                              size: ChartSize = ChartSize()) -> Drawing {
        let legend = chart.series.map { ($0.name, $0.color, $0.hatched) }
        var frame = ChartFrame(title: chart.title, subtitle: chart.subtitle, caption: chart.caption, legend: legend,
                               theme: theme, measurer: measurer, size: size)
        var primitives = frame.primitives
        let m = theme.margin

        // Value scale in display units.
        let highest = chart.series.flatMap { s in
            s.values.indices.map { i in max(s.values[i] ?? 0, (i < s.intervals.count ? s.intervals[i]?.upperBound : nil) ?? 0) }
        }.max() ?? 0
        let unit = chart.throughput ? ThroughputUnit.forMaximum(highest) : ThroughputUnit(name: "", bytesPerUnit: 1)
        var scale = NiceScale(low: 0, high: highest / unit.bytesPerUnit, maxTicks: 8)
        let tickFont = theme.font(theme.tickSize)
        let tickLabels = scale.ticks.map { tickText($0, decimals: scale.decimals) }
        let tickWidth = tickLabels.map { measurer.size(of: $0, font: tickFont).width }.max() ?? 0
        let axisFont = theme.font(theme.labelSize)
        let axisTitle = chart.valueAxisTitle + (unit.name.isEmpty ? "" : " (\(unit.name))")
        let axisTitleSize = measurer.size(of: axisTitle, font: axisFont)
        let plotLeft = m + axisTitleSize.height + theme.gap + tickWidth + 6
        let plotRight = size.width - m
        let groupWidth = (plotRight - plotLeft) / Double(max(1, chart.categories.count))

        // Category labels: as given, else without shared affixes, else vertical.
        let categoryFont = theme.font(theme.labelSize)
        var labels = chart.categories
        var categoryTitle = chart.categoryAxisTitle
        func fits(_ labels: [String]) -> Bool {
            labels.allSatisfy { measurer.size(of: $0, font: categoryFont).width <= groupWidth - 6 }
        }
        if !fits(labels), let (stripped, pattern) = CategoryLabels.strippingSharedAffixes(labels) {
            labels = stripped
            categoryTitle += categoryTitle.isEmpty ? pattern : " (\(pattern))"
        }
        let vertical = !fits(labels)
        if vertical {
            // A vertical label longer than a third of the chart would leave no room for the bars.
            let longest = (size.height / 3).rounded(.down)
            labels = labels.map { CategoryLabels.cut($0, toWidth: longest, font: categoryFont, measurer: measurer) }
        }
        var labelSizes = labels.map { measurer.size(of: $0, font: categoryFont) }
        // Even vertical labels are too many when each is taller than its group is wide: every `labelStep`-th is
        // shown (the first, then every step), so no two touch.
        let labelThickness = labelSizes.map(\.height).max() ?? 0
        let labelStep = vertical ? max(1, Int(((labelThickness + 2) / max(groupWidth, 0.001)).rounded(.up))) : 1
        if labelStep > 1 {
            for index in labels.indices where index % labelStep != 0 {
                labels[index] = ""
                labelSizes[index] = Size(width: 0, height: 0)
            }
        }
        let labelBand = vertical ? (labelSizes.map(\.width).max() ?? 0) : (labelSizes.map(\.height).max() ?? 0)
        let categoryTitleSize = measurer.size(of: categoryTitle, font: axisFont)
        let plotBottom = frame.bottom - (categoryTitle.isEmpty ? 0 : categoryTitleSize.height + 4) - labelBand - 6
        let annotationFont = theme.font(theme.annotationSize, bold: true)
        // Gains above the groups: level while they fit in a group, vertical while their height does, else left out
        // (the speedup chart and the tables have them).
        let annotationSizes = chart.annotations.map { $0.map { measurer.size(of: $0.text, font: annotationFont) } }
        let widestAnnotation = annotationSizes.compactMap { $0?.width }.max() ?? 0
        let annotationThickness = annotationSizes.compactMap { $0?.height }.max() ?? 0
        let annotationMode: AnnotationMode = annotationSizes.allSatisfy({ $0 == nil }) ? .none
            : widestAnnotation <= groupWidth - 2 ? .level
            : annotationThickness <= groupWidth - 2 ? .vertical : .none
        let annotationHeight = annotationMode == .none ? 0
            : (annotationMode == .level ? annotationThickness : widestAnnotation) + 4
        let halfTick = measurer.size(of: "0", font: theme.font(theme.tickSize)).height / 2 + 2
        let plotTop = frame.top + max(annotationHeight, halfTick)
        // Fewer ticks where the plot is short, so their labels never touch.
        let tickHeight = measurer.size(of: "0", font: tickFont).height
        let roomForTicks = Int(((plotBottom - plotTop) / (tickHeight + 4)).rounded(.down)) + 1
        if scale.ticks.count > roomForTicks {
            scale = NiceScale(low: 0, high: highest / unit.bytesPerUnit, maxTicks: max(2, roomForTicks - 1))
        }
        let tickLabelsShown = scale.ticks.map { tickText($0, decimals: scale.decimals) }
        func y(_ value: Double) -> Double { scale.position(value, from: plotBottom, to: plotTop) }

        // Grid and ticks.
        for (tick, label) in zip(scale.ticks, tickLabelsShown) {
            let ty = y(tick)
            primitives.append(.line([Point(plotLeft, ty), Point(plotRight, ty)], color: tick == 0 ? theme.axis : theme.grid,
                                    width: 1, dash: [], role: tick == 0 ? "axis" : "grid"))
            primitives.append(.text(TextItem(text: label, position: Point(plotLeft - 6, ty), font: tickFont,
                                             color: theme.mutedText, horizontal: .end, vertical: .middle, rotation: 0,
                                             size: measurer.size(of: label, font: tickFont), role: "tick")))
        }
        primitives.append(.text(TextItem(text: axisTitle, position: Point(m, (plotTop + plotBottom) / 2), font: axisFont,
                                         color: theme.text, horizontal: .middle, vertical: .top, rotation: -90,
                                         size: axisTitleSize, role: "axis-title")))

        // Bars, whiskers, annotations, labels.
        let barCount = Double(max(1, chart.series.count))
        let inner = groupWidth * (chart.series.count > 2 ? 0.84 : 0.7)
        let barWidth = inner / barCount
        for (index, _) in chart.categories.enumerated() {
            let groupLeft = plotLeft + Double(index) * groupWidth
            let centre = groupLeft + groupWidth / 2
            var groupTop = plotBottom
            for (s, series) in chart.series.enumerated() {
                guard index < series.values.count, let value = series.values[index] else { continue }
                let x = centre - inner / 2 + Double(s) * barWidth
                let top = y(value / unit.bytesPerUnit)
                let rect = Rect(x: x + 0.5, y: top, width: max(1, barWidth - 1), height: plotBottom - top)
                primitives.append(.rect(rect, fill: series.color, stroke: series.hatched ? theme.background : nil,
                                        lineWidth: 1, hatch: series.hatched, role: "bar"))
                groupTop = min(groupTop, top)
                if index < series.intervals.count, let interval = series.intervals[index] {
                    let low = y(interval.lowerBound / unit.bytesPerUnit)
                    let high = y(interval.upperBound / unit.bytesPerUnit)
                    let cx = x + barWidth / 2
                    let cap = min(8, barWidth * 0.4)
                    primitives.append(.line([Point(cx, low), Point(cx, high)], color: theme.errorBar, width: 1.2,
                                            dash: [], role: "error-bar"))
                    for capY in [low, high] {
                        primitives.append(.line([Point(cx - cap / 2, capY), Point(cx + cap / 2, capY)],
                                                color: theme.errorBar, width: 1.2, dash: [], role: "error-bar"))
                    }
                    groupTop = min(groupTop, high)
                }
            }
            if annotationMode != .none, index < chart.annotations.count, let annotation = chart.annotations[index] {
                let vertical = annotationMode == .vertical
                primitives.append(.text(TextItem(
                    text: annotation.text, position: Point(centre, groupTop - 3), font: annotationFont,
                    color: annotation.muted ? theme.mutedText : theme.text, horizontal: vertical ? .start : .middle,
                    vertical: vertical ? .middle : .bottom, rotation: vertical ? -90 : 0,
                    size: measurer.size(of: annotation.text, font: annotationFont), role: "annotation")))
            }
            let label = labels[index]
            if !label.isEmpty { primitives.append(.text(TextItem(
                text: label, position: Point(centre, plotBottom + 6), font: categoryFont, color: theme.text,
                horizontal: vertical ? .end : .middle, vertical: vertical ? .middle : .top, rotation: vertical ? -90 : 0,
                size: labelSizes[index], role: "category"))) }
        }
        if !categoryTitle.isEmpty {
            primitives.append(.text(TextItem(
                text: categoryTitle, position: Point((plotLeft + plotRight) / 2, plotBottom + 6 + labelBand + 4),
                font: axisFont, color: theme.mutedText, horizontal: .middle, vertical: .top, rotation: 0,
                size: categoryTitleSize, role: "axis-title")))
        }
        frame.primitives = primitives
        return Drawing(width: size.width, height: size.height, background: theme.background, primitives: primitives,
                       title: chart.title, description: chart.subtitle.isEmpty ? chart.caption
                           : chart.subtitle + ". " + chart.caption)
    }
}

/// How the gains above the groups are drawn.
enum AnnotationMode {
    case level, vertical, none
}

/// Shortening of category labels that share a prefix and a suffix (`aes-ecb-plain`, `aes-cbc-plain`).
public enum CategoryLabels {
    /// Labels without the prefix up to a shared `-` and the suffix from a shared `-`, and the pattern removed
    /// (`aes-…-plain`); nil when nothing is shared or a label would become empty.
    /// `label` cut at the end, with `…`, to at most `width` as measured (unchanged when it fits).
    public static func cut(_ label: String, toWidth width: Double, font: FontSpec, measurer: TextMeasurer) -> String {
        guard measurer.size(of: label, font: font).width > width else { return label }
        var characters = Array(label)
        while !characters.isEmpty, measurer.size(of: String(characters) + "…", font: font).width > width {
            characters.removeLast(max(1, characters.count / 8))
        }
        return String(characters) + "…"
    }

    public static func strippingSharedAffixes(_ labels: [String]) -> ([String], String)? {
        guard labels.count >= 2 else { return nil }
        let parts = labels.map { $0.split(separator: "-", omittingEmptySubsequences: false).map(String.init) }
        var prefix = 0
        while parts.allSatisfy({ $0.count > prefix + 1 }) && Set(parts.map { $0[prefix] }).count == 1 { prefix += 1 }
        var suffix = 0
        while parts.allSatisfy({ $0.count > prefix + suffix + 1 })
            && Set(parts.map { $0[$0.count - 1 - suffix] }).count == 1 { suffix += 1 }
        guard prefix + suffix > 0 else { return nil }
        let stripped = parts.map { $0[prefix..<($0.count - suffix)].joined(separator: "-") }
        guard stripped.allSatisfy({ !$0.isEmpty }) else { return nil }
        let first = parts[0]
        let pattern = (first[..<prefix] + ["…"] + first[(first.count - suffix)...]).joined(separator: "-")
        return (stripped, pattern)
    }
}
