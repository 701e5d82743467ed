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
