import AESReportCairo
import AESReportCharts
import AESReportFiles
import AESReportModel
import AESReportPages

/// What a report or a comparison writes into its folder, and how its charts look: the choice of outputs that
/// `ReportOutput` follows.
public struct ReportOutputSettings {
    /// The formats to write (`--format`).
    public var formats: OutputFormatList
    /// Language, error bars and theme of the charts.
    public var chartOptions: ChartOptions
    /// Chart size in CSS pixels.
    public var chartSize: ChartSize
    /// PNG pixels per CSS pixel.
    public var scale: Double
    /// How SVG charts (files and the page's inlined charts) carry text: `<text>` elements or glyph outlines.
    public var svgText: SVGTextMode
    /// The page's templates, loaded before anything is read (`ReportTemplates.load`); nil: no page.
    public var templates: HTMLTemplates?
    /// The time put in the page (`--timestamp`), or nil for none (reproducible output).
    public var timestamp: String?
    /// The PDF creation date (`ISOTimestamp.sourceDateEpoch`), or nil for the renderer's fixed one.
    public var pdfDate: String?
    /// The tool's version, written into the page and the summaries.
    public var version: String
    /// Whether summary.json lists the per-round samples (`--summary-samples`).
    public var summarySamples: SummarySamples

    /// The settings with every choice given.
    public init(formats: OutputFormatList, chartOptions: ChartOptions, chartSize: ChartSize, scale: Double,
                templates: HTMLTemplates?, timestamp: String?, pdfDate: String?, version: String,
                svgText: SVGTextMode = .text, summarySamples: SummarySamples = .all) {
        self.formats = formats
        self.chartOptions = chartOptions
        self.chartSize = chartSize
        self.scale = scale
        self.svgText = svgText
        self.templates = templates
        self.timestamp = timestamp
        self.pdfDate = pdfDate
        self.version = version
        self.summarySamples = summarySamples
    }

    /// The HTML page, when it is asked for (with templates).
    func page(_ report: HTMLReport) -> OutputFile? {
        guard let templates else { return nil }
        return OutputFile(name: OutputDocument.page.rawValue, text: report.render(with: templates))
    }
}
