import AESReportIngest
import AESReportModel
import AESReportStats

extension HTMLReport {
    func headlines(_ hosts: [String]) -> [Headline] {
        let opensslLines = SpeedupText.opensslHostLines(analysis)
        return hosts.compactMap { host in
            // The host's openssl speed gains (`aesreport collect openssl`), a sentence of their own.
            let prefix = host + ": "
            let openssl = opensslLines.first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) + "." }
            let ranges = analysis.ranges.filter { $0.host == host }
            guard !ranges.isEmpty else {
                return openssl.map { Headline(host: host, text: $0, caveat: nil) }
            }
            let parts = ranges.map { range -> String in
                let noun = range.operation == .read ? "reads" : "writes"
                let low = ThroughputFormat.fixed(abs(range.lowPercent), decimals: 0)
                let high = ThroughputFormat.fixed(abs(range.highPercent), decimals: 0)
                if range.lowPercent >= 0 {
                    return range.ciphers == 1 ? "\(noun) are \(high)% faster" : "\(noun) are \(low)% to \(high)% faster"
                }
                if range.highPercent < 0 {
                    return range.ciphers == 1 ? "\(noun) are \(low)% slower" : "\(noun) are \(high)% to \(low)% slower"
                }
                return "\(noun) change by \(PercentText.signed(range.lowPercent)) to \(PercentText.signed(range.highPercent))"
            }
            let runs = analysis.runs.filter { $0.run.host == host }
            let cpu = runs.compactMap(\.run.cpu).first { $0.hasHardwareAES }
            let place = cpu.map { " on \(BidiText.isolate($0.modelName ?? "this CPU"))" + ($0.isGuest ? " guests" : "") } ?? ""
            let emulated = VirtualMachineAccelerator.caveat(for: runs.map(\.run))
                .map { ", measured on an \($0): QEMU's emulation of the AES instructions, not the hardware" } ?? ""
            let text = "With AES-NI, " + parts.joined(separator: " and ") + place + emulated + "."
            let notSignificant = ranges.flatMap { range in
                range.notSignificant.map { "\($0) \(range.operation == .read ? "reads" : "writes")" }
            }
            let untested = ranges.flatMap { range in
                range.untested.map { "\($0) \(range.operation == .read ? "reads" : "writes")" }
            }
            var caveats: [String] = []
            if !notSignificant.isEmpty {
                caveats.append("Not significant at \(options.alpha) (\(statisticalMethod.testName())): "
                               + notSignificant.joined(separator: ", ") + ".")
            }
            if !untested.isEmpty {
                caveats.append("Untested (too few rounds for the test): " + untested.joined(separator: ", ") + ".")
            }
            if let noisy = NoisySeries.caveat(analysis, host: host) { caveats.append(noisy) }
            return Headline(host: host, text: text, caveat: caveats.isEmpty ? nil : caveats.joined(separator: " "),
                            openssl: openssl)
        }
    }

    /// Findings' warnings: `ReportWarnings`, then the analysis' notes.
    func warnings() -> [String] {
        ReportWarnings.lines(analysis) + analysis.notes
    }

    /// Errors and warnings up to `problemLimit` (errors first), notes up to `noteLimit`: a folder of a thousand
    /// unread files, or a file of a million damaged rounds, must not bury the page (one once made it 353 MB).
    static func shownDiagnostics(_ diagnostics: [Diagnostic], fleet: Bool) -> [Diagnostic] {
        let problems = DiagnosticSelection.kept(diagnostics.filter { $0.severity != .note }, limit: problemLimit)
        var problemsLeft = problems.count
        var next = problems.makeIterator()
        var pending = next.next()
        var notes = 0
        // The kept problems are a subsequence of the problems: walk both in order.
        return diagnostics.filter { diagnostic in
            if diagnostic.severity == .note {
                notes += 1
                return notes <= noteLimit
            }
            guard problemsLeft > 0, let wanted = pending, wanted == diagnostic else { return false }
            problemsLeft -= 1
            pending = next.next()
            return true
        }
    }

    /// Notes shown on the page; the rest are counted, and all are on standard error.
    public static let noteLimit = 50
    /// Errors and warnings shown on the page, in fleet mode or not; the rest are counted.
    public static let problemLimit = listLimit * 5
}
