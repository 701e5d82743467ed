/// Which centre of a series' per-round throughputs the report compares.
public enum Centre: String, Sendable, Codable, CaseIterable {
    /// Arithmetic mean of the per-round throughputs: the seed's method, and the default. Ratio intervals by
    /// Fieller's theorem.
    case mean
    /// Median of the per-round throughputs. Ratio intervals by a seeded bootstrap.
    case median
    /// Total bytes / total seconds over the rounds. Ratio intervals by a seeded bootstrap over rounds.
    case total
}

/// How series are reduced.
public struct AnalysisOptions: Sendable, Equatable {
    public var centre: Centre
    /// Drop the rounds that Tukey's fences flag (otherwise they are flagged and kept).
    public var dropOutliers: Bool
    /// Drop the first N complete rounds of every series as warm-up.
    public var skipWarmup: Int
    /// Significance level for `~` marks.
    public var alpha: Double
    public var confidence: Double

    public init(centre: Centre = .mean, dropOutliers: Bool = false, skipWarmup: Int = 0, alpha: Double = 0.05,
                confidence: Double = 0.95) {
        self.centre = centre
        self.dropOutliers = dropOutliers
        self.skipWarmup = skipWarmup
        self.alpha = alpha
        self.confidence = confidence
    }
}

/// The order in which ciphers are listed: by algorithm, then by mode in the seed's order
/// (`ecb cbc ctr lrw pcbc xts`, then other modes), then by the full name.
public enum CipherOrder {
    public static let seedModes = ["ecb", "cbc", "ctr", "lrw", "pcbc", "xts"]

    public static func areInIncreasingOrder(_ a: String, _ b: String) -> Bool {
        SortKey(a) < SortKey(b)
    }

    static func key(_ cipher: String) -> (algorithm: String, mode: Int) {
        let parts = cipher.lowercased().split(separator: "-").map(String.init)
        let mode = parts.dropFirst().lazy.compactMap { seedModes.firstIndex(of: $0) }.first ?? seedModes.count
        return (parts.first ?? cipher, mode)
    }
}
