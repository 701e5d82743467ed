import AESReportIngest
import AESReportModel
@testable import AESReportPages
import AESReportStats
import XCTest

/// A comparison's `±` and its change column say the method's centre and confidence (`Method+Wording`), and the
/// `±` is the half-width of that centre's own interval.
final class ComparisonWordingTests: XCTestCase {
    func comparison(_ options: AnalysisOptions) -> (Comparison, ComparisonDocument) {
        let discovery = RunDiscovery()
        let a = discovery.discover(paths: [JSONContractTests.sampleData + "/broadwell-e5-2699v4"]).runs
        let b = discovery.discover(paths: [JSONContractTests.sampleData + "/skylake-gold-6148"]).runs
        let comparison = Comparison(nameA: "a", runsA: a, nameB: "b", runsB: b, options: options)
        return (comparison, ComparisonDocument(comparison: comparison, options: options, diagnostics: [], version: "t"))
    }

    func testTheMediansComparisonSaysMedianAndShowsTheMediansInterval() throws {
        let (comparison, document) = comparison(AnalysisOptions(centre: .median))
        let table = document.terminalTable()
        XCTAssertTrue(table.contains("± (or + −) is the 95% interval of the median\n"), table)
        XCTAssertTrue(table.contains("Mann-Whitney"), table)
        XCTAssertTrue(table.contains("gain ratio: ratio of the two gains (of medians); 95% interval by a seeded percentile "
            + "bootstrap"), table)
        XCTAssertTrue(document.markdown().contains("~: no significant difference (Mann-Whitney U test, alpha 0.05); "
            + "n/a: untested (too few rounds); ± (or + −) is the 95% interval of the median"), document.markdown())
        let row = try XCTUnwrap(comparison.rows.first)
        let interval = try XCTUnwrap(row.a.centreInterval.interval)
        XCTAssertNotEqual(interval, row.a.summary.confidenceInterval, "the median's interval, not the mean's")
        // A median's interval is seldom symmetric: both sides are shown then, never a half-width; `±` only where the
        // two sides round to the same whole percent.
        var asymmetric = 0
        for side in comparison.rows.flatMap({ [$0.a, $0.b] }) {
            let ci = try XCTUnwrap(side.centreInterval.interval)
            let above = ThroughputFormat.fixed((ci.high - side.centre) / side.centre * 100, decimals: 0)
            let below = ThroughputFormat.fixed((side.centre - ci.low) / side.centre * 100, decimals: 0)
            XCTAssertEqual(ComparisonDocument.centreText(side), ThroughputFormat.si(side.centre)
                + (above == below ? " ± \(above)%" : " +\(above)% −\(below)%"))
            if above != below { asymmetric += 1 }
        }
        XCTAssertGreaterThan(asymmetric, 20, "most medians' intervals are asymmetric on SampleData")
    }

    func testTheChangeColumnSaysTheConfidenceAskedFor() {
        let (_, document) = comparison(AnalysisOptions(confidence: 0.99))
        XCTAssertEqual(document.rowsTable(pair: 0).header[3], "change (99% CI)")
        XCTAssertTrue(document.terminalTable().contains("± (or + −) is the 99% interval of the mean"))
        let (_, defaults) = comparison(AnalysisOptions())
        XCTAssertEqual(defaults.rowsTable(pair: 0).header[3], "change (95% CI)")
    }
}
