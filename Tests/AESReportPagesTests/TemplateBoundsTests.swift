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
}
