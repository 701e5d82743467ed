import AESReportModel
import Foundation

/// `parse`'s text for fio outputs (jobs and directions per report) and tcrypt outputs (algorithms, drivers, rows).
extension InputDescription {
    static func text(_ output: FioOutput) -> String {
        var head = "\(TerminalText.escape(output.path)): fio output"
        if let cipher = output.cipher { head += ", cipher \(TerminalText.escape(cipher))" }
        if let operation = output.operation { head += ", \(operation.rawValue)" }
        if let number = output.roundNumber { head += ", round \(number) of its series" }
        let forms = output.rounds.map { report in
            ([report.result.form.rawValue] + (report.result.version.map { [$0] } ?? [])).joined(separator: " ")
        }.uniqued()
        let intervals = output.rounds.reduce(0) { $0 + $1.intervals.count }
        head += "; \(output.rounds.count) report\(output.rounds.count == 1 ? "" : "s")"
            + (forms.isEmpty ? "" : " (\(TerminalText.escape(forms.joined(separator: ", "))))")
            + (intervals == 0 ? "" : ", \(intervals) interval report\(intervals == 1 ? "" : "s") before them")
        var rows: [[String]] = []
        for (index, round) in output.rounds.enumerated() {
            for job in round.result.jobs {
                let used = Operation.allCases.filter { job.result($0)?.isUsed == true }
                for operation in used.isEmpty ? [nil] : used.map(Optional.some) {
                    let result = operation.flatMap { job.result($0) }
                    rows.append([String(index + 1), TerminalText.escape(job.name + (job.host.map { "@" + $0 } ?? "")),
                                 TerminalText.escape(job.readWrite ?? "-"), operation?.rawValue ?? "-",
                                 result?.bytes.map { String($0) + (result?.bytesExact == false ? "~" : "") } ?? "-",
                                 result?.runtimeMilliseconds.map { "\($0) ms" } ?? "-",
                                 result?.printedBytesPerSecond.map { ThroughputFormat.si($0) } ?? "-",
                                 result?.iops.map { String(format: "%.0f", $0) } ?? "-",
                                 result?.meanCompletionLatency.map(latency) ?? "-",
                                 result?.completionPercentiles.first { $0.percent == 99 }.map { latency($0.nanoseconds) } ?? "-",
                                 job.error == 0 ? "ok" : TerminalText.escape("FAILED: error \(job.error)"
                                     + (job.errorText.map { " (\($0))" } ?? ""))])
                }
            }
        }
        var lines = [head, Output.table(["report", "job", "rw", "direction", "bytes", "run time", "fio's bw", "IOPS",
                                         "clat mean", "clat p99", "status"], rows,
                                        rightAligned: [0, 4, 5, 6, 7, 8, 9])]
        // What the series gets of each report: the round the statistics read.
        for (index, round) in output.rounds.enumerated() {
            for operation in Operation.allCases {
                let (transfer, failure) = round.result.round(operation)
                guard transfer != nil || output.operation == operation else { continue }
                let what = transfer.flatMap { transfer in transfer.bytesPerSecond.map {
                    "\(ThroughputFormat.si($0)) (\(transfer.bytes) bytes in " + String(format: "%.4g s", transfer.seconds) + ")"
                } } ?? "failed: " + TerminalText.escape(failure ?? "no rate")
                lines.append("report \(index + 1) \(operation.rawValue): \(what)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A latency in nanoseconds as ns, µs or ms.
    static func latency(_ nanoseconds: Double) -> String {
        if nanoseconds >= 1_000_000 { return String(format: "%.2f ms", nanoseconds / 1_000_000) }
        if nanoseconds >= 1000 { return String(format: "%.1f µs", nanoseconds / 1000) }
        return String(format: "%.0f ns", nanoseconds)
    }

    static func text(_ speed: TcryptSpeed) -> String {
        var head = "\(TerminalText.escape(speed.path)): tcrypt speed test, \(speed.tests.count) "
            + "test\(speed.tests.count == 1 ? "" : "s")"
        if let evidence = speed.aesniEvidence {
            head += "; \(evidence.aesni ? "with" : "without") AES-NI by the driver "
                + "\(TerminalText.escape(evidence.test.driver)) (line \(evidence.test.line))"
        } else {
            head += "; no AES driver says whether AES-NI ran"
        }
        let rows = speed.tests.flatMap { test in
            test.results.map { result -> [String] in
                [TerminalText.escape(test.algorithm), TerminalText.escape(test.driver), test.direction.rawValue,
                 String(result.test), "\(result.keyBits)b", String(result.blockSize),
                 result.operations.map(String.init) ?? "-", result.seconds.map { "\($0) s" } ?? "-",
                 result.bytesPerSecond.map { ThroughputFormat.si($0) } ?? "-",
                 result.cyclesPerByte.map { String(format: "%.2f", $0) } ?? "-"]
            }
        }
        return head + "\n" + Output.table(["algorithm", "driver", "direction", "test", "key", "block", "operations",
                                           "time", "throughput", "cycles/byte"], rows,
                                          rightAligned: [3, 4, 5, 6, 7, 8, 9])
    }
}
