import AESReportModel

/// A run with its series reduced to statistics.
public struct RunStatistics: Sendable, Codable, Equatable {
    public var run: Run
    public var series: [SeriesStatistics]

    /// Reduces `run`'s logs to series. The stored run keeps its logs' paths, ciphers and operations but not their
    /// rounds (the series hold what the report needs), so a fleet's rounds are freed once reduced.
    public init(run: Run, options: AnalysisOptions) {
        var stored = run
        stored.ddLogs = run.ddLogs.map { DDLog(path: $0.path, cipher: $0.cipher, operation: $0.operation, rounds: []) }
        self.run = stored
        series = run.seriesLogs.compactMap { log in
            guard let cipher = log.cipher, let operation = log.operation else { return nil }
            return SeriesStatistics(log: log, cipher: cipher, operation: operation, options: options)
        }.sorted(byKey: { (cipher: CipherOrder.SortKey($0.cipher), operation: $0.operation.rawValue) }) { x, y in
            x.cipher != y.cipher ? x.cipher < y.cipher : x.operation < y.operation
        }
    }
}

/// What AES-NI buys one host for one cipher and operation: with over without.
public struct Speedup: Sendable, Codable, Equatable {
    public var host: String
    public var cipher: String
    public var operation: Operation
    public var withAESNI: Double
    public var withoutAESNI: Double
    /// Rounds pooled on each side.
    public var roundsWith: Int
    public var roundsWithout: Int
    public var estimate: RatioEstimate
    /// Which test the method uses (`Method.test`: Welch for the mean, Mann-Whitney for the median, a permutation
    /// test for the total).
    public var testKind: Method.Test
    /// That test of the rounds, with against without.
    public var test: TestResult
    /// Whether the test's p-value is below the analysis' alpha; nil when there is no test (fewer than 2 rounds on a
    /// side): untested is not "not significant".
    public var significant: Bool?
}

/// For one host and operation, the range of AES-NI gains across ciphers: the seed's "reads +40% to +91%".
public struct SpeedupRange: Sendable, Codable, Equatable {
    public var host: String
    public var operation: Operation
    public var lowPercent: Double
    public var highPercent: Double
    public var lowCipher: String
    public var highCipher: String
    public var ciphers: Int
    /// Ciphers whose gain was tested and is not significant at alpha.
    public var notSignificant: [String]
    /// Ciphers whose gain has no test (fewer than 2 rounds on a side).
    public var untested: [String]
}

/// The statistics of a whole report: runs, AES-NI speedups per host, and their ranges.
public struct ReportAnalysis: Sendable, Codable, Equatable {
    public var runs: [RunStatistics]
    public var speedups: [Speedup]
    public var ranges: [SpeedupRange]
    /// Every host's rounds pooled per AES-NI state, cipher and operation and reduced by the method (the bars of
    /// the throughput charts, the sides of `speedups`), per host in the order of the runs, then operation and cipher.
    public var pooled: [PooledSeries]
    /// Every host's `openssl speed` outputs pooled per state, algorithm, direction and block size (the openssl
    /// charts' bars, the sides of `opensslSpeedups`).
    public var opensslPooled: [PooledOpenSSL]
    /// AES-NI gains in `openssl speed` outputs, per host, algorithm, direction and block size.
    public var opensslSpeedups: [OpenSSLSpeedup]
    /// Every host's `cryptsetup benchmark` results averaged per state, algorithm and key size (the chart's bars).
    public var cryptsetupPooled: [PooledCryptsetup]
    /// AES-NI gains in `cryptsetup benchmark` and tcrypt outputs, per host (`CryptsetupSpeedup`, `TcryptSpeedup`).
    public var cryptsetupSpeedups: [CryptsetupSpeedup] = []
    public var tcryptSpeedups: [TcryptSpeedup] = []
    /// Facts worth a note: hosts with no pair of runs, runs whose state is unknown.
    public var notes: [String]
    /// Decisions a reader must know of, as warnings naming the runs: runs pooled into one host and state, hosts whose
    /// every gain is negative (AES-NI states swapped?).
    public var diagnostics: [Diagnostic]

    /// Reduces `runs` (on all cores) and analyses them.
    public init(runs: [Run], options: AnalysisOptions) {
        self.init(reduced: ParallelMap.map(runs) { RunStatistics(run: $0, options: options) }, options: options)
    }

    /// Analyses runs already reduced to series (as `RunDiscovery.discover(paths:reduce:)` hands them over).
    /// Hosts are independent, so their speedups are computed on all cores; the order stays that of the runs.
    public init(reduced: [RunStatistics], options: AnalysisOptions) {
        runs = reduced
        let hosts = reduced.map(\.run.host).uniqued()
        let runsByHost = reduced.grouped { $0.run.host }
        let runsOf = { (host: String) in (runsByHost[host] ?? []).map(\.run) }
        cryptsetupSpeedups = hosts.flatMap { CryptsetupSpeedup.compute(host: $0, runs: runsOf($0), options: options) }
        tcryptSpeedups = hosts.flatMap { TcryptSpeedup.compute(host: $0, runs: runsOf($0), options: options) }
        let kernelGainHosts = Set(cryptsetupSpeedups.map(\.host) + tcryptSpeedups.map(\.host))
        let perHost = ParallelMap.map(hosts) { host in
            Self.speedups(host: host, runs: runsByHost[host] ?? [], hasKernelGains: kernelGainHosts.contains(host),
                          options: options)
        }
        let speedups = perHost.concatenated(\.speedups)
        pooled = perHost.concatenated(\.pooled)
        opensslSpeedups = perHost.concatenated(\.openssl.speedups)
        opensslPooled = perHost.concatenated(\.openssl.pooled)
        cryptsetupPooled = zip(hosts, hosts.map { runsByHost[$0] ?? [] }).flatMap { host, runs in
            PooledCryptsetup.pool(host: host, runs: runs.map(\.run))
        }
        var notes = perHost.flatMap(\.notes)
        var diagnostics = perHost.flatMap(\.diagnostics)
        self.speedups = speedups
        var ranges: [SpeedupRange] = []
        let speedupsByHost = speedups.grouped { $0.host }
        for host in hosts {
            for operation in Operation.allCases {
                let group = (speedupsByHost[host] ?? []).filter { $0.operation == operation }
                guard let low = group.min(by: { $0.estimate.ratio < $1.estimate.ratio }),
                      let high = group.max(by: { $0.estimate.ratio < $1.estimate.ratio }) else { continue }
                ranges.append(SpeedupRange(host: host, operation: operation, lowPercent: low.estimate.percent,
                                           highPercent: high.estimate.percent, lowCipher: low.cipher,
                                           highCipher: high.cipher, ciphers: group.count,
                                           notSignificant: group.filter { $0.significant == false }.map(\.cipher),
                                           untested: group.filter { $0.significant == nil }.map(\.cipher)))
            }
        }
        self.ranges = ranges
        for run in reduced.map(\.run) where run.aesni == nil && run.needsRunState {
            notes.append("run \(run.path): AES-NI state unknown, left out of the speedups")
        }
        self.notes = notes
        for host in hosts {
            if let warning = Self.allGainsNegative(host: host, runs: runsByHost[host] ?? [],
                                                   speedups: speedupsByHost[host] ?? [],
                                                   openssl: opensslSpeedups.filter { $0.host == host }) {
                diagnostics.append(warning)
            }
        }
        self.diagnostics = diagnostics
    }

    /// A warning when a host has gains, every one of them is a loss, and at least one loss is beyond doubt (its
    /// interval lies below zero): AES-NI does not make AES slower, so the likeliest cause is runs whose states are
    /// swapped (two CPU dumps exchanged, folders misnamed). The warning names each run's state and its source.
    static func allGainsNegative(host: String, runs: [RunStatistics], speedups: [Speedup],
                                 openssl: [OpenSSLSpeedup]) -> Diagnostic? {
        let estimates = speedups.map(\.estimate) + openssl.map(\.estimate)
        let percents = estimates.map(\.percent)
        guard let worst = percents.min(), let best = percents.max(), best < 0,
              estimates.contains(where: { ($0.confidenceInterval?.high ?? 1) < 1 }) else { return nil }
        let states = runs.map(\.run).map { run in
            "\(run.path): " + (run.aesni.map { $0 ? "with" : "without" } ?? "unknown")
                + (run.aesniSource.map { " (from \($0.rawValue))" } ?? "")
        }
        return Diagnostic(
            file: runs.first?.run.path ?? host, line: nil, severity: .warning,
            message: "host \(host): every AES-NI gain is negative ("
                + (percents.count == 1 ? PercentText.signed(worst)
                    : "\(percents.count) gains, \(PercentText.signed(worst)) to \(PercentText.signed(best))")
                + "): are the runs' AES-NI states swapped? "
                + states.joined(separator: "; "))
    }

    /// One host's pooled series and speedups per cipher and operation, a note when it has no speedup (or only
    /// openssl's, or only the kernel's: `hasKernelGains` when cryptsetup or tcrypt gave gains), and a warning for each
    /// state whose rounds come from several runs (pooled: never silently).
    static func speedups(host: String, runs hostRuns: [RunStatistics], hasKernelGains: Bool = false,
                         options: AnalysisOptions)
        -> (speedups: [Speedup], pooled: [PooledSeries], openssl: (speedups: [OpenSSLSpeedup], pooled: [PooledOpenSSL]),
            notes: [String], diagnostics: [Diagnostic]) {
        // openssl outputs carry their own state, so a single folder can hold both halves of an openssl pair.
        let openssl = OpenSSLSpeedup.compute(host: host, runs: hostRuns.map(\.run), options: options)
        let method = Method(options)
        let groups = PoolKey.group(hostRuns)
        let keys = Array(groups.keys).sorted(byKey: PoolKey.SortKey.init, <)
        let pooled = keys.map { PooledSeries(host: host, aesni: $0.aesni, series: groups[$0]!, method: method) }
        let measured = hostRuns.filter { !$0.series.isEmpty }
        let diagnostics = RunPooling.diagnostics(host: host, runs: hostRuns.map(\.run))
        let unpaired = unpairedOpenSSL(host: host, runs: hostRuns.map(\.run))
        guard measured.contains(where: { $0.run.aesni == true }), measured.contains(where: { $0.run.aesni == false })
        else {
            let note = !openssl.speedups.isEmpty
                ? (measured.isEmpty ? nil
                   : "host \(host): no pair of dd runs with and without AES-NI; its gains are from openssl outputs only")
                : hasKernelGains
                ? (measured.isEmpty ? nil
                   : "host \(host): no pair of dd or fio runs with and without AES-NI; its gains are from cryptsetup "
                     + "or tcrypt outputs only")
                : "host \(host): no pair of runs with and without AES-NI, so no speedup"
            return ([], pooled, openssl, [note].compactMap { $0 } + (openssl.speedups.isEmpty ? [] : unpaired),
                    diagnostics)
        }
        let pooledByKey = Dictionary(uniqueKeysWithValues: zip(keys, pooled))
        var speedups: [Speedup] = []
        speedups.reserveCapacity(keys.count / 2)
        for key in keys where key.aesni {
            let other = PoolKey(aesni: false, cipher: key.cipher, operation: key.operation)
            guard let a = groups[key], let b = groups[other], let with = pooledByKey[key],
                  let without = pooledByKey[other] else { continue }
            let test = method.test(a, b)
            speedups.append(Speedup(
                host: host, cipher: key.cipher, operation: key.operation,
                withAESNI: with.centre, withoutAESNI: without.centre,
                roundsWith: with.rounds, roundsWithout: without.rounds,
                estimate: method.ratio(a, b), testKind: method.test, test: test, significant: method.significance(test)))
        }
        return (speedups, pooled, openssl, unpaired + unpairedSeries(host: host, keys: keys), diagnostics)
    }

    /// dd and fio series a host measured in one AES-NI state only while it has runs of both: they have no gain,
    /// and a note names them rather than leaving them out of the speedups without a word (a cipher run only on
    /// one side, or a name spelled two ways).
    static func unpairedSeries(host: String, keys: [PoolKey]) -> [String] {
        let present = Set(keys)
        let alone = keys.filter { !present.contains(PoolKey(aesni: !$0.aesni, cipher: $0.cipher, operation: $0.operation)) }
        guard !alone.isEmpty else { return [] }
        return ["host \(host): measured only in one state, so no gain for "
            + alone.map { "\($0.cipher) \($0.operation.rawValue) (\($0.aesni ? "with" : "without") AES-NI only)" }
                .joined(separator: ", ")]
    }

    /// openssl algorithms (and directions) a host measured in one AES-NI state only: they have no gain, and a
    /// note says so rather than leaving them out without a word.
    static func unpairedOpenSSL(host: String, runs: [Run]) -> [String] {
        var states: [String: Set<Bool>] = [:]
        for run in runs {
            for speed in run.openssl {
                guard let state = run.aesni(of: speed) else { continue }
                for result in speed.results {
                    states["\(result.algorithm.uppercased()) \(speed.direction.rawValue)", default: []].insert(state)
                }
            }
        }
        let alone = states.filter { $0.value.count == 1 }.sorted { $0.key < $1.key }
        guard !alone.isEmpty else { return [] }
        return ["host \(host): openssl measured only in one state, so no gain for "
            + alone.map { "\($0.key) (\($0.value.first! ? "with" : "without") AES-NI only)" }.joined(separator: ", ")]
    }
}
