import AESReportModel
import AESReportPages
import AESReportStats

/// The report's terminal lines for the gains measured from whole outputs of the kernel's ciphers: `cryptsetup
/// benchmark` (memory only) and tcrypt (the driver named per row).
extension ReportText {
    /// What cryptsetup measures, said wherever its gains are.
    static let cryptsetupNote = "cryptsetup benchmark measures the kernel cipher in memory only (no disk, no dm-crypt "
        + "queueing): its gains are the cipher's, not the encrypted disk's"

    /// One line per host with cryptsetup or tcrypt gains: `host: cryptsetup benchmark with AES-NI, encryption +150%
    /// to +420%, decryption ... (4 ciphers, memory only)`, and the same for tcrypt at its largest block size.
    static func sampleGainHostLines(_ report: ReportAnalysis) -> [String] {
        var lines: [String] = []
        for host in report.cryptsetupSpeedups.map(\.host).uniqued() {
            let gains = report.cryptsetupSpeedups.filter { $0.host == host }
            let ciphers = Set(gains.map { "\($0.algorithm) \($0.keyBits)" }).count
            lines.append("\(host): cryptsetup benchmark with AES-NI, " + directionRanges(gains)
                         + " (\(ciphers) cipher\(ciphers == 1 ? "" : "s") and key sizes; memory only)")
        }
        for host in report.tcryptSpeedups.map(\.host).uniqued() {
            let all = report.tcryptSpeedups.filter { $0.host == host }
            guard let size = all.map(\.blockSize).max() else { continue }
            let largest = all.filter { $0.blockSize == size }
            let algorithms = Set(largest.map(\.algorithm)).count
            lines.append("\(host): tcrypt with AES-NI (\(size)-byte blocks), " + directionRanges(largest)
                         + " (\(algorithms) algorithm\(algorithms == 1 ? "" : "s"), each on the driver the kernel chose)")
        }
        return lines
    }

    /// `encryption +150% to +420%, decryption +160%`: the lowest and highest gain per direction.
    private static func directionRanges(_ gains: [some AESNIGain & DirectedGain]) -> String {
        [CipherDirection.encrypt, .decrypt].compactMap { direction -> String? in
            let percents = gains.filter { $0.direction == direction }.map(\.estimate.percent)
            guard let low = percents.min(), let high = percents.max() else { return nil }
            return (direction == .encrypt ? "encryption " : "decryption ") + PercentText.signed(low)
                + (percents.count > 1 && high != low ? " to " + PercentText.signed(high) : "")
        }.joined(separator: ", ")
    }

    /// The cryptsetup table (every cipher, key size and direction) and the tcrypt table (each host's largest block
    /// size; every size is in summary.json), each after a blank line; empty when there are none. Names in the
    /// cells are escaped.
    static func sampleGainTables(_ report: ReportAnalysis, method: Method, methodShown: Bool) -> [String] {
        var lines: [String] = []
        let sampleMethod = method.forSamples
        if !methodShown, !report.cryptsetupSpeedups.isEmpty || !report.tcryptSpeedups.isEmpty {
            lines += ["", "cryptsetup and tcrypt method: " + sampleMethod.summaryLine() + "; "
                + sampleMethod.significanceLegend()]
        }
        if !report.cryptsetupSpeedups.isEmpty {
            let rows = report.cryptsetupSpeedups.map {
                [TerminalText.escape($0.host), TerminalText.escape($0.algorithm), "\($0.keyBits)b", $0.direction.rawValue] + SpeedupText.measuredCells($0)
            }
            lines += ["", Output.table(["host", "cryptsetup", "key", "direction", "without", "with", "gain",
                                        sampleMethod.ratioIntervalHeader, sampleMethod.pValueHeader], rows,
                                       rightAligned: [2, 4, 5, 6]),
                      "note: " + cryptsetupNote]
        }
        let largest = report.tcryptSpeedups.grouped { $0.host }.mapValues { $0.map(\.blockSize).max() ?? 0 }
        let tcryptRows = report.tcryptSpeedups.filter { $0.blockSize == largest[$0.host] }
        if !tcryptRows.isEmpty {
            let rows = tcryptRows.map {
                [TerminalText.escape($0.host), TerminalText.escape($0.algorithm), TerminalText.escape($0.driverWith), "\($0.keyBits)b", String($0.blockSize), $0.direction.rawValue]
                    + SpeedupText.measuredCells($0)
            }
            lines += ["", Output.table(["host", "tcrypt", "driver with AES-NI", "key", "block", "direction", "without",
                                        "with", "gain", sampleMethod.ratioIntervalHeader, sampleMethod.pValueHeader],
                                       rows, rightAligned: [3, 4, 6, 7, 8])]
        }
        return lines
    }

    /// Whether `note` says that `host` has no speedup at all, which is not so when it has cryptsetup or tcrypt gains.
    static func deniesGains(_ note: String, report: ReportAnalysis) -> Bool {
        guard note.hasSuffix("so no speedup") else { return false }
        let hosts = Set(report.cryptsetupSpeedups.map(\.host) + report.tcryptSpeedups.map(\.host))
        return hosts.contains { note.hasPrefix("host \($0): ") }
    }
}

/// A gain of one cipher direction (encryption or decryption).
protocol DirectedGain {
    var direction: CipherDirection { get }
}

extension CryptsetupSpeedup: DirectedGain {}
extension TcryptSpeedup: DirectedGain {}
