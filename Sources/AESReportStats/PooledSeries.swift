import AESReportModel

/// The rounds of one host, AES-NI state, cipher and operation, pooled over the host's runs of that state and
/// reduced by the report's method: what a throughput chart's bar and whisker show, and the two sides of a
/// `Speedup`. Computed once, in `ReportAnalysis`; the chart builders only read it.
public struct PooledSeries: Sendable, Codable, Equatable {
    public var host: String
    public var aesni: Bool
    public var cipher: String
    public var operation: Operation
    /// Rounds pooled (over every run of the host in this state).
    public var rounds: Int
    /// The method's centre of the pooled rounds (`Method.centre(of:)`).
    public var centre: Double
    /// The interval of `centre` at the analysis' confidence (`Method.interval(of:)`), or why there is none.
    public var centreInterval: IntervalEstimate
    /// Sample standard deviation of the pooled rounds; nil below 2 rounds.
    public var standardDeviation: Double?

    /// Reduces `series` (all of one host, state, cipher and operation, each with samples). One series, the usual
    /// case, is not reduced again: its own centre, interval and deviation are those of the pool, value for value.
    init(host: String, aesni: Bool, series: [SeriesStatistics], method: Method) {
        self.host = host
        self.aesni = aesni
        cipher = series[0].cipher
        operation = series[0].operation
        rounds = series.reduce(0) { $0 + $1.n }
        if series.count == 1, let centre = series[0].centre {
            self.centre = centre
            centreInterval = IntervalEstimate(interval: series[0].centreInterval, note: series[0].centreIntervalNote)
            standardDeviation = series[0].summary?.standardDeviation
        } else {
            centre = method.centre(of: series)
            centreInterval = method.interval(of: series)
            let samples = Method.samples(of: series)
            standardDeviation = samples.count >= 2
                ? Descriptive.standardDeviation(samples, mean: Descriptive.mean(samples)) : nil
        }
    }
}

/// One pool's key: a host's AES-NI state, cipher and operation.
struct PoolKey: Hashable {
    var aesni: Bool
    var cipher: String
    var operation: Operation
}

extension PoolKey {
    /// The series of `runs` with samples, grouped by state, cipher and operation in one pass (each series is
    /// visited once, whatever the number of ciphers), in the order of the runs and their series.
    static func group(_ runs: [RunStatistics]) -> [PoolKey: [SeriesStatistics]] {
        var groups: [PoolKey: [SeriesStatistics]] = [:]
        for stats in runs {
            guard let aesni = stats.run.aesni else { continue }
            for series in stats.series where series.n > 0 {
                groups[PoolKey(aesni: aesni, cipher: series.cipher, operation: series.operation), default: []]
                    .append(series)
            }
        }
        return groups
    }

    /// The order pools and speedups are listed in: operation, then cipher (`CipherOrder`), then without before
    /// with; the cipher's place computed once per key.
    struct SortKey: Comparable {
        var operation: String
        var cipher: CipherOrder.SortKey
        var aesni: Bool

        init(_ key: PoolKey) {
            operation = key.operation.rawValue
            cipher = CipherOrder.SortKey(key.cipher)
            aesni = key.aesni
        }

        static func < (x: SortKey, y: SortKey) -> Bool {
            if x.operation != y.operation { return x.operation < y.operation }
            if x.cipher != y.cipher { return x.cipher < y.cipher }
            return !x.aesni && y.aesni
        }
    }
}
