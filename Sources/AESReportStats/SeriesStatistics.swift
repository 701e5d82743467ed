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
    /// Every round the log kept, in the log's order: its number, bytes and seconds, and what the series made of it.
    /// The one stored copy of the rounds: `samples`, `sampleRounds`, `perRound` and `roundsInOrder` are read from
    /// it (a fleet's memory is mostly its series: four arrays per series cost 2.6 times this one).
    public private(set) var roundRecords: [RoundRecord]
    /// Samples used (`samples.count`).
    public private(set) var n: Int
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

    /// Reduces a dd log's rounds.
    public init(log: DDLog, cipher: String, operation: Operation, options: AnalysisOptions) {
        self.cipher = cipher
        self.operation = operation
        source = log.path
        rounds = log.roundCount
        failed = log.failedRoundCount
        // Every kept round once, complete ones as samples until the warm-up and (on request) outliers are set aside.
        // Loops into arrays reserved at their size: a fleet reduces hundreds of thousands of series.
        var records: [RoundRecord] = []
        records.reserveCapacity(log.rounds.count)
        var complete: [Int] = []
        complete.reserveCapacity(log.rounds.count)
        for round in log.rounds {
            guard round.isComplete, let transfer = round.transfer else {
                records.append(RoundRecord(number: round.number, bytes: 0, seconds: 0, use: .failed))
                continue
            }
            complete.append(records.count)
            records.append(RoundRecord(number: round.number, bytes: transfer.bytes, seconds: transfer.seconds,
                                       use: .sample))
        }
        let warmup = complete.prefix(options.skipWarmup)
        let measured = complete.dropFirst(options.skipWarmup)
        let outlierIndexes = TukeyFences.outlierIndexes(measured.map { records[$0].throughput })
        outliers = outlierIndexes.map { records[measured[measured.startIndex + $0]].number }
        for index in warmup { records[index].use = .left }
        if options.dropOutliers {
            for index in outlierIndexes { records[measured[measured.startIndex + index]].use = .left }
        }
        dropped = warmup.isEmpty && !(options.dropOutliers && !outliers.isEmpty) ? []
            : (warmup.map { records[$0].number } + (options.dropOutliers ? outliers : [])).sorted()
        roundRecords = records
        let samples = Self.used(records) { $0.throughput }
        n = samples.count
        let bytes = records.reduce(0.0) { $0 + ($1.use == .sample ? Double($1.bytes) : 0) }
        let seconds = Descriptive.sum(Self.used(records) { $0.seconds })
        totalThroughput = seconds > 0 ? bytes / seconds : nil
        summary = samples.isEmpty ? nil : SampleSummary(samples, confidence: options.confidence)
        switch options.centre {
        case .mean: centre = summary?.mean
        case .median: centre = summary?.median
        case .total: centre = totalThroughput
        }
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

    /// Throughputs used, bytes per second, in round order (each `bytes / seconds` of its round, as dd's rounds give it).
    public var samples: [Double] { Self.used(roundRecords, count: n) { $0.throughput } }

    /// Round numbers of the samples used, in round order.
    public var sampleRounds: [Int] { Self.used(roundRecords, count: n) { $0.number } }

    /// (bytes, seconds) of the samples used, for the total-throughput centre's bootstrap.
    public var perRound: [RoundTransfer] {
        Self.used(roundRecords, count: n) { RoundTransfer(bytes: $0.bytes, seconds: $0.seconds) }
    }

    /// The records used as samples, in round order, without an array (for writers that read each once).
    public var sampleRecords: LazyFilterSequence<[RoundRecord]> { roundRecords.lazy.filter { $0.use == .sample } }

    /// `value` of each record used as a sample, in order, into an array of its size (`count` when known).
    private static func used<Value>(_ records: [RoundRecord], count: Int? = nil,
                                    _ value: (RoundRecord) -> Value) -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(count ?? records.count)
        for record in records where record.use == .sample { values.append(value(record)) }
        return values
    }

    /// Every round the log kept, by round number: its throughput, nil where it failed (the rounds chart's line).
    public var roundsInOrder: [RoundPoint] {
        roundRecords.map { RoundPoint(number: $0.number, throughput: $0.use == .failed ? nil : $0.throughput) }
            .sorted { $0.number < $1.number }
    }

    /// One round of a series' log.
    public struct RoundRecord: Sendable, Codable, Equatable {
        public var number: Int
        /// What dd copied; 0 for a failed round.
        public var bytes: UInt64
        public var seconds: Double
        public var use: Use

        /// Bytes per second (`DDTransfer.bytesPerSecond`, the same division); meaningless for a failed round.
        public var throughput: Double { Double(bytes) / seconds }

        /// What the series made of a round.
        public enum Use: UInt8, Sendable, Codable {
            /// A sample of the statistics.
            case sample
            /// Complete, but left out: a warm-up round, or an outlier dropped on request.
            case left
            /// Failed: never averaged.
            case failed
        }
    }

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

