import AESReportModel

/// Reads a file of dd outputs appended one after another (the seed script's `<cipher>-read.txt`), one line at a
/// time, into rounds.
///
/// Rounds are delimited by structure: GNU dd prints an optional error line, `records in`, `records out` and the
/// byte/time summary; an error that ends the invocation (`failed to open`) stands alone; busybox builds without
/// the summary print only the two records lines. A round that lacks its summary, or copied nothing, or carries an
/// error, is kept as a failed round with the reason and a diagnostic, and is never averaged.
public struct DDLogParser: LineParser {
    public let path: String
    public private(set) var diagnosticLog: CappedDiagnostics
    private var rounds: [DDRound] = []
    /// The round being assembled; meaningful only while `hasPending`.
    private var pending = PendingRound(line: 0)
    private var hasPending = false
    private var pendingEndsInvocation = false
    private var unrecognisedLines = 0
    private var linesSeen = 0
    /// A summary with whole seconds and no records lines before it: `status=progress`'s last update when the
    /// carriage returns were lost (pasted logs). It is held until the next dd line tells: records or an error
    /// (the same transfer's end) make it progress; anything else, or the end of the file, a round.
    private var heldSummary: (transfer: DDTransfer, rate: PrintedRate?, line: Int)?

    /// At most this many "not dd output" warnings per file; the rest are counted in one line.
    static let maxUnrecognisedReports = 5
    /// Failed rounds kept per file with their reasons; the rest are only counted (`DDLog.failedRoundsNotKept`).
    /// Complete rounds are all kept: they are the measurements.
    public static let maxFailedRoundsKept = 1000
    private var roundsSeen = 0
    private var failedKept = 0
    private var failedNotKept = 0

    public init(path: String) {
        self.path = path
        diagnosticLog = CappedDiagnostics(path: path)
    }

    public mutating func consume(_ line: Line) {
        linesSeen = line.number
        let kind = DDLineClassifier.classify(line.bytes)
        if let held = heldSummary {
            switch kind {
            case .blank, .progress, .other, .warning:
                break
            case .records, .error:
                heldSummary = nil
                report(held.line, .note, "a status=progress line (whole seconds, followed by the end of the same "
                       + "transfer), not a round")
            case .summary, .malformedSummary:
                heldSummary = nil
                commitSummary(held.transfer, rate: held.rate, line: held.line)
            }
        }
        switch kind {
        case .blank, .progress:
            return
        case let .records(count):
            if hasPending, pendingEndsInvocation || pending.recordsOut != nil || pending.transfer != nil {
                closePending()
            }
            openRound(at: line.number)
            if pending.recordsIn == nil {
                pending.recordsIn = count
            } else {
                pending.recordsOut = count
            }
        case let .error(message, endsInvocation):
            if hasPending, pending.recordsIn != nil || pendingEndsInvocation {
                closePending()
            }
            openRound(at: line.number)
            // Messages of one round are joined; a file of nothing but `dd:` lines must not build one huge reason.
            if let failure = pending.failure {
                if failure.utf8.count < 4 * DDLineClassifier.messageLength { pending.failure = failure + "; " + message }
            } else {
                pending.failure = message
            }
            pendingEndsInvocation = pendingEndsInvocation || endsInvocation
        case let .warning(message):
            report(line.number, .warning, "dd: \(message)")
        case let .summary(transfer, rate):
            if !hasPending, transfer.seconds > 0, transfer.seconds == transfer.seconds.rounded() {
                heldSummary = (transfer, rate, line.number)
                return
            }
            commitSummary(transfer, rate: rate, line: line.number)
        case let .malformedSummary(reason):
            report(line.number, .error, "unreadable dd summary: \(reason): \(Self.excerpt(line.bytes))")
            if hasPending, pendingEndsInvocation { closePending() }
            openRound(at: line.number)
            pending.failure = pending.failure ?? "unreadable dd summary"
            closePending(silently: true)
        case .other:
            unrecognisedLines += 1
            if unrecognisedLines <= Self.maxUnrecognisedReports {
                report(line.number, .warning, "not dd output, ignored: \(Self.excerpt(line.bytes))")
            }
        }
    }

    /// `dd if=... | ssh host dd of=...` prints two summaries of one transfer, the local and the remote dd's: the same
    /// bytes in about the same time, with records counts that differ (the pipe cuts the stream into partial
    /// records). Both are kept, as printed, and one warning names the pairs: they are one measurement, not two.
    private mutating func reportSameTransferTwice() {
        var pairs: [(Int, Int)] = []
        for (a, b) in zip(rounds, rounds.dropFirst()) where a.isComplete && b.isComplete {
            guard let x = a.transfer, let y = b.transfer, x.bytes == y.bytes,
                  abs(x.seconds - y.seconds) <= 0.05 + 0.02 * max(x.seconds, y.seconds),
                  a.recordsIn != b.recordsIn || a.recordsOut != b.recordsOut else { continue }
            pairs.append((a.number, b.number))
        }
        guard let (first, second) = pairs.first else { return }
        report(rounds.first { $0.number == second }?.line, .warning,
               "\(pairs.count) pair(s) of consecutive rounds copied the same bytes in about the same time with "
                   + "different records counts (first: rounds \(first) and \(second)): two dd's summaries of one "
                   + "transfer (a pipe through ssh), not two measurements? Both are counted; keep one of each pair")
    }

    /// The summary line ends the round being assembled (or is a round of its own).
    private mutating func commitSummary(_ transfer: DDTransfer, rate: PrintedRate?, line: Int) {
        if hasPending, pendingEndsInvocation { closePending() }
        openRound(at: line)
        pending.transfer = transfer
        if let rate, let computed = transfer.bytesPerSecond, computed > 0,
           abs(computed - rate.bytesPerSecond) > rate.resolution + 0.005 * computed {
            report(line, .warning,
                   "dd printed \(Self.formatRate(rate.bytesPerSecond)) but \(transfer.bytes) bytes in "
                   + "\(transfer.seconds) s is \(Self.formatRate(computed)); using the computed value")
        }
        closePending()
    }

    /// Ends the input and returns what was read. The parser should not be used afterwards.
    public mutating func finish() -> DDLog? {
        if let held = heldSummary {
            heldSummary = nil
            commitSummary(held.transfer, rate: held.rate, line: held.line)
        }
        closePending()
        if unrecognisedLines > Self.maxUnrecognisedReports {
            report(nil, .warning,
                   "\(unrecognisedLines - Self.maxUnrecognisedReports) more lines that are not dd output were ignored")
        }
        reportSameTransferTwice()
        if rounds.isEmpty {
            report(nil, .error, linesSeen == 0 ? "empty file: no dd output to read"
                : "no dd round found in \(linesSeen) lines")
        }
        let name = ResultFileName(path: path)
        return DDLog(path: path, cipher: name?.cipher, operation: name?.operation, rounds: rounds,
                     failedRoundsNotKept: failedNotKept)
    }

    /// Starts a round at `line` unless one is being assembled.
    private mutating func openRound(at line: Int) {
        guard !hasPending else { return }
        pending = PendingRound(line: line)
        hasPending = true
    }

    private mutating func closePending(silently: Bool = false) {
        guard hasPending else { return }
        var round = DDRound(number: 0, line: pending.line, recordsIn: pending.recordsIn,
                            recordsOut: pending.recordsOut, transfer: pending.transfer, failure: pending.failure)
        pending.failure = nil
        hasPending = false
        pendingEndsInvocation = false
        roundsSeen += 1
        round.number = roundsSeen
        // Past the per-file cap a diagnostic is only counted: its message is not built (a damaged file has millions).
        let counted = diagnosticLog.isFull
        if !silently {
            if let failure = round.failure {
                report(round.line, .warning, counted ? "" : "round \(round.number) failed: dd: \(failure); not averaged")
            } else if let transfer = round.transfer {
                if transfer.bytes == 0 {
                    round.failure = "0 bytes copied"
                    report(round.line, .warning, counted ? "" : "round \(round.number) copied 0 bytes; not averaged")
                } else if let problem = transfer.implausibility {
                    // Finite but absurd (`9223372036854775807 bytes ... copied, 1e-289 s`): its sum with one more
                    // round overflows; an error, since only a damaged or forged log holds it.
                    round.failure = problem
                    report(round.line, .error, counted ? "" : "round \(round.number): \(problem); not averaged")
                } else if transfer.bytesPerSecond == nil {
                    round.failure = "elapsed time of \(transfer.seconds) s"
                    report(round.line, .warning, counted ? "" :
                           "round \(round.number) took \(transfer.seconds) s; throughput undefined, not averaged")
                }
            } else {
                round.failure = "no byte/time summary line"
                report(round.line, .error, counted ? "" :
                       "round \(round.number) has records counts but no byte/time summary line (a cut-off log, "
                       + "or a dd such as some busybox builds that does not print one); not averaged")
            }
        }
        if !round.isComplete {
            guard failedKept < Self.maxFailedRoundsKept else {
                failedNotKept += 1
                return
            }
            failedKept += 1
        }
        // The seed's files hold 10 rounds: room for 16 at the first spares the four regrowths (and their copies)
        // that growing from empty costs every file.
        if rounds.isEmpty { rounds.reserveCapacity(16) }
        rounds.append(round)
    }

    private mutating func report(_ line: Int?, _ severity: Severity, _ message: String) {
        diagnosticLog.append(line: line, severity: severity, message: message)
    }

    private static func excerpt(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        "'\(Excerpt.of(bytes: bytes))'"
    }

    private static func formatRate(_ value: Double) -> String {
        ThroughputFormat.si(value)
    }
}

/// The round a parser is assembling. Its own type in this module (rather than a `DDRound` from the model's) lets
/// the compiler copy it inline: the outlined copies of `DDRound` were a tenth of parse time.
private struct PendingRound {
    var line: Int
    var recordsIn: RecordCount?
    var recordsOut: RecordCount?
    var transfer: DDTransfer?
    var failure: String?

    init(line: Int) {
        self.line = line
    }
}
