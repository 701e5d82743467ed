import AESReportModel

/// The rounds of one series in the order they ran: each round's throughput, nil where the round failed, and which
/// rounds Tukey's fences flag (`SeriesStatistics.outliers`). What the rounds chart draws, so that warm-up, drift
/// and a bad round show.
public struct RoundSequence: Sendable, Equatable {
    public var cipher: String
    public var operation: Operation
    /// The run's AES-NI state, nil when unknown.
    public var aesni: Bool?
    /// Round numbers as the log gives them, in order.
    public var numbers: [Int]
    /// Bytes per second of each round of `numbers`; nil for a failed round.
    public var throughputs: [Double?]
    /// Round numbers flagged as outliers.
    public var outliers: Set<Int>

    /// A run's series in its own order, each with every round its log kept (`SeriesStatistics.roundsInOrder`).
    public static func of(_ statistics: RunStatistics) -> [RoundSequence] {
        statistics.series.map { series in
            RoundSequence(cipher: series.cipher, operation: series.operation, aesni: statistics.run.aesni,
                          numbers: series.roundsInOrder.map(\.number),
                          throughputs: series.roundsInOrder.map(\.throughput), outliers: Set(series.outliers))
        }
    }
}
