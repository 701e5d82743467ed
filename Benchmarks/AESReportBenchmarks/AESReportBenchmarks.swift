// In-process benchmarks (ordo-one/benchmark): parse throughput, the reduction and analysis of a fleet, and
// summary.json. The data are SYNTHETIC and deterministic (generated below). Run from the repository root:
//
//   AESREPORT_BENCHMARKS=1 swift package benchmark
//
// Whole-command figures (process start, files, charts) come from .ci/bench-report.sh and .ci/bench-fleet.sh.
import AESReportIngest
import AESReportModel
import AESReportPages
import AESReportStats
import Benchmark
import CAllocatorTuning
import Foundation

/// `rounds` dd rounds in coreutils 9 English form, seconds varied deterministically.
func ddLog(rounds: Int, seed: Int) -> [UInt8] {
    var text = ""
    for round in 0..<rounds {
        // dd prints the time with %g (6 significant digits) and the rate with one decimal.
        let seconds = 8.0 + Double((round * 7919 + seed * 104_729) % 100_000) / 10_000.0
        text += "20+0 records in\n20+0 records out\n21474836480 bytes (21 GB, 20 GiB) copied, "
            + String(format: "%g s, %.1f GB/s\n", seconds, 21.474836480 / seconds)
    }
    return Array(text.utf8)
}

/// A fleet in memory: `hosts` hosts with a run with and one without AES-NI, six ciphers, read and write.
func fleet(hosts: Int) -> [Run] {
    let ciphers = ["aes-ecb-plain", "aes-cbc-plain", "aes-ctr-plain", "aes-lrw-plain", "aes-pcbc-plain", "aes-xts-plain"]
    var runs: [Run] = []
    for host in 0..<hosts {
        for aesni in [true, false] {
            var logs: [DDLog] = []
            for (index, cipher) in ciphers.enumerated() {
                for operation in AESReportModel.Operation.allCases {
                    let seed = host * 100 + index * 2 + (operation == .read ? 0 : 1) + (aesni ? 50 : 0)
                    let parsed = DDLogParser.parse(bytes: ddLog(rounds: 10, seed: seed), path: "\(cipher)-\(operation).txt")
                    logs.append(DDLog(path: "h\(host)/\(aesni)/\(cipher)-\(operation.rawValue).txt", cipher: cipher,
                                      operation: operation, rounds: parsed.value!.rounds))
                }
            }
            runs.append(Run(path: "h\(host)/\(aesni ? "with" : "no")-aesni", label: aesni ? "with" : "without",
                            host: "host-\(host)", aesni: aesni, aesniSource: .manifest, cpu: nil, cpuPath: nil,
                            ddLogs: logs, openssl: [], cryptsetup: []))
        }
    }
    return runs
}

let benchmarks: @Sendable () -> Void = {
    aesreport_tune_allocator() // as the aesreport executable does
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
                                           warmupIterations: 2, maxDuration: .seconds(5), maxIterations: 200)

    // 7,575,103 bytes of dd output (80,000 rounds) parsed from memory: the parser alone, without file I/O.
    let log = ddLog(rounds: 80_000, seed: 1)
    Benchmark("Parse 7.6 MB of dd output from memory (one thread)",
              configuration: .init(metrics: [.wallClock, .throughput, .mallocCountTotal], scalingFactor: .one)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(DDLogParser.parse(bytes: log, path: "bench.txt").value?.rounds.count)
        }
    }

    let runs = fleet(hosts: 100)
    Benchmark("Reduce and analyse 100 hosts (200 runs, 2,400 series)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(ReportAnalysis(runs: runs, options: AnalysisOptions()).speedups.count)
        }
    }

    let analysis = ReportAnalysis(runs: runs, options: AnalysisOptions())
    Benchmark("summary.json for 100 hosts, streamed to a counting sink") { benchmark in
        for _ in benchmark.scaledIterations {
            var bytes = 0
            try SummaryDocument(analysis: analysis, options: AnalysisOptions(), diagnostics: [], version: "bench")
                .writeJSON(to: { bytes += $0.count })
            blackHole(bytes)
        }
    }
}
