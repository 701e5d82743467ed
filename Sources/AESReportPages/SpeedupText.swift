import AESReportModel
import AESReportStats

/// Sentences about AES-NI gains, as the seed writes them ("reads +40% to +91%").
public enum SpeedupText {
    /// `reads +40% to +91%` (or `reads +52%` for a single cipher), with the ciphers whose gain is not significant
    /// and, apart, those whose gain has no test.
    public static func range(_ range: SpeedupRange) -> String {
        let noun = range.operation == .read ? "reads" : "writes"
        var text = noun + " " + PercentText.signed(range.lowPercent)
        if range.ciphers > 1 { text += " to " + PercentText.signed(range.highPercent) }
        if !range.notSignificant.isEmpty {
            text += " (not significant: " + range.notSignificant.joined(separator: ", ") + ")"
        }
        if !range.untested.isEmpty {
            text += " (untested: " + range.untested.joined(separator: ", ") + ")"
        }
        return text
    }

    /// `+52%`; `+12% ~` when the gain was tested and is not significant; `+1681% (untested)` when it has no test
    /// (untested is not "not significant").
    public static func gain(_ estimate: RatioEstimate, significant: Bool?) -> String {
        switch significant {
        case true?: PercentText.signed(estimate.percent)
        case false?: PercentText.signed(estimate.percent) + " ~"
        case nil: PercentText.signed(estimate.percent) + " " + untestedMark
        }
    }

    public static let untestedMark = "(untested)"

    /// The p-value cell: `p=0.042`, or `n/a (1 round)` when the test could not run.
    public static func pValue(_ test: TestResult, roundsWith: Int, roundsWithout: Int) -> String {
        guard test.pValue == nil else { return NumberText.pValue(test.pValue) }
        return untestedReason(roundsWith: roundsWith, roundsWithout: roundsWithout)
    }

    /// `n/a (1 round)`, or `n/a (3+3 rounds)` where a rank test could not reach alpha: why a gain has no p-value.
    public static func untestedReason(roundsWith: Int, roundsWithout: Int) -> String {
        let fewest = min(roundsWith, roundsWithout)
        return fewest < 2 ? "n/a (\(fewest) round\(fewest == 1 ? "" : "s"))" : "n/a (\(roundsWith)+\(roundsWithout) rounds)"
    }

    /// The CSS class of a speedup's row on the page.
    public static func rowClass(_ significant: Bool?) -> String {
        switch significant {
        case true?: ""
        case false?: "not-significant"
        case nil: "not-significant untested"
        }
    }

    /// A dd speedup's table cells: cipher, operation, then `measuredCells`.
    public static func cells(_ s: Speedup) -> [String] {
        [s.cipher, s.operation.rawValue] + measuredCells(s)
    }

    /// An openssl speedup's table cells: algorithm, direction, block size, then `measuredCells`.
    public static func cells(_ s: OpenSSLSpeedup) -> [String] {
        [s.algorithm, s.direction.rawValue, String(s.blockSize)] + measuredCells(s)
    }

    /// Any gain's measured cells: without, with, gain, interval, p of the method's test.
    public static func measuredCells(_ s: some AESNIGain) -> [String] {
        [ThroughputFormat.si(s.withoutAESNI), ThroughputFormat.si(s.withAESNI), gain(s.estimate, significant: s.significant),
         NumberText.percentInterval(s.estimate.confidenceInterval),
         pValue(s.test, roundsWith: s.roundsWith, roundsWithout: s.roundsWithout)]
    }

    /// One line per host: `host: with AES-NI, reads +40% to +91%, writes +16% to +50% (6 ciphers)`, followed by
    /// `; emulated CPU (QEMU TCG), not the hardware` when a run of the host was measured under QEMU's TCG.
    public static func hostLines(_ analysis: ReportAnalysis) -> [String] {
        var hosts: [String] = []
        for range in analysis.ranges where !hosts.contains(range.host) { hosts.append(range.host) }
        let rangesByHost = analysis.ranges.grouped { $0.host }
        let emulated = VirtualMachineAccelerator.emulatedHosts(analysis.runs.lazy.map(\.run))
        return hosts.map { host in
            let ranges = rangesByHost[host] ?? []
            let ciphers = ranges.map(\.ciphers).max() ?? 0
            let caveat = emulated.contains(host) ? VirtualMachineAccelerator.emulatedCPUCaveat : nil
            return "\(host): with AES-NI, " + ranges.map(range).joined(separator: ", ")
                + " (\(ciphers) cipher\(ciphers == 1 ? "" : "s"))" + (caveat.map { "; " + $0 + ", not the hardware" } ?? "")
        }
    }

    /// One line per host with openssl speedups, at the largest block size measured:
    /// `host: openssl speed with AES-NI (16384-byte blocks), encrypt +180% to +900%, decrypt +200% to +1200% (8 algorithms)`.
    public static func opensslHostLines(_ analysis: ReportAnalysis) -> [String] {
        opensslHostLines(analysis, language: .en)
    }

    /// `opensslHostLines` in a language (the page's, `--lang`).
    static func opensslHostLines(_ analysis: ReportAnalysis, language: MethodLanguage) -> [String] {
        let words = FindingsWords(language: language)
        let byHost = analysis.opensslSpeedups.grouped { $0.host }
        return analysis.opensslSpeedups.map(\.host).uniqued().compactMap { host in
            let all = byHost[host] ?? []
            guard let size = all.map(\.blockSize).max() else { return nil }
            let largest = all.filter { $0.blockSize == size }
            let parts = words.directionRanges(largest, direction: \.direction, name: \.algorithm)
            return "\(host): " + words.openssl(size: size, parts: parts, algorithms: Set(largest.map(\.algorithm)).count,
                                               untested: largest.contains { $0.significant == nil })
        }
    }
}
