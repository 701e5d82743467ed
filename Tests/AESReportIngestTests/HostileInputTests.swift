#if canImport(Glibc)
import Glibc
#endif
import AESReportIngest
import AESReportModel
import Foundation
import XCTest

/// Input that other programs, damaged disks or hostile users produce: a diagnostic each, never a crash or a hang.
final class HostileInputTests: XCTestCase {
    private let round = "20+0 records in\n20+0 records out\n21474836480 bytes (21 GB) copied, 10.2345 s, 2.1 GB/s\n"

    func testAPipeIsReportedNotWaitedOn() throws {
        let folder = try TemporaryFolder()
        let fifo = folder.path + "/aes-cbc-plain-read.txt"
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        let started = Date()
        let parsed = DDLogParser.parse(file: fifo)
        XCTAssertLessThan(Date().timeIntervalSince(started), 30, "opening a FIFO without a writer must not block")
        XCTAssertNil(parsed.value)
        XCTAssertTrue(parsed.diagnostics[0].message.contains("not a regular file"))
        let found = RunDiscovery().discover(paths: [folder.path])
        XCTAssertTrue(found.diagnostics.contains { $0.message.contains("not a regular file") })
    }

    func testAHundredMegabyteLineWithoutANewlineIsCutAndReported() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/aes-cbc-plain-read.txt"
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.write(contentsOf: Data(round.utf8))
        let block = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<100 { try handle.write(contentsOf: block) }
        try handle.close()
        let parsed = DDLogParser.parse(file: path)
        XCTAssertEqual(parsed.value?.rounds.count, 1)
        XCTAssertEqual(parsed.value?.completeRounds.count, 1)
        XCTAssertTrue(parsed.diagnostics.contains { $0.line == 4 && $0.message.contains("longer than") })
    }

    func testNonUTF8BytesAndNULsAreReadAsBytes() {
        var bytes = Array(round.utf8)
        bytes += [0xFF, 0xFE, 0x00, 0xC3, 0x28, 0x0A]
        bytes += Array(round.utf8).map { $0 == UInt8(ascii: "b") ? 0xE9 : $0 } // "bytes" with a Latin-1 é
        let parsed = DDLogParser.parse(bytes: bytes, path: "latin1-read.txt")
        XCTAssertEqual(parsed.value?.completeRounds.count, 2)
        XCTAssertEqual(parsed.diagnostics.map(\.line), [4])
    }

    func testAHundredThousandFilesInOneFolder() throws {
        let folder = try TemporaryFolder()
        let run = folder.path + "/host/with-aesni"
        try FileManager.default.createDirectory(atPath: run, withIntermediateDirectories: true)
        try round.write(toFile: run + "/aes-cbc-plain-read.txt", atomically: false, encoding: .utf8)
        for i in 0..<100_000 {
            let fd = creat("\(run)/unrelated-\(i).dat", 0o644)
            XCTAssertGreaterThanOrEqual(fd, 0)
            close(fd)
        }
        // Speed is a benchmark's business (README); this only proves the walk copes and finds the one run.
        let found = RunDiscovery().discover(paths: [folder.path])
        XCTAssertEqual(found.runs.count, 1)
        XCTAssertEqual(found.runs.first?.ddLogs.first?.completeRounds.count, 1)
    }

    func testAFileThatVanishesBetweenListingAndReadingIsADiagnostic() throws {
        let folder = try TemporaryFolder()
        try folder.write("h/with-aesni/aes-cbc-plain-read.txt", round)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/h/with-aesni/aes-ecb-plain-read.txt",
                                                   withDestinationPath: folder.path + "/gone.txt")
        let found = RunDiscovery().discover(paths: [folder.path])
        XCTAssertEqual(found.runs.count, 1)
        XCTAssertEqual(found.runs[0].ddLogs.count, 1, "the dangling link is not read")
        XCTAssertTrue(found.diagnostics.contains { $0.file.hasSuffix("aes-ecb-plain-read.txt") && $0.severity == .warning })
    }

    func testAFileThatGrowsWhileReadIsReadUpToWhereItWasAtEachChunk() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("aes-cbc-plain-read.txt", String(repeating: round, count: 20_000))
        let appender = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try appender.seekToEnd()
        var appended = false
        var lines = 0
        try LineReader.forEachLine(inFile: path) { _ in
            lines += 1
            if !appended {
                appended = true
                try? appender.write(contentsOf: Data("20+0 records in\n20+0 rec".utf8)) // cut mid-line
            }
        }
        try appender.close()
        XCTAssertGreaterThanOrEqual(lines, 60_000)
        let parsed = DDLogParser.parse(file: path)
        XCTAssertEqual(parsed.value?.completeRounds.count, 20_000)
        XCTAssertTrue(parsed.diagnostics.contains { $0.severity == .error }, "the cut round is reported")
    }
}
