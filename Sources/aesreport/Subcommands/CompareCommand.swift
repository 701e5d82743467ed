import AESReportCollect
import AESReportIngest
import AESReportModel
import AESReportOutput
import AESReportPages
import AESReportStats
import ArgumentParser

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two hosts, or any two sets of runs, benchstat-style.",
        discussion: """
        For every cipher, operation and AES-NI state present under both A and B: the centre of each side with \
        the 95% interval of its mean, the change from A to B with its 95% interval, and the Mann-Whitney U \
        p-value (Welch's is in the files). A change whose p-value is at or above --alpha is printed as `~`: no \
        significant difference. Series found on one side only are listed, not dropped. The last lines give the \
        geometric mean of the B/A ratios. Given one host's runs with and without AES-NI (which share no series), \
        it says that `report` computes that gain, and still prints the comparison.

        With -o writes index.html (the comparison, then each host's report), comparison.json, comparison.csv, \
        comparison.md and the two-host charts (compare-read, \
        compare-write; the second host hatched) into DIR.

        Example:
          aesreport compare SampleData/broadwell-e5-2699v4 SampleData/skylake-gold-6148 -o out
        """
    )

    @Argument(help: "The first host or run folder (the baseline).", completion: .directory)
    var a: String

    @Argument(help: "The second host or run folder.", completion: .directory)
    var b: String

    @OptionGroup var analysis: AnalysisOptionGroup
    @OptionGroup var input: InputOptionGroup
    @OptionGroup var out: OutputOptionGroup
    @OptionGroup var charts: ChartOptionGroup

    func validate() throws {
        try out.checkOutput(inputs: [a, b])
    }

    func run() throws {
        out.startChartWarmUp(charts: charts)
        let templates = try out.loadTemplates()
        let discovery = RunDiscovery(assumeAESNI: analysis.aesni.assumed, maxFileSize: input.maxFileSize.bytes)
        let sideA = discovery.discover(inputs: [RawArguments.path(a)])
        let sideB = discovery.discover(inputs: [RawArguments.path(b)])
        let options = analysis.options
        let comparison = Comparison(nameA: a, runsA: sideA.runs, nameB: b, runsB: sideB.runs, options: options)
        var diagnostics = sideA.diagnostics + sideB.diagnostics
        // One host's two AES-NI states: said in every output (terminal, comparison.json/md and the page).
        if let pair = Comparison.aesniPair(runsA: sideA.runs, runsB: sideB.runs) {
            diagnostics.insert(Diagnostic(file: a, line: nil, severity: .note,
                                          message: Self.aesniPairNote(pair, a: a, b: b)), at: 0)
        }
        let document = ComparisonDocument(comparison: comparison, options: options, diagnostics: diagnostics,
                                          version: AESReportCommand.version)
        print(document.terminalTable(), terminator: "")
        if let output = out.output {
            let folder = try Output.openReportFolder(output, lockTimeout: out.lock.lockTimeout)
            let writer = ReportOutput(settings: out.settings(charts: charts, templates: templates), options: options)
            diagnostics += writer.writeComparison(document, comparison: comparison, runs: sideA.runs + sideB.runs,
                                        hostCPUs: sideA.hostCPUs + sideB.hostCPUs, diagnostics: diagnostics, to: folder)
            diagnostics += try Output.commit(folder)
        }
        Output.printDiagnostics(diagnostics)
        try Output.exitOnErrors(diagnostics)
    }

    /// Points from a comparison of one host's two AES-NI states to the command that computes that gain.
    static func aesniPairNote(_ pair: Comparison.AESNIPair, a: String, b: String) -> String {
        "A and B are the same host, \(pair.host), \(pair.aWithAESNI ? "with" : "without") and "
            + "\(pair.aWithAESNI ? "without" : "with") AES-NI; compare pairs series of the same AES-NI state, so "
            + "it sets none of them side by side. The gain of AES-NI, with its interval and p-value per cipher, "
            + "is what `aesreport report \(ExternalCommand.quoted(a)) \(ExternalCommand.quoted(b))` computes."
    }
}
