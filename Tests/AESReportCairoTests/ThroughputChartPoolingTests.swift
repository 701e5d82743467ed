import AESReportCharts
import AESReportModel
import AESReportStats
import XCTest

/// The throughput chart only maps `ReportAnalysis.pooled` to bars: its whiskers are the pooled intervals at the
/// analysis' confidence (not a second summary at the default 95%), and a small loss is labelled `−0.4%`, as the
/// tables write it.
final class ThroughputChartPoolingTests: XCTestCase {
    func testWhiskersAreThePooledIntervalsAtTheOptionsConfidence() throws {
        let runs = [ChartFixtures.run(host: "h", aesni: true), ChartFixtures.run(host: "h", aesni: false)]
        let options = AnalysisOptions(confidence: 0.8)
        let analysis = ReportAnalysis(runs: runs, options: options)
        let charts = ReportCharts.charts(analysis, options: ChartOptions(), analysisOptions: options)
        guard case let .grouped(read) = try XCTUnwrap(charts.first { $0.name == "read" }).model else {
            return XCTFail("read is not grouped")
        }
        var checked = 0
        for (s, aesni) in zip(read.series, [false, true]) {
            for (c, cipher) in read.categories.enumerated() {
                let pool = try XCTUnwrap(analysis.pooled.first {
                    $0.aesni == aesni && $0.cipher == cipher && $0.operation == .read
                })
                XCTAssertEqual(s.values[c], pool.centre)
                let interval = try XCTUnwrap(pool.centreInterval.interval)
                XCTAssertEqual(s.intervals[c], interval.low...interval.high)
                let at95 = try XCTUnwrap(Method(AnalysisOptions()).interval(of: analysis.runs
                    .filter { $0.run.aesni == aesni }.flatMap(\.series)
                    .filter { $0.cipher == cipher && $0.operation == .read }).interval)
                XCTAssertLessThan(interval.high - interval.low, at95.high - at95.low, "80% is narrower than 95%")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 0)
        XCTAssertTrue(read.caption.contains("error bars: 80% t interval of the mean"), read.caption)
    }

    func testGainLabelsAreWrittenByTheOnePercentFormatter() throws {
        let runs = [ChartFixtures.run(host: "h", aesni: true), ChartFixtures.run(host: "h", aesni: false)]
        let analysis = ReportAnalysis(runs: runs, options: AnalysisOptions())
        let charts = ReportCharts.charts(analysis, options: ChartOptions(), analysisOptions: AnalysisOptions())
        guard case let .grouped(write) = try XCTUnwrap(charts.first { $0.name == "write" }).model else {
            return XCTFail("write is not grouped")
        }
        var small = 0
        for (cipher, annotation) in zip(write.categories, write.annotations) {
            let speedup = try XCTUnwrap(analysis.speedups.first { $0.cipher == cipher && $0.operation == .write })
            let label = try XCTUnwrap(annotation).text
            XCTAssertTrue(label.hasPrefix(PercentText.signed(speedup.estimate.percent, minus: .typographic)), label)
            if abs(speedup.estimate.percent) < 0.95 {
                // The fixture's xts write gains about half a percent: one decimal, as in the tables.
                XCTAssertTrue(label.contains("."), label)
                small += 1
            }
        }
        XCTAssertEqual(small, 1)
    }

    /// An openssl output counts in the state its own CPUINFO line gives (as in the speedup table), not its run's:
    /// a masked output in a run with AES-NI is a bar without AES-NI.
    func testOpenSSLBarsCountEachOutputInItsOwnState() throws {
        var with = ChartFixtures.run(host: "h", aesni: true)
        let without = ChartFixtures.run(host: "h", aesni: false)
        with.openssl = without.openssl.map { speed in
            var masked = speed
            masked.path = speed.path + "-masked"
            return masked
        }
        let analysis = ReportAnalysis(runs: [with, without], options: AnalysisOptions())
        let charts = ReportCharts.charts(analysis, options: ChartOptions(), analysisOptions: AnalysisOptions())
        guard case let .grouped(encrypt) = try XCTUnwrap(charts.first { $0.name == "openssl-encrypt" }).model else {
            return XCTFail("openssl-encrypt is not grouped")
        }
        XCTAssertEqual(encrypt.series.map(\.name), ["AES-128-CBC without AES-NI", "AES-256-CBC without AES-NI"])
        let pool = try XCTUnwrap(analysis.opensslPooled.first {
            $0.aesni == false && $0.algorithm == "AES-128-CBC" && $0.direction == .encrypt && $0.blockSize == 16
        })
        XCTAssertEqual(pool.rounds, 2, "the masked output and the run without AES-NI's")
        XCTAssertEqual(encrypt.series[0].values[0], pool.centre)
    }
}
