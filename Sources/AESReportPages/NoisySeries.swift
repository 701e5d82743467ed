import AESReportModel
import AESReportStats

/// Series whose rounds vary by more than `threshold` of their mean (coefficient of variation, sd / mean): a gain
/// computed between such series deserves a caution, so the Findings name them.
public enum NoisySeries {
    /// The page's "noisy" mark in the series tables, 5%: SampleData's series stay below 4.2%.
    public static let threshold = HTMLReport.noisyCV
    /// At most this many series are named in one sentence; the rest are counted.
    public static let listLimit = 10

    /// One noisy series of one run.
    public struct Entry: Sendable, Equatable {
        public var host: String
        public var cipher: String
        public var operation: Operation
        /// The run's AES-NI state, else its label.
        public var state: String
        public var coefficientOfVariation: Double

        /// `aes-cbc-plain read with AES-NI (CV 9.0%)`, with the host in front when asked.
        public func text(withHost: Bool) -> String {
            (withHost ? host + " " : "") + "\(cipher) \(operation.rawValue) \(state) (CV "
                + NumberText.plainPercent(coefficientOfVariation * 100) + ")"
        }
    }

    /// Every dd series of `analysis` (of `host`, if given) with a CV above the threshold, in the report's order.
    public static func entries(_ analysis: ReportAnalysis, host: String? = nil) -> [Entry] {
        analysis.runs.filter { host == nil || $0.run.host == host }.flatMap { stats in
            stats.series.compactMap { series -> Entry? in
                guard let cv = series.summary?.coefficientOfVariation, cv > threshold else { return nil }
                let state = stats.run.aesni.map { $0 ? "with AES-NI" : "without AES-NI" } ?? "in " + stats.run.label
                return Entry(host: stats.run.host, cipher: series.cipher, operation: series.operation, state: state,
                             coefficientOfVariation: cv)
            }
        }
    }

    /// The list as a phrase, cut at `listLimit`: `a (CV 9.0%), b (CV 8.5%) and 3 more`.
    public static func list(_ entries: [Entry], withHost: Bool) -> String {
        let named = entries.prefix(listLimit).map { $0.text(withHost: withHost) }.joined(separator: ", ")
        return entries.count > listLimit ? named + " and \(entries.count - listLimit) more" : named
    }

    /// The Findings caveat for one host's headline, nil when none of its series is noisy.
    public static func caveat(_ analysis: ReportAnalysis, host: String) -> String? {
        let noisy = entries(analysis, host: host)
        guard !noisy.isEmpty else { return nil }
        return "Noisy (CV above \(NumberText.plainPercent(threshold * 100))): " + list(noisy, withHost: false)
            + "; a gain between noisy series deserves caution."
    }

    /// The summary.md line for all hosts, nil when no series is noisy.
    public static func summaryLine(_ analysis: ReportAnalysis) -> String? {
        let noisy = entries(analysis)
        guard !noisy.isEmpty else { return nil }
        return "noisy (CV above \(NumberText.plainPercent(threshold * 100)); a gain between noisy series deserves caution): "
            + list(noisy, withHost: true)
    }
}
