import AESReportFiles
import Foundation
import XCTest

/// Issue 25, item 6 of the review: an interrupted `collect openssl` removed the folders it had created by path, so
/// a parent swapped for a link meanwhile made root remove an empty folder elsewhere. Folders are now removed by
/// their parent's descriptor, held since they were made, and their name.
final class RemovalByDescriptorTests: XCTestCase {
    private var base: String!

    override func setUpWithError() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-rmdir-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: base)
    }

    func testCreatedFoldersAreRemovedWhereTheyWereMadeNotWhereAPathNowLeads() throws {
        // Someone else's empty folders, where a swapped link would lead.
        try FileManager.default.createDirectory(atPath: base + "/elsewhere/b/c", withIntermediateDirectories: true)
        let folder = try OutputFolder(path: base + "/a/b/c")
        XCTAssertEqual(folder.createdFolders, [base + "/a", base + "/a/b", base + "/a/b/c"])
        // The parent swapped for a link while the run works.
        XCTAssertEqual(rename(base + "/a", base + "/a-moved"), 0)
        XCTAssertEqual(symlink(base + "/elsewhere", base + "/a"), 0)
        folder.removeCreatedFoldersIfEmpty()
        XCTAssertTrue(FileManager.default.fileExists(atPath: base + "/elsewhere/b/c"), "nothing removed through the link")
        XCTAssertFalse(FileManager.default.fileExists(atPath: base + "/a-moved/b"), "ours removed where they are")
        withExtendedLifetime(folder) {}
    }

    func testAnEmptyRunLeavesNoFolderAndNoLockFile() throws {
        do {
            let folder = try OutputFolder(path: base + "/x/y")
            folder.removeCreatedFoldersIfEmpty()
            withExtendedLifetime(folder) {}
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: base), [])
    }
}
