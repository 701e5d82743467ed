import AESReportModel
import AESReportStats

/// Sentences about AES-NI gains, as the seed writes them ("reads +40% to +91%").
public enum SpeedupText {
    /// `reads +40% to +91%` (or `reads +52%` for a single cipher), with the ciphers whose gain is not significant.
    public static func range(_ range: SpeedupRange) -> String {
        let noun = range.operation == .read ? "reads" : "writes"
        var text = noun + " " + NumberText.percent(range.lowPercent)
        if range.ciphers > 1 { text += " to " + NumberText.percent(range.highPercent) }
        if !range.notSignificant.isEmpty {
            text += " (not significant: " + range.notSignificant.joined(separator: ", ") + ")"
        }
        return text
    }

    /// `+52%`, marked `+12% ~` when the gain is not significant.
    public static func gain(_ estimate: RatioEstimate, significant: Bool) -> String {
        NumberText.percent(estimate.percent) + (significant ? "" : " ~")
    }

    /// A dd speedup's table cells: cipher, operation, without, with, gain, 95% interval, Welch's p.
    public static func cells(_ s: Speedup) -> [String] {
        [s.cipher, s.operation.rawValue] + measuredCells(s.withoutAESNI, s.withAESNI, s.estimate, s.welch, s.significant)
    }

    /// An openssl speedup's table cells: algorithm, direction, block size, then as for dd.
    public static func cells(_ s: OpenSSLSpeedup) -> [String] {
        [s.algorithm, s.direction.rawValue, String(s.blockSize)]
            + measuredCells(s.withoutAESNI, s.withAESNI, s.estimate, s.welch, s.significant)
    }

    private static func measuredCells(_ without: Double, _ with: Double, _ estimate: RatioEstimate, _ welch: TestResult,
                                      _ significant: Bool) -> [String] {
        [ThroughputFormat.si(without), ThroughputFormat.si(with), gain(estimate, significant: significant),
         NumberText.percentInterval(estimate.confidenceInterval), NumberText.pValue(welch.pValue)]
    }

    /// One line per host: `host: with AES-NI, reads +40% to +91%, writes +16% to +50% (6 ciphers)`, followed by
    /// `; emulated CPU (QEMU TCG), not the hardware` when a run of the host was measured under QEMU's TCG.
    public static func hostLines(_ analysis: ReportAnalysis) -> [String] {
        var hosts: [String] = []
        for range in analysis.ranges where !hosts.contains(range.host) { hosts.append(range.host) }
        let rangesByHost = analysis.ranges.grouped { $0.host }
        return hosts.map { host in
            let ranges = rangesByHost[host] ?? []
            let ciphers = ranges.map(\.ciphers).max() ?? 0
            let caveat = VirtualMachineAccelerator.caveat(for: analysis.runs.map(\.run).filter { $0.host == host })
            return "\(host): with AES-NI, " + ranges.map(range).joined(separator: ", ")
                + " (\(ciphers) cipher\(ciphers == 1 ? "" : "s"))" + (caveat.map { "; " + $0 + ", not the hardware" } ?? "")
        }
    }

    /// One line per host with openssl speedups, at the largest block size measured:
    /// `host: openssl speed with AES-NI (16384-byte blocks), encrypt +180% to +900%, decrypt +200% to +1200% (8 algorithms)`.
    public static func opensslHostLines(_ analysis: ReportAnalysis) -> [String] {
        let byHost = analysis.opensslSpeedups.grouped { $0.host }
        return analysis.opensslSpeedups.map(\.host).uniqued().compactMap { host in
            let all = byHost[host] ?? []
            guard let size = all.map(\.blockSize).max() else { return nil }
            let largest = all.filter { $0.blockSize == size }
            let parts = [CipherDirection.encrypt, .decrypt].compactMap { direction -> String? in
                let group = largest.filter { $0.direction == direction }
                guard let low = group.map(\.estimate.percent).min(),
                      let high = group.map(\.estimate.percent).max() else { return nil }
                var text = direction.rawValue + " " + NumberText.percent(low)
                if group.count > 1 { text += " to " + NumberText.percent(high) }
                // Untestable (one round on a side) is not the same as not significant.
                let weak = group.filter { $0.welch.pValue != nil && !$0.significant }.map(\.algorithm)
                if !weak.isEmpty { text += " (not significant: " + weak.joined(separator: ", ") + ")" }
                return text
            }
            let algorithms = Set(largest.map(\.algorithm)).count
            let untested = largest.contains { $0.welch.pValue == nil }
            return "\(host): openssl speed with AES-NI (\(size)-byte blocks), " + parts.joined(separator: ", ")
                + " (\(algorithms) algorithm\(algorithms == 1 ? "" : "s"))"
                + (untested ? "; one openssl output per state, so no interval or test (two or more give both: collect openssl --rounds 2)" : "")
        }
    }
}
