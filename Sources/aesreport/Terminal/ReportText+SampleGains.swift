import AESReportModel
import AESReportPages
import AESReportStats

/// The report's terminal lines for the gains measured from whole outputs of the kernel's ciphers: `cryptsetup
/// benchmark` (memory only) and tcrypt (the driver named per row).
extension ReportText {
    /// The cryptsetup table (the AES ciphers' key sizes and directions; the other ciphers, AES-NI's control, are
    /// counted in a line and listed in summary.md and the page) and the tcrypt table (each host's largest block
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
            let aes = report.cryptsetupSpeedups.filter(\.isAES)
            let others = report.cryptsetupSpeedups.filter { !$0.isAES }.map(\.estimate.percent)
            let rows = aes.map {
                [TerminalText.escape($0.host), TerminalText.escape($0.algorithm), "\($0.keyBits)b", $0.direction.rawValue] + SpeedupText.measuredCells($0)
            }
            lines += ["", Output.table(["host", "cryptsetup", "key", "direction", "without", "with", "gain",
                                        sampleMethod.ratioIntervalHeader, sampleMethod.pValueHeader], rows,
                                       rightAligned: [2, 4, 5, 6]),
                      "note: " + SpeedupText.cryptsetupNote]
            if let low = others.min(), let high = others.max() {
                lines.append("note: \(others.count) cryptsetup rows of other ciphers (not AES: AES-NI should not change them) "
                    + "range from " + PercentText.signed(low) + " to " + PercentText.signed(high)
                    + "; every row is in summary.md, summary.json and the page")
            }
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
}
