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

    @Option(help: "AES-NI state for runs nothing else decides: on or off.")
    var assumeAESNI: OnOff?

    @OptionGroup var input: InputOptionGroup

    @Flag(help: "Print JSON instead of tables.")
    var json = false

    func run() throws {
        var discovery = RunDiscovery(assumeAESNI: assumeAESNI?.bool, maxFileSize: input.maxFileSize.bytes)
            .discover(inputs: RawArguments.paths(paths))
        // What report would pool, said here too.
        let runsByHost = discovery.runs.grouped { $0.host }
        for host in discovery.runs.map(\.host).uniqued() {
            discovery.diagnostics += RunPooling.diagnostics(host: host, runs: runsByHost[host] ?? [])
        }
        if json {
            try Output.printJSON(RunsReport(runs: discovery.runs, hostCPUs: discovery.hostCPUs,
                                            diagnostics: discovery.diagnostics))
        } else {
            print(RunsText.text(discovery))
        }
        Output.printDiagnostics(discovery.diagnostics)
        throw Output.exitCode(for: discovery.diagnostics)
    }
}

enum OnOff: String, ExpressibleByArgument, CaseIterable {
    case on, off
    var bool: Bool { self == .on }
}

struct RunsReport: Encodable {
    var runs: [Run]
    var hostCPUs: [HostCPU]
    var diagnostics: [Diagnostic]
}

enum RunsText {
    /// `openssl-cpuinfo without (3 files); manifest with; cpu-dump with (cpuinfo.txt)`: each source once, with its
    /// state and file (or how many files say it).
    static func evidenceText(_ evidence: [AESNIEvidence]) -> String {
        var parts: [String] = []
        for source in AESNISource.allCases {
            for state in [true, false] {
                let said = evidence.filter { $0.source == source && $0.aesni == state }
                guard let first = said.first else { continue }
                let name = first.path.split(separator: "/").last.map(String.init) ?? first.path
                let files = source == .folderName || source == .option ? ""
                    : said.count == 1 ? " (\(name))" : " (\(said.count) files)"
                parts.append("\(source.rawValue) \(state ? "with" : "without")\(files)")
            }
        }
        return parts.joined(separator: "; ")
    }

    static func text(_ discovery: Discovery) -> String {
        var blocks: [String] = []
        let hosts = discovery.runs.map(\.host).uniqued()
        for host in hosts {
            // Names and paths come from other people's folders: `t` shows their control characters escaped.
            let t = TerminalText.escape
            var lines = ["host \(t(host))"]
            if let hostCPU = discovery.hostCPUs.first(where: { $0.host == host }) {
                lines.append("  CPU: \(t(hostCPU.cpu.modelName ?? "?")), \(hostCPU.cpu.logicalCPUs.map { "\($0) logical CPUs" } ?? "") (\(t(hostCPU.path)))")
            }
            for run in discovery.runs where run.host == host {
                let state = AESNIStateText.of(run.aesni)
                lines.append("  run \(t(run.label)): \(state)\(run.aesniSource.map { " (from \($0.rawValue))" } ?? "")  [\(t(run.path))]")
                // Every source heard, so a state that the first source decided against the others is visible.
                if !run.aesniEvidence.isEmpty {
                    lines.append("    evidence: " + t(evidenceText(run.aesniEvidence)))
                }
                if let cpu = run.cpu {
                    lines.append("    CPU: \(t(cpu.modelName ?? "?")), guest \(cpu.guest.fact.rawValue), aes \(cpu.hasHardwareAES ? "yes" : "no")")
                }
                let rows = run.ddLogs.map { log -> [String] in
                    let samples = log.completeRounds.compactMap(\.bytesPerSecond)
                    let mean = samples.isEmpty ? nil : Descriptive.mean(samples)
                    return [log.cipher ?? "?", log.operation?.rawValue ?? "?", String(log.completeRounds.count),
                            String(log.failedRoundCount), mean.map { ThroughputFormat.si($0) } ?? "-"]
                }
                if !rows.isEmpty {
                    let table = Output.table(["cipher", "op", "rounds", "failed", "mean"], rows, rightAligned: [2, 3, 4])
                    lines.append(table.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
                }
                for speed in run.openssl {
                    lines.append("    openssl speed: \(speed.results.count) results, \(speed.direction.rawValue) (\(t(speed.path)))")
                }
                for benchmark in run.cryptsetup {
                    lines.append("    cryptsetup benchmark: \(benchmark.ciphers.count) ciphers (\(t(benchmark.path)))")
                }
            }
            blocks.append(lines.joined(separator: "\n"))
        }
        return blocks.joined(separator: "\n\n")
    }
}
