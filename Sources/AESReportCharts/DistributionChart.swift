/// The spread of a value across many hosts, per category: a histogram mirrored about each category's centre (every
/// host counted, however many there are), the quartile box and median, and the hosts that stand out as dots.
public struct DistributionChart: Sendable, Equatable {
    public struct Column: Sendable, Equatable {
        public var values: [Double]
        public var median: Double
        public var lowerQuartile: Double
        public var upperQuartile: Double
        /// Values drawn as individual, highlighted points (hosts that stand out).
        public var highlighted: [Double]

        public init(values: [Double], median: Double, lowerQuartile: Double, upperQuartile: Double,
                    highlighted: [Double]) {
            self.values = values
            self.median = median
            self.lowerQuartile = lowerQuartile
            self.upperQuartile = upperQuartile
            self.highlighted = highlighted
        }
    }

    public var title: String
    public var subtitle: String
    public var caption: String
    public var categories: [String]
    public var columns: [Column]
    public var valueAxisTitle: String
    public var color: Color
    public var highlightColor: Color

    public init(title: String, subtitle: String, caption: String, categories: [String], columns: [Column],
                valueAxisTitle: String, color: Color, highlightColor: Color) {
        self.title = title
        self.subtitle = subtitle
        self.caption = caption
        self.categories = categories
        self.columns = columns
        self.valueAxisTitle = valueAxisTitle
        self.color = color
        self.highlightColor = highlightColor
    }
}

public enum DistributionLayout {
    static let bins = 60

    public static func layout(_ chart: DistributionChart, theme: Theme, measurer: TextMeasurer,
                              size: ChartSize = ChartSize()) -> Drawing {
        let frame = ChartFrame(title: chart.title, subtitle: chart.subtitle, caption: chart.caption,
                               legend: [], theme: theme, measurer: measurer, size: size)
        var primitives = frame.primitives
        let m = theme.margin
        let all = chart.columns.flatMap(\.values)
        let scale = NiceScale(low: all.min() ?? 0, high: all.max() ?? 1, maxTicks: 8)
        let tickFont = theme.font(theme.tickSize)
        let labels = scale.ticks.map { tickText($0, decimals: scale.decimals, suffix: "%") }
        let tickWidth = labels.map { measurer.size(of: $0, font: tickFont).width }.max() ?? 0
        let axisFont = theme.font(theme.labelSize)
        let axisTitleSize = measurer.size(of: chart.valueAxisTitle, font: axisFont)
        let categoryFont = theme.font(theme.labelSize)
        let labelHeight = chart.categories.map { measurer.size(of: $0, font: categoryFont).height }.max() ?? 0
        let plotLeft = m + axisTitleSize.height + theme.gap + tickWidth + 6
        let plotRight = size.width - m
        let plotTop = frame.top + measurer.size(of: "0", font: tickFont).height / 2 + 2
        let plotBottom = frame.bottom - labelHeight - 6
        func y(_ v: Double) -> Double { scale.position(v, from: plotBottom, to: plotTop) }
        for (tick, label) in zip(scale.ticks, labels) {
            primitives.append(.line([Point(plotLeft, y(tick)), Point(plotRight, y(tick))],
                                    color: tick == 0 ? theme.axis : theme.grid, width: 1, dash: [],
                                    role: tick == 0 ? "axis" : "grid"))
            primitives.append(.text(TextItem(text: label, position: Point(plotLeft - 6, y(tick)), font: tickFont,
                                             color: theme.mutedText, horizontal: .end, vertical: .middle, rotation: 0,
                                             size: measurer.size(of: label, font: tickFont), role: "tick")))
        }
        primitives.append(.text(TextItem(text: chart.valueAxisTitle, position: Point(m, (plotTop + plotBottom) / 2),
                                         font: axisFont, color: theme.text, horizontal: .middle, vertical: .top,
                                         rotation: -90, size: axisTitleSize, role: "axis-title")))
        let groupWidth = (plotRight - plotLeft) / Double(max(1, chart.categories.count))
        let binHeight = (scale.maximum - scale.minimum) / Double(bins)
        for (index, column) in chart.columns.enumerated() {
            let centre = plotLeft + (Double(index) + 0.5) * groupWidth
            var counts = Array(repeating: 0, count: bins)
            for value in column.values {
                counts[min(bins - 1, max(0, Int((value - scale.minimum) / binHeight)))] += 1
            }
            let most = Double(counts.max() ?? 1)
            for (bin, count) in counts.enumerated() where count > 0 {
                let width = Double(count) / most * groupWidth * 0.8
                let top = y(scale.minimum + Double(bin + 1) * binHeight)
                let bottom = y(scale.minimum + Double(bin) * binHeight)
                primitives.append(.rect(Rect(x: centre - width / 2, y: top, width: width, height: max(0.5, bottom - top - 0.5)),
                                        fill: chart.color.withAlpha(0.55), stroke: nil, lineWidth: 0, hatch: false,
                                        role: "bin"))
            }
            let boxTop = y(column.upperQuartile)
            primitives.append(.rect(Rect(x: centre - 7, y: boxTop, width: 14, height: max(1, y(column.lowerQuartile) - boxTop)),
                                    fill: nil, stroke: theme.text, lineWidth: 1.2, hatch: false, role: "box"))
            primitives.append(.line([Point(centre - 11, y(column.median)), Point(centre + 11, y(column.median))],
                                    color: theme.text, width: 2, dash: [], role: "median"))
            for value in column.highlighted {
                primitives.append(.rect(Rect(x: centre - 2.5, y: y(value) - 2.5, width: 5, height: 5),
                                        fill: chart.highlightColor, stroke: nil, lineWidth: 0, hatch: false,
                                        role: "highlight"))
            }
            let label = chart.categories[index]
            primitives.append(.text(TextItem(text: label, position: Point(centre, plotBottom + 6), font: categoryFont,
                                             color: theme.text, horizontal: .middle, vertical: .top, rotation: 0,
                                             size: measurer.size(of: label, font: categoryFont), role: "category")))
        }
        return Drawing(width: size.width, height: size.height, background: theme.background, primitives: primitives,
                       title: chart.title, description: chart.subtitle + ". " + chart.caption)
    }
}
