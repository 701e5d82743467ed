@testable import AESReportPages
import XCTest

/// Terminal tables align by the columns characters take on screen, not by their count: a host named in Chinese
/// (two columns a character) misaligned compare's table by three columns (found by a review as a user).
final class TextTableTests: XCTestCase {
    func testWideCharactersTakeTwoColumnsAndMarksNone() {
        XCTAssertEqual(TextTable.displayWidth("主机-二"), 7)
        XCTAssertEqual(TextTable.displayWidth("host one"), 8)
        XCTAssertEqual(TextTable.displayWidth("e\u{301}"), 1, "e and a combining acute accent")
        XCTAssertEqual(TextTable.displayWidth("ｆｕｌｌ"), 8, "fullwidth forms")
    }

    func testColumnsEndAtTheSameScreenColumnWhateverTheScript() {
        let table = TextTable.render([["series", "主机-二", "host one"], ["aes-xts read", "1.2 GB/s", "1.3 GB/s"]],
                                     rightAligned: [1, 2])
        let lines = table.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 2)
        XCTAssertEqual(TextTable.displayWidth(lines[0]), TextTable.displayWidth(lines[1]), table)
        // The second column ends where its widest cell (8 columns) ends: right-aligned cells line up.
        XCTAssertTrue(lines[0].hasPrefix("series         主机-二"), table)
        XCTAssertTrue(lines[1].hasPrefix("aes-xts read  1.2 GB/s"), table)
    }
}
