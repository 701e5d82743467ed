import AESReportIngest
import AESReportModel
import AESReportStats
import ArgumentParser

struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "Find the runs in folder trees and show how each was read.",
        discussion: """
        A run is a folder that directly holds result files: <cipher>-read.txt and <cipher>-write.txt (also \
        .log), openssl*.txt, cryptsetup*.txt. Its AES-NI state comes from, in this order:
          1. a file aesreport.manifest in the folder (lines 'label = ...', 'host = ...', 'aesni = yes|no');
          2. a CPU dump in the folder (cpuinfo*, proc-cpuinfo*, lscpu*): the 'aes' flag present or not;
          3. the folder name (with-aesni, aesni, aes-ni-on / no-aesni, noaesni, without-aesni, aesni-off);
          4. --assume-aesni.
        Before all of these, an openssl speed output's own CPUINFO line (OPENSSL_ia32cap, AES-NI bit set or \
        clear) decides for that output, and for the run when it holds only such outputs. Every disagreement \
        between two sources is a warning naming both files, and `evidence:` lists what each source said.
        Runs are grouped into hosts by the manifest's host, else by their parent folder; two parent folders of \
        the same name in different trees are two hosts, named by the shortest path suffix that differs \
        (dc1/node01, dc2/node01). A CPU dump in the parent folder is the host's. Files whose names are not \
        recognised are read by their content when it is a known format; every file not read is listed with \
        the reason.

        Examples:
          aesreport runs SampleData
          aesreport runs --assume-aesni off old-results/
        """
    )

    @Argument(help: "Folders (or result files) to read.", completion: .directory)
    var paths: [String]

    @OptionGroup var aesni: AESNIAssumptionOption

    @OptionGroup var input: InputOptionGroup

    @OptionGroup var printing: JSONOption

    func run() throws {
        var discovery = RunDiscovery(assumeAESNI: aesni.assumed, maxFileSize: input.maxFileSize.bytes)
            .discover(inputs: RawArguments.paths(paths))
        // What report would pool, said here too.
        let runsByHost = discovery.runs.grouped { $0.host }
        for host in discovery.runs.map(\.host).uniqued() {
            discovery.diagnostics += RunPooling.diagnostics(host: host, runs: runsByHost[host] ?? [])
        }
        if printing.json {
            try Output.printJSON(RunsReport(runs: discovery.runs, hostCPUs: discovery.hostCPUs,
                                            diagnostics: discovery.diagnostics))
        } else {
            print(RunsText.text(discovery))
        }
        Output.printDiagnostics(discovery.diagnostics)
        try Output.exitOnErrors(discovery.diagnostics)
    }
}
