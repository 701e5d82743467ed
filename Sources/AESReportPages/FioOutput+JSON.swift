import AESReportModel

extension FioOutput {
    /// One entry of `runs[].fio[]` in summary.json: what each fio report of the file measured beyond the
    /// throughput the series already holds (IOPS, latencies, percentiles, fio's errors), per round and job.
    func writeJSON(to w: inout JSONWriter) {
        w.object { w in
            w.key("cipher"); w.value(cipher)
            w.key("file"); w.value(path)
            w.key("operation"); w.value(operation?.rawValue)
            w.key("round_number"); w.value(roundNumber)
            w.key("rounds")
            w.array { w in
                for round in rounds { round.writeJSON(to: &w, operation: operation) }
            }
        }
    }
}

extension FioRound {
    /// One report of a fio file: its jobs, and how many `--status-interval` reports came before it.
    func writeJSON(to w: inout JSONWriter, operation: Operation?) {
        w.object { w in
            w.key("interval_reports"); w.value(intervals.count)
            w.key("jobs")
            w.array { w in
                for job in result.jobs { job.writeJSON(to: &w, operation: operation) }
            }
            w.key("line"); w.value(result.line)
            w.key("version"); w.value(result.version)
        }
    }
}

extension FioJob {
    /// One job of a report, in the file's direction (or the job's own `rw` when the file names none). Latencies
    /// are nanoseconds; `clat_percentiles_ns` is a list of `[percent, nanoseconds]` pairs in fio's order.
    func writeJSON(to w: inout JSONWriter, operation: Operation?) {
        let direction = (operation ?? self.operation).flatMap { result($0) }
        w.object { w in
            w.key("clat_mean_ns"); w.value(direction?.meanCompletionLatency)
            w.key("clat_percentiles_ns")
            w.array { w in
                for p in direction?.completionPercentiles ?? [] { w.value([p.percent, p.nanoseconds]) }
            }
            w.key("error"); w.value(error)
            w.key("error_text"); w.value(errorText)
            w.key("iops"); w.value(direction?.iops)
            w.key("lat_mean_ns"); w.value(direction?.meanTotalLatency)
            w.key("name"); w.value(name)
            w.key("rw"); w.value(readWrite)
        }
    }
}
