import AESReportModel
@testable import AESReportPages
import XCTest

final class PageDiagnosticsTests: XCTestCase {
    func testNotesAreCutOnThePageButErrorsAndWarningsNever() {
        let notes = (1...80).map { Diagnostic(file: "run/file\($0).png", line: nil, severity: .note,
                                               message: "not read: a .png file is not a benchmark log") }
        let warning = Diagnostic(file: "run/a.txt.gz", line: nil, severity: .warning, message: "compressed")
        let error = Diagnostic(file: "run/b.txt", line: 3, severity: .error, message: "bad")
        let shown = HTMLReport.shownDiagnostics(notes + [warning, error], fleet: false)
        XCTAssertEqual(shown.count, HTMLReport.noteLimit + 2)
        XCTAssertEqual(shown.filter { $0.severity == .note }.count, 50)
        XCTAssertEqual(Array(shown.suffix(2)), [warning, error])
        XCTAssertEqual(shown.first?.file, "run/file1.png")
    }
}

/// Issue 12, item 9: every list of diagnostics on the page and in summary.json is cut, with a count.
final class DiagnosticListLimitTests: XCTestCase {
    private func many(_ count: Int, _ severity: Severity) -> [Diagnostic] {
        (1...count).map { Diagnostic(file: "run/f.txt", line: $0, severity: severity, message: "m\($0)") }
    }

    func testWarningsAndErrorsAreCutOnThePageTooErrorsFirst() {
        let warnings = many(3000, .warning)
        let errors = many(10, .error)
        let shown = HTMLReport.shownDiagnostics(warnings + errors, fleet: false)
        XCTAssertEqual(shown.count, HTMLReport.problemLimit)
        XCTAssertEqual(shown.filter { $0.severity == .error }.count, 10, "errors claim their places first")
        XCTAssertEqual(Array(shown.suffix(10)), errors, "in their order")
    }

    func testSummaryJSONListsAThousandDiagnosticsAndCountsTheRest() throws {
        let diagnostics = many(4000, .note) + many(5, .error)
        let listed = ListedDiagnostics(diagnostics)
        XCTAssertEqual(listed.kept.count, SummaryDocument.diagnosticLimit)
        XCTAssertEqual(listed.omitted, 3005)
        XCTAssertEqual(listed.kept.filter { $0.severity == .error }.count, 5)
    }
}
