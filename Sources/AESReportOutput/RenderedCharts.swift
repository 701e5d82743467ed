import AESReportCairo
import AESReportCharts
import AESReportFiles
import AESReportModel
import AESReportPages

/// A report's charts drawn in the formats asked for: the files to write, the SVGs the page inlines, and the files
/// that could not be drawn (the others are still there).
struct RenderedCharts {
    var files: [OutputFile] = []
    var inline: [InlineChart] = []
    var failures: [ChartFiles.Failure] = []

    /// Renders `charts` in the requested image formats, and as SVG for the HTML page when it is asked for.
    init(_ charts: [NamedChart], settings: ReportOutputSettings) {
        let imageFormats = settings.formats.imageFormats
        let wantsHTML = settings.formats.contains(.html)
        var renderFormats = imageFormats
        if wantsHTML, !renderFormats.contains(.svg) { renderFormats.append(.svg) }
        guard !renderFormats.isEmpty, !charts.isEmpty else { return }
        var renderer = CairoRenderer(scale: settings.scale, svgText: settings.svgText)
        if let pdfDate = settings.pdfDate { renderer.pdfDate = pdfDate }
        let (rendered, failures) = ChartFiles.renderEach(charts, formats: renderFormats,
                                                         theme: settings.chartOptions.theme,
                                                         size: settings.chartSize, renderer: renderer)
        let written = rendered.filter { file in imageFormats.contains { file.name.hasSuffix("." + $0.rawValue) } }
        inline = wantsHTML ? charts.map { chart in
            InlineChart(name: chart.name, title: chart.title, caption: chart.caption,
                        svg: rendered.first { $0.name == chart.name + ".svg" }?.bytes ?? [],
                        files: written.map(\.name).filter { $0.hasPrefix(chart.name + ".") })
        } : []
        files = written
        self.failures = failures
    }

    /// One error per file that could not be drawn, named in `folder`.
    func failureDiagnostics(in folder: String) -> [Diagnostic] {
        failures.map { Diagnostic(file: folder + "/" + $0.name, line: nil, severity: .error, message: $0.description) }
    }
}
