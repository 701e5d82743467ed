/// A `records in` / `records out` count as dd prints it: `full+partial`.
public struct RecordCount: Sendable, Codable, Equatable, CustomStringConvertible {
    public var full: UInt64
    public var partial: UInt64

    public init(full: UInt64, partial: UInt64) {
        self.full = full
        self.partial = partial
    }

    public var description: String { "\(full)+\(partial)" }
}

/// The byte/time summary of one dd invocation.
public struct DDTransfer: Sendable, Codable, Equatable {
    /// Bytes copied, exactly as printed.
    public var bytes: UInt64
    /// Elapsed seconds, as printed (dd prints six or more significant digits).
    public var seconds: Double
    /// The rate dd printed, converted to bytes per second; only a cross-check, never used for statistics.
    public var printedRate: Double?

    public init(bytes: UInt64, seconds: Double, printedRate: Double?) {
        self.bytes = bytes
        self.seconds = seconds
        self.printedRate = printedRate
    }

    /// Throughput in bytes per second computed from bytes and seconds; `nil` when seconds is not positive or so
    /// small that the rate overflows (`512 bytes copied, 3.652e-322 s`, found by fuzzing, is not a measurement), or
    /// when the rate or time is beyond any real device (`implausibility`).
    public var bytesPerSecond: Double? {
        guard seconds > 0, seconds.isFinite else { return nil }
        let rate = Double(bytes) / seconds
        return rate.isFinite && implausibility == nil ? rate : nil
    }

    /// Why this transfer cannot be a measurement though its rate is a number (`PlausibleThroughput`), or nil.
    public var implausibility: String? {
        guard seconds > 0, seconds.isFinite, bytes > 0, (Double(bytes) / seconds).isFinite else { return nil }
        return PlausibleThroughput.problem(bytes: bytes, seconds: seconds)
    }
}

/// One dd invocation inside a log: a round of the benchmark.
///
/// A round is *complete* when it has a byte/time summary with a positive byte count and time and no error
/// message. Anything else is a failed round: it is kept, with the reason, and never averaged.
public struct DDRound: Sendable, Codable, Equatable {
    /// 1-based position of the round in its file.
    public var number: Int
    /// 1-based line where the round starts.
    public var line: Int
    public var recordsIn: RecordCount?
    public var recordsOut: RecordCount?
    public var transfer: DDTransfer?
    /// Why the round cannot be used, when it cannot (dd's own error message, or what was missing).
    public var failure: String?

    public init(number: Int, line: Int, recordsIn: RecordCount? = nil, recordsOut: RecordCount? = nil,
                transfer: DDTransfer? = nil, failure: String? = nil) {
        self.number = number
        self.line = line
        self.recordsIn = recordsIn
        self.recordsOut = recordsOut
        self.transfer = transfer
        self.failure = failure
    }

    /// Whether the round can be used in statistics.
    public var isComplete: Bool { failure == nil && bytesPerSecond != nil }

    /// Throughput of a complete round, in bytes per second.
    public var bytesPerSecond: Double? {
        guard failure == nil, let transfer, transfer.bytes > 0 else { return nil }
        return transfer.bytesPerSecond
    }
}

/// The operation a dd log measured.
public enum Operation: String, Sendable, Codable, CaseIterable {
    case read
    case write
}

/// A dd log: the seed script's `<cipher>-read.txt` / `<cipher>-write.txt`, or any file of appended dd outputs.
public struct DDLog: Sendable, Codable, Equatable {
    public var path: String
    /// Cipher spec taken from the file name (`aes-xts-plain64` from `aes-xts-plain64-read.txt`), if it follows the
    /// seed's naming.
    public var cipher: String?
    public var operation: Operation?
    public var rounds: [DDRound]
    /// Failed rounds counted but not kept in `rounds` (past `DDLogParser.maxFailedRoundsKept`): a file of a
    /// million damaged rounds must not hold a million records. Round numbers still count them.
    public var failedRoundsNotKept: Int

    public init(path: String, cipher: String?, operation: Operation?, rounds: [DDRound], failedRoundsNotKept: Int = 0) {
        self.path = path
        self.cipher = cipher
        self.operation = operation
        self.rounds = rounds
        self.failedRoundsNotKept = failedRoundsNotKept
    }

    public var completeRounds: [DDRound] { rounds.filter(\.isComplete) }
    /// The failed rounds kept (see `failedRoundsNotKept`).
    public var failedRounds: [DDRound] { rounds.filter { !$0.isComplete } }
    /// Rounds in the log, kept or not.
    public var roundCount: Int { rounds.count + failedRoundsNotKept }
    /// Failed rounds in the log, kept or not.
    public var failedRoundCount: Int { rounds.reduce(0) { $0 + ($1.isComplete ? 0 : 1) } + failedRoundsNotKept }

    /// Whether any round can be used (`completeRounds` is not empty), without building the list.
    public var hasCompleteRound: Bool { rounds.contains(where: \.isComplete) }
}
