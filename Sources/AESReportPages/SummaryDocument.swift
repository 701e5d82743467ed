import AESReportIngest
import AESReportModel
import AESReportStats

/// `summary.json`: the contract documented in the README ("summary.json"). Keys are snake_case and sorted;
/// throughputs are bytes per second; absent values are `null`, never NaN. Written by `json()` with `JSONWriter`.
public struct SummaryDocument {
    struct Tool {
        var name = "aesreport"
        var version: String
    }

    struct Options {
        var centre: String
        var confidence: Double
        var alpha: Double
        var dropOutliers: Bool
        var skipWarmup: Int
        var outlierRule = "Tukey's fences: below Q1 - 1.5 IQR or above Q3 + 1.5 IQR, quartiles by linear interpolation"
        var intervalOfMean = "Student's t, n - 1 degrees of freedom"
        /// The method's words (`Method`), so that summary.json says what the page and charts say.
        var method: String
        var intervalOfCentre: String
        var intervalOfRatio: String
        var test: String
        var testOfSpeedup: String
        var opensslMethod: String

    }

    struct CPU {
        var model: String?
        var vendor: String?
        var logicalCPUs: Int?
        /// true, false, or nil when the dump cannot tell (aarch64 without an lscpu or DMI line).
        var isGuest: Bool?
        var guestEvidence: String
        var flags: [String]
        var source: String?

    }

    struct Series {
        var cipher: String
        var operation: String
        var source: String
        var n: Int
        var rounds: Int
        var failed: Int
        var dropped: [Int]
        var outliers: [Int]
        var samples: [Double]
        var sampleRounds: [Int]
        var mean: Double?
        var median: Double?
        var stdev: Double?
        var min: Double?
        var max: Double?
        var cv: Double?
        var ci95: [Double]?
        var ci95Note: String?
        var totalThroughput: Double?
        var centre: Double?
        var centreCI95: [Double]?
        var centreCI95Note: String?

    }

    struct RunEntry {
        var label: String
        var host: String
        var aesni: Bool?
        var aesniSource: String?
        var aesniEvidence: [AESNIEvidence]
        var source: String
        var cpu: CPU?
        var series: [Series]
        var accelerator: String?
        var qemuCPUModel: String?

    }

    struct SpeedupEntry {
        var host: String
        var cipher: String
        var operation: String
        var withAESNI: Double
        var withoutAESNI: Double
        var ratio: Double
        var percent: Double
        var ci95: [Double]?
        var ci95Method: String
        var ci95Note: String?
        var roundsWith: Int
        var roundsWithout: Int
        var test: String
        var testNote: String
        var pValue: Double?
        var significant: Bool?

    }

    struct RangeEntry {
        var host: String
        var operation: String
        var lowPercent: Double
        var highPercent: Double
        var lowCipher: String
        var highCipher: String
        var ciphers: Int
        var notSignificant: [String]
        var untested: [String]
        var sentence: String
        var caveat: String?

    }

    struct DiagnosticEntry {
        var file: String
        var line: Int?
        var severity: String
        var message: String

    }

    var tool: Tool
    var options: Options
    var runs: [RunEntry]
    var speedups: [SpeedupEntry]
    var opensslSpeedups: [OpenSSLSpeedup]
    var ranges: [RangeEntry]
    var notes: [String]
    var diagnostics: [DiagnosticEntry]
    /// Diagnostics left out of `diagnostics` by `diagnosticLimit`.
    var diagnosticsOmitted = 0

    public init(analysis: ReportAnalysis, options: AnalysisOptions, diagnostics: [Diagnostic], version: String) {
        tool = Tool(version: version)
        let method = Method(options)
        self.options = Options(centre: options.centre.rawValue, confidence: options.confidence, alpha: options.alpha,
                               dropOutliers: options.dropOutliers, skipWarmup: options.skipWarmup,
                               method: method.summaryLine(), intervalOfCentre: method.centreIntervalMethod,
                               intervalOfRatio: method.ratioIntervalMethod, test: method.test.rawValue,
                               testOfSpeedup: method.testMethod, opensslMethod: method.forSamples.summaryLine())
        runs = analysis.runs.map { stats in
            let run = stats.run
            return RunEntry(
                label: run.label, host: run.host, aesni: run.aesni, aesniSource: run.aesniSource?.rawValue,
                aesniEvidence: run.aesniEvidence, source: run.path,
                cpu: run.cpu.map { CPU(model: $0.modelName, vendor: $0.vendor, logicalCPUs: $0.logicalCPUs,
                                       isGuest: $0.guest.fact.bool, guestEvidence: $0.guest.evidence, flags: $0.flags,
                                       source: run.cpuPath) },
                series: stats.series.map(Self.series), accelerator: run.accelerator?.rawValue,
                qemuCPUModel: run.qemuCPUModel)
        }
        speedups = analysis.speedups.map { s in
            SpeedupEntry(host: s.host, cipher: s.cipher, operation: s.operation.rawValue, withAESNI: s.withAESNI,
                         withoutAESNI: s.withoutAESNI, ratio: s.estimate.ratio, percent: s.estimate.percent,
                         ci95: s.estimate.confidenceInterval.map { [$0.low, $0.high] },
                         ci95Method: s.estimate.intervalMethod, ci95Note: s.estimate.intervalNote,
                         roundsWith: s.roundsWith, roundsWithout: s.roundsWithout, test: s.testKind.rawValue,
                         testNote: s.test.note, pValue: s.test.pValue, significant: s.significant)
        }
        opensslSpeedups = analysis.opensslSpeedups
        let emulated = VirtualMachineAccelerator.emulatedHosts(analysis.runs.lazy.map(\.run))
        ranges = analysis.ranges.map { r in
            RangeEntry(host: r.host, operation: r.operation.rawValue, lowPercent: r.lowPercent,
                       highPercent: r.highPercent, lowCipher: r.lowCipher, highCipher: r.highCipher,
                       ciphers: r.ciphers, notSignificant: r.notSignificant, untested: r.untested,
                       sentence: SpeedupText.range(r),
                       caveat: emulated.contains(r.host) ? VirtualMachineAccelerator.emulatedCPUCaveat : nil)
        }
        notes = analysis.notes
        (self.diagnostics, diagnosticsOmitted) = Self.entries(diagnostics)
    }

    /// The most diagnostics summary.json and comparison.json list; the rest are counted in `diagnostics_omitted`
    /// (all of them are on standard error). A damaged tree must not make a document of hundreds of megabytes.
    public static let diagnosticLimit = 1000

    /// The diagnostics a document lists, in their order, and how many were left out: errors first claim the
    /// places, then warnings, then notes, so a thousand unread-file notes never push out an error.
    static func entries(_ diagnostics: [Diagnostic], limit: Int = diagnosticLimit) -> ([DiagnosticEntry], Int) {
        let kept = DiagnosticSelection.kept(diagnostics, limit: limit)
        return (kept.map {
            DiagnosticEntry(file: $0.file, line: $0.line, severity: $0.severity.rawValue, message: $0.message)
        }, diagnostics.count - kept.count)
    }

    /// `diagnostics[]` as summary.json and comparison.json write it.
    static func write(_ diagnostics: [DiagnosticEntry], to w: inout JSONWriter) {
        w.array { w in
            for d in diagnostics {
                w.object { w in
                    w.key("file"); w.value(d.file)
                    w.key("line"); w.value(d.line)
                    w.key("message"); w.value(d.message)
                    w.key("severity"); w.value(d.severity)
                }
            }
        }
    }

    static func series(_ s: SeriesStatistics) -> Series {
        let summary = s.summary
        return Series(cipher: s.cipher, operation: s.operation.rawValue, source: s.source, n: s.n, rounds: s.rounds,
                      failed: s.failed, dropped: s.dropped, outliers: s.outliers, samples: s.samples,
                      sampleRounds: s.sampleRounds, mean: summary?.mean, median: summary?.median,
                      stdev: summary?.standardDeviation, min: summary?.min, max: summary?.max,
                      cv: summary?.coefficientOfVariation,
                      ci95: summary?.confidenceInterval.map { [$0.low, $0.high] },
                      ci95Note: summary == nil ? "no complete round" : summary?.intervalNote,
                      totalThroughput: s.totalThroughput, centre: s.centre,
                      centreCI95: s.centreInterval.map { [$0.low, $0.high] }, centreCI95Note: s.centreIntervalNote)
    }

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
        w.object { w in
            w.key("diagnostics")
            Self.write(diagnostics, to: &w)
            w.key("diagnostics_omitted"); w.value(diagnosticsOmitted)
            w.key("notes"); w.value(notes)
            w.key("openssl_speedups")
            w.array { w in
                for s in opensslSpeedups {
                    w.object { w in
                        w.key("algorithm"); w.value(s.algorithm)
                        w.key("block_size"); w.value(s.blockSize)
                        w.key("ci95"); w.value(s.estimate.confidenceInterval.map { [$0.low, $0.high] })
                        w.key("ci95_method"); w.value(s.estimate.intervalMethod)
                        w.key("ci95_note"); w.value(s.estimate.intervalNote)
                        w.key("direction"); w.value(s.direction.rawValue)
                        w.key("host"); w.value(s.host)
                        w.key("p_value"); w.value(s.test.pValue)
                        w.key("percent"); w.value(s.estimate.percent)
                        w.key("ratio"); w.value(s.estimate.ratio)
                        w.key("rounds_with"); w.value(s.roundsWith)
                        w.key("rounds_without"); w.value(s.roundsWithout)
                        w.key("significant"); w.value(s.significant)
                        w.key("test"); w.value(s.testKind.rawValue)
                        w.key("test_note"); w.value(s.test.note)
                        w.key("with_aesni"); w.value(s.withAESNI)
                        w.key("without_aesni"); w.value(s.withoutAESNI)
                    }
                }
            }
            w.key("options")
            w.object { w in
                w.key("alpha"); w.value(options.alpha)
                w.key("centre"); w.value(options.centre)
                w.key("confidence"); w.value(options.confidence)
                w.key("drop_outliers"); w.value(options.dropOutliers)
                w.key("interval_of_centre"); w.value(options.intervalOfCentre)
                w.key("interval_of_mean"); w.value(options.intervalOfMean)
                w.key("interval_of_ratio"); w.value(options.intervalOfRatio)
                w.key("method"); w.value(options.method)
                w.key("openssl_method"); w.value(options.opensslMethod)
                w.key("outlier_rule"); w.value(options.outlierRule)
                w.key("skip_warmup"); w.value(options.skipWarmup)
                w.key("test"); w.value(options.test)
                w.key("test_of_speedup"); w.value(options.testOfSpeedup)
            }
            w.key("ranges")
            w.array { w in
                for r in ranges {
                    w.object { w in
                        w.key("caveat"); w.value(r.caveat)
                        w.key("ciphers"); w.value(r.ciphers)
                        w.key("high_cipher"); w.value(r.highCipher)
                        w.key("high_percent"); w.value(r.highPercent)
                        w.key("host"); w.value(r.host)
                        w.key("low_cipher"); w.value(r.lowCipher)
                        w.key("low_percent"); w.value(r.lowPercent)
                        w.key("not_significant"); w.value(r.notSignificant)
                        w.key("operation"); w.value(r.operation)
                        w.key("sentence"); w.value(r.sentence)
                        w.key("untested"); w.value(r.untested)
                    }
                }
            }
            w.key("runs")
            w.array { w in
                for run in runs {
                    w.object { w in
                        w.key("accelerator"); w.value(run.accelerator)
                        w.key("aesni"); w.value(run.aesni)
                        w.key("aesni_evidence")
                        w.array { w in
                            for evidence in run.aesniEvidence {
                                w.object { w in
                                    w.key("aesni"); w.value(evidence.aesni)
                                    w.key("file"); w.value(evidence.path)
                                    w.key("line"); w.value(evidence.line)
                                    w.key("source"); w.value(evidence.source.rawValue)
                                }
                            }
                        }
                        w.key("aesni_source"); w.value(run.aesniSource)
                        w.key("cpu")
                        if let cpu = run.cpu {
                            w.object { w in
                                w.key("flags"); w.value(cpu.flags)
                                w.key("guest_evidence"); w.value(cpu.guestEvidence)
                                w.key("is_guest"); w.value(cpu.isGuest)
                                w.key("logical_cpus"); w.value(cpu.logicalCPUs)
                                w.key("model"); w.value(cpu.model)
                                w.key("source"); w.value(cpu.source)
                                w.key("vendor"); w.value(cpu.vendor)
                            }
                        } else {
                            w.null()
                        }
                        w.key("host"); w.value(run.host)
                        w.key("label"); w.value(run.label)
                        w.key("qemu_cpu_model"); w.value(run.qemuCPUModel)
                        w.key("series")
                        w.array { w in
                            for s in run.series {
                                w.object { w in
                                    w.key("centre"); w.value(s.centre)
                                    w.key("centre_ci95"); w.value(s.centreCI95)
                                    w.key("centre_ci95_note"); w.value(s.centreCI95Note)
                                    w.key("ci95"); w.value(s.ci95)
                                    w.key("ci95_note"); w.value(s.ci95Note)
                                    w.key("cipher"); w.value(s.cipher)
                                    w.key("cv"); w.value(s.cv)
                                    w.key("dropped"); w.value(s.dropped)
                                    w.key("failed"); w.value(s.failed)
                                    w.key("max"); w.value(s.max)
                                    w.key("mean"); w.value(s.mean)
                                    w.key("median"); w.value(s.median)
                                    w.key("min"); w.value(s.min)
                                    w.key("n"); w.value(s.n)
                                    w.key("operation"); w.value(s.operation)
                                    w.key("outliers"); w.value(s.outliers)
                                    w.key("rounds"); w.value(s.rounds)
                                    w.key("sample_rounds"); w.value(s.sampleRounds)
                                    w.key("samples"); w.value(s.samples)
                                    w.key("source"); w.value(s.source)
                                    w.key("stdev"); w.value(s.stdev)
                                    w.key("total_throughput"); w.value(s.totalThroughput)
                                }
                            }
                        }
                        w.key("source"); w.value(run.source)
                    }
                }
            }
            w.key("speedups")
            w.array { w in
                for s in speedups {
                    w.object { w in
                        w.key("ci95"); w.value(s.ci95)
                        w.key("ci95_method"); w.value(s.ci95Method)
                        w.key("ci95_note"); w.value(s.ci95Note)
                        w.key("cipher"); w.value(s.cipher)
                        w.key("host"); w.value(s.host)
                        w.key("operation"); w.value(s.operation)
                        w.key("p_value"); w.value(s.pValue)
                        w.key("percent"); w.value(s.percent)
                        w.key("ratio"); w.value(s.ratio)
                        w.key("rounds_with"); w.value(s.roundsWith)
                        w.key("rounds_without"); w.value(s.roundsWithout)
                        w.key("significant"); w.value(s.significant)
                        w.key("test"); w.value(s.test)
                        w.key("test_note"); w.value(s.testNote)
                        w.key("with_aesni"); w.value(s.withAESNI)
                        w.key("without_aesni"); w.value(s.withoutAESNI)
                    }
                }
            }
            w.key("tool")
            w.object { w in
                w.key("name"); w.value(tool.name)
                w.key("version"); w.value(tool.version)
            }
        }
        w.endDocument()
    }
}

/// Chooses which diagnostics a bounded list shows.
enum DiagnosticSelection {
    /// At most `limit` of `diagnostics`, in their order, the most severe first to claim a place.
    static func kept(_ diagnostics: [Diagnostic], limit: Int) -> [Diagnostic] {
        guard diagnostics.count > limit else { return diagnostics }
        var places = limit
        var take = [Bool](repeating: false, count: diagnostics.count)
        for severity in [Severity.error, .warning, .note] where places > 0 {
            for (index, diagnostic) in diagnostics.enumerated() where places > 0 && diagnostic.severity == severity {
                take[index] = true
                places -= 1
            }
        }
        return diagnostics.indices.filter { take[$0] }.map { diagnostics[$0] }
    }
}
