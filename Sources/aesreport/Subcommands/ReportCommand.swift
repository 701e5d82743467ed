import AESReportIngest
import AESReportModel
import AESReportOutput
import AESReportStats
import ArgumentParser

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
        speedup by cipher, every round in order (warm-up and drift), and where those outputs exist the openssl \
        speed charts with their speedup chart, the cryptsetup benchmark chart and the tcrypt speedup chart; as PNG \
        and SVG (text you can select; --svg-text paths for glyph outlines) by default, PDF with --format. With several hosts, chart names end in the host's name. When nothing was \
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
    @OptionGroup var charts: ChartOptionGroup

    func validate() throws {
        try out.checkOutput(inputs: paths)
    }

    func run() throws {
        out.startChartWarmUp(charts: charts)
        // Templates first: a template that does not parse, a missing or recursive partial stop the run here.
        let templates = try out.loadTemplates()
        let progress = ProgressLine(quiet: out.progress.quiet)
        let options = analysis.options
        // Each run is reduced to its series as soon as its files are read: a fleet's rounds are never all held.
        let discovery = RunDiscovery(assumeAESNI: analysis.aesni.assumed, maxFileSize: input.maxFileSize.bytes,
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
            let folder = try Output.openReportFolder(output, lockTimeout: out.lock.lockTimeout)
            progress.say("writing the summaries, the charts and the page")
            // Every file is staged under a temporary name, then all are renamed together. A chart that cannot be
            // drawn is an error of its own.
            let writer = ReportOutput(settings: out.settings(charts: charts, templates: templates), options: options)
            diagnostics += writer.writeReport(report, fleet: fleet, hostCPUs: discovery.hostCPUs, diagnostics: found,
                                        to: folder)
            progress.finish()
            diagnostics += try Output.commit(folder)
        }
        Output.printDiagnostics(diagnostics)
        FreedByExit.keep((discovery, report, fleet))
        try Output.exitOnErrors(diagnostics)
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
}
