import AESReportModel
import AESReportStats

/// A chart of a report, by the file name it is written under (without extension) and its model.
public struct NamedChart: Sendable {
    public enum Model: Sendable {
        case grouped(GroupedBarChart)
        case horizontal(HorizontalBarChart)
        case distribution(DistributionChart)
        case rounds(RoundsChart)
    }

    public var name: String
    public var model: Model

    /// A chart of `kind` (`OutputChart`, the list the output folder's cleanup reads), `host` its file name part
    /// on a page of several hosts: `read-host_a`.
    public init(kind: OutputChart, host: String? = nil, model: Model) {
        self.init(name: kind.rawValue + (host.map { "-" + $0 } ?? ""), model: model)
    }

    /// A chart under any name: for test fixtures. A report's charts are named by `init(kind:host:model:)`.
    public init(name: String, model: Model) {
        self.name = name
        self.model = model
    }

    /// The chart's title and caption, for pages that show it.
    public var title: String {
        switch model {
        case let .grouped(chart): chart.title
        case let .horizontal(chart): chart.title
        case let .distribution(chart): chart.title
        case let .rounds(chart): chart.title
        }
    }

    /// The chart's subtitle: the host and its CPU, for a report's charts.
    public var subtitle: String {
        switch model {
        case let .grouped(chart): chart.subtitle
        case let .horizontal(chart): chart.subtitle
        case let .distribution(chart): chart.subtitle
        case let .rounds(chart): chart.subtitle
        }
    }

    public var caption: String {
        switch model {
        case let .grouped(chart): chart.fullCaption
        case let .horizontal(chart): chart.caption
        case let .distribution(chart): chart.caption
        case let .rounds(chart): chart.caption
        }
    }

    public func layout(theme: Theme, measurer: TextMeasurer, size: ChartSize) -> Drawing {
        switch model {
        case let .grouped(chart): GroupedBarLayout.layout(chart, theme: theme, measurer: measurer, size: size)
        case let .horizontal(chart): HorizontalBarLayout.layout(chart, theme: theme, measurer: measurer, size: size)
        case let .distribution(chart): DistributionLayout.layout(chart, theme: theme, measurer: measurer, size: size)
        case let .rounds(chart): RoundsLayout.layout(chart, theme: theme, measurer: measurer, size: size)
        }
    }
}

/// Options for the charts of a report.
public struct ChartOptions: Sendable {
    public var language: ChartLanguage
    public var errorBars: ErrorBars
    public var theme: Theme
    /// Whether the charts of one kind share their value axis across the hosts of a page.
    public var yScale: YScale
    /// The kinds of a report's host charts to make (`--charts`); nil for every kind the results allow.
    public var kinds: Set<ChartKind>?

    public init(language: ChartLanguage = .en, errorBars: ErrorBars = .ci95, theme: Theme = .light,
                yScale: YScale = .shared, kinds: Set<ChartKind>? = nil) {
        self.language = language
        self.errorBars = errorBars
        self.theme = theme
        self.yScale = yScale
        self.kinds = kinds
    }
}

/// The kinds of chart a report draws per host (`--charts` chooses among them); each is an `OutputChart`, whose raw
/// value starts the chart's file name.
public enum ChartKind: String, Sendable, CaseIterable {
    case read, write, speedup, rounds
    case opensslEncrypt = "openssl-encrypt"
    case opensslDecrypt = "openssl-decrypt"
    case opensslSpeedup = "openssl-speedup"
    case cryptsetup
    case tcryptSpeedup = "tcrypt-speedup"

    /// The output this kind is written as (its name: the same raw value).
    public var output: OutputChart {
        switch self {
        case .read: .read
        case .write: .write
        case .speedup: .speedup
        case .rounds: .rounds
        case .opensslEncrypt: .opensslEncrypt
        case .opensslDecrypt: .opensslDecrypt
        case .opensslSpeedup: .opensslSpeedup
        case .cryptsetup: .cryptsetup
        case .tcryptSpeedup: .tcryptSpeedup
        }
    }
}

/// How the value axes of a page's hosts relate: one maximum per chart kind across hosts (bars of equal height
/// mean equal throughput), or each chart its own.
public enum YScale: String, Sendable, CaseIterable {
    case shared
    case perHost = "per-host"
}
