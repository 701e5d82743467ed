import AESReportCharts
import AESReportModel
import AESReportStats
import XCTest

/// The chart builders' side of issue 15: what each chart maps from the analysis (series, colours, gains, order,
/// shared axes, the rounds) on crafted runs; each test fails on the builders before the fix.
final class ReportChartDefectTests: XCTestCase {
    /// A run whose openssl outputs are `algorithms` at `sizes`, two rounds each (so gains are tested).
    private func opensslRun(host: String = "h", aesni: Bool, algorithms: [String], sizes: [Int]) -> Run {
        var run = ChartFixtures.run(host: host, aesni: aesni)
        run.openssl = (0..<2).flatMap { round in
            [CipherDirection.encrypt, .decrypt].map { direction in
                OpenSSLSpeed(path: "/\(host)/openssl-\(round)-\(direction.rawValue).txt", version: "OpenSSL 3.0.2",
                             direction: direction, aesni: aesni, capabilityMask: nil, machineReadable: false,
                             results: algorithms.enumerated().flatMap { a, algorithm in
                                 sizes.enumerated().map { i, size in
                                     let rate = 100e6 * Double(a + 1) * (1 + 0.1 * Double(i)) * (aesni ? 6 : 1)
                                         * (1 + 0.01 * Double(round))
                                     return OpenSSLSpeedResult(algorithm: algorithm, blockSize: size, bytesPerSecond: rate,
                                                               operations: nil, seconds: nil, line: i + 1)
                                 }
                             })
            }
        }
        return run
    }

    private func charts(_ runs: [Run], options: ChartOptions = ChartOptions()) -> [NamedChart] {
        ReportCharts.charts(ReportAnalysis(runs: runs, options: AnalysisOptions()), options: options,
                            analysisOptions: AnalysisOptions())
    }

    private func grouped(_ charts: [NamedChart], _ name: String) throws -> GroupedBarChart {
        guard case let .grouped(chart) = try XCTUnwrap(charts.first { $0.name == name }, name).model else {
            throw XCTSkip("\(name) is not a grouped chart")
        }
        return chart
    }

    func testEveryOpenSSLSeriesHasItsOwnColourAndFill() throws {
        let algorithms = ["aes-128-cbc", "aes-128-gcm", "aes-256-cbc", "aes-256-gcm"]
        let runs = [true, false].map { opensslRun(aesni: $0, algorithms: algorithms, sizes: [16, 1024, 8192]) }
        let chart = try grouped(charts(runs), "openssl-encrypt")
        XCTAssertEqual(chart.series.count, 8)
        let looks = chart.series.map { "\($0.color) \($0.hatched)" }
        XCTAssertEqual(Set(looks).count, looks.count, "two series look alike: \(looks)")
        XCTAssertTrue(chart.caption.contains("fainter: AES-GCM"), chart.caption)
        // Four gains over a group, a mark they share written once; never turned vertical (they would squeeze the plot).
        XCTAssertEqual(chart.annotations.first??.text.components(separatedBy: " / ").count, 4)
        let wide = GroupedBarLayout.layout(chart, theme: .light, measurer: FixedWidthMeasurer())
        XCTAssertEqual(wide.texts(role: .annotation).count, 3)
        XCTAssertTrue(wide.texts(role: .annotation).allSatisfy { $0.rotation == 0 })
        let narrow = GroupedBarLayout.layout(chart, theme: .light, measurer: FixedWidthMeasurer(),
                                             size: ChartSize(width: 640, height: 400))
        XCTAssertTrue(narrow.texts(role: .annotation).isEmpty)
    }

    func testOpenSSLChartsCarryTheGainsAndTheChineseTitleNamesTheKeySizeShown() throws {
        let runs = [true, false].map { opensslRun(aesni: $0, algorithms: ["aes-128-cbc", "aes-128-gcm"], sizes: [8192]) }
        let analysis = ReportAnalysis(runs: runs, options: AnalysisOptions())
        let chart = try grouped(charts(runs), "openssl-encrypt")
        XCTAssertEqual(chart.categories, ["AES-128-CBC", "AES-128-GCM"])
        let expected = chart.categories.map { algorithm in
            analysis.opensslSpeedups.first { $0.algorithm == algorithm && $0.direction == .encrypt }
                .map { PercentText.signed($0.estimate.percent, minus: .typographic) }
        }
        XCTAssertEqual(chart.annotations.map { $0?.text }, expected)
        XCTAssertEqual(expected.compactMap { $0 }.count, 2)
        let zh = try grouped(charts(runs, options: ChartOptions(language: .zh)), "openssl-encrypt")
        XCTAssertTrue(zh.title.hasPrefix("AES128 "), zh.title)
        XCTAssertFalse(zh.title.contains("256"), zh.title)
    }

    func testTheOpenSSLSpeedupChartShowsEveryGainByAlgorithmAndBlockSize() throws {
        let runs = [true, false].map { opensslRun(aesni: $0, algorithms: ["aes-128-cbc", "aes-256-cbc"], sizes: [16, 8192]) }
        let analysis = ReportAnalysis(runs: runs, options: AnalysisOptions())
        guard case let .horizontal(chart) = try XCTUnwrap(charts(runs).first { $0.name == "openssl-speedup" }).model else {
            return XCTFail("openssl-speedup is not a gain chart")
        }
        XCTAssertEqual(chart.categories, ["AES-128-CBC · 16 B", "AES-128-CBC · 8192 B", "AES-256-CBC · 16 B",
                                          "AES-256-CBC · 8192 B"])
        XCTAssertEqual(chart.series.map(\.name), ["encrypt", "decrypt"])
        let encrypt = analysis.opensslSpeedups.filter { $0.direction == .encrypt }
        XCTAssertEqual(chart.series[0].bars.map { $0?.value }, encrypt.map(\.estimate.percent))
    }

    func testAHostsOwnCPUDumpNamesItsCPUWhenItsRunsHaveNone() throws {
        let runs = [true, false].map { aesni in
            var run = opensslRun(aesni: aesni, algorithms: ["aes-128-cbc"], sizes: [16384])
            run.cpu = nil
            return run
        }
        let cpu = try XCTUnwrap(ChartFixtures.run(host: "h", aesni: true).cpu)
        XCTAssertEqual(try grouped(charts(runs), "openssl-encrypt").subtitle, "h")
        let described = ReportCharts.charts(ReportAnalysis(runs: runs, options: AnalysisOptions()), options: ChartOptions(),
                                            analysisOptions: AnalysisOptions(), hostCPUs: ["h": cpu])
        XCTAssertEqual(try grouped(described, "openssl-encrypt").subtitle,
                       "h · Intel(R) Xeon(R) CPU E5-2699 v4 @ 2.20GHz (guest)")
    }

    func testCompareChartsPutAAndBOfOneStateSideBySideAFirst() {
        let names = ChartFixtures.comparisonCharts.compactMap { chart -> [String]? in
            guard case let .grouped(model) = chart.model else { return nil }
            return model.series.map(\.name)
        }
        XCTAssertEqual(names.first, ["host-a, without AES-NI", "host-b, without AES-NI", "host-a, with AES-NI",
                                     "host-b, with AES-NI"])
    }

    func testHostsOfAPageShareOneYScalePerChartKindUnlessAskedNot() throws {
        let runs = [ChartFixtures.run(host: "slow", aesni: true), ChartFixtures.run(host: "slow", aesni: false),
                    ChartFixtures.run(host: "fast", aesni: true, speed: 3), ChartFixtures.run(host: "fast", aesni: false, speed: 3)]
        let shared = charts(runs)
        let slow = try grouped(shared, "read-slow")
        let fast = try grouped(shared, "read-fast")
        XCTAssertEqual(slow.valueMaximum, fast.highestNeeded)
        XCTAssertEqual(fast.valueMaximum, fast.highestNeeded)
        XCTAssertNotEqual(try grouped(shared, "write-slow").valueMaximum, slow.valueMaximum, "one scale per kind")
        XCTAssertTrue(slow.caption.contains("--y-scale shared"), slow.caption)
        let own = charts(runs, options: ChartOptions(yScale: .perHost))
        XCTAssertNil(try grouped(own, "read-slow").valueMaximum)
        XCTAssertFalse(try grouped(own, "read-slow").caption.contains("--y-scale"))
        // Drawn: the top tick of both read charts is the same.
        func topTick(_ name: String) throws -> String? {
            try XCTUnwrap(shared.first { $0.name == name }).layout(theme: .light, measurer: FixedWidthMeasurer(),
                                                                   size: ChartSize()).texts(role: .tick).last?.text
        }
        XCTAssertEqual(try topTick("read-slow"), try topTick("read-fast"))
    }

    func testTheRoundsChartShowsEveryRoundInOrderWithGapsAndOutliers() throws {
        var with = ChartFixtures.run(host: "h", aesni: true)
        // Round 4 of the first log fails; round 8 is far off (an outlier by Tukey's fences).
        with.ddLogs[0].rounds[3].failure = "dd: error writing '/dev/mapper/x': No space left on device"
        with.ddLogs[0].rounds[7].transfer?.seconds *= 3
        let runs = [with, ChartFixtures.run(host: "h", aesni: false)]
        let all = charts(runs)
        guard case let .rounds(chart) = try XCTUnwrap(all.first { $0.name == "rounds" }).model else {
            return XCTFail("no rounds chart")
        }
        XCTAssertEqual(chart.categories.count, 12)
        let category = try XCTUnwrap(chart.categories.firstIndex(of: "\(with.ddLogs[0].cipher!) \(with.ddLogs[0].operation!.rawValue)"))
        let line = try XCTUnwrap(chart.lines[category].first { $0.color == Theme.light.withAESNI })
        XCTAssertEqual(line.values.count, 10)
        XCTAssertNil(line.values[3])
        XCTAssertEqual(line.values[0], with.ddLogs[0].rounds[0].bytesPerSecond)
        XCTAssertEqual(line.outliers, [7])
        let drawing = RoundsLayout.layout(chart, theme: .light, measurer: FixedWidthMeasurer())
        // The failed round splits its run's line in two; every other line is whole.
        XCTAssertEqual(drawing.lines(role: .trace).count, 12 * 2 + 1)
        XCTAssertEqual(drawing.rects(role: .highlight).count, chart.lines.joined().map(\.outliers.count).reduce(0, +))
        // Rounds 6 units apart: no points but the outliers'; with room, a point per complete round.
        XCTAssertEqual(drawing.rects(role: .point).count, 0)
        let roomy = RoundsLayout.layout(chart, theme: .light, measurer: FixedWidthMeasurer(),
                                        size: ChartSize(width: 3000, height: 500))
        XCTAssertEqual(roomy.rects(role: .point).count + roomy.rects(role: .highlight).count, 12 * 2 * 10 - 1)
    }
}

/// Fixed text metrics, so the builders' layout checks do not depend on fonts.
struct FixedWidthMeasurer: TextMeasurer {
    func size(of text: String, font: FontSpec) -> Size {
        Size(width: Double(text.count) * font.size * 0.6, height: font.size * 1.2)
    }
}
