import AESReportIngest
import AESReportModel
import AESReportStats
import XCTest

/// `ReportAnalysis.pooled` is the method's reduction of every host's rounds per state, cipher and operation,
/// computed once: the throughput charts read it, and the speedups' two sides are its centres.
final class PooledSeriesTests: XCTestCase {
    static let sampleData = SampleDataReferenceTests.sampleData

    func testPooledSeriesAreTheMethodsCentreAndIntervalOfTheRoundsForEveryCentre() throws {
        let runs = RunDiscovery().discover(paths: [Self.sampleData]).runs
        for centre in Centre.allCases {
            let options = AnalysisOptions(centre: centre, confidence: 0.99)
            let analysis = ReportAnalysis(runs: runs, options: options)
            let method = Method(options)
            // SampleData has one run per host and state: 2 hosts x 2 states x 6 ciphers x 2 operations.
            XCTAssertEqual(analysis.pooled.count, 48, "\(centre)")
            for pool in analysis.pooled {
                let series = analysis.runs.filter { $0.run.host == pool.host && $0.run.aesni == pool.aesni }
                    .flatMap(\.series).filter { $0.cipher == pool.cipher && $0.operation == pool.operation }
                XCTAssertEqual(pool.centre, method.centre(of: series), "\(centre)")
                XCTAssertEqual(pool.centreInterval, method.interval(of: series), "\(centre)")
                XCTAssertEqual(pool.rounds, series.reduce(0) { $0 + $1.n })
                XCTAssertNotNil(pool.standardDeviation)
            }
            for speedup in analysis.speedups {
                let with = try XCTUnwrap(analysis.pooled.first {
                    $0.host == speedup.host && $0.aesni && $0.cipher == speedup.cipher && $0.operation == speedup.operation
                })
                XCTAssertEqual(speedup.withAESNI, with.centre)
                XCTAssertEqual(speedup.roundsWith, with.rounds)
            }
        }
    }

    func testRoundsOfTwoRunsOfOneStateArePooledIntoOneCentreAndInterval() throws {
        let run = try XCTUnwrap(RunDiscovery().discover(paths: [Self.sampleData]).runs.first { $0.aesni == true })
        var second = run
        second.path += "-again"
        second.label += "-again"
        second.ddLogs = run.ddLogs.map { log in
            DDLog(path: log.path + "-again", cipher: log.cipher, operation: log.operation,
                  rounds: Array(log.rounds.prefix(4)))
        }
        for centre in Centre.allCases {
            let options = AnalysisOptions(centre: centre)
            let analysis = ReportAnalysis(runs: [run, second], options: options)
            let pool = try XCTUnwrap(analysis.pooled.first { $0.cipher == "aes-cbc-plain" && $0.operation == .read })
            let series = analysis.runs.flatMap(\.series).filter { $0.cipher == "aes-cbc-plain" && $0.operation == .read }
            XCTAssertEqual(series.count, 2)
            XCTAssertEqual(pool.rounds, series[0].n + series[1].n)
            XCTAssertEqual(pool.centre, Method(options).centre(of: series))
            XCTAssertEqual(pool.centreInterval, Method(options).interval(of: series))
            let samples = series.flatMap(\.samples)
            XCTAssertEqual(pool.standardDeviation, SampleSummary(samples).standardDeviation)
            XCTAssertNotEqual(pool.centre, series[0].centre, "the pool is not one run's centre")
        }
    }

    func testCryptsetupResultsAreAveragedOverTheRunsOfAState() throws {
        let runs = RunDiscovery().discover(paths: [Self.sampleData]).runs
        let with = try XCTUnwrap(runs.first { $0.aesni == true && !$0.cryptsetup.isEmpty })
        var again = with
        again.path += "-again"
        again.cryptsetup = with.cryptsetup.map { benchmark in
            var doubled = benchmark
            doubled.ciphers = benchmark.ciphers.map { result in
                var faster = result
                faster.encryption = result.encryption.map { $0 * 3 }
                return faster
            }
            return doubled
        }
        let analysis = ReportAnalysis(runs: [with, again], options: AnalysisOptions())
        let first = try XCTUnwrap(with.cryptsetup.first?.ciphers.first)
        let pool = try XCTUnwrap(analysis.cryptsetupPooled.first)
        XCTAssertEqual(analysis.cryptsetupPooled.count, with.cryptsetup.flatMap(\.ciphers).count)
        XCTAssertEqual(pool.label, "\(first.algorithm) \(first.keyBits)b")
        XCTAssertTrue(pool.aesni)
        XCTAssertEqual(try XCTUnwrap(pool.encryption), try XCTUnwrap(first.encryption) * 2, accuracy: 1e-6)
        XCTAssertEqual(pool.decryption, first.decryption)
    }
}
