@testable import AESReportFiles
import CInterruptCleanup
import Foundation
import XCTest

/// A file reserved first takes its place in the commit order, however late its bytes come.
final class ReservedFileTests: XCTestCase {
    private func temporaryPath() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-reserve-\(UUID().uuidString)").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func testAReservedFileIsCommittedInTheOrderItWasReserved() throws {
        let folder = try OutputFolder(path: temporaryPath(), listing: true)
        let late = try folder.reserve("summary.json")
        try folder.stage("index.html", bytes: Array("page".utf8))
        try folder.write(late) { write in try write(Array("{}".utf8)[...]) }
        let result = folder.commit()
        XCTAssertEqual(result.written, ["summary.json", "index.html"])
        XCTAssertEqual(try String(contentsOfFile: folder.path + "/summary.json", encoding: .utf8), "{}")
    }

    /// Charts are written on several threads as they are drawn: the files that failed are still named in the order
    /// they were reserved, not the order their writes failed.
    func testFailuresAreListedInTheReservedOrder() throws {
        struct Broken: Error {}
        let folder = try OutputFolder(path: temporaryPath(), listing: true)
        let files = try ["a.png", "b.png", "c.png", "d.png"].map { try folder.reserve($0) }
        for index in [3, 1, 2] {
            XCTAssertThrowsError(try folder.write(files[index]) { _ in throw Broken() })
        }
        try folder.write(files[0]) { write in try write([1][...]) }
        let result = folder.commit()
        XCTAssertEqual(result.written, ["a.png"])
        XCTAssertEqual(result.failed.map(\.name), ["b.png", "c.png", "d.png"])
    }

    func testAFailedWriteIntoAReservedFileIsNamedByTheCommitAndLeavesNothing() throws {
        struct Broken: Error {}
        let folder = try OutputFolder(path: temporaryPath(), listing: true)
        let file = try folder.reserve("summary.csv")
        XCTAssertThrowsError(try folder.write(file) { _ in throw Broken() })
        let result = folder.commit()
        XCTAssertEqual(result.written, [])
        XCTAssertEqual(result.failed.map(\.name), ["summary.csv"])
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        XCTAssertFalse(left.contains { $0.hasPrefix(OutputFolder.temporaryPrefix) || $0 == "summary.csv" }, "\(left)")
    }
}

/// The temporary files a report is writing are named where a signal handler can remove them (`CInterruptCleanup`).
final class InterruptCleanupTests: XCTestCase {
    func testStagedTemporariesAreRemovedByTheHandlersCallAndForgottenWithTheirFolder() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-cleanup-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var folder: OutputFolder? = try OutputFolder(path: path, listing: true)
        let first = try XCTUnwrap(folder).reserve("summary.json")
        _ = try XCTUnwrap(folder).reserve("summary.csv")
        let temporaries = { try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasPrefix(".aesreport-tmp-") } }
        XCTAssertEqual(try temporaries().count, 2)
        XCTAssertGreaterThanOrEqual(aesreport_interrupt_cleanup_unlink_all(), 2)
        XCTAssertEqual(try temporaries(), [])
        _ = first
        // Once the folder is closed its names are forgotten: a descriptor number reused elsewhere is not touched.
        folder = nil
        let other = try OutputFolder(path: path + "-other", listing: true)
        defer { try? FileManager.default.removeItem(atPath: path + "-other") }
        _ = try other.reserve("index.html")
        // Its temporary and its lock file, which the handler removes too.
        XCTAssertEqual(aesreport_interrupt_cleanup_unlink_all(), 2)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: path + "-other"), [])
    }
}
