import AESReportCairo
import AESReportCharts
import AESReportFiles
import AESReportModel
import AESReportPages

/// A report's charts drawn in the formats asked for: the files to write (or, drawn with a folder, written), the SVGs
/// the page inlines, and the files that could not be drawn (the others are still there).
struct RenderedCharts {
    /// The chart files in the formats asked for, in chart then format order.
    var files: [OutputFile] = []
    var inline: [InlineChart] = []
    var failures: [ChartFiles.Failure] = []

    /// Renders `charts` in the requested image formats, and as SVG for the HTML page when it is asked for.
    /// With `folder`, the chart files are reserved there first (in chart then format order, the order `files`
    /// lists them) and each is written as soon as it is drawn, on the thread that drew it, while the others are
    /// drawn; the caller then stages only its other files. A file that could not be drawn is discarded.
    init(_ charts: [NamedChart], settings: ReportOutputSettings, stagingIn folder: OutputFolder? = nil) {
        let imageFormats = settings.formats.imageFormats
        let wantsHTML = settings.formats.contains(.html)
        var renderFormats = imageFormats
        if wantsHTML, !renderFormats.contains(.svg) { renderFormats.append(.svg) }
        guard !renderFormats.isEmpty, !charts.isEmpty else { return }
        var renderer = CairoRenderer(scale: settings.scale, svgText: settings.svgText)
        if let pdfDate = settings.pdfDate { renderer.pdfDate = pdfDate }
        let names = charts.flatMap { chart in imageFormats.map { chart.name + "." + $0.rawValue } }
        let reserved = Dictionary(names.compactMap { name in folder.flatMap { try? $0.reserve(name) }.map { (name, $0) } },
                                  uniquingKeysWith: { first, _ in first })
        let (rendered, failures) = ChartFiles.renderEach(charts, formats: renderFormats,
                                                         theme: settings.chartOptions.theme,
                                                         size: settings.chartSize, renderer: renderer) { file in
            if let folder, let staged = reserved[file.name] {
                try? folder.write(staged) { write in try write(file.bytes[...]) }
            }
        }
        for failure in failures { if let staged = reserved[failure.name] { folder?.discard(staged) } }
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
