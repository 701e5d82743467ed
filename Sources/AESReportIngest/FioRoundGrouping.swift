import AESReportModel

/// Tells the reports of one fio invocation (`--status-interval` prints a cumulative report per interval, then the
/// final one) from those of the next (outputs appended to one file), and makes each invocation a round: its last
/// report is the result, the earlier ones its time series.
///
/// A report continues the invocation of the one before when it has the same jobs and is further into them: its
/// `elapsed` is larger and, where both carry a `timestamp`, both started at the same second (timestamp - elapsed,
/// within one second of rounding); without `elapsed` (terse, normal, old JSON), when its run time is longer and its
/// byte count no smaller. Anything else starts a new round.
enum FioRoundGrouping {
    static func rounds(_ reports: [FioReport]) -> [FioRound] {
        var rounds: [FioRound] = []
        for report in reports {
            if let last = rounds.last, continues(last.result, with: report) {
                rounds[rounds.count - 1].intervals.append(last.result)
                rounds[rounds.count - 1].result = report
            } else {
                rounds.append(FioRound(result: report))
            }
        }
        return rounds
    }

    static func continues(_ earlier: FioReport, with later: FioReport) -> Bool {
        guard earlier.form == later.form, earlier.jobs.map(\.name) == later.jobs.map(\.name) else { return false }
        if let a = earlier.elapsedSeconds, let b = later.elapsedSeconds {
            guard b > a else { return false }
            if let s = earlier.timestamp, let t = later.timestamp {
                let (startA, startB) = (s.subtractingReportingOverflow(a).partialValue,
                                        t.subtractingReportingOverflow(b).partialValue)
                return abs(startA.subtractingReportingOverflow(startB).partialValue) <= 1
            }
            return true
        }
        let (runA, bytesA) = totals(earlier)
        let (runB, bytesB) = totals(later)
        return runB > runA && bytesB >= bytesA
    }

    /// The longest run time and the bytes of all jobs, both directions.
    static func totals(_ report: FioReport) -> (UInt64, UInt64) {
        var run: UInt64 = 0
        var bytes: UInt64 = 0
        for job in report.jobs {
            for result in [job.read, job.write].compactMap({ $0 }) {
                run = max(run, result.runtimeMilliseconds ?? 0)
                bytes = bytes &+ (result.bytes ?? 0)
            }
        }
        return (run, bytes)
    }
}
