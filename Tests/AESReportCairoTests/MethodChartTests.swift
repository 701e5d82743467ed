import AESReportCharts
import AESReportModel
import AESReportStats
import XCTest

/// The charts say what their bars and whiskers are, from the method: the whisker of a bar is the interval of the
/// bar's own value, and a gain with no test is labelled untested (n/a), not "~".
final class MethodChartTests: XCTestCase {
    private func chart(_ charts: [NamedChart], _ name: String) throws -> NamedChart {
        try XCTUnwrap(charts.first { $0.name == name }, name)
    }

    func testMedianBarsHaveTheMediansOrderStatisticIntervalAsWhiskers() throws {
        let runs = [ChartFixtures.run(host: "kvm-host", aesni: true), ChartFixtures.run(host: "kvm-host", aesni: false)]
        let options = AnalysisOptions(centre: .median)
        let charts = ReportCharts.charts(ReportAnalysis(runs: runs, options: options), options: ChartOptions(),
                                         analysisOptions: options)
        guard case let .grouped(read) = try chart(charts, "read").model else { return XCTFail("read is not grouped") }
        for (s, aesni) in zip(read.series, [false, true]) {
            let run = try XCTUnwrap(runs.first { $0.aesni == aesni })
            for (c, cipher) in read.categories.enumerated() {
                let log = try XCTUnwrap(run.ddLogs.first { $0.cipher == cipher && $0.operation == .read })
                // Worked out here from the rounds, not by the library: 10 rounds give [x(2), x(9)] at 95%
                // (P(Binomial(10, 1/2) <= 1) = 11/1024 <= 0.025 < P(<= 2) = 56/1024).
                let sorted = log.rounds.map { Double($0.transfer!.bytes) / $0.transfer!.seconds }.sorted()
                let median = (sorted[4] + sorted[5]) / 2
                XCTAssertEqual(s.values[c]!, median, accuracy: median * 1e-12, cipher)
                let whisker = try XCTUnwrap(s.intervals[c], cipher)
                XCTAssertEqual(whisker.lowerBound, sorted[1], accuracy: 1e-3, cipher)
                XCTAssertEqual(whisker.upperBound, sorted[8], accuracy: 1e-3, cipher)
            }
        }
        XCTAssertEqual(read.caption, "Bars: median of the rounds; error bars: 95% order-statistic interval of the "
            + "median. ~: not significant (Mann-Whitney U test, p ≥ 0.05); n/a: untested (too few rounds for the test to reach p < 0.05).")
        XCTAssertTrue(try chart(charts, "speedup").caption.contains("whiskers: 95% interval (bootstrap)"))

        let zh = ReportCharts.charts(ReportAnalysis(runs: runs, options: options),
                                     options: ChartOptions(language: .zh), analysisOptions: options)
        XCTAssertEqual(try chart(zh, "read").caption, "柱：各轮中位数；误差线：中位数的 95% 顺序统计量置信区间。"
            + "~：不显著（Mann-Whitney U 检验，p ≥ 0.05）；n/a：未检验（轮数太少，检验达不到 p < 0.05）。")
    }

    func testStandardDeviationWhiskersAreCentredOnTheBar() throws {
        let runs = [ChartFixtures.run(host: "kvm-host", aesni: true), ChartFixtures.run(host: "kvm-host", aesni: false)]
        let options = AnalysisOptions(centre: .median)
        let charts = ReportCharts.charts(ReportAnalysis(runs: runs, options: options),
                                         options: ChartOptions(errorBars: .stdev), analysisOptions: options)
        guard case let .grouped(read) = try chart(charts, "read").model else { return XCTFail("read is not grouped") }
        for s in read.series {
            for (value, interval) in zip(s.values, s.intervals) {
                let whisker = try XCTUnwrap(interval)
                XCTAssertEqual((whisker.lowerBound + whisker.upperBound) / 2, value!, accuracy: value! * 1e-12)
            }
        }
    }

    func testOneRoundPerSideIsLabelledUntestedNotTilde() throws {
        let runs = [ChartFixtures.run(host: "kvm-host", aesni: true), ChartFixtures.run(host: "kvm-host", aesni: false)]
            .map { run in
                var one = run
                one.ddLogs = run.ddLogs.map { DDLog(path: $0.path, cipher: $0.cipher, operation: $0.operation,
                                                    rounds: Array($0.rounds.prefix(1))) }
                return one
            }
        for centre in Centre.allCases {
            let options = AnalysisOptions(centre: centre)
            let charts = ReportCharts.charts(ReportAnalysis(runs: runs, options: options), options: ChartOptions(),
                                             analysisOptions: options)
            guard case let .horizontal(speedup) = try chart(charts, "speedup").model,
                  case let .grouped(read) = try chart(charts, "read").model else { return XCTFail("chart kinds") }
            let bars = speedup.series.flatMap(\.bars).compactMap { $0 }
            XCTAssertEqual(bars.count, 12)
            for bar in bars {
                XCTAssertTrue(bar.label.hasSuffix("% n/a"), "\(centre): \(bar.label)")
                XCTAssertFalse(bar.label.contains("~"))
                XCTAssertTrue(bar.muted)
                XCTAssertTrue(bar.untested, "untested bars are drawn apart from not-significant ones")
                XCTAssertNil(bar.interval)
            }
            XCTAssertTrue(try chart(charts, "speedup").caption.hasSuffix("untested bars are also hatched."))
            XCTAssertTrue(read.annotations.allSatisfy { $0?.text.hasSuffix("% n/a") == true }, "\(read.annotations)")
            XCTAssertTrue(read.series.allSatisfy { $0.intervals.allSatisfy { $0 == nil } })
            // No whisker is drawn, and the caption says why instead of promising one.
            XCTAssertTrue(read.caption.contains("(not drawn where there is none: "), "\(centre): \(read.caption)")
        }
    }
}
