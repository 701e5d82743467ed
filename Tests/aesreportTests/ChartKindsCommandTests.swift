import Foundation
import XCTest

/// `--charts`: only the kinds asked for are drawn, written and shown on the page; a name that is no kind is a usage
/// error naming every kind.
final class ChartKindsCommandTests: CommandLineTestCase {
    func testOnlyTheChartKindsAskedForAreWrittenAndShown() throws {
        let result = try aesreport(["report", "SampleData/broadwell-e5-2699v4", "-o", path("out"),
                                    "--charts", "read,write,speedup", "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let files = try FileManager.default.contentsOfDirectory(atPath: path("out")).sorted()
        XCTAssertEqual(files, [".aesreport-files", "index.html", "read.png", "read.svg", "speedup.png", "speedup.svg", "summary.csv",
                               "summary.json", "summary.md", "write.png", "write.svg"])
        let page = try String(contentsOfFile: path("out") + "/index.html", encoding: .utf8)
        XCTAssertFalse(page.contains("rounds.png"))
        XCTAssertTrue(page.contains("speedup.png"))
    }

    func testAnUnknownChartKindIsAUsageErrorListingTheKinds() throws {
        let result = try aesreport(["report", "SampleData", "-o", path("out"), "--charts", "read,pie"])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.stderr.contains("The value 'read,pie' is invalid for '--charts"), result.stderr)
        XCTAssertTrue(result.stderr.contains("openssl-speedup, cryptsetup, tcrypt-speedup"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("out")))
    }
}
