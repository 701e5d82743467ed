/// How far a grouped bar chart's value axis reaches, and whether an interval leaves it.
extension GroupedBarChart {
    /// The highest value the chart itself needs: every bar, and every whisker up to twice the highest bar (a wider
    /// interval, from two rounds say, would flatten every bar; it is clipped with a mark instead).
    public var highestNeeded: Double {
        let highestBar = series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0
        let whiskerLimit = highestBar > 0 ? 2 * highestBar : Double.infinity
        let highestWhisker = series.flatMap { $0.intervals.compactMap { $0?.upperBound } }
            .map { min($0, whiskerLimit) }.max() ?? 0
        return max(highestBar, highestWhisker, 0)
    }

    /// The highest value the axis reaches at least: `valueMaximum` when it is set higher than the chart needs.
    var axisHighest: Double { max(highestNeeded, valueMaximum ?? 0) }

    /// Whether an interval runs below zero or above the axis, so that its whisker is clipped and marked.
    public var clipsIntervals: Bool {
        let highest = axisHighest
        return series.contains { $0.intervals.contains { interval in
            interval.map { $0.lowerBound < 0 || $0.upperBound > highest } ?? false
        } }
    }

    /// The caption, with what a clipped whisker's arrow means when there is one.
    public var fullCaption: String {
        clipsIntervals && !clippedNote.isEmpty ? caption + " " + clippedNote : caption
    }
}
