import AESReportModel
import AESReportStats
import XCTest

final class ComparisonTests: XCTestCase {
    /// A run whose cipher series have exactly the given throughputs (20 GiB rounds with matching seconds).
    static func run(_ label: String, host: String, aesni: Bool?, series: [String: [Double]]) -> Run {
        let logs = series.keys.sorted().map { key -> DDLog in
            let parts = key.split(separator: " ")
            let rounds = series[key]!.enumerated().map { index, rate in
                DDRound(number: index + 1, line: 3 * index + 1, recordsIn: RecordCount(full: 20, partial: 0),
                        recordsOut: RecordCount(full: 20, partial: 0),
                        transfer: DDTransfer(bytes: 21_474_836_480, seconds: 21_474_836_480 / rate, printedRate: nil))
            }
            return DDLog(path: "/\(host)/\(label)/\(parts[0])-\(parts[1]).txt", cipher: String(parts[0]),
                         operation: Operation(rawValue: String(parts[1]))!, rounds: rounds)
        }
        return Run(path: "/\(host)/\(label)", label: label, host: host, aesni: aesni, aesniSource: .manifest,
                   cpu: nil, cpuPath: nil, ddLogs: logs, openssl: [], cryptsetup: [])
    }

    static let noisy = [2.10e9, 2.05e9, 2.20e9, 2.15e9, 2.08e9, 2.12e9, 2.30e9, 2.11e9, 2.09e9, 2.13e9]

    func testIdenticalSamplesGiveTildeEverywhere() {
        let series = ["aes-xts-plain read": Self.noisy, "aes-cbc-plain write": Self.noisy.reversed(),
                      "aes-ecb-plain read": Self.noisy.map { $0 / 2 }]
        let a = [Self.run("with", host: "a", aesni: true, series: series)]
        let b = [Self.run("with", host: "b", aesni: true, series: series)]
        let comparison = Comparison(nameA: "a", runsA: a, nameB: "b", runsB: b, options: AnalysisOptions())
        XCTAssertEqual(comparison.rows.count, 3)
        for row in comparison.rows {
            XCTAssertEqual(row.significant, false, "\(row.cipher)")
            XCTAssertEqual(row.testKind, .welch)
            XCTAssertEqual(row.test.pValue, 1)
            XCTAssertEqual(row.change.ratio, 1, accuracy: 1e-12)
        }
        XCTAssertEqual(comparison.geometricMeans.last?.ratio ?? 0, 1, accuracy: 1e-12)
    }

    func testClearlyDifferentSamplesAreSignificantAndOneSidedSeriesAreListed() {
        let a = [Self.run("with", host: "a", aesni: true,
                          series: ["aes-xts-plain read": Self.noisy, "aes-ecb-plain read": Self.noisy])]
        let b = [Self.run("with", host: "b", aesni: true,
                          series: ["aes-xts-plain read": Self.noisy.map { $0 * 1.5 },
                                   "serpent-xts-plain read": Self.noisy])]
        let comparison = Comparison(nameA: "a", runsA: a, nameB: "b", runsB: b, options: AnalysisOptions())
        XCTAssertEqual(comparison.rows.count, 1)
        let row = comparison.rows[0]
        XCTAssertEqual(row.significant, true)
        XCTAssertEqual(row.change.percent, 50, accuracy: 1e-9)
        XCTAssertLessThan(row.test.pValue!, 0.001)
        XCTAssertEqual(comparison.unmatched, ["only in a: aes-ecb-plain read with AES-NI",
                                              "only in b: serpent-xts-plain read with AES-NI"])
    }

    func testSpeedupPerHostAndTheSeedsSentenceRange() {
        let with = Self.run("with", host: "h", aesni: true, series: [
            "aes-ecb-plain read": Self.noisy.map { $0 * 1.91 }, "aes-lrw-plain read": Self.noisy.map { $0 * 1.40 },
            "aes-ecb-plain write": Self.noisy.map { $0 * 1.50 }, "aes-cbc-plain write": Self.noisy.map { $0 * 1.16 },
        ])
        let without = Self.run("without", host: "h", aesni: false, series: [
            "aes-ecb-plain read": Self.noisy, "aes-lrw-plain read": Self.noisy,
            "aes-ecb-plain write": Self.noisy, "aes-cbc-plain write": Self.noisy,
        ])
        let analysis = ReportAnalysis(runs: [with, without], options: AnalysisOptions())
        XCTAssertEqual(analysis.speedups.map(\.cipher), ["aes-ecb-plain", "aes-lrw-plain", "aes-ecb-plain", "aes-cbc-plain"])
        let reads = analysis.ranges.first { $0.operation == .read }!
        XCTAssertEqual(reads.lowPercent, 40, accuracy: 1e-9)
        XCTAssertEqual(reads.highPercent, 91, accuracy: 1e-9)
        XCTAssertEqual(reads.lowCipher, "aes-lrw-plain")
        let writes = analysis.ranges.first { $0.operation == .write }!
        XCTAssertEqual(writes.lowPercent, 16, accuracy: 1e-9)
        XCTAssertEqual(writes.highPercent, 50, accuracy: 1e-9)
        XCTAssertEqual(analysis.notes, [])
    }

    func testFailedRoundsAreCountedNotAveragedAndWarmupAndOutliersCanBeDropped() {
        var run = Self.run("with", host: "h", aesni: true, series: ["aes-xts-plain read": Self.noisy])
        run.ddLogs[0].rounds.append(DDRound(number: 11, line: 31, failure: "error writing"))
        let kept = ReportAnalysis(runs: [run], options: AnalysisOptions()).runs[0].series[0]
        XCTAssertEqual(kept.failed, 1)
        XCTAssertEqual(kept.n, 10)
        XCTAssertEqual(kept.outliers, [7])
        XCTAssertEqual(kept.dropped, [])
        let trimmed = ReportAnalysis(runs: [run], options: AnalysisOptions(dropOutliers: true, skipWarmup: 2))
            .runs[0].series[0]
        XCTAssertEqual(trimmed.dropped, [1, 2, 7])
        XCTAssertEqual(trimmed.sampleRounds, [3, 4, 5, 6, 8, 9, 10])
        XCTAssertEqual(trimmed.summary?.mean ?? 0, [2.20e9, 2.15e9, 2.08e9, 2.12e9, 2.11e9, 2.09e9, 2.13e9]
            .reduce(0, +) / 7, accuracy: 1)
    }

    func testCentresMedianAndTotalUseTheirOwnValues() {
        let run = Self.run("with", host: "h", aesni: true, series: ["aes-xts-plain read": [1e9, 2e9, 4e9]])
        let median = ReportAnalysis(runs: [run], options: AnalysisOptions(centre: .median)).runs[0].series[0]
        XCTAssertEqual(median.centre, 2e9)
        let total = ReportAnalysis(runs: [run], options: AnalysisOptions(centre: .total)).runs[0].series[0]
        // Three rounds of equal bytes: total throughput is the harmonic mean.
        XCTAssertEqual(total.centre ?? 0, 3 / (1 / 1e9 + 1 / 2e9 + 1 / 4e9), accuracy: 1e-3)
    }

    func testSeriesWithoutCompleteRoundsHaveNoStatisticsAndHostsWithoutPairsAreNoted() {
        var run = Self.run("with", host: "h", aesni: true, series: ["aes-xts-plain read": []])
        run.ddLogs[0].rounds = [DDRound(number: 1, line: 1, failure: "no byte/time summary line")]
        let analysis = ReportAnalysis(runs: [run], options: AnalysisOptions())
        XCTAssertNil(analysis.runs[0].series[0].summary)
        XCTAssertEqual(analysis.runs[0].series[0].failed, 1)
        XCTAssertEqual(analysis.notes, ["host h: no pair of runs with and without AES-NI, so no speedup"])
    }

    func testCipherOrderFollowsTheSeed() {
        let names = ["aes-xts-plain", "aes-cbc-plain", "serpent-xts-plain", "aes-ecb-plain", "aes-pcbc-plain",
                     "aes-lrw-plain", "aes-ctr-plain", "aes-cbc-essiv:sha256"]
        XCTAssertEqual(names.sorted(by: CipherOrder.areInIncreasingOrder), [
            "aes-ecb-plain", "aes-cbc-essiv:sha256", "aes-cbc-plain", "aes-ctr-plain", "aes-lrw-plain",
            "aes-pcbc-plain", "aes-xts-plain", "serpent-xts-plain",
        ])
    }
}

final class FleetAnalysisTests: XCTestCase {
    func testSpreadAndStandoutHostsOfAFleet() {
        var runs: [Run] = []
        for h in 1...12 {
            let host = "host-\(h)"
            let gain = h == 7 ? 1.10 : 1.80 + Double(h) * 0.005
            let noisy = ComparisonTests.noisy
            runs.append(ComparisonTests.run("with-aesni", host: host, aesni: true,
                                            series: ["aes-xts-plain read": noisy.map { $0 * gain }]))
            runs.append(ComparisonTests.run("no-aesni", host: host, aesni: false,
                                            series: ["aes-xts-plain read": noisy]))
        }
        // host-12 has no run without AES-NI.
        runs.removeLast()
        let fleet = FleetAnalysis(ReportAnalysis(runs: runs, options: AnalysisOptions()))
        XCTAssertEqual(fleet.hosts, 12)
        XCTAssertEqual(fleet.spreads.count, 1)
        let spread = fleet.spreads[0]
        XCTAssertEqual(spread.gains.count, 11)
        XCTAssertEqual(spread.lowHosts, ["host-7"])
        XCTAssertEqual(spread.minimum, 10, accuracy: 1e-9)
        XCTAssertEqual(fleet.standouts.map(\.host), ["host-7", "host-12"])
        XCTAssertEqual(fleet.standouts[1].reasons, ["no pair of runs with and without AES-NI"])
    }
}
