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
