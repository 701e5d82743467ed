import AESReportIngest
import AESReportModel
import AESReportOutput
import AESReportStats
import ArgumentParser

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare hosts, or any sets of runs, benchstat-style: throughput and what AES-NI buys on each.",
        discussion: """
        Hosts are found as `report` finds them given every input at once: two trees with the same machine names \
        (dc1/node01, dc2/node01) are four hosts, named by the shortest path that tells them apart, and never pooled. \
        Each input holding one host is a column; inputs holding several are paired host by host by their folder \
        under the input (node01 with node01), or, when no name matches, each host is a column. The first input (A) \
        is the baseline; every other column is compared with it.

        For each pair: every cipher, operation and AES-NI state measured by both, with the centre of each side and \
        its interval (±), the change from A to B with its interval, and the method's test (--centre: mean → t \
        interval, Fieller, Welch's t-test; median → order statistics, bootstrap, Mann-Whitney U; total → bootstrap, \
        bootstrap, permutation test). `~` marks a change that is not significant at --alpha, `n/a` one too few \
        rounds can test. Then what AES-NI buys on each (dm-crypt per cipher, openssl, cryptsetup and tcrypt where \
        present), each host's gain exactly as its report gives it, and the ratio of the two gains with its interval \
        and test (mean: delta method on the log scale with a t test; median and total: a seeded bootstrap).

        When each side holds one AES-NI state (one host's with-aesni and no-aesni folders), the rows are the AES-NI \
        gain itself. The machines are set side by side (CPU, kernel, accelerator, AES flags, collector), and a \
        warning says when two sides ran different benchmarks (bytes per round, block size, rounds).

        With -o writes index.html (the comparison, then each host's report), comparison.json, comparison.csv, \
        comparison-gains.csv, comparison.md and the charts (compare-read, compare-write: the second column hatched, \
        the change over each cipher; compare-gains: the gains side by side) into DIR. With several pairs, chart \
        names end in the other column's name.

        Examples:
          aesreport compare SampleData/broadwell-e5-2699v4 SampleData/skylake-gold-6148 -o out
          aesreport compare dc1 dc2 --centre median
          aesreport compare host/guest-noaesni host/guest-aesni
          aesreport compare baseline kernel-6.1 kernel-6.6
        """
    )

    @Argument(help: "The inputs: the first is the baseline (A), each other is compared with it (at least two).",
              completion: .directory)
    var inputs: [String]

    @OptionGroup var analysis: AnalysisOptionGroup
    @OptionGroup var input: InputOptionGroup
    @OptionGroup var out: OutputOptionGroup
    @OptionGroup var charts: ChartOptionGroup

    func validate() throws {
        guard inputs.count >= 2 else {
            throw ValidationError("compare needs at least two inputs (A, the baseline, and B); got \(inputs.count)")
        }
        try out.checkOutput(inputs: inputs)
    }

    func run() throws {
        out.startChartWarmUp(charts: charts)
        let templates = try out.loadTemplates()
        let options = analysis.options
        let frontend = CompareFrontend(
            inputs: RawArguments.paths(inputs), options: options,
            discovery: RunDiscovery(assumeAESNI: analysis.aesni.assumed, maxFileSize: input.maxFileSize.bytes),
            version: AESReportCommand.version)
        let result = frontend.analyse()
        var diagnostics = result.diagnostics
        print(result.document.terminalTable(), terminator: "")
        // Nothing compared: an empty comparison would replace the last good one in DIR; say so and write nothing.
        if let output = out.output, result.comparison.rows.isEmpty, result.comparison.gains.isEmpty,
           result.comparison.stateGains.isEmpty {
            Output.printDiagnostics(diagnostics)
            printError("error: nothing to compare, so nothing was written to \(TerminalText.escape(output))")
            throw ExitCode(1)
        }
        if let output = out.output {
            let folder = try Output.openReportFolder(output, lockTimeout: out.lock.lockTimeout)
            diagnostics += frontend.write(result, settings: out.settings(charts: charts, templates: templates),
                                          to: folder)
            diagnostics += try Output.commit(folder)
        }
        Output.printDiagnostics(diagnostics)
        try Output.exitOnErrors(diagnostics)
    }
}
