import AESReportModel

/// What AES-NI buys in a pair of columns: both hosts' gains side by side (a `hosts` pair), or the sample gains of
/// one host's two states (an `aesniStates` pair), each exactly as `report` computes it.
extension Comparison {
    /// The sample gains of a pair of states: both columns' runs as one host's, through `ReportAnalysis`.
    static func stateGains(pair: Int, runs: [RunStatistics], host: String, options: AnalysisOptions) -> [StateGainRow] {
        let relabelled = runs.map { stats -> RunStatistics in
            var one = stats
            one.run.host = host
            return one
        }
        let analysis = ReportAnalysis(reduced: relabelled, options: options)
        return analysis.opensslSpeedups.map {
            StateGainRow(pair: pair, source: .openssl, item: $0.algorithm, operation: $0.direction.rawValue,
                         blockSize: $0.blockSize, gain: ReportedGain($0))
        } + analysis.cryptsetupSpeedups.map {
            StateGainRow(pair: pair, source: .cryptsetup, item: "\($0.algorithm) \($0.keyBits)b",
                         operation: $0.direction.rawValue, blockSize: nil, gain: ReportedGain($0))
        } + analysis.tcryptSpeedups.map {
            StateGainRow(pair: pair, source: .tcrypt, item: "\($0.algorithm) \($0.keyBits)b",
                         operation: $0.direction.rawValue, blockSize: $0.blockSize, gain: ReportedGain($0))
        }
    }

    /// The gains both columns of a `hosts` pair have, side by side, in the order of the baseline's report.
    static func gains(pair: Int, a: ReportAnalysis, groupsA: [PoolKey: [SeriesStatistics]], b: ReportAnalysis,
                      groupsB: [PoolKey: [SeriesStatistics]], method: Method) -> [GainComparisonRow] {
        var rows: [GainComparisonRow] = []
        func add(_ source: GainSource, item: String, operation: String, blockSize: Int?, _ gainA: some AESNIGain,
                 _ gainB: some AESNIGain, samplesA: GainComparison.Samples, samplesB: GainComparison.Samples) {
            rows.append(GainComparisonRow(
                pair: pair, source: source, item: item, operation: operation, blockSize: blockSize,
                a: ReportedGain(gainA), b: ReportedGain(gainB),
                comparison: GainComparison(a: samplesA, aRatio: gainA.estimate.ratio, b: samplesB,
                                           bRatio: gainB.estimate.ratio, method: method)))
        }
        func series(_ groups: [PoolKey: [SeriesStatistics]], _ gain: Speedup) -> GainComparison.Samples {
            .series(with: groups[PoolKey(aesni: true, cipher: gain.cipher, operation: gain.operation)] ?? [],
                    without: groups[PoolKey(aesni: false, cipher: gain.cipher, operation: gain.operation)] ?? [])
        }
        func values(_ gain: some SampleGainRecord) -> GainComparison.Samples {
            .values(with: gain.gain.samplesWith, without: gain.gain.samplesWithout)
        }
        for gainA in a.speedups {
            guard let gainB = b.speedups.first(where: { $0.cipher == gainA.cipher && $0.operation == gainA.operation })
            else { continue }
            add(.dmcrypt, item: gainA.cipher, operation: gainA.operation.rawValue, blockSize: nil, gainA, gainB,
                samplesA: series(groupsA, gainA), samplesB: series(groupsB, gainB))
        }
        for gainA in a.opensslSpeedups {
            guard let gainB = b.opensslSpeedups.first(where: {
                $0.algorithm == gainA.algorithm && $0.direction == gainA.direction && $0.blockSize == gainA.blockSize
            }) else { continue }
            add(.openssl, item: gainA.algorithm, operation: gainA.direction.rawValue, blockSize: gainA.blockSize,
                gainA, gainB, samplesA: values(gainA), samplesB: values(gainB))
        }
        for gainA in a.cryptsetupSpeedups {
            guard let gainB = b.cryptsetupSpeedups.first(where: {
                $0.algorithm == gainA.algorithm && $0.keyBits == gainA.keyBits && $0.direction == gainA.direction
            }) else { continue }
            add(.cryptsetup, item: "\(gainA.algorithm) \(gainA.keyBits)b", operation: gainA.direction.rawValue,
                blockSize: nil, gainA, gainB, samplesA: values(gainA), samplesB: values(gainB))
        }
        for gainA in a.tcryptSpeedups {
            guard let gainB = b.tcryptSpeedups.first(where: {
                $0.algorithm == gainA.algorithm && $0.keyBits == gainA.keyBits && $0.direction == gainA.direction
                    && $0.blockSize == gainA.blockSize
            }) else { continue }
            add(.tcrypt, item: "\(gainA.algorithm) \(gainA.keyBits)b", operation: gainA.direction.rawValue,
                blockSize: gainA.blockSize, gainA, gainB, samplesA: values(gainA), samplesB: values(gainB))
        }
        return rows
    }
}
