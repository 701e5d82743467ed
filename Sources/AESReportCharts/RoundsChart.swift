/// Rounds in the order they ran, per category (a cipher and operation): one line per run across the category's
/// width, a point per round, failed rounds as gaps in the line, outliers as larger dots of the highlight colour.
public struct RoundsChart: Sendable, Equatable {
    /// One run's rounds in a category.
    public struct Line: Sendable, Equatable {
        public var color: Color
        /// Bytes per second per round, in order; nil where the round failed (a gap).
        public var values: [Double?]
        /// Indexes into `values` of the rounds flagged as outliers.
        public var outliers: [Int]

        public init(color: Color, values: [Double?], outliers: [Int]) {
            self.color = color
            self.values = values
            self.outliers = outliers
        }
    }

    /// A legend entry: a name beside a swatch of its colour.
    public struct LegendItem: Sendable, Equatable {
        public var name: String
        public var color: Color

        public init(name: String, color: Color) {
            self.name = name
            self.color = color
        }
    }

    public var title: String
    public var subtitle: String
    public var caption: String
    public var categories: [String]
    /// Per category, its lines.
    public var lines: [[Line]]
    /// The legend's entries: a name and a colour (the runs' states, then the outliers' mark).
    public var legend: [LegendItem]
    public var valueAxisTitle: String
    public var highlightColor: Color
    /// The value the axis reaches at least, bytes per second (`YScale.shared`).
    public var valueMaximum: Double?

    public init(title: String, subtitle: String, caption: String, categories: [String], lines: [[Line]],
                legend: [LegendItem], valueAxisTitle: String, highlightColor: Color,
                valueMaximum: Double? = nil) {
        self.title = title
        self.subtitle = subtitle
        self.caption = caption
        self.categories = categories
        self.lines = lines
        self.legend = legend
        self.valueAxisTitle = valueAxisTitle
        self.highlightColor = highlightColor
        self.valueMaximum = valueMaximum
    }

    /// The highest round of the chart, bytes per second.
    public var highestNeeded: Double {
        lines.joined().flatMap { $0.values.compactMap { $0 } }.max() ?? 0
    }
}
