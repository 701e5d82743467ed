import AESReportModel
import XCTest

/// One percent formatter for every output: a small loss reads `-0.4%` on a chart and in a table alike, never `-0%`.
final class PercentTextTests: XCTestCase {
    func testGainsRoundToWholePercentsAndKeepOneDecimalBelowOnePercent() {
        XCTAssertEqual(PercentText.signed(91.2), "+91%")
        XCTAssertEqual(PercentText.signed(40.0), "+40%")
        XCTAssertEqual(PercentText.signed(-3.4), "-3%")
        XCTAssertEqual(PercentText.signed(0.42), "+0.4%")
        XCTAssertEqual(PercentText.signed(-0.4), "-0.4%")
        XCTAssertEqual(PercentText.signed(0.96), "+1%")
        XCTAssertEqual(PercentText.signed(-0.94), "-0.9%")
    }

    func testChartsUseTheTypographicMinusWithTheSameDigits() {
        XCTAssertEqual(PercentText.signed(-0.4, minus: .typographic), "−0.4%")
        XCTAssertEqual(PercentText.signed(-3.4, minus: .typographic), "−3%")
        XCTAssertEqual(PercentText.signed(12.5, minus: .typographic), "+13%")
    }

    func testConfidenceLevelsAreWrittenAsPeopleWriteThem() {
        XCTAssertEqual(PercentText.level(0.95), "95%")
        XCTAssertEqual(PercentText.level(0.999), "99.9%")
        XCTAssertEqual(PercentText.level(0.9), "90%")
    }
}
