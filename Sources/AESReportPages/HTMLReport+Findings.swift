import AESReportIngest
import AESReportModel
import AESReportStats

extension HTMLReport {
    func headlines(_ hosts: [String]) -> [Headline] {
        let words = FindingsWords(language: language)
        let opensslLines = SpeedupText.opensslHostLines(analysis, language: language)
        return hosts.compactMap { host in
            // The host's openssl speed gains (`aesreport collect openssl`), a sentence of their own.
            let prefix = host + ": "
            let openssl = opensslLines.first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) + words.stop }
            // cryptsetup's and tcrypt's, a sentence each.
            let samples = sampleGainSentences(host)
            let ranges = analysis.ranges.filter { $0.host == host }
            guard !ranges.isEmpty else {
                // No dd or fio gain: the first sentence there is leads, the others follow on their lines.
                if let openssl {
                    return Headline(host: host, text: openssl, caveat: nil, cryptsetup: samples.cryptsetup,
                                    tcrypt: samples.tcrypt)
                }
                if let cryptsetup = samples.cryptsetup {
                    return Headline(host: host, text: cryptsetup, caveat: nil, tcrypt: samples.tcrypt)
                }
                return samples.tcrypt.map { Headline(host: host, text: $0, caveat: nil) }
            }
            let parts = ranges.map { range -> String in
                let low = ThroughputFormat.fixed(abs(range.lowPercent), decimals: 0)
                let high = ThroughputFormat.fixed(abs(range.highPercent), decimals: 0)
                let change = (PercentText.signed(range.lowPercent), PercentText.signed(range.highPercent))
                if range.lowPercent >= 0 {
                    return words.range(range.operation, faster: true, low: low, high: high, single: range.ciphers == 1,
                                       change: change)
                }
                if range.highPercent < 0 {
                    return words.range(range.operation, faster: false, low: high, high: low, single: range.ciphers == 1,
                                       change: change)
                }
                return words.range(range.operation, faster: nil, low: low, high: high, single: false, change: change)
            }
            let runs = analysis.runs.filter { $0.run.host == host }
            let cpu = runs.compactMap(\.run.cpu).first { $0.hasHardwareAES }
            let text = words.headline(parts, cpu: cpu.map { BidiText.isolate($0.modelName ?? "this CPU") },
                                      guests: cpu?.isGuest ?? false,
                                      emulatedBy: VirtualMachineAccelerator.caveat(for: runs.map(\.run)))
            let notSignificant = ranges.flatMap { range in range.notSignificant.map { words.series($0, range.operation) } }
            let untested = ranges.flatMap { range in range.untested.map { words.series($0, range.operation) } }
            var caveats: [String] = []
            if !notSignificant.isEmpty {
                caveats.append(words.notSignificant(notSignificant, alpha: options.alpha,
                                                    test: statisticalMethod.testName(language)))
            }
            if !untested.isEmpty { caveats.append(words.untested(untested)) }
            if let noisy = NoisySeries.caveat(analysis, host: host) { caveats.append(noisy) }
            return Headline(host: host, text: text, caveat: caveats.isEmpty ? nil : caveats.joined(separator: " "),
                            openssl: openssl, cryptsetup: samples.cryptsetup, tcrypt: samples.tcrypt)
        }
    }

    /// Findings' warnings: `ReportWarnings`, then the analysis' notes (less those that deny a host the cryptsetup or
    /// tcrypt gains it has).
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
