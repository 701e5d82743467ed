import AESReportCairo
import AESReportCharts
import AESReportIngest
import AESReportModel
import AESReportPages
import AESReportStats
import ArgumentParser
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Average the rounds, compute AES-NI speedups, and write the summary files.",
        discussion: """
        Reads the runs under PATH... (see `aesreport runs --help` for how runs and their AES-NI state are found), \
        reduces every series (run, cipher, operation) to n, mean, median, standard deviation, min, max, CV and \
        the 95% interval of the mean (Student's t), flags outliers by Tukey's fences, and for every host with \
        runs with and without AES-NI computes the speedup per cipher: the ratio of the means with its 95% \
        interval and p-value. The centre decides the method as a whole: mean (t interval; ratio by Fieller; \
        Welch's t-test), median (order-statistic interval; ratio by bootstrap; Mann-Whitney U test), total \
        (bootstrap interval; ratio by bootstrap; permutation test). A gain with one round on a side has no test and \
        is shown as untested (n/a), never as not significant.

        It prints the gain ranges per host, the way the seed writes them ("reads +40% to +91%"), and with -o \
        writes into DIR (each file written whole, then renamed into place): index.html (one self-contained \
        page: findings, charts inlined as SVG, tables, machines, method and diagnostics), summary.json, summary.csv, \
        summary.md, and the charts: read and write throughput by cipher (the seed's figures 9-5 and 9-6), the \
        speedup by cipher, openssl speed and cryptsetup benchmark charts where those outputs exist; as PNG and SVG \
        by default, PDF with --format. With several hosts, chart names end in the host's name. When nothing was \
        measured (no result files, or none with a round) it writes nothing, says why and exits with status 1.

        Examples:
          aesreport report SampleData -o out
          aesreport report results/ -o out --format png,pdf --scale 2 --lang zh --theme dark
          aesreport report --centre median --skip-warmup 1 results/ -o out
        """
    )

    @Argument(help: "Folders of runs.", completion: .directory)
    var paths: [String]

    @OptionGroup var analysis: AnalysisOptionGroup
    @OptionGroup var input: InputOptionGroup
    @OptionGroup var out: OutputOptionGroup

    func validate() throws {
        try out.checkOutput(inputs: paths)
    }

    func run() throws {
        // Templates first: a template that does not parse, a missing or recursive partial stop the run here.
        let templates = try out.loadTemplates()
        let progress = ProgressLine(quiet: out.quiet)
        let options = analysis.options
        // Each run is reduced to its series as soon as its files are read: a fleet's rounds are never all held.
        let discovery = RunDiscovery(assumeAESNI: analysis.assumeAESNI?.bool, maxFileSize: input.maxFileSize.bytes,
                                     progress: progress.reader)
            .discover(inputs: RawArguments.paths(paths)) { RunStatistics(run: $0, options: options) }
        progress.say("computing statistics")
        let report = ReportAnalysis(reduced: discovery.runs, options: options)
        let hostCount = Set(report.runs.map(\.run.host)).count
        let fleet = hostCount > FleetAnalysis.hostThreshold ? FleetAnalysis(report) : nil
        progress.finish()
        // What discovery read and decided, then what the analysis decided (pooled runs, gains all negative).
        let found = discovery.diagnostics + report.diagnostics
        var diagnostics = found
        guard report.measuredSeriesCount > 0 else {
            // An empty page and summaries would look like a report; say why there is none instead.
            Output.printDiagnostics(diagnostics)
            printError(Self.nothingReadMessage(runs: report.runs.count, paths: paths, output: out.output,
                                               diagnosed: !diagnostics.isEmpty))
            throw ExitCode(1)
        }
        print(fleet.map(ReportText.fleetText) ?? ReportText.text(report, method: Method(options)))
        if let output = out.output {
            let folder = try Output.openReportFolder(output, lockTimeout: out.lockTimeout)
            progress.say("writing the summaries, the charts and the page")
            // Two independent jobs, one per core: the summary tables stream to their files (hundreds of megabytes
            // for a large fleet) while the charts and the page are drawn. Every file is staged under a temporary
            // name; then all are renamed together. A chart that cannot be drawn is an error of its own.
            let jobs: [() throws -> [Diagnostic]] = [
                { writeSummaryTables(report, diagnostics: found, to: folder); return [] },
                { try writeChartsAndPage(report, fleet: fleet, hostCPUs: discovery.hostCPUs, diagnostics: found,
                                         templates: templates, to: folder) },
            ]
            let results = ParallelMap.map(jobs) { job in Result { try job() } }
            progress.finish()
            for result in results {
                switch result {
                case let .success(failures): diagnostics += failures
                case let .failure(error):
                    diagnostics.append(Diagnostic(file: output, line: nil, severity: .error, message: "\(error)"))
                }
            }
            diagnostics += try Output.commit(folder)
        }
        Output.printDiagnostics(diagnostics)
        throw Output.exitCode(for: diagnostics)
    }

    /// Why `report` stopped without output: nothing measured under `paths`.
    static func nothingReadMessage(runs: Int, paths: [String], output: String?, diagnosed: Bool) -> String {
        let found = runs == 0 ? "no run folder with result files"
            : "\(runs) run folder\(runs == 1 ? "" : "s") but not one measurement in \(runs == 1 ? "it" : "them")"
        return "error: nothing to report: found \(found) under " + paths
            .map(TerminalText.escape).joined(separator: ", ") + (diagnosed ? " (see the diagnostics above); " : "; ")
            + (output.map { "nothing was written to \($0)" } ?? "no summary") + ". `aesreport parse FILE` shows what "
            + "a file yields, `aesreport runs PATH` which folders are runs."
    }

    /// summary.json and summary.csv, each streamed to its file.
    /// A file that cannot be written is recorded in `folder` and named by the commit; the other goes on.
    private func writeSummaryTables(_ report: ReportAnalysis, diagnostics: [Diagnostic], to folder: OutputFolder) {
        if out.formats.contains("json") {
            let document = SummaryDocument(analysis: report, options: analysis.options, diagnostics: diagnostics,
                                           version: AESReportCommand.version)
            _ = try? folder.stage("summary.json") { write in try document.writeJSON(to: write) }
        }
        if out.formats.contains("csv") {
            _ = try? folder.stage("summary.csv") { write in try SummaryTables.writeCSV(report, centre: analysis.options.centre, to: write) }
        }
    }

    /// The charts in their formats, summary.md (which links them) and index.html (which inlines them).
    private func writeChartsAndPage(_ report: ReportAnalysis, fleet: FleetAnalysis?, hostCPUs: [HostCPU],
                                    diagnostics: [Diagnostic], templates: HTMLTemplates?,
                                    to folder: OutputFolder) throws -> [Diagnostic] {
        let options = analysis.options
        let charts = fleet.map { ReportCharts.fleet($0, options: out.chartOptions) }
            ?? ReportCharts.charts(report, options: out.chartOptions, analysisOptions: options)
        // A chart that cannot be drawn (one host's) is an error on its own; the other hosts' charts, the summary
        // and the page are still written.
        let rendered = out.renderCharts(charts)
        let failures = rendered.failures.map {
            Diagnostic(file: folder.path + "/" + $0.name, line: nil, severity: .error, message: $0.description)
        }
        var files: [ChartFiles.File] = []
        if out.formats.contains("md") {
            // Link the PNGs (else SVGs) next to the summary.
            let extensionToLink = out.imageFormats.contains(.png) ? "png" : "svg"
            let images = charts.compactMap { chart -> (title: String, file: String)? in
                let file = "\(chart.name).\(extensionToLink)"
                // With several hosts, the host (the subtitle) in the alt text: each chart under its own host's name.
                let severalHosts = fleet == nil && Set(report.runs.map(\.run.host)).count > 1
                let title = severalHosts && !chart.subtitle.isEmpty ? "\(chart.title) (\(chart.subtitle))" : chart.title
                return rendered.files.contains { $0.name == file } ? (title, file) : nil
            }
            files.append(.init(name: "summary.md",
                               bytes: Array(SummaryTables.markdown(report, options: options, images: images).utf8)))
        }
        let html = HTMLReport(analysis: report, hostCPUs: hostCPUs, diagnostics: diagnostics,
                              charts: rendered.inline, options: options, version: AESReportCommand.version,
                              timestamp: out.timestampText, fleet: fleet)
        if let page = out.page(html, templates: templates) { files.insert(page, at: 0) }
        files += rendered.files
        Output.stage(files, in: folder)
        return failures
    }
}

/// The report's terminal text: the headline per host, then the speedup table.
enum ReportText {
    /// For a fleet: the median gains per cipher and operation, and how many hosts stand out.
    static func fleetText(_ fleet: FleetAnalysis) -> String {
        var lines = ["fleet of \(fleet.hosts) hosts; AES-NI gain of the median host per cipher:"]
        lines.append(Output.table(["cipher", "op", "hosts", "median", "quartiles", "far below"], fleet.spreads.map { s in
            [s.cipher, s.operation.rawValue, String(s.gains.count), NumberText.percent(s.median),
             NumberText.percent(s.lowerQuartile) + " .. " + NumberText.percent(s.upperQuartile), String(s.lowHosts.count)]
        }, rightAligned: [2, 3, 5]))
        lines.append("\(fleet.standouts.count) hosts stand out" + (fleet.standouts.isEmpty ? "." : ": "
            + fleet.standouts.prefix(10).map { TerminalText.escape($0.host) }.joined(separator: ", ") + (fleet.standouts.count > 10 ? ", ..." : "")
            + " (all of them in index.html and summary.md)"))
        return lines.joined(separator: "\n")
    }

    static func text(_ report: ReportAnalysis, method: Method) -> String {
        // Each line names hosts, ciphers or runs: their control characters are shown escaped.
        var lines = (SpeedupText.hostLines(report) + SpeedupText.opensslHostLines(report)).map(TerminalText.escape)
        if let noisy = NoisySeries.summaryLine(report) { lines.append(TerminalText.escape(noisy)) }
        if !report.speedups.isEmpty {
            lines.append("")
            lines.append("method: " + method.summaryLine() + "; " + method.significanceLegend())
            let rows = report.speedups.map { [$0.host] + SpeedupText.cells($0) }
            lines.append(Output.table(["host", "cipher", "op", "without", "with", "gain", method.ratioIntervalHeader,
                                       method.pValueHeader], rows, rightAligned: [3, 4, 5, 6]))
        }
        // The largest block size of each host here; every size is in summary.md, summary.json and the page.
        let largest = report.opensslSpeedups.grouped { $0.host }.mapValues { $0.map(\.blockSize).max() ?? 0 }
        let opensslRows = report.opensslSpeedups.filter { $0.blockSize == largest[$0.host] }
        if !opensslRows.isEmpty {
            lines.append("")
            let opensslMethod = method.forSamples
            if opensslMethod != method || report.speedups.isEmpty {
                lines.append("openssl method: " + opensslMethod.summaryLine() + "; " + opensslMethod.significanceLegend())
            }
            let rows = opensslRows.map { [$0.host] + SpeedupText.cells($0) }
            lines.append(Output.table(["host", "openssl", "direction", "block", "without", "with", "gain",
                                       opensslMethod.ratioIntervalHeader, opensslMethod.pValueHeader], rows,
                                      rightAligned: [3, 4, 5, 6]))
        }
        lines += report.notes.map { "note: " + TerminalText.escape($0) }
        if lines.isEmpty { lines.append("no series to summarise") }
        return lines.joined(separator: "\n")
    }
}
