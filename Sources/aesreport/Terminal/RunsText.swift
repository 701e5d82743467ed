import AESReportIngest
import AESReportModel
import AESReportStats

/// `runs --json`: the runs found, the hosts' CPUs and every diagnostic.
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
