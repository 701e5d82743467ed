@testable import AESReportFiles
import Foundation
import XCTest

/// The writer against another user who can write the output folder, and against faults (issue 12, items 1, 17, 18).
final class OutputFolderTests: XCTestCase {
    private var folder: String!
    private var outside: String!

    override func setUpWithError() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-writer-\(UUID().uuidString)")
        folder = base.appendingPathComponent("shared").path
        outside = base.appendingPathComponent("private").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: folder).deletingLastPathComponent().path)
    }

    /// Item 1: symbolic links and FIFOs at every name a temporary file could take (the old `.NAME.tmp-PID` for the
    /// next PIDs, and each name the generator hands out before a free one) are neither followed nor opened.
    func testPlantedLinksAndFIFOsAtTemporaryNamesAreNeverFollowedOrOpened() throws {
        let victim = outside + "/root-only"
        try "secret\n".write(toFile: victim, atomically: false, encoding: .utf8)
        chmod(victim, 0o600)
        let pid = getpid()
        var planted: [String] = []
        for next in pid..<(pid + 50) {
            try FileManager.default.createSymbolicLink(atPath: folder + "/.index.html.tmp-\(next)",
                                                       withDestinationPath: victim)
        }
        for i in 0..<20 {
            let name = OutputFolder.temporaryPrefix + "planted-\(i)"
            if i % 2 == 0 {
                try FileManager.default.createSymbolicLink(atPath: folder + "/" + name, withDestinationPath: victim)
            } else {
                XCTAssertEqual(mkfifo(folder + "/" + name, 0o666), 0)
            }
            planted.append(name)
        }
        let output = try OutputFolder(path: folder, lock: false)
        var handedOut = planted.makeIterator()
        output.temporaryNames = { handedOut.next() ?? OutputFolder.temporaryPrefix + "free" }
        try output.stage("index.html", bytes: Array("<html>page</html>\n".utf8))
        XCTAssertEqual(output.commit().written, ["index.html"])
        XCTAssertEqual(try String(contentsOfFile: victim, encoding: .utf8), "secret\n", "the link was not followed")
        XCTAssertEqual(try String(contentsOfFile: folder + "/index.html", encoding: .utf8), "<html>page</html>\n")
        var st = stat()
        XCTAssertEqual(lstat(folder + "/" + planted[1], &st), 0)
        XCTAssertEqual(st.st_mode & S_IFMT, S_IFIFO, "the FIFO is left as it was, never opened (no hang)")
    }

    /// Item 18: a replaced file keeps its mode (0600 stays 0600); a new one gets 0666 less the umask.
    func testAReplacedFileKeepsItsModeAndANewOneGetsTheUsualMode() throws {
        let path = folder + "/summary.json"
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o600)
        try AtomicFileWriter.write("new", to: path)
        try AtomicFileWriter.write("new", to: folder + "/summary.csv")
        var st = stat()
        XCTAssertEqual(stat(path, &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o600)
        let mask = umask(0)
        umask(mask)
        XCTAssertEqual(stat(folder + "/summary.csv", &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o666 & ~mask)
    }

    /// Item 17: temporary files of killed runs (the tool's own name, a pid that is gone) are removed under the lock; files an earlier run listed and this run
    /// did not write (stale charts) are removed; other files are left alone.
    func testStaleTemporariesAndStaleChartsOfEarlierRunsAreRemoved() throws {
        try "half".write(toFile: folder + "/" + OutputFolder.temporaryPrefix + "4000000-dead", atomically: false,
                         encoding: .utf8)
        try "old".write(toFile: folder + "/.summary.json.tmp-999999", atomically: false, encoding: .utf8)
        try "mine".write(toFile: folder + "/notes.txt", atomically: false, encoding: .utf8)
        do {
            let first = try OutputFolder(path: folder, listing: true)
            try first.stage("read-old-host.png", bytes: [1])
            try first.stage("index.html", bytes: [2])
            XCTAssertEqual(first.commit().written, ["read-old-host.png", "index.html"])
        }
        let second = try OutputFolder(path: folder, listing: true)
        try second.stage("index.html", bytes: [3])
        let result = second.commit()
        XCTAssertEqual(result.removed, ["read-old-host.png"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).sorted(),
                       [OutputFolder.listingName, OutputFolder.lockName, ".summary.json.tmp-999999", "index.html", "notes.txt"],
                       "the old `.NAME.tmp-PID` form is left: other users' files look alike (`.thesis.tmp-4000000`)")
    }

    /// Item 17: a file that cannot be written is named, and the others are still written.
    func testAFailedFileIsNamedAndTheOthersAreWritten() throws {
        try FileManager.default.createDirectory(atPath: folder + "/summary.csv", withIntermediateDirectories: true)
        let output = try OutputFolder(path: folder, listing: true)
        try output.stage("summary.csv", bytes: [1])
        try output.stage("summary.json", bytes: [2])
        struct DiskFull: Error, CustomStringConvertible { var description: String { "No space left on device" } }
        XCTAssertThrowsError(try output.stage("index.html") { write in
            try write([1, 2][...])
            throw DiskFull()
        })
        let result = output.commit()
        XCTAssertEqual(result.written, ["summary.json"])
        XCTAssertEqual(result.failed.map(\.name).sorted(), ["index.html", "summary.csv"])
        XCTAssertTrue(result.failed.contains { $0.reason == "No space left on device" }, "\(result.failed)")
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: folder)
            .contains { $0.hasPrefix(OutputFolder.temporaryPrefix) })
    }

    /// Item 17: a second writer into a locked folder waits, and says so.
    func testASecondRunIntoALockedFolderWaitsAndSaysSo() throws {
        let box = Box(try OutputFolder(path: folder))
        let said = expectation(description: "the second run says it waits")
        let done = expectation(description: "the second run gets the folder once the first is gone")
        let path = folder!
        Thread {
            _ = try? OutputFolder(path: path) { message in
                XCTAssertTrue(message.contains("another aesreport run is writing into"), message)
                said.fulfill()
                box.value = nil // the first run ends
            }
            done.fulfill()
        }.start()
        wait(for: [said, done], timeout: 10)
    }

    private final class Box: @unchecked Sendable {
        var value: OutputFolder?
        init(_ value: OutputFolder) { self.value = value }
    }
}
