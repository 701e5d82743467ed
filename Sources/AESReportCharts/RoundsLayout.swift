/// Lays out a `RoundsChart`: a throughput axis from zero, the categories side by side (a thin line between two),
/// in each the rounds left to right in order, a line per run broken where a round failed, a point per round (where
/// rounds are at least `minimumPointSpacing` apart, and on a round alone between gaps) and a
/// larger dot of the highlight colour on an outlier; category labels under the plot, vertical when they do not fit.
public enum RoundsLayout {
    /// Rounds closer than this (chart units) get no point of their own, only the line's corner.
    public static let minimumPointSpacing = 10.0

    public static func layout(_ chart: RoundsChart, theme: Theme, measurer: TextMeasurer,
                              size: ChartSize = ChartSize()) -> Drawing {
        let legend = chart.legend.map { LegendEntry(name: $0.name, color: $0.color, hatched: false) }
        let frame = ChartFrame(title: chart.title, subtitle: chart.subtitle, caption: chart.caption, legend: legend,
                               theme: theme, measurer: measurer, size: size)
        var primitives = frame.primitives
        let highest = max(chart.highestNeeded, chart.valueMaximum ?? 0)
        let unit = ThroughputUnit.forMaximum(highest)
        let axis = ValueAxis(scale: NiceScale(low: 0, high: highest / unit.bytesPerUnit, maxTicks: 8),
                             title: chart.valueAxisTitle + " (\(unit.name))", direction: .up, theme: theme,
                             measurer: measurer)
        let plotLeft = axis.plotLeft(theme: theme)
        let plotRight = size.width - theme.margin
        let groupWidth = (plotRight - plotLeft) / Double(max(1, chart.categories.count))
        let font = theme.font(theme.labelSize)
        let labels = chart.categories.map { MeasuredText($0, font: font, measurer: measurer) }
        let vertical = labels.contains { $0.size.width > groupWidth - 6 }
        let band = vertical ? (labels.map(\.size.width).max() ?? 0) : (labels.map(\.size.height).max() ?? 0)
        let plot = PlotArea(left: plotLeft, right: plotRight, top: frame.top + axis.tickHeight / 2 + 2,
                            bottom: frame.bottom - min(band, size.height / 3) - 6)
        primitives += axis.primitives(in: plot, theme: theme)
        func y(_ value: Double) -> Double { axis.position(value / unit.bytesPerUnit, in: plot) }

        for (index, lines) in chart.lines.enumerated() {
            let left = plotLeft + Double(index) * groupWidth
            if index > 0 {
                primitives.append(.line([Point(left, plot.top), Point(left, plot.bottom)],
                                        Stroke(theme.grid, width: theme.gridLineWidth), .grid))
            }
            let rounds = lines.map(\.values.count).max() ?? 0
            let step = (groupWidth - 12) / Double(max(1, rounds - 1))
            func x(_ round: Int) -> Double { rounds == 1 ? left + groupWidth / 2 : left + 6 + Double(round) * step }
            for line in lines {
                // The line in pieces between failed rounds.
                var piece: [Point] = []
                for (round, value) in line.values.enumerated() {
                    if let value {
                        piece.append(Point(x(round), y(value)))
                    } else {
                        if piece.count > 1 { primitives.append(.line(piece, Stroke(line.color, width: 1.5), .trace)) }
                        piece = []
                    }
                }
                if piece.count > 1 { primitives.append(.line(piece, Stroke(line.color, width: 1.5), .trace)) }
                for (round, value) in line.values.enumerated() {
                    guard let value else { continue }
                    let outlier = line.outliers.contains(round)
                    // A point where rounds stand apart; where they crowd, the line's corners show them (and an SVG
                    // of many rounds stays small). A round between two gaps, and an outlier, always get theirs.
                    let isolated = (round == 0 || line.values[round - 1] == nil)
                        && (round + 1 == line.values.count || line.values[round + 1] == nil)
                    guard outlier || isolated || step >= minimumPointSpacing else { continue }
                    let side = outlier ? 7.0 : 3.5
                    primitives.append(.rect(Rect(x: x(round) - side / 2, y: y(value) - side / 2, width: side,
                                                 height: side), Paint(fill: outlier ? chart.highlightColor : line.color),
                                            outlier ? .highlight : .point))
                }
            }
            let label = labels[index]
            primitives.append(.text(TextItem(label, at: Point(left + groupWidth / 2, plot.bottom + 6), font: font,
                                             color: theme.text, horizontal: vertical ? .end : .middle,
                                             vertical: vertical ? .middle : .top, rotation: vertical ? -90 : 0,
                                             role: .category)))
        }
        return Drawing(width: size.width, height: size.height, background: theme.background, primitives: primitives,
                       title: chart.title, description: chart.subtitle + ". " + chart.caption)
    }
}
