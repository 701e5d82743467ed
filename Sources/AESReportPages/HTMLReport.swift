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
    /// Set for `compare`: the comparison, its machines and its words.
    public var comparison: ComparisonDocument?
    /// Set for reports of more hosts than `FleetAnalysis.hostThreshold`: the page shows the fleet's spread and the
    /// hosts that stand out instead of every host's tables.
    public var fleet: FleetAnalysis?
    /// The language of the page's fixed words and method sentences (`--lang`); the values are the same in both.
    public var language: MethodLanguage = .en

    /// Lists longer than this (files read, diagnostics, standouts) are cut, with a count of the rest.
    public static let listLimit = 200

    public init(analysis: ReportAnalysis, hostCPUs: [HostCPU], diagnostics: [Diagnostic], charts: [InlineChart],
                options: AnalysisOptions, version: String, timestamp: String? = nil, comparison: ComparisonDocument? = nil,
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

    /// The page's fixed words in its language.
    var text: PageText { PageText.of(language) }

    func model() -> PageModel {
        let hosts = analysis.runs.map(\.run.host).uniqued()
        let anchors = HostFileNames.names(hosts)
        let (title, subtitle) = titles(hosts)
        let allFiles = files()
        let shownDiagnostics = Self.shownDiagnostics(diagnostics, fleet: fleet != nil)
        let chartViews = charts.enumerated().map(chartView)
        var hostViews = fleet == nil
            ? hosts.map { hostView($0, anchor: anchors[$0, default: HostFileNames.hash($0)]) } : []
        let owners = comparison == nil ? Self.chartOwners(chartViews.map(\.name), anchors: hostViews.map(\.anchor))
            : chartViews.map { _ in nil }
        for (index, owner) in owners.enumerated() {
            if let owner { hostViews[owner].charts.append(chartViews[index]) }
        }
        for index in hostViews.indices {
            hostViews[index].hasCharts = !hostViews[index].charts.isEmpty
            hostViews[index] = inLanguage(hostViews[index])
            // Stable ids from the host's anchor and the run's place, never from a run's label (any text).
            for run in hostViews[index].runs.indices {
                hostViews[index].runs[run].anchor = "host-\(hostViews[index].anchor)-run-\(run + 1)"
            }
        }
        var page = PageModel(
            lang: language.rawValue, t: text.words, title: title, subtitle: subtitle, generator: "aesreport \(version)",
            timestamp: timestamp, headlines: fleet.map(fleetHeadlines) ?? headlines(hosts),
            warnings: fleet == nil ? warnings() : [],
            charts: zip(chartViews, owners).filter { $1 == nil }.map(\.0), comparison: comparison.map(comparisonView),
            fleet: fleet.map(fleetView), hosts: hostViews,
            machines: fleet == nil ? machines(hosts) : fleetMachines(),
            method: methodSentences(), files: Array(allFiles.prefix(Self.listLimit)),
            diagnostics: shownDiagnostics.map { DiagnosticView(text: $0.description, severity: $0.severity.rawValue) })
        page.t["footerNote"] = footerNote()
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

    /// The host (an index into `anchors`) each chart belongs to, or nil for a chart of no one host (a comparison's,
    /// a fleet's). A report's charts are named `<kind>-<host anchor>` (`read-skylake`), or `<kind>` alone when the
    /// report has one host; the longest anchor that ends the name wins (`read-b-a` is host `b-a`'s, not `a`'s).
    static func chartOwners(_ names: [String], anchors: [String]) -> [Int?] {
        guard anchors.count > 1 else { return names.map { _ in anchors.isEmpty ? nil : 0 } }
        return names.map { name in
            anchors.indices.filter { name.hasSuffix("-" + anchors[$0]) }.max { anchors[$0].count < anchors[$1].count }
        }
    }

    /// The page's title and the line under it, in its language.
    func titles(_ hosts: [String]) -> (title: String, subtitle: String) {
        let names = hosts.map(BidiText.isolate)
        switch language {
        case .en:
            return (comparison != nil ? "AES-NI benchmark comparison" : "AES-NI benchmark report",
                    comparison.map { "\($0.comparison.nameA) compared with " + $0.comparison.sideNames.dropFirst().joined(separator: ", ") }
                        ?? "\(analysis.runs.count) run\(analysis.runs.count == 1 ? "" : "s") on \(hosts.count) "
                        + "host\(hosts.count == 1 ? "" : "s"): " + names.joined(separator: ", "))
        case .zh:
            return (comparison != nil ? "AES-NI 基准测试对比" : "AES-NI 基准测试报告",
                    comparison.map { "\($0.comparison.nameA) 对比 " + $0.comparison.sideNames.dropFirst().joined(separator: "、") }
                        ?? "\(hosts.count) 台主机上的 \(analysis.runs.count) 次运行：" + names.joined(separator: "、"))
        }
    }
}
