import Foundation
import XCTest

/// `report --summary-samples`: the option reaches summary.json, summary.csv stays the same, a wrong value is refused.
final class SummarySamplesOptionTests: CommandLineTestCase {
    func testNoneLeavesTheSamplesOutOfSummaryJSONOnly() throws {
        let host = "SampleData/broadwell-e5-2699v4"
        XCTAssertEqual(try aesreport(["report", host, "-o", path("all"), "--format", "json,csv", "--quiet"]).status, 0)
        let none = try aesreport(["report", host, "-o", path("none"), "--format", "json,csv", "--quiet",
                                  "--summary-samples", "none"])
        XCTAssertEqual(none.status, 0, none.stderr)
        let allJSON = try String(contentsOfFile: path("all/summary.json"), encoding: .utf8)
        let noneJSON = try String(contentsOfFile: path("none/summary.json"), encoding: .utf8)
        XCTAssertTrue(allJSON.contains("\"samples\" : ["))
        XCTAssertTrue(allJSON.contains("\"sample_rounds\" : ["))
        XCTAssertFalse(noneJSON.contains("\"samples\""))
        XCTAssertFalse(noneJSON.contains("\"sample_rounds\""))
        XCTAssertTrue(noneJSON.contains("\"mean\" : "))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path("all/summary.csv"))),
                       try Data(contentsOf: URL(fileURLWithPath: path("none/summary.csv"))))
    }

    func testAnUnknownValueIsRefused() throws {
        let result = try aesreport(["report", "SampleData/broadwell-e5-2699v4", "-o", path("x"),
                                    "--summary-samples", "some"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("summary-samples"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("x/summary.json")))
    }
}
