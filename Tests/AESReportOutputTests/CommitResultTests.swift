@testable import AESReportFiles
import AESReportModel
import AESReportOutput
import XCTest

final class CommitResultTests: XCTestCase {
    func testFilesThatFailedForOneReasonAreOneErrorAndALoneFailureNamesItsFile() {
        var result = OutputFolder.CommitResult()
        result.failed = [.init(name: "a.png", reason: "No space left on device"),
                         .init(name: "summary.json", reason: "Read-only file system"),
                         .init(name: "b.png", reason: "No space left on device")]
        let diagnostics = result.failureDiagnostics(folder: "out")
        XCTAssertEqual(diagnostics.map(\.file), ["out", "out/summary.json"])
        XCTAssertEqual(diagnostics.map(\.message), [
            "cannot write into this folder: No space left on device; 2 files not written: a.png, b.png",
            "not written: Read-only file system",
        ])
        XCTAssertTrue(diagnostics.allSatisfy { $0.severity == .error })
    }

    func testThePageIsAnnouncedFirst() {
        var result = OutputFolder.CommitResult()
        result.written = ["summary.json", "read.png", "index.html", "summary.md"]
        XCTAssertEqual(result.writtenPageFirst, ["index.html", "summary.json", "read.png", "summary.md"])
    }
}
