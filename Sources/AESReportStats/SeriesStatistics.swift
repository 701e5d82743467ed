import AESReportModel

/// One series: one run, one cipher, one operation, its rounds reduced to statistics.
public struct SeriesStatistics: Sendable, Codable, Equatable {
    public var cipher: String
    public var operation: Operation
    public var source: String
    /// Rounds found in the log, failed ones included.
    public var rounds: Int
    /// Failed rounds (never averaged).
    public var failed: Int
    /// Round numbers dropped as warm-up or (on request) as outliers.
    public var dropped: [Int]
    /// Round numbers that Tukey's fences flag among the complete rounds (whether or not dropped).
    public var outliers: [Int]
    /// Every round the log kept, by round number: its throughput, nil where it failed (the rounds chart's line).
    public var roundsInOrder: [RoundPoint]
    /// Round numbers of the samples used, in round order.
    public var sampleRounds: [Int]
    /// Throughputs used, bytes per second, in round order.
    public var samples: [Double]
    /// Total bytes / total seconds of the samples used.
    public var totalThroughput: Double?
    /// Descriptive statistics of `samples`; `nil` when no round could be used.
    public var summary: SampleSummary?
    /// The centre the report compares (`AnalysisOptions.centre`).
    public var centre: Double?
    /// The interval of `centre` by the analysis' method (`Method.interval(of:)`: t for the mean, order statistics
    /// for the median, a bootstrap for the total), and why there is none when there is none.
    public var centreInterval: ClosedInterval?
    public var centreIntervalNote: String?

    public var n: Int { samples.count }

    /// Reduces a dd log's rounds.
    public init(log: DDLog, cipher: String, operation: Operation, options: AnalysisOptions) {
        self.cipher = cipher
        self.operation = operation
        source = log.path
        rounds = log.roundCount
        failed = log.failedRoundCount
        roundsInOrder = log.rounds.map { RoundPoint(number: $0.number, throughput: $0.isComplete ? $0.bytesPerSecond : nil) }
            .sorted { $0.number < $1.number }
        let complete = log.completeRounds
        let warmup = complete.prefix(options.skipWarmup)
        let measured = Array(complete.dropFirst(options.skipWarmup))
        let outlierIndexes = TukeyFences.outlierIndexes(measured.map { $0.bytesPerSecond! })
        outliers = outlierIndexes.map { measured[$0].number }
        var kept = measured
        if options.dropOutliers {
            let drop = Set(outlierIndexes)
            kept = measured.indices.filter { !drop.contains($0) }.map { measured[$0] }
        }
        dropped = (warmup.map(\.number) + (options.dropOutliers ? outliers : [])).sorted()
        sampleRounds = kept.map(\.number)
        samples = kept.map { $0.bytesPerSecond! }
        let bytes = kept.reduce(0.0) { $0 + Double($1.transfer!.bytes) }
        let seconds = Descriptive.sum(kept.map { $0.transfer!.seconds })
        totalThroughput = seconds > 0 ? bytes / seconds : nil
        summary = samples.isEmpty ? nil : SampleSummary(samples, confidence: options.confidence)
        switch options.centre {
        case .mean: centre = summary?.mean
        case .median: centre = summary?.median
        case .total: centre = totalThroughput
        }
        perRound = kept.map { RoundTransfer(bytes: $0.transfer!.bytes, seconds: $0.transfer!.seconds) }
        if samples.isEmpty {
            centreIntervalNote = "no complete round"
        } else if options.centre == .mean {
            // The mean's interval is the summary's (Student's t): not computed twice for every series of a fleet.
            centreInterval = summary?.confidenceInterval
            centreIntervalNote = summary?.intervalNote
        } else {
            let estimate = Method(options).interval(of: [self])
            centreInterval = estimate.interval
            centreIntervalNote = estimate.note
        }
    }

    /// (bytes, seconds) of the samples used, for the total-throughput centre's bootstrap.
    public var perRound: [RoundTransfer]

    /// One round of `roundsInOrder`.
    public struct RoundPoint: Sendable, Codable, Equatable {
        public var number: Int
        /// Bytes per second; nil for a failed round.
        public var throughput: Double?
    }

    public struct RoundTransfer: Sendable, Codable, Equatable {
        public var bytes: UInt64
        public var seconds: Double

        public init(bytes: UInt64, seconds: Double) {
            self.bytes = bytes
            self.seconds = seconds
        }
    }
}

