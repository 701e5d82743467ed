/// What a primitive of a drawing shows, so that tests and tools can find the bars or the tick labels of a chart
/// without knowing where they are. One vocabulary for rectangles, lines and text.
public enum Role: Sendable, Hashable, CaseIterable {
    // The frame every chart shares (`ChartFrame`).
    /// The chart's title, subtitle and caption.
    case title, subtitle, caption
    /// A legend entry's name, and its colour swatch.
    case legend, legendSwatch

    // The axes (`ValueAxis`, and each layout's category labels).
    /// The line at zero on the value axis, and the grid lines at the other ticks.
    case axis, grid
    /// A tick label, an axis title, a category label.
    case tick, axisTitle, category

    // The data.
    /// A bar, and an interval's whisker (error bar) across it.
    case bar, errorBar
    /// The arrow that ends a whisker clipped at the plot's edge (its interval runs on beyond the plot).
    case clipMark
    /// A value written beside or over a bar (a gain).
    case annotation
    /// A distribution chart's histogram bin, quartile box, median line and highlighted value.
    case bin, box, median, highlight
    /// A rounds chart's line through a run's rounds, and a round's point on it.
    case trace, point
}
