/// Which of fio's output forms a result was read from.
public enum FioForm: String, Sendable, Codable, CaseIterable {
    /// `--output-format=json` (and json+, which only adds latency histogram bins).
    case json
    /// `--output-format=terse` / `--minimal`, `;`-separated, terse versions 2 to 5.
    case terse
    /// The default, human-readable form (`READ: bw=...` group lines, per-job `IOPS=` lines).
    case normal
}

/// One latency percentile as fio prints it: `99.000000` → 4177920 ns.
public struct FioPercentile: Sendable, Codable, Equatable {
    /// The percentile, as printed (`99.9`).
    public var percent: Double
    /// The latency at that percentile, in nanoseconds (fio's microseconds before 3.0 are converted).
    public var nanoseconds: Double

    public init(percent: Double, nanoseconds: Double) {
        self.percent = percent
        self.nanoseconds = nanoseconds
    }
}

/// What one fio job did in one direction (`read`, `write`).
public struct FioDirectionResult: Sendable, Codable, Equatable {
    /// Bytes transferred. Exact in JSON (`io_bytes`, or `io_kbytes` x 1024; `io_bytes` was KiB before fio 2.21)
    /// and terse (KiB); rounded in the normal form (`io=16.0MiB`), where `bytesExact` is false.
    public var bytes: UInt64?
    /// Whether `bytes` is what fio counted, not a rounded figure.
    public var bytesExact: Bool
    /// Run time in milliseconds as fio prints it (`runtime`, terse field 4 of a direction, `run=210-210msec`).
    public var runtimeMilliseconds: UInt64?
    /// The bandwidth fio printed, in bytes per second (`bw_bytes`, or `bw` KiB/s, or `BW=4000MiB/s`).
    public var printedBytesPerSecond: Double?
    public var iops: Double?
    /// Mean completion and total latency in nanoseconds (`clat_ns`/`lat_ns`, or `clat`/`lat` in µs before fio 3.0).
    public var meanCompletionLatency: Double?
    public var meanTotalLatency: Double?
    /// Completion latency percentiles, in fio's order.
    public var completionPercentiles: [FioPercentile]

    public init(bytes: UInt64? = nil, bytesExact: Bool = true, runtimeMilliseconds: UInt64? = nil,
                printedBytesPerSecond: Double? = nil, iops: Double? = nil, meanCompletionLatency: Double? = nil,
                meanTotalLatency: Double? = nil, completionPercentiles: [FioPercentile] = []) {
        self.bytes = bytes
        self.bytesExact = bytesExact
        self.runtimeMilliseconds = runtimeMilliseconds
        self.printedBytesPerSecond = printedBytesPerSecond
        self.iops = iops
        self.meanCompletionLatency = meanCompletionLatency
        self.meanTotalLatency = meanTotalLatency
        self.completionPercentiles = completionPercentiles
    }

    /// Whether the job moved anything this way (fio prints every direction, zeros for those not used).
    public var isUsed: Bool { (bytes ?? 0) > 0 || (printedBytesPerSecond ?? 0) > 0 || (runtimeMilliseconds ?? 0) > 0 }
}

/// One fio job (or, with `group_reporting`, one group) in one report.
public struct FioJob: Sendable, Codable, Equatable {
    public var name: String
    public var groupID: Int?
    /// fio's error number (`error`, `err=`); 0 when the job ran without one.
    public var error: Int
    /// fio's words for the error, where it printed them (`No space left on device`).
    public var errorText: String?
    /// The job's `rw` (from `job options`, else `global options`, else the normal form's header line).
    public var readWrite: String?
    /// `hostname` of a `client_stats` entry (fio's client/server mode).
    public var host: String?
    public var read: FioDirectionResult?
    public var write: FioDirectionResult?
    /// 1-based line where the job starts in its file.
    public var line: Int

    public init(name: String, groupID: Int? = nil, error: Int = 0, errorText: String? = nil, readWrite: String? = nil,
                host: String? = nil, read: FioDirectionResult? = nil, write: FioDirectionResult? = nil, line: Int) {
        self.name = name
        self.groupID = groupID
        self.error = error
        self.errorText = errorText
        self.readWrite = readWrite
        self.host = host
        self.read = read
        self.write = write
        self.line = line
    }

    /// The job's result for `operation`.
    public func result(_ operation: Operation) -> FioDirectionResult? {
        operation == .read ? read : write
    }

    /// The operation `rw` names, when it names one: `read`/`randread` → read, `write`/`randwrite` → write; mixed
    /// (`rw`, `randrw`, `readwrite`) and trims name none.
    public var operation: Operation? {
        switch readWrite?.lowercased() {
        case "read", "randread": .read
        case "write", "randwrite": .write
        default: nil
        }
    }
}

/// One complete fio report: everything one invocation printed at one moment (a JSON document, a set of terse lines,
/// a normal-form report). With `--status-interval` fio prints several; the last is the result.
public struct FioReport: Sendable, Codable, Equatable {
    public var form: FioForm
    /// `fio-3.33`, where printed.
    public var version: String?
    /// Seconds since the job started (`elapsed` of the first job), used to tell interval reports from new runs.
    public var elapsedSeconds: Int?
    /// `timestamp` of the JSON document (seconds since 1970), when printed.
    public var timestamp: Int?
    public var jobs: [FioJob]
    /// Whether the jobs came from `client_stats` (fio --client): one entry per host and job.
    public var fromClientStats: Bool
    /// The normal form's `Run status group` lines (`READ: bw=...`, or `READ: io=..., aggrb=...` before fio 2.17),
    /// summed over the groups: where printed, a round's throughput is theirs rather than the jobs' sum.
    public var groupRead: FioDirectionResult?
    public var groupWrite: FioDirectionResult?
    /// 1-based line where the report starts.
    public var line: Int

    public init(form: FioForm, version: String? = nil, elapsedSeconds: Int? = nil, timestamp: Int? = nil,
                jobs: [FioJob], fromClientStats: Bool = false, line: Int) {
        self.form = form
        self.version = version
        self.elapsedSeconds = elapsedSeconds
        self.timestamp = timestamp
        self.jobs = jobs
        self.fromClientStats = fromClientStats
        self.line = line
    }
}

/// One round of a fio series: the final report of one fio invocation, with the interval reports it printed before.
public struct FioRound: Sendable, Codable, Equatable {
    public var result: FioReport
    /// `--status-interval` reports before the result, in order: a time series, never averaged.
    public var intervals: [FioReport]

    public init(result: FioReport, intervals: [FioReport] = []) {
        self.result = result
        self.intervals = intervals
    }
}

/// Everything read from one fio output file.
public struct FioOutput: Sendable, Codable, Equatable {
    public var path: String
    /// From the file name (`fio-aes-xts-plain64-read-r2.json`), else the jobs' common name.
    public var cipher: String?
    /// From the file name, else the jobs' common `rw`.
    public var operation: Operation?
    /// `N` of a `-r<N>` name: the round the file holds (its position in the series).
    public var roundNumber: Int?
    public var rounds: [FioRound]

    public init(path: String, cipher: String? = nil, operation: Operation? = nil, roundNumber: Int? = nil,
                rounds: [FioRound]) {
        self.path = path
        self.cipher = cipher
        self.operation = operation
        self.roundNumber = roundNumber
        self.rounds = rounds
    }
}
