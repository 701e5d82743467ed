import AESReportModel
import AESReportStats

extension SummaryTables {
    /// summary.md's cryptsetup table (every cipher, key size and direction, with the memory-only note) and tcrypt
    /// table (every algorithm, key and block size, with the driver of each side) of one host; empty when it has none.
    static func kernelGainTables(_ analysis: ReportAnalysis, host: String, method: Method) -> [String] {
        var out: [String] = []
        let cryptsetup = analysis.cryptsetupSpeedups.filter { $0.host == host }
        if !cryptsetup.isEmpty {
            out += ["AES-NI speedup in `cryptsetup benchmark` (\(method.summaryLine()); \(method.significanceLegend())):", ""]
            out.append(MarkdownText.table(
                ["cipher", "key", "direction", "without AES-NI", "with AES-NI", "gain", method.ratioIntervalHeader,
                 method.pValueHeader],
                cryptsetup.map { [MarkdownText.escape($0.algorithm), "\($0.keyBits)b", $0.direction.rawValue]
                    + SpeedupText.measuredCells($0) }, rightAligned: [1, 3, 4, 5, 7]))
            out += ["", MarkdownText.escape(SpeedupText.cryptsetupNote) + ".", ""]
        }
        let tcrypt = analysis.tcryptSpeedups.filter { $0.host == host }
        if !tcrypt.isEmpty {
            out += ["AES-NI speedup in the kernel's tcrypt (\(method.summaryLine()); \(method.significanceLegend())):", ""]
            out.append(MarkdownText.table(
                ["algorithm", "driver without", "driver with", "key", "block", "direction", "without AES-NI",
                 "with AES-NI", "gain", method.ratioIntervalHeader, method.pValueHeader],
                tcrypt.map { [MarkdownText.escape($0.algorithm), MarkdownText.escape($0.driverWithout),
                              MarkdownText.escape($0.driverWith), "\($0.keyBits)b", String($0.blockSize),
                              $0.direction.rawValue] + SpeedupText.measuredCells($0) },
                rightAligned: [3, 4, 6, 7, 8, 10]))
            out.append("")
        }
        return out
    }
}
