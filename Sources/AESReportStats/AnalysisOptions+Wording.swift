import AESReportModel

/// The page's "Method and provenance" sentences: how rounds become series (outliers, warm-up) and then the
/// method's own words (`Method+Wording`), which the charts, tables, summary.md, the terminal and summary.json read
/// as well.
extension AnalysisOptions {
    /// The method of these options.
    public var method: Method { Method(self) }

    /// Every sentence of the method section, in order. `noisyThreshold` is the coefficient of variation above which
    /// a series is marked noisy, as the page writes it (`5.0%`).
    public func methodSection(noisyThreshold: String) -> [String] {
        [
            "Throughput of a round is bytes / seconds as dd printed them (not dd's rounded rate); failed rounds are "
                + "counted and never averaged.",
            "Outliers are flagged by Tukey's fences (1.5 IQR beyond the quartiles) and "
                + (dropOutliers ? "dropped" : "kept") + "; "
                + (skipWarmup > 0 ? "the first \(skipWarmup) rounds of each series are dropped as warm-up."
                    : "no warm-up rounds are dropped."),
            "Method: " + method.summaryLine() + ".",
        ] + method.sentences + (method.centre == .total ? [
            "openssl speed outputs carry no bytes and seconds: they are compared by "
                + method.forSamples.summaryLine() + ".",
        ] : []) + [
            "Series with a coefficient of variation above \(noisyThreshold) are marked noisy.",
        ]
    }
}
