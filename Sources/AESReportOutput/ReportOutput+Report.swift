import AESReportCharts
import AESReportFiles
import AESReportIngest
import AESReportModel
import AESReportPages
import AESReportStats

extension ReportOutput {
    /// Stages `report` in `folder`: summary.json and summary.csv, the charts in their formats, summary.md (which
    /// links them) and index.html (which inlines them); the caller commits them together. Returns an error per
    /// chart that could not be drawn (the other charts, the summaries and the page are still written).
    /// `diagnostics` are what reading and the analysis said; the summaries and the page list them.
    ///
    /// Two independent jobs, one per core: the summary tables stream to their files (hundreds of megabytes for a
    /// large fleet) while the charts and the page are drawn. The summaries' files are created first, so the
    /// commit order (and the `wrote` line, and the folder's listing) is the same however the jobs interleave.
    public func writeReport(_ report: ReportAnalysis, fleet: FleetAnalysis?, hostCPUs: [HostCPU],
                      diagnostics: [Diagnostic], to folder: OutputFolder) -> [Diagnostic] {
        let json = settings.formats.contains(.json) ? try? folder.reserve("summary.json") : nil
        let csv = settings.formats.contains(.csv) ? try? folder.reserve("summary.csv") : nil
        // summary.json, summary.csv and the charts with the page are independent: each a job of its own, so that
        // a fleet's two summaries are written at once (summary.json also shares its runs across the cores).
        let jobs: [() -> [Diagnostic]] = [
            { writeSummaryJSON(report, diagnostics: diagnostics, to: json, in: folder); return [] },
            { writeSummaryCSV(report, to: csv, in: folder); return [] },
            { writeChartsAndPage(report, fleet: fleet, hostCPUs: hostCPUs, diagnostics: diagnostics, to: folder) },
        ]
        return ParallelMap.map(jobs) { job in job() }.flatMap { $0 }
    }

    /// summary.json, streamed to its file (reserved in `folder`). A file that cannot be written is recorded in
    /// `folder` and named by the commit; the others go on.
    private func writeSummaryJSON(_ report: ReportAnalysis, diagnostics: [Diagnostic], to json: OutputFolder.StagedFile?,
                                  in folder: OutputFolder) {
        guard let json else { return }
        let document = SummaryDocument(analysis: report, options: options, diagnostics: diagnostics,
                                       version: settings.version, samples: settings.summarySamples)
        try? folder.write(json) { write in try document.writeJSON(to: write) }
    }

    /// summary.csv, likewise.
    private func writeSummaryCSV(_ report: ReportAnalysis, to csv: OutputFolder.StagedFile?, in folder: OutputFolder) {
        guard let csv else { return }
        try? folder.write(csv) { write in try SummaryTables.writeCSV(report, centre: options.centre, to: write) }
    }

    /// The charts in their formats, summary.md (which links them) and index.html (which inlines them).
    private func writeChartsAndPage(_ report: ReportAnalysis, fleet: FleetAnalysis?, hostCPUs: [HostCPU],
                                    diagnostics: [Diagnostic], to folder: OutputFolder) -> [Diagnostic] {
        let chartOptions = settings.chartOptions
        let charts = fleet.map { ReportCharts.fleet($0, options: chartOptions) }
            ?? ReportCharts.charts(report, options: chartOptions, analysisOptions: options,
                                   hostCPUs: Dictionary(hostCPUs.map { ($0.host, $0.cpu) }) { first, _ in first })
        let rendered = RenderedCharts(charts, settings: settings)
        var files: [OutputFile] = []
        if settings.formats.contains(.md) {
            files.append(summaryMarkdown(report, charts: charts, fleet: fleet, rendered: rendered))
        }
        var html = HTMLReport(analysis: report, hostCPUs: hostCPUs, diagnostics: diagnostics,
                              charts: rendered.inline, options: options, version: settings.version,
                              timestamp: settings.timestamp, fleet: fleet)
        html.language = MethodLanguage(rawValue: settings.chartOptions.language.rawValue) ?? .en
        if let page = settings.page(html) { files.insert(page, at: 0) }
        files += rendered.files
        folder.stage(files)
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
        return OutputFile(name: "summary.md", text: SummaryTables.markdown(report, options: options, images: images))
    }
}
