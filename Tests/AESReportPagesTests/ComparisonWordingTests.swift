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
        XCTAssertTrue(table.hasSuffix("± is the 95% interval of the median\n"), table)
        XCTAssertTrue(document.markdown().contains("`~`: no significant difference (Mann-Whitney U, alpha 0.05); ± is "
            + "the 95% interval of the median."))
        let row = try XCTUnwrap(comparison.rows.first)
        let interval = try XCTUnwrap(row.a.centreInterval.interval)
        XCTAssertNotEqual(interval, row.a.summary.confidenceInterval, "the median's interval, not the mean's")
        let halfWidth = ThroughputFormat.fixed((interval.high - interval.low) / 2 / row.a.centre * 100, decimals: 0)
        XCTAssertEqual(ComparisonDocument.centreText(row.a), ThroughputFormat.si(row.a.centre) + " ± \(halfWidth)%")
    }

    func testTheChangeColumnSaysTheConfidenceAskedFor() {
        let (_, document) = comparison(AnalysisOptions(confidence: 0.99))
        XCTAssertEqual(document.header[3], "change (99% CI)")
        XCTAssertTrue(document.terminalTable().hasSuffix("± is the 99% interval of the mean\n"))
        let (_, defaults) = comparison(AnalysisOptions())
        XCTAssertEqual(defaults.header[3], "change (95% CI)")
    }
}
