@testable import AESReportPages
import XCTest

/// Partials without a cycle can still multiply: each used twice at 41 levels renders 2^41 copies.
final class TemplateBoundsTests: XCTestCase {
    func testPartialsThatMultiplyBeyondTheBoundAreRefusedBeforeRendering() throws {
        var files = ["report": "<p>{{> p0}}</p>"]
        for level in 0..<41 { files["p\(level)"] = "{{> p\(level + 1)}}{{> p\(level + 1)}}" }
        files["p41"] = "x"
        let started = Date()
        XCTAssertThrowsError(try HTMLTemplates.checkPartials(files, source: "tp")) { error in
            XCTAssertTrue("\(error)".contains("its partials expand to more than 16 MiB of template text"), "\(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "the bound is computed, not rendered")
        // Ten levels (1,024 copies) are fine.
        var small = ["report": "{{> p0}}"]
        for level in 0..<10 { small["p\(level)"] = "{{> p\(level + 1)}}{{> p\(level + 1)}}" }
        small["p10"] = "x"
        XCTAssertNoThrow(try HTMLTemplates.checkPartials(small, source: "tp"))
    }

    /// An adversarial review: 1,000 nested sections (12 KB) crashed the engine's parser (SIGSEGV), and 40 nested
    /// `{{#hosts}}` never ended (each level renders the enclosing list again). Both are refused when loaded.
    func testDeepOrSelfNestedSectionsAreRefusedBeforeParsing() throws {
        let deep = String(repeating: "{{#a}}", count: 1000) + String(repeating: "{{/a}}", count: 1000)
        XCTAssertThrowsError(try HTMLTemplates.checkPartials(["report": deep], source: "tp")) { error in
            XCTAssertTrue("\(error)".contains("is opened inside a section of the same name"), "\(error)")
        }
        let distinct = (0..<40).map { "{{#s\($0)}}" }.joined() + (0..<40).reversed().map { "{{/s\($0)}}" }.joined()
        XCTAssertThrowsError(try HTMLTemplates.checkPartials(["report": distinct], source: "tp")) { error in
            XCTAssertTrue("\(error)".contains("sections nest more than 32 deep"), "\(error)")
        }
        let same = "<html>" + String(repeating: "{{#hosts}}", count: 40) + "x" + String(repeating: "{{/hosts}}", count: 40)
        XCTAssertThrowsError(try HTMLTemplates.checkPartials(["report": same], source: "tp"))
        // Behind changed delimiters too, and inverted sections count.
        XCTAssertThrowsError(try HTMLTemplates.checkPartials(["report": "{{=<% %>=}}<%#hosts%><%^hosts%>x<%/hosts%><%/hosts%>"],
                                                             source: "tp"))
        // Siblings of one name, and the shipped templates, are fine.
        XCTAssertNoThrow(try HTMLTemplates.checkPartials(["report": "{{#hosts}}a{{/hosts}}{{#hosts}}b{{/hosts}}"],
                                                         source: "tp"))
        XCTAssertNoThrow(try HTMLTemplates.embedded())
    }
}
