import AESReportIngest
import AESReportModel
import AESReportStats


/// Builds the self-contained HTML report (`index.html`) from a report's statistics, runs and charts.
public struct HTMLReport {
    /// Series whose coefficient of variation exceeds this are marked noisy.
    public static let noisyCV = 0.05

    public var analysis: ReportAnalysis
    public var hostCPUs: [HostCPU]
    public var diagnostics: [Diagnostic]
    public var charts: [InlineChart]
    public var options: AnalysisOptions
    public var version: String
    public var timestamp: String?
    public var comparison: Comparison?
    /// Set for reports of more hosts than `FleetAnalysis.hostThreshold`: the page shows the fleet's spread and the
    /// hosts that stand out instead of every host's tables.
    public var fleet: FleetAnalysis?

    /// Lists longer than this (files read, diagnostics, standouts) are cut, with a count of the rest.
    public static let listLimit = 200

    public init(analysis: ReportAnalysis, hostCPUs: [HostCPU], diagnostics: [Diagnostic], charts: [InlineChart],
                options: AnalysisOptions, version: String, timestamp: String? = nil, comparison: Comparison? = nil,
                fleet: FleetAnalysis? = nil) {
        self.fleet = fleet
        self.analysis = analysis
        self.hostCPUs = hostCPUs
        self.diagnostics = diagnostics
        self.charts = charts
        self.options = options
        self.version = version
        self.timestamp = timestamp
        self.comparison = comparison
    }

    func model() -> PageModel {
        let hosts = analysis.runs.map(\.run.host).uniqued()
        let anchors = HostFileNames.names(hosts)
        let title = comparison != nil ? "AES-NI benchmark comparison" : "AES-NI benchmark report"
        let subtitle = comparison.map { "\($0.nameA) compared with \($0.nameB)" }
            ?? "\(analysis.runs.count) run\(analysis.runs.count == 1 ? "" : "s") on \(hosts.count) host\(hosts.count == 1 ? "" : "s"): "
            + hosts.map(BidiText.isolate).joined(separator: ", ")
        let allFiles = files()
        let shownDiagnostics = Self.shownDiagnostics(diagnostics, fleet: fleet != nil)
        var page = PageModel(
            lang: "en", title: title, subtitle: subtitle, generator: "aesreport \(version)", timestamp: timestamp,
            headlines: fleet.map(fleetHeadlines) ?? headlines(hosts), warnings: fleet == nil ? warnings() : [],
            charts: charts.enumerated().map(chartView), comparison: comparison.map(comparisonView),
            fleet: fleet.map(fleetView), hosts: fleet == nil ? hosts.map { hostView($0, anchor: anchors[$0, default: HostFileNames.hash($0)]) } : [],
            machines: fleet == nil ? machines(hosts) : fleetMachines(),
            method: options.methodSection(noisyThreshold: NumberText.plainPercent(Self.noisyCV * 100)), files: Array(allFiles.prefix(Self.listLimit)),
            diagnostics: shownDiagnostics.map { DiagnosticView(text: $0.description, severity: $0.severity.rawValue) })
        if allFiles.count > page.files.count {
            page.filesNote = "and \(allFiles.count - page.files.count) more (summary.json lists every series' source)"
        }
        if diagnostics.count > shownDiagnostics.count {
            page.diagnosticsNote = "and \(diagnostics.count - shownDiagnostics.count) more on standard error"
                + (diagnostics.count > SummaryDocument.diagnosticLimit
                    ? " (summary.json lists \(SummaryDocument.diagnosticLimit))" : " and in summary.json")
        }
        return page.finished()
    }

    func files() -> [String] {
        var paths = Set<String>()
        for stats in analysis.runs {
            let run = stats.run
            run.ddLogs.forEach { paths.insert($0.path) }
            run.openssl.forEach { paths.insert($0.path) }
            run.cryptsetup.forEach { paths.insert($0.path) }
            if let cpuPath = run.cpuPath { paths.insert(cpuPath) }
        }
        hostCPUs.forEach { paths.insert($0.path) }
        return paths.sorted()
    }
}
