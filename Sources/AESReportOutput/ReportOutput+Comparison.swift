import AESReportCharts
import AESReportFiles
import AESReportIngest
import AESReportModel
import AESReportPages
import AESReportStats

extension ReportOutput {
    /// Stages a comparison in `folder`: comparison.json, .csv (and comparison-gains.csv) and .md, the charts, and
    /// index.html (the
    /// comparison, then each host's report); the caller commits them together. Returns the diagnostics this adds:
    /// an error per chart that could not be drawn (the page lists them too), or one error when a document could not
    /// be made (then nothing is staged). `runs` and `hostCPUs` are both sides' together, for each host's report on the page.
    public func writeComparison(_ document: ComparisonDocument, comparison: Comparison, runs: [Run],
                                hostCPUs: [HostCPU], diagnostics: [Diagnostic], to folder: OutputFolder) -> [Diagnostic] {
        do {
            var files: [OutputFile] = []
            let formats = settings.formats
            if formats.contains(.json) {
                files.append(OutputFile(name: OutputDocument.comparisonJSON.rawValue, text: try document.json()))
            }
            if formats.contains(.csv) {
                files.append(OutputFile(name: OutputDocument.comparisonCSV.rawValue, text: document.csv()))
                if !comparison.gains.isEmpty {
                    files.append(OutputFile(name: OutputDocument.comparisonGainsCSV.rawValue, text: document.gainsCSV()))
                }
            }
            if formats.contains(.md) {
                files.append(OutputFile(name: OutputDocument.comparisonMarkdown.rawValue, text: document.markdown()))
            }
            let charts = ReportCharts.comparison(comparison, options: settings.chartOptions,
                                                 analysisOptions: options)
            let rendered = RenderedCharts(charts, settings: settings)
            let failures = rendered.failureDiagnostics(in: folder.path)
            let analysis = ReportAnalysis(runs: runs, options: options)
            var html = HTMLReport(analysis: analysis, hostCPUs: hostCPUs, diagnostics: diagnostics + failures,
                                  charts: rendered.inline, options: options, version: settings.version,
                                  timestamp: settings.timestamp, comparison: document)
            html.language = MethodLanguage(rawValue: settings.chartOptions.language.rawValue) ?? .en
            if let page = settings.page(html) { files.insert(page, at: 0) }
            files += rendered.files
            folder.stage(files)
            return failures
        } catch {
            return [Diagnostic(file: folder.path, line: nil, severity: .error, message: "\(error)")]
        }
    }
}
