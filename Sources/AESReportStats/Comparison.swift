import AESReportModel

/// One column's side of a compared series.
public struct ComparedSide: Sendable, Codable, Equatable {
    /// Rounds used (pooled over the column's runs with this cipher, operation and AES-NI state).
    public var n: Int
    /// The method's centre (`Method.centre(of:)`).
    public var centre: Double
    public var summary: SampleSummary
    /// The interval of `centre` by the method (`Method.interval(of:)`): the `±` of the tables, the charts' whiskers
    /// and comparison.json's `ci95`.
    public var centreInterval: IntervalEstimate
    /// The result files of the pooled series.
    public var files: [String]
}

/// One row of a pair of columns: a cipher and operation, in one AES-NI state on both columns (a `hosts` pair), or
/// with AES-NI on one and without on the other (an `aesniStates` pair: the row is the gain).
public struct ComparisonRow: Sendable, Codable, Equatable {
    /// The pair (an index into `Comparison.pairs`).
    public var pair: Int
    public var cipher: String
    public var operation: Operation
    /// The state of both sides (a `hosts` pair); nil in an `aesniStates` pair.
    public var aesni: Bool?
    /// The baseline column's side and the other's.
    public var a: ComparedSide
    public var b: ComparedSide
    /// B over A in a `hosts` pair; with over without AES-NI (the gain, as `report` computes it) in an `aesniStates`
    /// pair.
    public var change: RatioEstimate
    /// The method's test (`Method.test`), of B against A, or of with against without.
    public var testKind: Method.Test
    public var test: TestResult
    /// p < alpha; nil when untested (too few rounds): `~` marks a tested change that is not significant.
    public var significant: Bool?
}

/// Where a gain comes from.
public enum GainSource: String, Sendable, Codable, CaseIterable {
    /// dm-crypt measured with dd (or fio): per cipher and read/write.
    case dmcrypt
    case openssl
    case cryptsetup
    case tcrypt
}

/// One gain as a host's report gives it: the ratio with its interval and test.
public struct ReportedGain: Sendable, Codable, Equatable {
    public var estimate: RatioEstimate
    public var test: TestResult
    public var significant: Bool?
    public var roundsWith: Int
    public var roundsWithout: Int

    init(_ gain: some AESNIGain) {
        estimate = gain.estimate
        test = gain.test
        significant = gain.significant
        roundsWith = gain.roundsWith
        roundsWithout = gain.roundsWithout
    }
}

/// What AES-NI buys on the baseline column and on the other, for one measurement, and whether the two differ.
public struct GainComparisonRow: Sendable, Codable, Equatable {
    public var pair: Int
    public var source: GainSource
    /// The cipher (`aes-xts-plain`), or the algorithm (`AES-128-CBC`, `aes-xts 256b`, `xts(aes) 256b`).
    public var item: String
    /// `read`, `write`, `encrypt`, `decrypt`.
    public var operation: String
    /// openssl's and tcrypt's block size, bytes.
    public var blockSize: Int?
    public var a: ReportedGain
    public var b: ReportedGain
    /// gain(B) / gain(A), its interval and test.
    public var comparison: GainComparison
}

/// A gain of an `aesniStates` pair from plain samples (openssl, cryptsetup, tcrypt): the two columns taken as one
/// host's two states, exactly as `report` computes it.
public struct StateGainRow: Sendable, Codable, Equatable {
    public var pair: Int
    public var source: GainSource
    public var item: String
    public var operation: String
    public var blockSize: Int?
    public var gain: ReportedGain
}

/// The geometric mean of the ratios of a group of one pair's rows.
public struct GeometricMeanRow: Sendable, Codable, Equatable {
    public var pair: Int
    public var operation: Operation?
    public var aesni: Bool?
    public var ratio: Double
    public var rows: Int
    public var percent: Double { (ratio - 1) * 100 }
}

/// A comparison of hosts (or any sets of runs), benchstat-style: inputs become columns (one per input, or one per
/// host when an input holds several), columns are paired with a baseline, and each pair's series are compared by the
/// report's method, its gains set side by side.
public struct Comparison: Sendable, Codable, Equatable {
    /// The inputs as given: A, B, ...
    public var sideNames: [String]
    public var columns: [ComparisonColumn]
    public var pairing: ComparisonPairing
    public var pairs: [ComparisonPair]
    public var alpha: Double
    public var rows: [ComparisonRow]
    public var gains: [GainComparisonRow]
    /// openssl, cryptsetup and tcrypt gains of `aesniStates` pairs (their dm-crypt gains are `rows`).
    public var stateGains: [StateGainRow]
    /// Per pair: series in one column only, as `only in <label>: cipher operation state`.
    public var unmatched: [String]
    /// Hosts with no partner (`hostNames` pairing).
    public var unpairedHosts: [String]
    /// Per pair, operation and AES-NI state, then over the pair's rows (operation and aesni nil).
    public var geometricMeans: [GeometricMeanRow]
    /// What each column's own report warns of (runs pooled into one host and state, every gain negative), and a
    /// warning per host left without a partner.
    public var diagnostics: [Diagnostic]

    /// Two inputs, in the order given (kept for callers that compare exactly two).
    public var nameA: String { sideNames.first ?? "" }
    public var nameB: String { sideNames.count > 1 ? sideNames[1] : "" }

    /// Two sets of runs compared (the runs are reduced here): `nameA` and `nameB` stand for the inputs' folders.
    public init(nameA: String, runsA: [Run], nameB: String, runsB: [Run], options: AnalysisOptions) {
        self.init(sides: [(nameA, runsA), (nameB, runsB)].map { name, runs in
            ComparisonSideInput(name: name, absolutePath: name,
                                runs: runs.map { RunStatistics(run: $0, options: options) })
        }, options: options)
    }

    public init(sides: [ComparisonSideInput], options: AnalysisOptions) {
        let method = Method(options)
        sideNames = sides.map(\.name)
        alpha = options.alpha
        let (columns, pairing, pairs, unpaired) = Self.columns(sides)
        self.columns = columns
        self.pairing = pairing
        self.pairs = pairs
        unpairedHosts = unpaired
        let runsOf: [[RunStatistics]] = columns.map { column in
            sides[column.side].runs.filter { $0.run.host == column.host }
        }
        let groupsOf = runsOf.map(PoolKey.group)
        // Each column's gains exactly as `report` computes them for that host (a state pair: for its two columns
        // taken as one host).
        let analyses = ParallelMap.map(Array(columns.indices)) { ReportAnalysis(reduced: runsOf[$0], options: options) }
        var rows: [ComparisonRow] = []
        var gains: [GainComparisonRow] = []
        var stateGains: [StateGainRow] = []
        var unmatched: [String] = []
        for (index, pair) in pairs.enumerated() {
            let a = groupsOf[pair.baseline], b = groupsOf[pair.other]
            let labelA = columns[pair.baseline].label, labelB = columns[pair.other].label
            switch pair.kind {
            case .hosts:
                let keys = Array(Set(a.keys).union(b.keys)).sorted(byKey: PoolKey.SortKey.init, <)
                for key in keys {
                    guard let seriesA = a[key], let seriesB = b[key] else {
                        unmatched.append("only in \(a[key] != nil ? labelA : labelB): " + Self.describe(key))
                        continue
                    }
                    let test = method.test(seriesB, seriesA)
                    rows.append(ComparisonRow(
                        pair: index, cipher: key.cipher, operation: key.operation, aesni: key.aesni,
                        a: Self.side(seriesA, method: method, options: options),
                        b: Self.side(seriesB, method: method, options: options),
                        change: method.ratio(seriesB, seriesA), testKind: method.test, test: test,
                        significant: method.significance(test)))
                }
                gains += Self.gains(pair: index, a: analyses[pair.baseline], groupsA: a,
                                    b: analyses[pair.other], groupsB: b, method: method)
            case .aesniStates:
                let baseWith = columns[pair.baseline].states == [true]
                var keys: [(cipher: String, operation: Operation)] = []
                for key in Array(Set(a.keys).union(b.keys)).sorted(byKey: PoolKey.SortKey.init, <)
                where !keys.contains(where: { $0.cipher == key.cipher && $0.operation == key.operation }) {
                    keys.append((key.cipher, key.operation))
                }
                for key in keys {
                    let keyA = PoolKey(aesni: baseWith, cipher: key.cipher, operation: key.operation)
                    let keyB = PoolKey(aesni: !baseWith, cipher: key.cipher, operation: key.operation)
                    guard let seriesA = a[keyA], let seriesB = b[keyB] else {
                        let (label, poolKey) = a[keyA] != nil ? (labelA, keyA) : (labelB, keyB)
                        unmatched.append("only in \(label): " + Self.describe(poolKey))
                        continue
                    }
                    let (with, without) = baseWith ? (seriesA, seriesB) : (seriesB, seriesA)
                    let test = method.test(with, without)
                    rows.append(ComparisonRow(
                        pair: index, cipher: key.cipher, operation: key.operation, aesni: nil,
                        a: Self.side(seriesA, method: method, options: options),
                        b: Self.side(seriesB, method: method, options: options),
                        change: method.ratio(with, without), testKind: method.test, test: test,
                        significant: method.significance(test)))
                }
                stateGains += Self.stateGains(pair: index, runs: runsOf[pair.baseline] + runsOf[pair.other],
                                              host: labelA, options: options)
            }
        }
        self.rows = rows
        self.gains = gains
        self.stateGains = stateGains
        self.unmatched = unmatched
        geometricMeans = Self.geometricMeans(rows, pairs: pairs)
        var seen = Set<String>()
        let inputs = sides.map(\.name).joined(separator: ", ")
        let warnings = unpaired.map { Diagnostic(file: inputs, line: nil, severity: .warning, message: $0) }
        diagnostics = (analyses.flatMap(\.diagnostics) + warnings).filter { seen.insert($0.description).inserted }
    }

    static func describe(_ key: PoolKey) -> String {
        "\(key.cipher) \(key.operation.rawValue) " + AESNIStateText.of(key.aesni)
    }

    static func side(_ series: [SeriesStatistics], method: Method, options: AnalysisOptions) -> ComparedSide {
        let samples = Method.samples(of: series)
        return ComparedSide(n: samples.count, centre: method.centre(of: series),
                            summary: SampleSummary(samples, confidence: options.confidence),
                            centreInterval: method.interval(of: series), files: series.map(\.source))
    }

    static func geometricMeans(_ rows: [ComparisonRow], pairs: [ComparisonPair]) -> [GeometricMeanRow] {
        var means: [GeometricMeanRow] = []
        for pair in pairs.indices {
            let pairRows = rows.filter { $0.pair == pair }
            for operation in Operation.allCases {
                for aesni in [Bool?.some(false), true, nil] {
                    let group = pairRows.filter { $0.operation == operation && $0.aesni == aesni }
                    guard !group.isEmpty else { continue }
                    means.append(GeometricMeanRow(pair: pair, operation: operation, aesni: aesni,
                                                  ratio: Descriptive.geometricMean(group.map(\.change.ratio)),
                                                  rows: group.count))
                }
            }
            if !pairRows.isEmpty {
                means.append(GeometricMeanRow(pair: pair, operation: nil, aesni: nil,
                                              ratio: Descriptive.geometricMean(pairRows.map(\.change.ratio)),
                                              rows: pairRows.count))
            }
        }
        return means
    }

}
