@testable import AESReportFiles
import Foundation
import XCTest

/// Issue 25, item 7: ownership was judged by uid only. A root-owned world-writable file elsewhere, hard-linked at
/// `index.html` by another user, is root's by uid, so root's new page kept its 0666 mode and the other user could
/// edit it. A file with a second link is not ours to keep the mode of, to read as our listing, or to remove.
final class HardLinkOwnershipTests: XCTestCase {
    private var base: String!
    private var folder: String!

    override func setUpWithError() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-hardlink-\(UUID().uuidString)").path
        folder = base + "/shared"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: base)
    }

    private func mode(_ path: String) -> mode_t {
        var info = stat()
        XCTAssertEqual(lstat(path, &info), 0, path)
        return info.st_mode & 0o7777
    }

    func testAHardLinkedFileOfOursLendsNoModeToTheNewFile() throws {
        let elsewhere = base + "/world-writable"
        try "theirs".write(toFile: elsewhere, atomically: false, encoding: .utf8)
        XCTAssertEqual(chmod(elsewhere, 0o666), 0)
        XCTAssertEqual(link(elsewhere, folder + "/index.html"), 0)
        let previous = umask(0o022)
        defer { umask(previous) }
        do {
            let run = try OutputFolder(path: folder, listing: true)
            try run.stage("index.html", bytes: Array("<html>".utf8))
            XCTAssertEqual(run.commit().written, ["index.html"])
        }
        XCTAssertEqual(mode(folder + "/index.html"), 0o644, "the usual mode, not the linked file's 0666")
        XCTAssertEqual(try String(contentsOfFile: elsewhere, encoding: .utf8), "theirs", "the other file untouched")
        XCTAssertEqual(mode(elsewhere), 0o666)
        // A file of ours with one link keeps its mode, as before.
        XCTAssertEqual(chmod(folder + "/index.html", 0o640), 0)
        let again = try OutputFolder(path: folder, listing: true)
        try again.stage("index.html", bytes: Array("<html>2".utf8))
        _ = again.commit()
        XCTAssertEqual(mode(folder + "/index.html"), 0o640)
    }

    func testAHardLinkedListingIsNotTrustedAndAHardLinkedOutputIsNotRemoved() throws {
        // Another user links a root-owned world-writable file as the listing, naming `summary.md` (and hard-links
        // a file to keep at `read.svg`).
        let listing = base + "/listing"
        try "read.svg\nsummary.md\n".write(toFile: listing, atomically: false, encoding: .utf8)
        XCTAssertEqual(link(listing, folder + "/" + OutputFolder.listingName), 0)
        try "ours".write(toFile: folder + "/summary.md", atomically: false, encoding: .utf8)
        let kept = base + "/kept"
        try "kept".write(toFile: kept, atomically: false, encoding: .utf8)
        XCTAssertEqual(link(kept, folder + "/read.svg"), 0)
        do {
            let run = try OutputFolder(path: folder, listing: true)
            try run.stage("summary.json", bytes: [1])
            XCTAssertEqual(run.commit().removed, [], "a listing with a second link is not ours")
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/summary.md"))
        // Our own listing names read.svg; the file there has a second link: not removed.
        try "read.svg\n".write(toFile: folder + "/" + OutputFolder.listingName + ".new", atomically: false, encoding: .utf8)
        XCTAssertEqual(rename(folder + "/" + OutputFolder.listingName + ".new", folder + "/" + OutputFolder.listingName), 0)
        let second = try OutputFolder(path: folder, listing: true)
        try second.stage("summary.json", bytes: [2])
        XCTAssertEqual(second.commit().removed, [])
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/read.svg"))
    }
}
