import AESReportModel
import AESReportStats

extension SummaryTables {
    /// `images` are the chart files written next to the summary (title, file name), linked at the top so the
    /// file can be pasted into a README or wiki together with them.
    public static func markdown(_ analysis: ReportAnalysis, options: AnalysisOptions,
                                images: [(title: String, file: String)] = []) -> String {
        var out: [String] = ["# AES-NI benchmark summary", ""]
        let method = Method(options)
        let hostCount = Set(analysis.runs.map(\.run.host)).count
        let lines = hostCount > FleetAnalysis.hostThreshold ? []
            : SpeedupText.hostLines(analysis) + SpeedupText.opensslHostLines(analysis)
                + SpeedupText.kernelHostLines(analysis)
        if !lines.isEmpty {
            out += lines.map { "- " + MarkdownText.escape($0) }
            if let noisy = NoisySeries.summaryLine(analysis) { out.append("- " + MarkdownText.escape(noisy)) }
            out.append("")
        }
        let warnings = ReportWarnings.lines(analysis)
        if !warnings.isEmpty {
            out.append("Warnings:")
            out.append("")
            out += warnings.map { "- " + MarkdownText.escape($0) }
            out.append("")
        }
        for image in images {
            out.append("![\(MarkdownText.escape(image.title))](\(image.file))")
            out.append("")
        }
        var hosts: [String] = []
        for run in analysis.runs where !hosts.contains(run.run.host) { hosts.append(run.run.host) }
        if hosts.count > FleetAnalysis.hostThreshold {
            return (out + fleetMarkdown(FleetAnalysis(analysis))).joined(separator: "\n")
        }
        for host in hosts {
            out.append("## \(MarkdownText.escape(host))")
            out.append("")
            let speedups = analysis.speedups.filter { $0.host == host }
            if !speedups.isEmpty {
                out.append("AES-NI speedup (\(method.summaryLine()); \(method.significanceLegend())):")
                out.append("")
                out.append(MarkdownText.table(
                    ["cipher", "op", "without AES-NI", "with AES-NI", "gain", method.ratioIntervalHeader,
                     method.pValueHeader],
                    speedups.map(SpeedupText.cells), rightAligned: [2, 3, 4, 6]))
                out.append("")
            }
            let openssl = analysis.opensslSpeedups.filter { $0.host == host }
            if !openssl.isEmpty {
                out.append("AES-NI speedup in `openssl speed` (\(method.forSamples.summaryLine()); "
                           + "\(method.forSamples.significanceLegend())):")
                out.append("")
                out.append(MarkdownText.table(
                    ["algorithm", "direction", "block", "without AES-NI", "with AES-NI", "gain",
                     method.forSamples.ratioIntervalHeader, method.forSamples.pValueHeader],
                    openssl.map(SpeedupText.cells), rightAligned: [2, 3, 4, 5, 7]))
                out.append("")
            }
            out += kernelGainTables(analysis, host: host, method: method.forSamples)
            for stats in analysis.runs where stats.run.host == host {
                let state = AESNIStateText.of(stats.run.aesni)
                out.append("### \(MarkdownText.escape(stats.run.label)) (\(state), \(MarkdownText.escape(stats.run.path)))")
                out.append("")
                guard !stats.series.isEmpty else {
                    out.append("No dd series (\(stats.run.openssl.count) openssl speed and \(stats.run.cryptsetup.count) "
                               + "cryptsetup benchmark outputs).")
                    out.append("")
                    continue
                }
                out.append(MarkdownText.table(
                    ["cipher", "op", "n", "failed", "mean", "median"] + (method.centre == .total ? ["total"] : [])
                        + ["stdev", method.centreIntervalHeader, "CV", "outliers"],
                    stats.series.map { s -> [String] in
                        let summary = s.summary
                        let si: (Double?) -> String = { $0.map { ThroughputFormat.si($0) } ?? "-" }
                        var row = [s.cipher, s.operation.rawValue, String(s.n), String(s.failed), si(summary?.mean),
                                   si(summary?.median)]
                        if method.centre == .total { row.append(si(s.totalThroughput)) }
                        return row + [si(summary?.standardDeviation), s.centreIntervalText(separator: " .. ", none: "-"),
                                      s.coefficientOfVariationText, s.outliersText]
                    }, rightAligned: [2, 3, 4, 5, 6, 8]))
                out.append("")
            }
        }
        if !analysis.notes.isEmpty {
            out.append("## Notes")
            out.append("")
            out += analysis.notes.map { "- " + MarkdownText.escape($0) }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    /// A fleet's summary: the spread of gains per cipher and the hosts that stand out (every host's numbers are in
    /// summary.csv).
    static func fleetMarkdown(_ fleet: FleetAnalysis) -> [String] {
        var out = ["## Fleet of \(fleet.hosts) hosts", ""]
        out.append(MarkdownText.table(
            ["cipher", "op", "hosts", "median gain", "quartiles", "range", "far below"],
            fleet.spreads.map { s in
                [s.cipher, s.operation.rawValue, String(s.gains.count), PercentText.signed(s.median),
                 NumberText.percentRange(s.quartiles),
                 NumberText.percentRange(s.range), String(s.lowHosts.count)]
            }, rightAligned: [2, 3, 6]))
        out += ["", "## Hosts that stand out (\(fleet.standouts.count))", ""]
        out += fleet.standouts.map { "- " + MarkdownText.escape($0.host) + ": " + MarkdownText.escape($0.reasons.joined(separator: "; ")) }
        out += ["", "Every host's series are in summary.csv and summary.json.", ""]
        return out
    }
}
