import AESReportModel

/// One line of fio's terse output (`--minimal`, `--output-format=terse`), by the documented position list
/// (fio's HOWTO, "Terse output"; `show_thread_status_terse` in stat.c):
/// - version 2: `2;jobname;groupid;error;` then the read and the write status;
/// - versions 3 to 5: `N;fio-version;jobname;groupid;error;` then read, write (and, from 4, trim) status.
/// Each status is 41 fields (47 in version 5, which adds bandwidth samples and IOPS statistics): total I/O in KiB,
/// bandwidth in KiB/s, IOPS, run time in ms, submission latency (min, max, mean, deviation), completion latency
/// (the same four), 20 completion percentiles (`99.000000%=19`), total latency (four), bandwidth statistics (five).
/// Latencies are in microseconds in every version.
enum FioTerseLine {
    /// The job of a terse line, or nil when the line is not one.
    static func job(_ text: String, line: Int) -> (job: FioJob, version: String?)? {
        // `2;` to `5;` first: every line of other forms passes here.
        let head = Array(text.utf8.prefix(2))
        guard head.count == 2, (UInt8(ascii: "2")...UInt8(ascii: "5")).contains(head[0]), head[1] == UInt8(ascii: ";")
        else { return nil }
        let fields = text.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        guard let first = fields.first, let terse = Int(first), (2...5).contains(terse) else { return nil }
        let header = terse == 2 ? 4 : 5
        let width = terse == 5 ? 47 : 41
        guard fields.count >= header + 2 * width else { return nil }
        let version = terse == 2 ? nil : fields[1]
        if let version, !version.hasPrefix("fio-") { return nil }
        let nameIndex = header - 3
        guard let error = Int(fields[header - 1]) else { return nil }
        let status = { (start: Int) in direction(Array(fields[start..<(start + width)])) }
        let job = FioJob(name: fields[nameIndex], groupID: Int(fields[nameIndex + 1]), error: error,
                         read: status(header), write: status(header + width), line: line)
        return (job, version)
    }

    static func direction(_ f: [String]) -> FioDirectionResult {
        var result = FioDirectionResult()
        result.bytes = UInt64(f[0]).flatMap { kib in
            let (bytes, overflow) = kib.multipliedReportingOverflow(by: 1024)
            return overflow ? nil : bytes
        }
        result.printedBytesPerSecond = finite(f[1]).map { $0 * 1024 }
        result.iops = finite(f[2])
        result.runtimeMilliseconds = UInt64(f[3])
        result.meanCompletionLatency = finite(f[10]).map { $0 * 1000 }
        result.meanTotalLatency = finite(f[34]).map { $0 * 1000 }
        result.completionPercentiles = f[12..<32].compactMap { entry -> FioPercentile? in
            let parts = entry.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].hasSuffix("%"), let percent = Double(parts[0].dropLast()), percent > 0,
                  percent.isFinite, let latency = finite(String(parts[1])) else { return nil }
            return FioPercentile(percent: percent, nanoseconds: latency * 1000)
        }
        return result
    }

    static func finite(_ text: String) -> Double? {
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }
}
