import AESReportModel

/// One side of a compared series.
public struct ComparedSide: Sendable, Codable, Equatable {
    /// Rounds used (pooled over the side's runs with this cipher, operation and AES-NI state).
    public var n: Int
    public var centre: Double
    public var summary: SampleSummary
    /// The interval of `centre` by the method (`Method.interval(of:)`), which the charts' whiskers show.
    public var centreInterval: IntervalEstimate
    public var runs: [String]
}

/// One cipher, operation and AES-NI state present on both sides.
public struct ComparisonRow: Sendable, Codable, Equatable {
    public var cipher: String
    public var operation: Operation
    public var aesni: Bool?
    public var a: ComparedSide
    public var b: ComparedSide
    /// B over A: `percent` is the change from A to B.
    public var change: RatioEstimate
    public var mannWhitney: TestResult
    public var welch: TestResult
    /// Whether the Mann-Whitney p-value is below alpha (benchstat's rule); `~` is printed otherwise.
    public var significant: Bool
}

/// The geometric mean of the B/A ratios of a group of rows.
public struct GeometricMeanRow: Sendable, Codable, Equatable {
    public var operation: Operation?
    public var aesni: Bool?
    public var ratio: Double
    public var rows: Int
    public var percent: Double { (ratio - 1) * 100 }
}

/// A comparison of two sets of runs (two hosts, or any two runs), benchstat-style.
public struct Comparison: Sendable, Codable, Equatable {
    public var nameA: String
    public var nameB: String
    public var alpha: Double
    public var rows: [ComparisonRow]
    /// Series present on one side only, as `cipher operation aesni-state`.
    public var onlyInA: [String]
    public var onlyInB: [String]
    /// Per operation and AES-NI state, then over every row (operation and aesni nil).
    public var geometricMeans: [GeometricMeanRow]

    public init(nameA: String, runsA: [Run], nameB: String, runsB: [Run], options: AnalysisOptions) {
        self.nameA = nameA
        self.nameB = nameB
        alpha = options.alpha
        let sideA = Self.index(runsA, options)
        let sideB = Self.index(runsB, options)
        let keys = Self.sortedKeys(Set(sideA.keys).union(sideB.keys))
        var rows: [ComparisonRow] = []
        for key in keys {
            guard let a = sideA[key], let b = sideB[key] else { continue }
            let samplesA = a.flatMap { $0.1.samples }
            let samplesB = b.flatMap { $0.1.samples }
            let seriesA = a.map(\.1)
            let seriesB = b.map(\.1)
            let change = Method(options).ratio(seriesB, seriesA)
            let mannWhitney = MannWhitneyU.test(samplesA, samplesB)
            rows.append(ComparisonRow(
                cipher: key.cipher, operation: key.operation, aesni: key.aesni,
                a: ComparedSide(n: samplesA.count, centre: Method(options).centre(of: seriesA),
                                summary: SampleSummary(samplesA, confidence: options.confidence),
                                centreInterval: Method(options).interval(of: seriesA), runs: a.map(\.0)),
                b: ComparedSide(n: samplesB.count, centre: Method(options).centre(of: seriesB),
                                summary: SampleSummary(samplesB, confidence: options.confidence),
                                centreInterval: Method(options).interval(of: seriesB), runs: b.map(\.0)),
                change: change, mannWhitney: mannWhitney, welch: WelchTest.test(samplesA, samplesB),
                significant: (mannWhitney.pValue ?? 1) < options.alpha))
        }
        self.rows = rows
        onlyInA = keys.filter { sideA[$0] != nil && sideB[$0] == nil }.map(\.description)
        onlyInB = keys.filter { sideB[$0] != nil && sideA[$0] == nil }.map(\.description)
        var means: [GeometricMeanRow] = []
        for operation in Operation.allCases {
            for aesni in [Bool?.some(false), true, nil] {
                let group = rows.filter { $0.operation == operation && $0.aesni == aesni }
                guard !group.isEmpty else { continue }
                means.append(GeometricMeanRow(operation: operation, aesni: aesni,
                                              ratio: Descriptive.geometricMean(group.map(\.change.ratio)),
                                              rows: group.count))
            }
        }
        if !rows.isEmpty {
            means.append(GeometricMeanRow(operation: nil, aesni: nil,
                                          ratio: Descriptive.geometricMean(rows.map(\.change.ratio)),
                                          rows: rows.count))
        }
        geometricMeans = means
    }

    struct Key: Hashable, CustomStringConvertible {
        var cipher: String
        var operation: Operation
        var aesni: Bool?

        var description: String {
            "\(cipher) \(operation.rawValue) " + AESNIStateText.of(aesni)
        }
    }

    /// Series with samples, by key, with the label of the run each came from.
    static func index(_ runs: [Run], _ options: AnalysisOptions) -> [Key: [(String, SeriesStatistics)]] {
        var index: [Key: [(String, SeriesStatistics)]] = [:]
        for run in runs {
            for series in RunStatistics(run: run, options: options).series where series.n > 0 {
                index[Key(cipher: series.cipher, operation: series.operation, aesni: run.aesni), default: []]
                    .append((run.label, series))
            }
        }
        return index
    }

    static func sortedKeys(_ keys: Set<Key>) -> [Key] {
        func rank(_ aesni: Bool?) -> Int { aesni == false ? 0 : (aesni == true ? 1 : 2) }
        return keys.sorted { x, y in
            if x.operation != y.operation { return x.operation.rawValue < y.operation.rawValue }
            if x.aesni != y.aesni { return rank(x.aesni) < rank(y.aesni) }
            if x.cipher != y.cipher { return CipherOrder.areInIncreasingOrder(x.cipher, y.cipher) }
            return false
        }
    }
}
