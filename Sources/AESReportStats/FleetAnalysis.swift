import AESReportModel

import AESReportModel

/// A fleet's view of a report: for each cipher and operation, the spread of AES-NI gains across hosts, and the
/// hosts that stand out. Used when a report holds more hosts than grouped bar charts can show legibly.
public struct FleetAnalysis: Sendable, Equatable {
    /// Above this many hosts a report switches from per-host charts and tables to the fleet view.
    public static let hostThreshold = 8

    public struct Spread: Sendable, Equatable {
        public var cipher: String
        public var operation: Operation
        /// Gain in percent per host, in host order.
        public var gains: [(host: String, percent: Double)]
        public var median: Double
        public var lowerQuartile: Double
        public var upperQuartile: Double
        public var minimum: Double
        public var maximum: Double
        /// Hosts below Tukey's lower fence of the fleet's gains for this cipher and operation.
        public var lowHosts: [String]

        /// From the lower to the upper quartile.
        public var quartiles: ClosedInterval { ClosedInterval(low: lowerQuartile, high: upperQuartile) }
        /// From the smallest gain to the largest.
        public var range: ClosedInterval { ClosedInterval(low: minimum, high: maximum) }

        public static func == (a: Spread, b: Spread) -> Bool {
            a.cipher == b.cipher && a.operation == b.operation && a.median == b.median
                && a.gains.map(\.percent) == b.gains.map(\.percent)
        }
    }

    /// A host that stands out, with every reason.
    public struct Standout: Sendable, Equatable {
        public var host: String
        public var reasons: [String]
    }

    public var hosts: Int
    public var spreads: [Spread]
    public var standouts: [Standout]

    public init(_ analysis: ReportAnalysis) {
        let hostNames = analysis.runs.map(\.run.host).uniqued()
        hosts = hostNames.count
        var spreads: [Spread] = []
        var reasons: [String: [String]] = [:]
        var keys: [(String, Operation)] = []
        for speedup in analysis.speedups where !keys.contains(where: { $0 == (speedup.cipher, speedup.operation) }) {
            keys.append((speedup.cipher, speedup.operation))
        }
        for (cipher, operation) in keys {
            let gains = analysis.speedups.filter { $0.cipher == cipher && $0.operation == operation }
                .map { (host: $0.host, percent: $0.estimate.percent) }
            let sorted = gains.map(\.percent).sorted()
            let fences = TukeyFences.fences(gains.map(\.percent))
            let low = fences.map { fence in gains.filter { $0.percent < fence.low }.map(\.host) } ?? []
            for host in low {
                reasons[host, default: []].append("\(cipher) \(operation.rawValue) gain far below the fleet's")
            }
            spreads.append(Spread(cipher: cipher, operation: operation, gains: gains,
                                  median: Descriptive.quantile(sorted, 0.5),
                                  lowerQuartile: Descriptive.quantile(sorted, 0.25),
                                  upperQuartile: Descriptive.quantile(sorted, 0.75),
                                  minimum: sorted.first ?? 0, maximum: sorted.last ?? 0, lowHosts: low))
        }
        for stats in analysis.runs {
            let run = stats.run
            if let cpu = run.cpu, !cpu.hasHardwareAES, FolderNameAESNI.isWith(run.path) {
                reasons[run.host, default: []].append("run \(run.label) is named for AES-NI but its CPU lacks the aes flag")
            }
            let failed = stats.series.reduce(0) { $0 + $1.failed }
            if failed > 0 {
                reasons[run.host, default: []].append("\(failed) failed round\(failed == 1 ? "" : "s") in run \(run.label)")
            }
        }
        let paired = Set(analysis.speedups.map(\.host))
        for host in hostNames where !paired.contains(host) {
            reasons[host, default: []].append("no pair of runs with and without AES-NI")
        }
        self.spreads = spreads
        standouts = hostNames.compactMap { host in reasons[host].map { Standout(host: host, reasons: $0) } }
    }
}

extension FolderNameAESNI {
    /// Whether the last component of `path` names a run with AES-NI.
    static func isWith(_ path: String) -> Bool {
        state(of: path.split(separator: "/").last.map(String.init) ?? path) == true
    }
}
