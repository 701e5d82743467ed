import AESReportModel

/// Runs whose rounds end up in one series: the same host and AES-NI state, several folders. Pooling is what a
/// user wants for repeated runs of one machine, and a silent disaster for two machines of one name, so it is never
/// done without a warning that lists the runs. dd series, fio series and openssl outputs are pooled apart (an openssl
/// output counts in the state of its own CPUINFO line, which may not be its run's); dd and fio rounds of one cipher
/// and operation do land in one series, which is warned about too, since the two tools do not measure alike.
public enum RunPooling {
    public static func diagnostics(host: String, runs: [Run]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for state in [true, false] {
            let dd = runs.filter { run in run.aesni == state && run.ddLogs.contains { $0.cipher != nil } }
            if dd.count > 1 {
                diagnostics.append(warning(host: host, state: state, runs: dd,
                                           what: "their dd rounds form one series per cipher and operation"))
            }
            let fio = runs.filter { run in run.aesni == state && run.fio.contains { $0.cipher != nil } }
            if fio.count > 1 {
                diagnostics.append(warning(host: host, state: state, runs: fio,
                                           what: "their fio rounds form one series per cipher and operation"))
            }
            if let mixed = mixedTools(host: host, state: state, runs: runs.filter { $0.aesni == state }) {
                diagnostics.append(mixed)
            }
            let openssl = runs.filter { run in run.openssl.contains { run.aesni(of: $0) == state } }
            if openssl.count > 1 {
                diagnostics.append(warning(host: host, state: state, runs: openssl,
                                           what: "their openssl outputs form one series per algorithm"))
            }
        }
        return diagnostics
    }

    /// Series measured by dd and by fio under one cipher and operation (in one run or several): their rounds are
    /// pooled into one series, though dd and fio measure differently (block size, queue depth, engine).
    private static func mixedTools(host: String, state: Bool, runs: [Run]) -> Diagnostic? {
        func keys(_ logs: [DDLog]) -> Set<String> {
            Set(logs.compactMap { log in log.cipher.flatMap { cipher in log.operation.map { "\(cipher) \($0.rawValue)" } } })
        }
        let dd = keys(runs.flatMap(\.ddLogs))
        let fio = keys(runs.flatMap { FioSeries.logs(from: $0.fio) })
        let both = dd.intersection(fio).sorted()
        guard !both.isEmpty, let first = runs.first(where: { !$0.fio.isEmpty }) else { return nil }
        let folders = runs.filter { !$0.fio.isEmpty || !$0.ddLogs.isEmpty }.map(\.path)
        return Diagnostic(file: first.path, line: nil, severity: .warning,
                          message: "host \(host): dd and fio rounds \(state ? "with" : "without") AES-NI are pooled "
                              + "into one series for " + both.joined(separator: ", ") + " ("
                              + folders.joined(separator: ", ") + "), though the two tools measure differently. "
                              + "Give each tool's results their own host folder or a manifest 'host = ...'")
    }

    private static func warning(host: String, state: Bool, runs: [Run], what: String) -> Diagnostic {
        Diagnostic(file: runs[0].path, line: nil, severity: .warning,
                   message: "host \(host): \(runs.count) runs \(state ? "with" : "without") AES-NI are pooled (\(what)): "
                       + runs.map(\.path).joined(separator: ", ")
                       + ". If they are different machines or configurations, give each its own host folder or a "
                       + "manifest 'host = ...'")
    }
}
