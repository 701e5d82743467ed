import AESReportModel
import Foundation
import XCTest

/// Issue 25, items 9 and 10: a copy-paste suggestion a file name could break out of, and raw terminal escapes in
/// summary.csv.
final class EscapingRoundTwoTests: XCTestCase {
    /// What `sh` makes of `word`: it must be the one argument `expected`.
    private func shellReads(_ word: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "printf '%s|' " + word]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    func testAQuoteInAFileNameCannotEndItsQuotesInASuggestion() throws {
        // The review's name: `gunzip -k '...'` printed `...write';touch $HOME$(id)pwned;'.txt.gz'`.
        let name = "aes-cbc-plain-write';touch $HOME$(id)pwned;'.txt.gz"
        XCTAssertEqual(ShellWord.file(name), #"'aes-cbc-plain-write'\'';touch $HOME$(id)pwned;'\''.txt.gz'"#)
        for word in [name, "it's", "'", "''", "-rf", "a b", "$(id)", "`id`", "\\'", "x\ny", "", "plain.txt"] {
            XCTAssertEqual(try shellReads(ShellWord.file(word)), (word.hasPrefix("-") ? "./" : "") + word + "|", word)
            XCTAssertEqual(try shellReads(word.isEmpty ? "''" : ShellWord.quoted(word)), word + "|", word)
        }
        XCTAssertEqual(ShellWord.quoted("plain-1.0_x/y"), "plain-1.0_x/y", "plain words stay as they are")
    }

    func testCSVTextCellsCarryNoControlCharacterButTabAndLineBreaks() {
        let host = "host\u{1B}[31mRED\u{1B}]8;;http://x\u{07}link\u{1B}]8;;\u{07}\u{7F}\u{9B}2J"
        XCTAssertEqual(CSVText.text(host), "host\u{FFFD}[31mRED\u{FFFD}]8;;http://x\u{FFFD}link\u{FFFD}]8;;\u{FFFD}\u{FFFD}\u{FFFD}2J")
        XCTAssertEqual(CSVText.text("a\tb\nc\rd"), "a\tb\nc\rd", "kept: RFC 4180 quotes them")
        XCTAssertEqual(CSVText.text("\u{1B}=cmd"), "\u{FFFD}=cmd")
        XCTAssertEqual(CSVText.text("=1+2"), "'=1+2")
        XCTAssertEqual(CSVText.text("héllo ✓"), "héllo ✓")
    }
}
