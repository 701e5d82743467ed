import AESReportCairo
import AESReportCharts
import AESReportModel
import AESReportStats
import XCTest

/// The compare charts laid out with the real fonts: the change over each cipher and each host's gain are drawn as
/// text, every bar has its whisker, the second host is hatched, and the bands name the ratio of the gains.
final class ComparisonChartLayoutTests: XCTestCase {
    func testCompareChartsDrawTheirLabelsWhiskersAndHatching() throws {
        let a = [ChartFixtures.run(host: "dc1/node01", aesni: true), ChartFixtures.run(host: "dc1/node01", aesni: false)]
        let b = [ChartFixtures.run(host: "dc2/node01", aesni: true, speed: 1.27),
                 ChartFixtures.run(host: "dc2/node01", aesni: false, speed: 1.27)]
        let comparison = Comparison(nameA: "dc1/node01", runsA: a, nameB: "dc2/node01", runsB: b,
                                    options: AnalysisOptions())
        let charts = ReportCharts.comparison(comparison, options: ChartOptions())
        XCTAssertEqual(charts.map(\.name), ["compare-read", "compare-write", "compare-gains-read", "compare-gains-write"])
        for chart in charts {
            let drawing = chart.layout(theme: .light, measurer: PangoTextMeasurer(), size: ChartSize())
            let bars = drawing.rects(role: .bar)
            let annotations = drawing.texts(role: .annotation).map(\.text)
            switch chart.model {
            case .grouped(let model):
                let ciphers = model.categories.count
                XCTAssertEqual(bars.count, 4 * ciphers, chart.name)
                XCTAssertEqual(drawing.lines(role: .errorBar).count, 3 * bars.count, "\(chart.name): a whisker and two caps per bar")
                XCTAssertEqual(annotations, model.annotations.compactMap { $0?.text }, chart.name)
                XCTAssertTrue(annotations.allSatisfy { $0.hasPrefix("+27% / +27%") || $0.hasPrefix("+27% / +26%") || $0.hasPrefix("+26% / +27%") },
                              "\(chart.name): \(annotations)")
                XCTAssertEqual(model.subtitle, "A: dc1/node01 · B: dc2/node01")
            case .horizontal(let model):
                XCTAssertEqual(bars.count, 2 * model.categories.count, chart.name)
                XCTAssertEqual(annotations.count, bars.count, "\(chart.name): every gain labelled")
                XCTAssertTrue(drawing.texts(role: .category).allSatisfy { $0.text.contains("· B/A ") }, chart.name)
                XCTAssertEqual(model.series.map(\.hatched), [false, true])
            default:
                XCTFail("\(chart.name): unexpected kind")
            }
        }
    }
}
