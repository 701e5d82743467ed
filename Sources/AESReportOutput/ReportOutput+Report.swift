import AESReportCharts
import AESReportFiles
import AESReportIngest
import AESReportModel
import AESReportPages
import AESReportStats
import Dispatch

extension ReportOutput {
    /// Stages `report` in `folder`: summary.json and summary.csv, the charts in their formats, summary.md (which
    /// links them) and index.html (which inlines them); the caller commits them together. Returns an error per
    /// chart that could not be drawn (the other charts, the summaries and the page are still written).
    /// `diagnostics` are what reading and the analysis said; the summaries and the page list them.
    ///
    /// The summary tables stream to their files (hundreds of megabytes for a large fleet) on threads of their own
    /// while the calling thread lays out the charts and renders them on all cores (`ChartFiles`), then the page.
    /// Not `ParallelMap` jobs: the charts' pool (and summary.json's) would then be nested, and Dispatch runs a
    /// nested pool on one thread. The summaries' files are created first, so the commit order (and the `wrote` line, and the folder's
    /// listing) is the same however the work interleaves.
    public func writeReport(_ report: ReportAnalysis, fleet: FleetAnalysis?, hostCPUs: [HostCPU],
                      diagnostics: [Diagnostic], to folder: OutputFolder) -> [Diagnostic] {
        let json = settings.formats.contains(.json) ? try? folder.reserve(OutputDocument.summaryJSON.rawValue) : nil
        let csv = settings.formats.contains(.csv) ? try? folder.reserve(OutputDocument.summaryCSV.rawValue) : nil
        // summary.json and summary.csv each on a thread of its own (a fleet's two summaries are written at once,
        // and summary.json shares its runs across the cores).
        let summaries = DispatchGroup()
        // Each job reads values nobody changes meanwhile and writes only its own reserved file; they are waited for.
        if let json {
            let work = UncheckedBox { writeSummaryJSON(report, diagnostics: diagnostics, to: json, in: folder) }
            DispatchQueue.global().async(group: summaries) { work.value() }
        }
        if let csv {
            let work = UncheckedBox { writeSummaryCSV(report, to: csv, in: folder) }
            DispatchQueue.global().async(group: summaries) { work.value() }
        }
        let failures = writeChartsAndPage(report, fleet: fleet, hostCPUs: hostCPUs, diagnostics: diagnostics,
                                          to: folder)
        summaries.wait()
        return failures
    }

    /// summary.json, streamed to its file (reserved in `folder`). A file that cannot be written is recorded in
    /// `folder` and named by the commit; the others go on.
    private func writeSummaryJSON(_ report: ReportAnalysis, diagnostics: [Diagnostic], to json: OutputFolder.StagedFile,
                                  in folder: OutputFolder) {
        let document = SummaryDocument(analysis: report, options: options, diagnostics: diagnostics,
                                       version: settings.version, samples: settings.summarySamples)
        try? folder.write(json) { write in try document.writeJSON(to: write) }
    }

    /// summary.csv, likewise.
    private func writeSummaryCSV(_ report: ReportAnalysis, to csv: OutputFolder.StagedFile, in folder: OutputFolder) {
        try? folder.write(csv) { write in try SummaryTables.writeCSV(report, centre: options.centre, to: write) }
    }

    /// The charts in their formats, summary.md (which links them) and index.html (which inlines them).
    private func writeChartsAndPage(_ report: ReportAnalysis, fleet: FleetAnalysis?, hostCPUs: [HostCPU],
                                    diagnostics: [Diagnostic], to folder: OutputFolder) -> [Diagnostic] {
        let chartOptions = settings.chartOptions
        let charts = fleet.map { ReportCharts.fleet($0, options: chartOptions) }
            ?? ReportCharts.charts(report, options: chartOptions, analysisOptions: options,
                                   hostCPUs: Dictionary(hostCPUs.map { ($0.host, $0.cpu) }) { first, _ in first })
        // The page and summary.md are reserved before the charts, which write themselves as they are drawn
        // (`RenderedCharts`): the commit order stays page, summary.md, charts.
        let page = settings.templates == nil ? nil : try? folder.reserve(OutputDocument.page.rawValue)
        let markdown = settings.formats.contains(.md) ? try? folder.reserve(OutputDocument.summaryMarkdown.rawValue) : nil
        let rendered = RenderedCharts(charts, settings: settings, stagingIn: folder)
        if let markdown {
            let file = summaryMarkdown(report, charts: charts, fleet: fleet, rendered: rendered)
            try? folder.write(markdown) { write in try write(file.bytes[...]) }
        }
        var html = HTMLReport(analysis: report, hostCPUs: hostCPUs, diagnostics: diagnostics,
                              charts: rendered.inline, options: options, version: settings.version,
                              timestamp: settings.timestamp, fleet: fleet)
        html.language = MethodLanguage(rawValue: settings.chartOptions.language.rawValue) ?? .en
        if let page, let file = settings.page(html) {
            try? folder.write(page) { write in try write(file.bytes[...]) }
        }
        return rendered.failureDiagnostics(in: folder.path)
    }

    /// summary.md, linking the PNGs (else the SVGs) written next to it.
    private func summaryMarkdown(_ report: ReportAnalysis, charts: [NamedChart], fleet: FleetAnalysis?,
                                 rendered: RenderedCharts) -> OutputFile {
        let extensionToLink = settings.formats.imageFormats.contains(.png) ? "png" : "svg"
        // With several hosts, the host (the subtitle) in the alt text: each chart under its own host's name.
        let severalHosts = fleet == nil && Set(report.runs.map(\.run.host)).count > 1
        let images = charts.compactMap { chart -> (title: String, file: String)? in
            let file = "\(chart.name).\(extensionToLink)"
            let title = severalHosts && !chart.subtitle.isEmpty ? "\(chart.title) (\(chart.subtitle))" : chart.title
            return rendered.files.contains { $0.name == file } ? (title, file) : nil
        }
        return OutputFile(name: OutputDocument.summaryMarkdown.rawValue, text: SummaryTables.markdown(report, options: options, images: images))
    }
}
