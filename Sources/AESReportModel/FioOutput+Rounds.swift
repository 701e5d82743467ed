extension FioReport {
    /// The report's transfer in one direction, as a round of a series: bytes summed over the jobs that moved data
    /// that way, over the longest of their run times (fio's own group aggregate: `io / max run`). The printed
    /// bandwidth is kept as a cross-check.
    ///
    /// Where fio printed exact bytes and run times (JSON, terse) the throughput is bytes / seconds. Where it printed
    /// rounded figures (the normal form's `io=16.0MiB`, `run=4-4msec`) the printed bandwidth is the measurement:
    /// the seconds are then those that give it for the printed bytes, so the rate the statistics read is fio's.
    /// A job with `error != 0` makes the round failed with fio's error, never a zero throughput.
    public func round(_ operation: Operation) -> (transfer: DDTransfer?, failure: String?) {
        if let failed = jobs.first(where: { $0.error != 0 }) {
            let text = failed.errorText.map { " (\($0))" } ?? ""
            return (nil, "fio job '\(failed.name)' failed with error \(failed.error)\(text)")
        }
        let group = operation == .read ? groupRead : groupWrite
        let results = group.map { [$0] } ?? jobs.compactMap { $0.result(operation) }.filter(\.isUsed)
        guard !results.isEmpty else { return (nil, "fio reported no \(operation.rawValue) I/O") }
        let printed = results.compactMap(\.printedBytesPerSecond)
        let printedRate = printed.count == results.count ? printed.reduce(0, +) : nil
        let byteCounts = results.compactMap(\.bytes)
        let runtimes = results.compactMap(\.runtimeMilliseconds)
        let exact = results.allSatisfy(\.bytesExact)
        if byteCounts.count == results.count, runtimes.count == results.count, let longest = runtimes.max(),
           longest > 0, exact {
            let (bytes, overflow) = byteCounts.reduce((UInt64(0), false)) { sum, next in
                let added = sum.0.addingReportingOverflow(next)
                return (added.partialValue, sum.1 || added.overflow)
            }
            guard !overflow else { return (nil, "fio's byte counts overflow 64 bits") }
            // A run time with no bytes (found by fuzzing) is no measurement: failed, with the reason.
            guard bytes > 0 else { return (nil, "fio reported 0 bytes \(operation == .read ? "read" : "written")") }
            return Self.checked(DDTransfer(bytes: bytes, seconds: Double(longest) / 1000, printedRate: printedRate))
        }
        guard let printedRate, printedRate > 0, printedRate.isFinite else {
            return (nil, "fio printed no bandwidth for \(operation.rawValue)")
        }
        // Rounded bytes (or none): the printed rate decides; seconds are derived so that bytes / seconds is it.
        let bytes = byteCounts.count == results.count ? byteCounts.reduce(0) { $0 &+ $1 } : 0
        let shown = bytes > 0 ? bytes : UInt64(min(printedRate.rounded(), 9.0e18))
        guard shown > 0 else { return (nil, "fio printed no bandwidth for \(operation.rawValue)") }
        return Self.checked(DDTransfer(bytes: shown, seconds: Double(shown) / printedRate, printedRate: printedRate))
    }

    /// The transfer, or why it is no measurement (`PlausibleThroughput`: `bw_bytes` of 1.7e308 with a zero run
    /// time is finite, and its sum with one more round is not).
    private static func checked(_ transfer: DDTransfer) -> (transfer: DDTransfer?, failure: String?) {
        if let problem = transfer.implausibility { return (nil, implausiblePrefix + problem) }
        return transfer.bytesPerSecond == nil ? (nil, implausiblePrefix + "they give no throughput") : (transfer, nil)
    }

    private static let implausiblePrefix = "fio's figures are no measurement: "

    /// Why the round's figures in `operation` are no measurement (a rate beyond any device, a time that overflows),
    /// or nil: the parser's error diagnostic, beside the failed round the series shows.
    public func implausibility(_ operation: Operation) -> String? {
        guard let failure = round(operation).failure, failure.hasPrefix(Self.implausiblePrefix) else { return nil }
        return failure
    }
}

/// fio outputs as series of rounds, so that the statistics, gains, charts and page read them as they read dd logs.
public enum FioSeries {
    /// One `DDLog` per cipher and operation among `outputs` (files whose cipher or operation is unknown are left
    /// out: `FioOutput` says why in discovery's diagnostics). Rounds are ordered by the files' `-r<N>` numbers
    /// (files without one after them, by path), then by their place in the file; each is numbered from 1.
    /// The series' path is its first file's.
    public static func logs(from outputs: [FioOutput]) -> [DDLog] {
        var order: [String] = []
        var groups: [String: (cipher: String, operation: Operation, files: [FioOutput])] = [:]
        for output in outputs {
            guard let cipher = output.cipher, let operation = output.operation else { continue }
            let key = cipher + "\u{0}" + operation.rawValue
            if groups[key] == nil {
                order.append(key)
                groups[key] = (cipher, operation, [])
            }
            groups[key]!.files.append(output)
        }
        return order.map { key in
            let group = groups[key]!
            let files = group.files.sorted { x, y in
                (x.roundNumber ?? Int.max, x.path) < (y.roundNumber ?? Int.max, y.path)
            }
            var rounds: [DDRound] = []
            for file in files {
                for round in file.rounds {
                    let (transfer, failure) = round.result.round(group.operation)
                    rounds.append(DDRound(number: rounds.count + 1, line: round.result.line, transfer: transfer,
                                          failure: failure))
                }
            }
            return DDLog(path: files[0].path, cipher: group.cipher, operation: group.operation, rounds: rounds)
        }
    }
}
