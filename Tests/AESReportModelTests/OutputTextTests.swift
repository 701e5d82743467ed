import AESReportModel
import XCTest

/// The escapers of `OutputText.swift` and the host file names, one promise per test (issue 12 items 7, 13, 14).
final class OutputTextTests: XCTestCase {
    func testCollidingEmptyAndOverlongHostNamesGetDistinctShortFileNames() {
        let long = String(repeating: "x", count: 250)
        let hosts = ["Host A", "host-a", "host_a", "!!!", "???", long, "skylake"]
        let names = HostFileNames.names(hosts)
        XCTAssertEqual(Set(names.values).count, hosts.count, "\(names)")
        XCTAssertEqual(names["skylake"], "skylake", "a unique slug stays as it is")
        XCTAssertTrue(names["Host A"]!.hasPrefix("host-a_"))
        XCTAssertTrue(names["!!!"]!.hasPrefix("_"))
        XCTAssertLessThanOrEqual(names[long]!.utf8.count, HostFileNames.maximumSlugBytes + 13)
        XCTAssertEqual(HostFileNames.names(hosts), names, "stable")
        XCTAssertEqual(HostFileNames.names(["Host A", "host-a"])["Host A"], names["Host A"], "the hash is of the name")
    }

    func testAHashedNameNeverMeetsAPlainSlug() {
        let hashed = HostFileNames.names(["A", "a"])["A"]!
        let names = HostFileNames.names(["A", "a", hashed])
        XCTAssertEqual(Set(names.values).count, 3, "\(names)")
    }

    func testSlugKeepsNoCombiningOrInvisibleCharacter() {
        // The names fuzz target's one find: `3` + U+0312 passed as one "number" character.
        XCTAssertEqual(Slug.of("a[3\u{312}\u{E0041}b"), "a-3-b")
        XCTAssertEqual(Slug.of("Skylake Gold 6148"), "skylake-gold-6148")
    }

    func testTerminalTextShowsControlsAsLsDoes() {
        XCTAssertEqual(TerminalText.escape("a\u{1B}[31mb\r\n\tc\u{7}"), "a\\033[31mb\\r\\n\\tc\\a")
        XCTAssertEqual(TerminalText.escape("x\u{9B}y\u{202E}z"), "x\\302\\233y\\u202Ez")
        XCTAssertEqual(TerminalText.escape("plain/path ü"), "plain/path ü")
    }

    func testMarkdownTextEndsNoLineAndStartsNoBlock() {
        // CR LF is one Swift Character: the old escaper's "\n" and "\r" cases did not match it.
        XCTAssertEqual(MarkdownText.escape("evil\r\n# heading"), "evil  # heading")
        XCTAssertEqual(MarkdownText.escape("# x"), "\\# x")
        XCTAssertEqual(MarkdownText.escape("  - x"), "  \\- x")
        XCTAssertEqual(MarkdownText.escape("-"), "-", "a placeholder cell stays")
        XCTAssertEqual(MarkdownText.escape("a\u{0}b\u{2028}c"), "a\u{FFFD}b c")
    }

    func testCSVTextCellsNeverStartAFormulaAndNumbersStayNumbers() {
        for text in ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            XCTAssertEqual(CSVText.text(text), "'" + text)
        }
        XCTAssertEqual(CSVText.text("host"), "host")
        XCTAssertEqual(CSVText.number(-0.5), "-0.5")
        XCTAssertEqual(CSVText.line([CSVText.text("=a,b")]), "\"'=a,b\"")
    }

    func testMarkupTextReplacesControlsXMLForbids() {
        XCTAssertEqual(MarkupText.escape("Evil\u{0}\u{1}CPU\u{1B}<&>\"'\t\n"),
                       "Evil\u{FFFD}\u{FFFD}CPU\u{FFFD}&lt;&amp;&gt;&quot;&#39;\t\n")
        XCTAssertEqual(MarkupText.sanitize("a\u{FFFF}\u{85}b"), "a\u{FFFD}\u{FFFD}b")
    }

    func testBidiOverridesAreClosedAndIsolated() {
        XCTAssertEqual(BidiText.balanced("a\u{202E}b"), "a\u{202E}b\u{202C}")
        XCTAssertEqual(BidiText.isolate("a\u{2069}\u{202E}b"), "\u{2068}a\u{202E}b\u{202C}\u{2069}",
                       "an unmatched PDI cannot end the isolate early")
        XCTAssertEqual(BidiText.isolate("Skylake"), "Skylake")
        XCTAssertEqual(MarkupText.page("<p>x\u{202E}y</p><p>z</p>"), "<p>x\u{202E}y\u{202C}</p><p>z</p>")
    }
}
