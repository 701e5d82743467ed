import AESReportIngest
import AESReportModel
import AESReportStats
import Foundation
import XCTest

/// The report's numbers on SampleData against an independent recomputation: `sampledata_reference.py` reads the dd
/// files with a regular expression and computes everything with NumPy/SciPy into Fixtures/sampledata-reference.json.
final class SampleDataReferenceTests: XCTestCase {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let sampleData = here.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SampleData").path

    struct Reference: Decodable {
        struct Speedup: Decodable {
            var host: String
            var cipher: String
            var operation: String
            var ratio: Double
            var ci95: [Double]
            var p_value: Double
        }

        struct Series: Decodable {
            var host: String
            var aesni: Bool
            var cipher: String
            var operation: String
            var mean: Double
            var median: Double
            var stdev: Double
            var ci95: [Double]
            var median_ci95: [Double]
        }

        struct MethodSpeedup: Decodable {
            var host: String
            var cipher: String
            var operation: String
            var ratio: Double
            var p_value: Double
            var rounds: Int?
        }

        struct MannWhitney: Decodable {
            var cipher: String
            var operation: String
            var aesni: Bool
            var p_value: Double
        }

        var speedups: [Speedup]
        var series: [Series]
        var mann_whitney: [MannWhitney]
        var median_speedups: [MethodSpeedup]
        var total_speedups: [MethodSpeedup]
    }

    private func reference() throws -> Reference {
        let data = try Data(contentsOf: Self.here.appendingPathComponent("Fixtures/sampledata-reference.json"))
        return try JSONDecoder().decode(Reference.self, from: data)
    }

    private func close(_ actual: Double?, _ expected: Double, _ what: String,
                       file: StaticString = #filePath, line: UInt = #line) {
        guard let actual else { return XCTFail("\(what): nil", file: file, line: line) }
        XCTAssertLessThanOrEqual(abs(actual - expected) / abs(expected), 1e-9, "\(what): \(actual) vs \(expected)",
                                 file: file, line: line)
    }

    func testSpeedupsAndSeriesMatchTheIndependentRecomputation() throws {
        let reference = try reference()
        let discovery = RunDiscovery().discover(paths: [Self.sampleData])
        let analysis = ReportAnalysis(runs: discovery.runs, options: AnalysisOptions())
        XCTAssertEqual(analysis.speedups.count, reference.speedups.count)
        for expected in reference.speedups {
            let what = "\(expected.host) \(expected.cipher) \(expected.operation)"
            let actual = try XCTUnwrap(analysis.speedups.first {
                $0.host == expected.host && $0.cipher == expected.cipher && $0.operation.rawValue == expected.operation
            }, what)
            close(actual.estimate.ratio, expected.ratio, what + " ratio")
            close(actual.estimate.confidenceInterval?.low, expected.ci95[0], what + " ci low")
            close(actual.estimate.confidenceInterval?.high, expected.ci95[1], what + " ci high")
            close(actual.test.pValue, expected.p_value, what + " p")
            XCTAssertEqual(actual.testKind, .welch)
        }
        for expected in reference.series {
            let what = "\(expected.host) \(expected.aesni) \(expected.cipher) \(expected.operation)"
            let run = try XCTUnwrap(analysis.runs.first { $0.run.host == expected.host && $0.run.aesni == expected.aesni })
            let series = try XCTUnwrap(run.series.first {
                $0.cipher == expected.cipher && $0.operation.rawValue == expected.operation
            }, what)
            close(series.summary?.mean, expected.mean, what + " mean")
            close(series.summary?.median, expected.median, what + " median")
            close(series.summary?.standardDeviation, expected.stdev, what + " stdev")
            close(series.summary?.confidenceInterval?.low, expected.ci95[0], what + " ci low")
            close(series.summary?.confidenceInterval?.high, expected.ci95[1], what + " ci high")
        }
    }

    /// Reducing each run while discovery reads it (the report's path) gives the same analysis, diagnostics and
    /// order as reading everything first; and the reduced runs carry no rounds.
    func testRunsReducedDuringDiscoveryGiveTheSameAnalysis() {
        let options = AnalysisOptions(centre: .median)
        let whole = RunDiscovery().discover(paths: [Self.sampleData])
        let reduced = RunDiscovery().discover(paths: [Self.sampleData]) { RunStatistics(run: $0, options: options) }
        XCTAssertEqual(reduced.runs.count, 4)
        XCTAssertEqual(reduced.diagnostics, whole.diagnostics)
        XCTAssertEqual(reduced.hostCPUs, whole.hostCPUs)
        XCTAssertTrue(reduced.runs.allSatisfy { $0.run.ddLogs.allSatisfy(\.rounds.isEmpty) })
        // Compared as text: single-round openssl outputs give NaN test statistics, and NaN != NaN.
        XCTAssertEqual(String(describing: ReportAnalysis(reduced: reduced.runs, options: options)),
                       String(describing: ReportAnalysis(runs: whole.runs, options: options)))
    }

    func testSpeedupRangesAreInsideTheSeedsRanges() {
        let discovery = RunDiscovery().discover(paths: [Self.sampleData])
        let analysis = ReportAnalysis(runs: discovery.runs, options: AnalysisOptions())
        XCTAssertEqual(analysis.ranges.count, 4)
        for range in analysis.ranges {
            let (low, high) = range.operation == .read ? (40.0, 91.0) : (16.0, 50.0)
            XCTAssertGreaterThanOrEqual(range.lowPercent, low, "\(range)")
            XCTAssertLessThanOrEqual(range.highPercent, high, "\(range)")
            XCTAssertEqual(range.ciphers, 6)
            XCTAssertEqual(range.notSignificant, [])
        }
    }

    func testHostComparisonMannWhitneyMatchesSciPy() throws {
        let reference = try reference()
        let discovery = RunDiscovery()
        let a = discovery.discover(paths: [Self.sampleData + "/broadwell-e5-2699v4"]).runs
        let b = discovery.discover(paths: [Self.sampleData + "/skylake-gold-6148"]).runs
        let comparison = Comparison(nameA: "a", runsA: a, nameB: "b", runsB: b,
                                    options: AnalysisOptions(centre: .median))
        XCTAssertEqual(comparison.rows.count, 24)
        XCTAssertEqual(comparison.unmatched, [])
        for expected in reference.mann_whitney {
            let row = try XCTUnwrap(comparison.rows.first {
                $0.cipher == expected.cipher && $0.operation.rawValue == expected.operation && $0.aesni == expected.aesni
            })
            XCTAssertEqual(row.testKind, .mannWhitney)
            close(row.test.pValue, expected.p_value, "\(expected.cipher) \(expected.operation)")
            XCTAssertEqual(row.significant, true)
        }
    }

    /// `--centre median`: the centre, its interval (order statistics), the ratio and the test (Mann-Whitney) all
    /// belong to the median, and match SciPy's `quantile_test(...).confidence_interval()` and `mannwhitneyu`.
    func testMedianMethodMatchesSciPy() throws {
        let reference = try reference()
        let options = AnalysisOptions(centre: .median)
        let analysis = ReportAnalysis(runs: RunDiscovery().discover(paths: [Self.sampleData]).runs, options: options)
        XCTAssertEqual(analysis.speedups.count, reference.median_speedups.count)
        for expected in reference.median_speedups {
            let what = "\(expected.host) \(expected.cipher) \(expected.operation)"
            let actual = try XCTUnwrap(analysis.speedups.first {
                $0.host == expected.host && $0.cipher == expected.cipher && $0.operation.rawValue == expected.operation
            }, what)
            XCTAssertEqual(actual.testKind, .mannWhitney, what)
            close(actual.estimate.ratio, expected.ratio, what + " ratio of medians")
            close(actual.test.pValue, expected.p_value, what + " Mann-Whitney p")
            XCTAssertTrue(actual.estimate.intervalMethod.contains("bootstrap of the ratio of medians"), what)
            XCTAssertEqual(actual.significant, true, what)
        }
        for expected in reference.series {
            let what = "\(expected.host) \(expected.aesni) \(expected.cipher) \(expected.operation)"
            let run = try XCTUnwrap(analysis.runs.first { $0.run.host == expected.host && $0.run.aesni == expected.aesni })
            let series = try XCTUnwrap(run.series.first {
                $0.cipher == expected.cipher && $0.operation.rawValue == expected.operation
            }, what)
            close(series.centre, expected.median, what + " centre")
            // Order statistics are data values: equal, not merely close.
            XCTAssertEqual(series.centreInterval?.low, expected.median_ci95[0], what)
            XCTAssertEqual(series.centreInterval?.high, expected.median_ci95[1], what)
        }
    }

    /// `--centre total`: the ratio of total bytes / total seconds, and its permutation test over the first rounds
    /// of each side, against SciPy's exact `permutation_test`.
    func testTotalMethodPermutationTestMatchesSciPy() throws {
        let reference = try reference()
        let runs = RunDiscovery().discover(paths: [Self.sampleData]).runs
        let method = Method(centre: .total)
        for expected in reference.total_speedups {
            let what = "\(expected.host) \(expected.cipher) \(expected.operation)"
            func series(_ aesni: Bool) throws -> SeriesStatistics {
                let run = try XCTUnwrap(runs.first { $0.host == expected.host && $0.aesni == aesni })
                var log = try XCTUnwrap(run.ddLogs.first {
                    $0.cipher == expected.cipher && $0.operation?.rawValue == expected.operation
                })
                log.rounds = Array(log.rounds.prefix(expected.rounds ?? 0))
                return SeriesStatistics(log: log, cipher: expected.cipher, operation: log.operation!,
                                        options: AnalysisOptions(centre: .total))
            }
            let with = try series(true)
            let without = try series(false)
            close(method.ratio([with], [without]).ratio, expected.ratio, what + " ratio of totals")
            let test = method.test([with], [without])
            close(test.pValue, expected.p_value, what + " permutation p")
            XCTAssertTrue(test.note.contains("exact (924 splits)"), test.note)
        }
    }
}
