import AESReportModel

/// Reads fio's default, human-readable output, line by line:
/// - job headers: `name: (groupid=0, jobs=1): err= 0: pid=...` (`err=28 (file:..., error=No space left on device)`);
/// - per-job status: `read: IOPS=64.0k, BW=4000MiB/s (4194MB/s)(16.0MiB/4msec)` (fio >= 2.17; `k`/`m` suffixes)
///   or `read : io=1024.0MB, bw=105317KB/s, iops=25712, runt= 10001msec` (older; KB meant KiB);
/// - latency: `clat (nsec): min=..., avg=7570.30, ...`, `lat (usec): ... avg=`, and the `clat percentiles (nsec):`
///   block of `|  1.00th=[ 6240], ...` lines;
/// - group lines: `READ: bw=4000MiB/s (4194MB/s), ..., io=16.0MiB (16.8MB), run=4-4msec` (fio >= 2.17) or
///   `READ: io=1024.0MB, aggrb=105317KB/s, minb=..., maxb=..., mint=10001msec, maxt=10001msec`.
/// Figures here are rounded by fio (`16.0MiB`), so the bytes are marked inexact and the printed bandwidth decides.
struct FioNormalOutput {
    private(set) var reports: [FioReport] = []
    private var current: FioReport?
    private var direction: Operation?
    private var percentileUnit: Double?
    private var sawGroupLine = false
    private var version: String?
    /// `rw` of each job, from its description line (`name: (g=0): rw=read, bs=...`).
    private var readWrite: [String: String] = [:]

    /// Reads one line, given without spaces at its ends (as `FioJSONScanner` hands text over); `false` when it is none
    /// of the lines above (the caller decides whether that matters).
    mutating func consume(_ trimmed: String, line: Int) -> Bool {
        if trimmed.hasPrefix("fio-"), !trimmed.contains(" "), !trimmed.contains(";") {
            version = trimmed
            return true
        }
        if let unit = percentileUnit, trimmed.hasPrefix("|") {
            addPercentiles(trimmed, unit: unit)
            return true
        }
        percentileUnit = nil
        // Job lines hold `: (`; checked on bytes first, as most lines of a report are not job lines.
        let jobLine = Self.hasColonParenthesis(trimmed)
        if jobLine, let open = trimmed.range(of: ": (g="), let rw = trimmed.range(of: "): rw=") {
            readWrite[String(trimmed[..<open.lowerBound])] = String(trimmed[rw.upperBound...].prefix { $0 != "," })
            return true
        }
        if jobLine, var header = Self.jobHeader(trimmed, line: line) {
            if current == nil || sawGroupLine { startReport(line: line) }
            header.readWrite = readWrite[header.name]
            current!.jobs.append(header)
            direction = nil
            return true
        }
        if let (operation, result) = Self.jobStatus(trimmed), current != nil, !current!.jobs.isEmpty {
            direction = operation
            update { $0 = result }
            return true
        }
        if let (kind, unit, mean) = Self.latency(trimmed) {
            if let unit, let mean, kind != "slat" {
                update { kind == "clat" ? ($0.meanCompletionLatency = mean * unit) : ($0.meanTotalLatency = mean * unit) }
            } else if kind == "clat percentiles", let unit {
                percentileUnit = unit
            }
            return true
        }
        if let (operation, group) = Self.groupLine(trimmed) {
            if current == nil { startReport(line: line) }
            sawGroupLine = true
            let sum = { (old: FioDirectionResult?) -> FioDirectionResult in
                guard let old else { return group }
                return FioDirectionResult(bytes: (old.bytes ?? 0) &+ (group.bytes ?? 0), bytesExact: false,
                                          runtimeMilliseconds: max(old.runtimeMilliseconds ?? 0, group.runtimeMilliseconds ?? 0),
                                          printedBytesPerSecond: (old.printedBytesPerSecond ?? 0) + (group.printedBytesPerSecond ?? 0))
            }
            if operation == .read { current!.groupRead = sum(current!.groupRead) } else {
                current!.groupWrite = sum(current!.groupWrite)
            }
            return true
        }
        return trimmed.hasPrefix("Run status group") || trimmed.hasPrefix("Starting ") || trimmed.hasPrefix("Jobs:")
    }

    mutating func finish() -> [FioReport] {
        if let current { reports.append(current) }
        current = nil
        return reports
    }

    private mutating func startReport(line: Int) {
        if let current { reports.append(current) }
        current = FioReport(form: .normal, version: version, jobs: [], line: line)
        sawGroupLine = false
    }

    private mutating func update(_ change: (inout FioDirectionResult) -> Void) {
        guard let direction, var report = current, !report.jobs.isEmpty else { return }
        let last = report.jobs.count - 1
        var result = report.jobs[last].result(direction) ?? FioDirectionResult(bytesExact: false)
        change(&result)
        if direction == .read { report.jobs[last].read = result } else { report.jobs[last].write = result }
        current = report
    }

    private mutating func addPercentiles(_ text: String, unit: Double) {
        // `|  1.00th=[ 6240],  5.00th=[ 6432], ...`
        let entries = text.dropFirst().split(separator: "]").compactMap { entry -> FioPercentile? in
            let parts = entry.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            let key = FioUnits.trim(parts[0], ", ")
            guard key.hasSuffix("th"), let percent = Double(key.dropLast(2)),
                  let value = FioUnits.finite(FioUnits.trim(parts[1], "[ ")) else { return nil }
            return FioPercentile(percent: percent, nanoseconds: value * unit)
        }
        update { $0.completionPercentiles += entries }
    }

    /// Whether `text` holds `: (`, as job headers and descriptions do.
    static func hasColonParenthesis(_ text: String) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            if byte == UInt8(ascii: "("), previous == (UInt8(ascii: ":"), UInt8(ascii: " ")) { return true }
            previous = (previous.1, byte)
        }
        return false
    }

    /// `name: (groupid=0, jobs=1): err= 0: pid=...`
    static func jobHeader(_ text: String, line: Int) -> FioJob? {
        guard let open = text.range(of: ": (groupid="), let close = text.range(of: "): err=") else { return nil }
        guard open.upperBound <= close.lowerBound else { return nil }
        let name = String(text[..<open.lowerBound])
        let inside = text[open.upperBound..<close.lowerBound]
        let group = Int(inside.prefix { $0.isNumber })
        let after = text[close.upperBound...].drop { $0 == " " }
        guard let error = Int(after.prefix { $0.isNumber }) else { return nil }
        var errorText: String?
        if let words = after.range(of: "error=") {
            errorText = String(after[words.upperBound...].prefix { $0 != ")" })
        }
        return FioJob(name: name, groupID: group, error: error, errorText: errorText, line: line)
    }

    /// `read: IOPS=...` or `read : io=...`
    static func jobStatus(_ text: String) -> (Operation, FioDirectionResult)? {
        let operation: Operation
        if text.hasPrefix("read") { operation = .read } else if text.hasPrefix("write") { operation = .write } else {
            return nil
        }
        let rest = text.dropFirst(operation.rawValue.count).drop { $0 == " " }
        guard rest.hasPrefix(":") else { return nil }
        let fields = FioUnits.fields(String(rest.dropFirst()))
        var result = FioDirectionResult(bytesExact: false)
        if let iops = fields["IOPS"] ?? fields["iops"] { result.iops = FioUnits.count(iops) }
        if let bw = fields["BW"] ?? fields["bw"] { result.printedBytesPerSecond = FioUnits.bytes(bw) }
        if let io = fields["io"] { result.bytes = FioUnits.bytes(io).flatMap(FioUnits.whole) }
        if let runt = fields["runt"] { result.runtimeMilliseconds = FioUnits.milliseconds(runt) }
        // `BW=4000MiB/s (4194MB/s)(16.0MiB/4msec)`: bytes and run time in the last parentheses.
        if let bw = fields["BW"].map({ String($0.prefix { $0 != ";" }) }), let open = bw.lastIndex(of: "("),
           bw.hasSuffix(")") {
            let pair = bw[bw.index(after: open)..<bw.index(before: bw.endIndex)].split(separator: "/")
            if pair.count == 2 {
                result.bytes = FioUnits.bytes(String(pair[0])).flatMap(FioUnits.whole)
                result.runtimeMilliseconds = FioUnits.milliseconds(String(pair[1]))
            }
        }
        guard result.printedBytesPerSecond != nil || result.iops != nil else { return nil }
        return (operation, result)
    }

    private static let latencyPrefixes = ["clat percentiles", "slat", "clat", "lat"].map { ($0, $0 + " (") }

    /// `clat (nsec): min=..., avg=...`: the kind, the unit in ns and the mean.
    static func latency(_ text: String) -> (String, Double?, Double?)? {
        guard let first = text.utf8.first, first == UInt8(ascii: "c") || first == UInt8(ascii: "s")
            || first == UInt8(ascii: "l") else { return nil }
        for (kind, prefix) in latencyPrefixes where text.hasPrefix(prefix) {
            let unitText = text.dropFirst(kind.count + 2).prefix { $0 != ")" }
            let unit: Double? = switch unitText {
            case "nsec": 1
            case "usec": 1000
            case "msec": 1_000_000
            case "sec": 1_000_000_000
            default: nil
            }
            let mean = FioUnits.fields(String(text.drop { $0 != ":" }.dropFirst()))["avg"].flatMap(FioUnits.finite)
            return (kind, unit, mean)
        }
        return nil
    }

    /// `READ: bw=...` / `READ: io=..., aggrb=...`
    static func groupLine(_ text: String) -> (Operation, FioDirectionResult)? {
        let operation: Operation
        if text.hasPrefix("READ:") { operation = .read } else if text.hasPrefix("WRITE:") { operation = .write } else {
            return nil
        }
        let fields = FioUnits.fields(String(text.drop { $0 != ":" }.dropFirst()))
        var result = FioDirectionResult(bytesExact: false)
        result.printedBytesPerSecond = (fields["bw"] ?? fields["aggrb"]).flatMap(FioUnits.bytes)
        result.bytes = fields["io"].flatMap(FioUnits.bytes).flatMap(FioUnits.whole)
        if let run = fields["run"] {
            result.runtimeMilliseconds = FioUnits.milliseconds(String(run.split(separator: "-").last ?? ""))
        } else if let maxt = fields["maxt"] {
            result.runtimeMilliseconds = FioUnits.milliseconds(maxt)
        }
        guard result.printedBytesPerSecond != nil else { return nil }
        return (operation, result)
    }
}
