/// One series of bars: one bar per category (nil: no bar), with an optional interval per bar.
public struct BarSeries: Sendable, Equatable {
    public var name: String
    public var color: Color
    /// Drawn with diagonal hatching: tells apart series of the same colour (host B in a two-host chart).
    public var hatched: Bool
    public var values: [Double?]
    public var intervals: [ClosedRange<Double>?]

    public init(name: String, color: Color, hatched: Bool = false, values: [Double?],
                intervals: [ClosedRange<Double>?] = []) {
        self.name = name
        self.color = color
        self.hatched = hatched
        self.values = values
        self.intervals = intervals
    }
}

/// A text over a group of bars (the gain, `+91%`), muted when not significant.
public struct GroupAnnotation: Sendable, Equatable {
    public var text: String
    public var muted: Bool

    public init(text: String, muted: Bool) {
        self.text = text
        self.muted = muted
    }
}

/// Vertical bars grouped by category (the seed's figures 9-5 and 9-6): what to show, not where.
public struct GroupedBarChart: Sendable, Equatable {
    public var title: String
    public var subtitle: String
    public var caption: String
    public var categories: [String]
    public var categoryAxisTitle: String
    public var series: [BarSeries]
    public var annotations: [GroupAnnotation?]
    /// Values are divided by the unit chosen for the data (`GB/s`); `valueAxisTitle` gets the unit appended.
    public var valueAxisTitle: String
    public var throughput: Bool
    /// The value the axis must reach at least, bytes per second (or plain units): set to the highest of the charts
    /// of one kind across the hosts of a page, so that equal heights mean equal values (`YScale.shared`).
    public var valueMaximum: Double?
    /// Said after the caption when an interval leaves the plot and is clipped at its edge with an arrow.
    public var clippedNote: String
    /// Whether gains too wide for their group may turn vertical; when not, they are left out instead (long gains,
    /// like an openssl group's several, would squeeze the plot).
    public var annotationsMayTurn: Bool

    public init(title: String, subtitle: String, caption: String, categories: [String], categoryAxisTitle: String,
                series: [BarSeries], annotations: [GroupAnnotation?], valueAxisTitle: String, throughput: Bool = true,
                valueMaximum: Double? = nil, clippedNote: String = "", annotationsMayTurn: Bool = true) {
        self.title = title
        self.subtitle = subtitle
        self.caption = caption
        self.categories = categories
        self.categoryAxisTitle = categoryAxisTitle
        self.series = series
        self.annotations = annotations
        self.valueAxisTitle = valueAxisTitle
        self.throughput = throughput
        self.valueMaximum = valueMaximum
        self.clippedNote = clippedNote
        self.annotationsMayTurn = annotationsMayTurn
    }
}

/// Horizontal bars of a signed quantity (AES-NI gain in percent) with interval whiskers and a reference line at 0.
public struct HorizontalBarChart: Sendable, Equatable {
    public struct Bar: Sendable, Equatable {
        public var value: Double
        public var interval: ClosedRange<Double>?
        public var label: String
        public var muted: Bool
        /// No test ran (too few rounds): drawn pale and hatched, apart from a tested gain that is not significant.
        public var untested: Bool

        public init(value: Double, interval: ClosedRange<Double>?, label: String, muted: Bool, untested: Bool = false) {
            self.value = value
            self.interval = interval
            self.label = label
            self.muted = muted
            self.untested = untested
        }
    }

    public struct Series: Sendable, Equatable {
        public var name: String
        public var color: Color
        public var bars: [Bar?]
        /// Drawn hatched: tells apart series of one colour (the second host of a comparison).
        public var hatched: Bool

        public init(name: String, color: Color, bars: [Bar?], hatched: Bool = false) {
            self.name = name
            self.color = color
            self.bars = bars
            self.hatched = hatched
        }
    }

    public var title: String
    public var subtitle: String
    public var caption: String
    public var categories: [String]
    public var series: [Series]
    public var valueAxisTitle: String

    public init(title: String, subtitle: String, caption: String, categories: [String], series: [Series],
                valueAxisTitle: String) {
        self.title = title
        self.subtitle = subtitle
        self.caption = caption
        self.categories = categories
        self.series = series
        self.valueAxisTitle = valueAxisTitle
    }
}

/// Chart size in chart units (CSS pixels); PNG output multiplies by the renderer's scale.
public struct ChartSize: Sendable, Equatable {
    public var width: Double
    public var height: Double

    public init(width: Double = 880, height: Double = 500) {
        self.width = width
        self.height = height
    }
}
