import AESReportIngest
import AESReportModel
import AESReportStats

/// `summary.json`: the contract documented in the README ("summary.json"). Keys are snake_case and sorted;
/// throughputs are bytes per second; absent values are `null`, never NaN.
public struct SummaryDocument: Encodable {
    struct Tool: Encodable {
        var name = "aesreport"
        var version: String
    }

    struct Options: Encodable {
        var centre: String
        var confidence: Double
        var alpha: Double
        var dropOutliers: Bool
        var skipWarmup: Int
        var outlierRule = "Tukey's fences: below Q1 - 1.5 IQR or above Q3 + 1.5 IQR, quartiles by linear interpolation"
        var intervalOfMean = "Student's t, n - 1 degrees of freedom"
        var testOfSpeedup = "Welch's t-test, two-sided"

        enum CodingKeys: String, CodingKey {
            case centre, confidence, alpha
            case dropOutliers = "drop_outliers"
            case skipWarmup = "skip_warmup"
            case outlierRule = "outlier_rule"
            case intervalOfMean = "interval_of_mean"
            case testOfSpeedup = "test_of_speedup"
        }
    }

    struct CPU: Encodable {
        var model: String?
        var vendor: String?
        var logicalCPUs: Int?
        var isGuest: Bool
        var flags: [String]
        var source: String?

        enum CodingKeys: String, CodingKey {
            case model, vendor, flags, source
            case logicalCPUs = "logical_cpus"
            case isGuest = "is_guest"
        }
    }

    struct Series: Encodable {
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

        enum CodingKeys: String, CodingKey {
            case cipher, operation, source, n, rounds, failed, dropped, outliers, samples, mean, median, stdev, min,
                 max, cv, ci95, centre
            case sampleRounds = "sample_rounds"
            case ci95Note = "ci95_note"
            case totalThroughput = "total_throughput"
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(cipher, forKey: .cipher)
            try c.encode(operation, forKey: .operation)
            try c.encode(source, forKey: .source)
            try c.encode(n, forKey: .n)
            try c.encode(rounds, forKey: .rounds)
            try c.encode(failed, forKey: .failed)
            try c.encode(dropped, forKey: .dropped)
            try c.encode(outliers, forKey: .outliers)
            try c.encode(samples, forKey: .samples)
            try c.encode(sampleRounds, forKey: .sampleRounds)
            // Optional statistics are written as null rather than left out, so every documented key is present.
            try c.encode(mean, forKey: .mean)
            try c.encode(median, forKey: .median)
            try c.encode(stdev, forKey: .stdev)
            try c.encode(min, forKey: .min)
            try c.encode(max, forKey: .max)
            try c.encode(cv, forKey: .cv)
            try c.encode(ci95, forKey: .ci95)
            try c.encode(ci95Note, forKey: .ci95Note)
            try c.encode(totalThroughput, forKey: .totalThroughput)
            try c.encode(centre, forKey: .centre)
        }
    }

    struct RunEntry: Encodable {
        var label: String
        var host: String
        var aesni: Bool?
        var aesniSource: String?
        var source: String
        var cpu: CPU?
        var series: [Series]

        enum CodingKeys: String, CodingKey {
            case label, host, aesni, source, cpu, series
            case aesniSource = "aesni_source"
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(label, forKey: .label)
            try c.encode(host, forKey: .host)
            try c.encode(aesni, forKey: .aesni)
            try c.encode(aesniSource, forKey: .aesniSource)
            try c.encode(source, forKey: .source)
            try c.encode(cpu, forKey: .cpu)
            try c.encode(series, forKey: .series)
        }
    }

    struct SpeedupEntry: Encodable {
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
        var pValue: Double?
        var significant: Bool

        enum CodingKeys: String, CodingKey {
            case host, cipher, operation, ratio, percent, ci95, significant
            case withAESNI = "with_aesni"
            case withoutAESNI = "without_aesni"
            case ci95Method = "ci95_method"
            case ci95Note = "ci95_note"
            case pValue = "p_value"
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(host, forKey: .host)
            try c.encode(cipher, forKey: .cipher)
            try c.encode(operation, forKey: .operation)
            try c.encode(withAESNI, forKey: .withAESNI)
            try c.encode(withoutAESNI, forKey: .withoutAESNI)
            try c.encode(ratio, forKey: .ratio)
            try c.encode(percent, forKey: .percent)
            try c.encode(ci95, forKey: .ci95)
            try c.encode(ci95Method, forKey: .ci95Method)
            try c.encode(ci95Note, forKey: .ci95Note)
            try c.encode(pValue, forKey: .pValue)
            try c.encode(significant, forKey: .significant)
        }
    }

    struct RangeEntry: Encodable {
        var host: String
        var operation: String
        var lowPercent: Double
        var highPercent: Double
        var lowCipher: String
        var highCipher: String
        var ciphers: Int
        var notSignificant: [String]
        var sentence: String

        enum CodingKeys: String, CodingKey {
            case host, operation, ciphers, sentence
            case lowPercent = "low_percent"
            case highPercent = "high_percent"
            case lowCipher = "low_cipher"
            case highCipher = "high_cipher"
            case notSignificant = "not_significant"
        }
    }

    struct DiagnosticEntry: Encodable {
        var file: String
        var line: Int?
        var severity: String
        var message: String

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(file, forKey: .file)
            try c.encode(line, forKey: .line)
            try c.encode(severity, forKey: .severity)
            try c.encode(message, forKey: .message)
        }

        enum CodingKeys: String, CodingKey {
            case file, line, severity, message
        }
    }

    var tool: Tool
    var options: Options
    var runs: [RunEntry]
    var speedups: [SpeedupEntry]
    var ranges: [RangeEntry]
    var notes: [String]
    var diagnostics: [DiagnosticEntry]

    public init(analysis: ReportAnalysis, options: AnalysisOptions, diagnostics: [Diagnostic], version: String) {
        tool = Tool(version: version)
        self.options = Options(centre: options.centre.rawValue, confidence: options.confidence, alpha: options.alpha,
                               dropOutliers: options.dropOutliers, skipWarmup: options.skipWarmup)
        runs = analysis.runs.map { stats in
            let run = stats.run
            return RunEntry(
                label: run.label, host: run.host, aesni: run.aesni, aesniSource: run.aesniSource?.rawValue,
                source: run.path,
                cpu: run.cpu.map { CPU(model: $0.modelName, vendor: $0.vendor, logicalCPUs: $0.logicalCPUs,
                                       isGuest: $0.isGuest, flags: $0.flags, source: run.cpuPath) },
                series: stats.series.map(Self.series))
        }
        speedups = analysis.speedups.map { s in
            SpeedupEntry(host: s.host, cipher: s.cipher, operation: s.operation.rawValue, withAESNI: s.withAESNI,
                         withoutAESNI: s.withoutAESNI, ratio: s.estimate.ratio, percent: s.estimate.percent,
                         ci95: s.estimate.confidenceInterval.map { [$0.low, $0.high] },
                         ci95Method: s.estimate.intervalMethod, ci95Note: s.estimate.intervalNote,
                         pValue: s.welch.pValue, significant: s.significant)
        }
        ranges = analysis.ranges.map { r in
            RangeEntry(host: r.host, operation: r.operation.rawValue, lowPercent: r.lowPercent,
                       highPercent: r.highPercent, lowCipher: r.lowCipher, highCipher: r.highCipher,
                       ciphers: r.ciphers, notSignificant: r.notSignificant, sentence: SpeedupText.range(r))
        }
        notes = analysis.notes
        self.diagnostics = diagnostics.map {
            DiagnosticEntry(file: $0.file, line: $0.line, severity: $0.severity.rawValue, message: $0.message)
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
                      totalThroughput: s.totalThroughput, centre: s.centre)
    }

    /// The document as JSON: pretty-printed, sorted keys, a final newline.
    public func json() throws -> String {
        try JSONText.encode(self)
    }
}
