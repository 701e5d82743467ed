import AESReportCairo
import AESReportOutput
import XCTest

final class OutputFormatListTests: XCTestCase {
    func testNamesAreTrimmedLowercasedAndKeptInTheOrderGiven() {
        let list = OutputFormatList(" SVG, html ,png")
        XCTAssertEqual(list.formats, [.svg, .html, .png])
        XCTAssertEqual(list.imageFormats, [.svg, .png])
        XCTAssertTrue(list.contains(.html))
        XCTAssertFalse(list.contains(.json))
        XCTAssertTrue(list.unknown.isEmpty)
    }

    func testUnknownAndBlankNamesAreKeptForTheCommandToName() {
        let list = OutputFormatList("html, ,jpeg")
        XCTAssertEqual(list.unknown, ["", "jpeg"])
        XCTAssertFalse(list.isEmpty)
        XCTAssertTrue(OutputFormatList(" ").isEmpty)
        XCTAssertTrue(OutputFormatList("").isEmpty)
    }

    func testTheDefaultIsEverythingButPDF() {
        XCTAssertEqual(OutputFormatList().formats, [.html, .json, .csv, .md, .png, .svg])
        XCTAssertEqual(OutputFormatList().text, "html,json,csv,md,png,svg")
    }
}
