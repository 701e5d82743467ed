import AESReportModel
import AESReportStats

/// Headline lines of the gains measured from whole outputs of the kernel's ciphers (`cryptsetup benchmark`, memory
/// only; tcrypt, on the driver the kernel chose), for the terminal and summary.md.
extension SpeedupText {
    /// What cryptsetup measures, said wherever its gains are.
    public static let cryptsetupNote = "cryptsetup benchmark measures the kernel cipher in memory only (no disk, "
        + "no dm-crypt queueing): its gains are the cipher's, not the encrypted disk's"

    /// One line per host with cryptsetup or tcrypt gains: `host: cryptsetup benchmark with AES-NI, encryption +150%
    /// to +420%, decryption ... (4 ciphers, memory only)`, and the same for tcrypt at its largest block size.
    public static func kernelHostLines(_ report: ReportAnalysis) -> [String] {
        var lines: [String] = []
        for host in report.cryptsetupSpeedups.map(\.host).uniqued() {
            let gains = CryptsetupSpeedup.headline(report.cryptsetupSpeedups.filter { $0.host == host })
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
}

/// A gain of one cipher direction (encryption or decryption).
public protocol DirectedGain {
    var direction: CipherDirection { get }
}

extension CryptsetupSpeedup: DirectedGain {}
extension TcryptSpeedup: DirectedGain {}
