import AESReportModel
import AESReportStats

/// The page's cryptsetup and tcrypt gains: the rows of their tables in a host's section and their sentences in the
/// Findings. Both are gains of whole outputs (`SampleGain`), read through `AESNIGain` like dd's and openssl's.
extension HTMLReport {
    /// A host's cryptsetup rows: every cipher, key size and direction.
    func cryptsetupGainViews(_ host: String) -> [GainView] {
        analysis.cryptsetupSpeedups.filter { $0.host == host }.map { s in
            var row = gainView(s, name: s.algorithm, operation: s.direction.rawValue,
                               rounds: "\(s.roundsWithout) / \(s.roundsWith)")
            row.key = "\(s.keyBits)b"
            return row
        }
    }

    /// A host's tcrypt rows at its largest block size (as the terminal and the Findings), with the drivers of each
    /// side, and that block size.
    func tcryptGainViews(_ host: String) -> (rows: [GainView], block: Int?) {
        let largest = largestTcryptBlock(host)
        let rows = largest.gains.map { s in
            var row = gainView(s, name: s.algorithm, operation: s.direction.rawValue, block: String(s.blockSize))
            row.key = "\(s.keyBits)b"
            row.driverWithout = s.driverWithout
            row.driverWith = s.driverWith
            return row
        }
        return (rows, largest.size)
    }

    /// A host's tcrypt gains at its largest block size, the size the Findings and the table show.
    func largestTcryptBlock(_ host: String) -> (gains: [TcryptSpeedup], size: Int?) {
        let all = analysis.tcryptSpeedups.filter { $0.host == host }
        guard let size = all.map(\.blockSize).max() else { return ([], nil) }
        return (all.filter { $0.blockSize == size }, size)
    }

    /// The Findings' sentences of a host's cryptsetup and tcrypt gains, each ending with a full stop; nil when the
    /// host has none of that kind.
    func sampleGainSentences(_ host: String) -> (cryptsetup: String?, tcrypt: String?) {
        let words = FindingsWords(language: language)
        let cryptsetup = CryptsetupSpeedup.headline(analysis.cryptsetupSpeedups.filter { $0.host == host })
        let cryptsetupLine = cryptsetup.isEmpty ? nil : words.cryptsetup(
            parts: words.directionRanges(cryptsetup, direction: \.direction, name: \.algorithm),
            ciphers: Set(cryptsetup.map { "\($0.algorithm) \($0.keyBits)" }).count,
            untested: cryptsetup.contains { $0.significant == nil }) + words.stop
        let tcrypt = largestTcryptBlock(host)
        let tcryptLine = tcrypt.size.map { size in
            words.tcrypt(size: size, parts: words.directionRanges(tcrypt.gains, direction: \.direction,
                                                                  name: \.algorithm),
                         algorithms: Set(tcrypt.gains.map(\.algorithm)).count,
                         untested: tcrypt.gains.contains { $0.significant == nil }) + words.stop
        }
        return (cryptsetupLine, tcryptLine)
    }
}
