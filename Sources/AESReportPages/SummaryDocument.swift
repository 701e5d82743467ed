import AESReportModel
import AESReportStats

/// `summary.json`: the contract documented in the README ("summary.json"). Keys are snake_case and sorted;
/// throughputs are bytes per second; absent values are `null`, never NaN. Each object is written by its Stats
/// type's JSON extension (`SeriesStatistics+JSON.swift`, `AESNIGain+JSON.swift`, ...) with `JSONWriter`, so the
/// schema exists once: adding a field is one stored property and one `w.key(...)` line beside its siblings.
public struct SummaryDocument {
    var analysis: ReportAnalysis
    var options: AnalysisOptions
    var version: String
    var diagnostics: ListedDiagnostics
    var samples: SummarySamples

    /// `samples` (`--summary-samples`): whether each series lists its per-round samples (the default) or not.
    public init(analysis: ReportAnalysis, options: AnalysisOptions, diagnostics: [Diagnostic], version: String,
                samples: SummarySamples = .all) {
        self.analysis = analysis
        self.options = options
        self.version = version
        self.diagnostics = ListedDiagnostics(diagnostics)
        self.samples = samples
    }

    /// The most diagnostics summary.json and comparison.json list; the rest are counted in `diagnostics_omitted`.
    public static let diagnosticLimit = ListedDiagnostics.limit

    /// The document as JSON: pretty-printed, sorted keys, a final newline. Written by `JSONWriter` rather than
    /// `JSONEncoder`: a fleet of 1,000 hosts makes a 40 MB document.
    public func json() throws -> String {
        String(decoding: jsonBytes(), as: UTF8.self)
    }

    /// The same as bytes, without a String copy of what can be hundreds of megabytes.
    public func jsonBytes() -> [UInt8] {
        var w = JSONWriter(capacity: 1 << 20)
        write(to: &w)
        return w.bytes
    }

    /// Streams the same bytes to `sink` in pieces of about a megabyte (for `AtomicFileWriter.stream`): a fleet's
    /// summary is never held whole in memory. Rethrows the first error of the sink.
    public func writeJSON(to sink: @escaping (ArraySlice<UInt8>) throws -> Void,
                          flushThreshold: Int = 1 << 20) throws {
        var w = JSONWriter(flushThreshold: flushThreshold, flush: sink)
        write(to: &w)
        w.flushBuffered()
        if let error = w.flushError { throw error }
    }

    private func write(to w: inout JSONWriter) {
        let emulated = VirtualMachineAccelerator.emulatedHosts(analysis.runs.lazy.map(\.run))
        w.object { w in
            w.key("cryptsetup_speedups")
            w.array { w in
                for s in analysis.cryptsetupSpeedups { s.writeJSON(to: &w) }
            }
            diagnostics.writeJSON(to: &w)
            w.key("notes"); w.value(analysis.notes)
            w.key("openssl_speedups")
            w.array { w in
                for s in analysis.opensslSpeedups { s.writeJSON(to: &w) }
            }
            w.key("options")
            options.writeJSON(to: &w)
            w.key("ranges")
            w.array { w in
                for r in analysis.ranges {
                    r.writeJSON(to: &w, caveat: emulated.contains(r.host) ? VirtualMachineAccelerator.emulatedCPUCaveat : nil)
                }
            }
            w.key("runs")
            w.array { w in
                w.members(analysis.runs) { w, run in run.writeJSON(to: &w, samples: samples) }
            }
            w.key("speedups")
            w.array { w in
                w.members(analysis.speedups) { w, speedup in speedup.writeJSON(to: &w) }
            }
            w.key("tcrypt_speedups")
            w.array { w in
                for s in analysis.tcryptSpeedups { s.writeJSON(to: &w) }
            }
            w.tool(version: version)
        }
        w.endDocument()
    }
}

/// Whether summary.json lists every series' per-round samples (`--summary-samples`).
public enum SummarySamples: String, CaseIterable, Sendable {
    /// `runs[].series[].samples` and `sample_rounds` are written (the default): the document holds every round.
    case all
    /// Both are left out (by the samples' share: 18% of a fleet of 10-round series); every other field, and
    /// summary.csv, are unchanged.
    case none
}
