import AESReportModel

/// Runs whose rounds end up in one series: the same host and AES-NI state, several folders. Pooling is what a
/// user wants for repeated runs of one machine, and a silent disaster for two machines of one name, so it is never
/// done without a warning that lists the runs. dd series and openssl outputs are pooled apart (an openssl output
/// counts in the state of its own CPUINFO line, which may not be its run's).
public enum RunPooling {
    public static func diagnostics(host: String, runs: [Run]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for state in [true, false] {
            let dd = runs.filter { run in run.aesni == state && run.ddLogs.contains { $0.cipher != nil } }
            if dd.count > 1 {
                diagnostics.append(warning(host: host, state: state, runs: dd,
                                           what: "their dd rounds form one series per cipher and operation"))
            }
            let openssl = runs.filter { run in run.openssl.contains { run.aesni(of: $0) == state } }
            if openssl.count > 1 {
                diagnostics.append(warning(host: host, state: state, runs: openssl,
                                           what: "their openssl outputs form one series per algorithm"))
            }
        }
        return diagnostics
    }

    private static func warning(host: String, state: Bool, runs: [Run], what: String) -> Diagnostic {
        Diagnostic(file: runs[0].path, line: nil, severity: .warning,
                   message: "host \(host): \(runs.count) runs \(state ? "with" : "without") AES-NI are pooled (\(what)): "
                       + runs.map(\.path).joined(separator: ", ")
                       + ". If they are different machines or configurations, give each its own host folder or a "
                       + "manifest 'host = ...'")
    }
}
