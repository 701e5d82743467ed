import AESReportModel

extension RunDiscovery {
    /// Two logs of one cipher and operation in one run (`aes-xts-plain64-read.txt` beside
    /// `aes-xts-plain64-read.log`): both are kept as series, and their rounds are pooled for the run's gains, but
    /// never without a warning naming both. A log whose rounds are exactly those of the first (a copy) is counted
    /// once: pooling a copy would double n and fake significance.
    static func duplicateLogs(_ logs: [DDLog]) -> (kept: [DDLog], diagnostics: [Diagnostic]) {
        var seen: [String: DDLog] = [:]
        var kept: [DDLog] = []
        var diagnostics: [Diagnostic] = []
        for log in logs {
            guard let cipher = log.cipher, let operation = log.operation else {
                kept.append(log)
                continue
            }
            let key = cipher + "\u{0}" + operation.rawValue
            guard let first = seen[key] else {
                seen[key] = log
                kept.append(log)
                continue
            }
            if !log.rounds.isEmpty, log.rounds.map(\.transfer) == first.rounds.map(\.transfer),
               log.rounds.map(\.failure) == first.rounds.map(\.failure) {
                diagnostics.append(Diagnostic(
                    file: log.path, line: nil, severity: .warning,
                    message: "a copy of \(first.path) (the same \(log.rounds.count) rounds): counted once, not read "
                        + "again; remove one of the two"))
            } else {
                kept.append(log)
                diagnostics.append(Diagnostic(
                    file: log.path, line: nil, severity: .warning,
                    message: "a second \(cipher) \(operation.rawValue) log in this run, beside \(first.path): both are "
                        + "read and their rounds pooled into one series; remove or rename one if it is a copy or "
                        + "belongs to another run"))
            }
        }
        return (kept, diagnostics)
    }
}
