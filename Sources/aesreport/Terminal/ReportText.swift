import AESReportModel
import AESReportPages
import AESReportStats

/// The report's terminal text: the headline per host, then the speedup table.
enum ReportText {
    /// For a fleet: the median gains per cipher and operation, and how many hosts stand out.
    static func fleetText(_ fleet: FleetAnalysis) -> String {
        var lines = ["fleet of \(fleet.hosts) hosts; AES-NI gain of the median host per cipher:"]
        lines.append(Output.table(["cipher", "op", "hosts", "median", "quartiles", "far below"], fleet.spreads.map { s in
            [s.cipher, s.operation.rawValue, String(s.gains.count), PercentText.signed(s.median),
             NumberText.percentRange(ClosedInterval(low: s.lowerQuartile, high: s.upperQuartile)), String(s.lowHosts.count)]
        }, rightAligned: [2, 3, 5]))
        lines.append("\(fleet.standouts.count) hosts stand out" + (fleet.standouts.isEmpty ? "." : ": "
            + fleet.standouts.prefix(10).map { TerminalText.escape($0.host) }.joined(separator: ", ") + (fleet.standouts.count > 10 ? ", ..." : "")
            + " (all of them in index.html and summary.md)"))
        return lines.joined(separator: "\n")
    }

    static func text(_ report: ReportAnalysis, method: Method) -> String {
        // Each line names hosts, ciphers or runs: their control characters are shown escaped.
        var lines = (SpeedupText.hostLines(report) + SpeedupText.opensslHostLines(report) + SpeedupText.kernelHostLines(report))
            .map(TerminalText.escape)
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
        let opensslMethod = method.forSamples
        let sampleMethodShown = opensslMethod == method && !report.speedups.isEmpty
        if !opensslRows.isEmpty {
            lines.append("")
            if !sampleMethodShown {
                lines.append("openssl method: " + opensslMethod.summaryLine() + "; " + opensslMethod.significanceLegend())
            }
            let rows = opensslRows.map { [$0.host] + SpeedupText.cells($0) }
            lines.append(Output.table(["host", "openssl", "direction", "block", "without", "with", "gain",
                                       opensslMethod.ratioIntervalHeader, opensslMethod.pValueHeader], rows,
                                      rightAligned: [3, 4, 5, 6]))
        }
        lines += sampleGainTables(report, method: method, methodShown: sampleMethodShown || !opensslRows.isEmpty)
        lines += report.notes.map { "note: " + TerminalText.escape($0) }
        if lines.isEmpty { lines.append("no series to summarise") }
        return lines.joined(separator: "\n")
    }
}
