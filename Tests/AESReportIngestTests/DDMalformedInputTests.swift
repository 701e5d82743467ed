import AESReportIngest
import Foundation
import AESReportModel
import XCTest

/// Damaged input gives diagnostics with path and line, never a crash or a silent zero.
final class DDMalformedInputTests: XCTestCase {
    func testEmptyFileIsAnError() throws {
        let (log, diagnostics) = try Fixture.ddLog("malformed/empty.txt")
        XCTAssertEqual(log.rounds, [])
        XCTAssertEqual(diagnostics.map(\.severity), [.error])
        XCTAssertTrue(diagnostics[0].message.contains("empty file"))
    }

    func testGarbageGivesLineWarningsAndNoRounds() throws {
        let (log, diagnostics) = try Fixture.ddLog("malformed/garbage.txt")
        XCTAssertEqual(log.rounds, [])
        XCTAssertEqual(diagnostics.map(\.line), [1, 2, 3, nil])
        XCTAssertEqual(diagnostics.last?.severity, .error)
        XCTAssertEqual(diagnostics[0].description,
                       Fixture.path("malformed/garbage.txt") + ":1: warning: not dd output, ignored: "
                           + "'Lorem ipsum dolor sit amet'")
    }

    func testBinaryBytesDoNotCrashAndAreReported() throws {
        let (log, diagnostics) = try Fixture.ddLog("malformed/binary.bin")
        XCTAssertTrue(log.rounds.allSatisfy { !$0.isComplete })
        XCTAssertTrue(diagnostics.contains { $0.severity == .error })
        XCTAssertTrue(diagnostics.allSatisfy { $0.file == Fixture.path("malformed/binary.bin") })
    }

    /// Every input libFuzzer found crashing the dd harness (Tests/Fuzz/crashes/dd), run through the harness's checks.
    /// The first: `512 bytes copied, 3.652e-322 s` made a complete round with an infinite rate.
    func testFuzzerCrashReproducersParseWithFiniteRatesAndDiagnostics() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/crashes/dd")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("crash-") }
        XCTAssertFalse(names.isEmpty, "the reproducers are committed")
        for name in names {
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
            let parsed = DDLogParser.parse(bytes: bytes, path: name)
            for round in parsed.value?.rounds ?? [] where round.isComplete {
                XCTAssertTrue(round.bytesPerSecond!.isFinite && round.bytesPerSecond! > 0, "\(name) round \(round.number)")
            }
            if name == "crash-068ed5aaccae88d0ce99bd48fbcceb6620c31ad4" {
                XCTAssertTrue(parsed.diagnostics.contains { $0.message.contains("e-322 s; throughput undefined, not averaged") },
                              "\(parsed.diagnostics)")
            }
        }
        XCTAssertNil(DDTransfer(bytes: 512, seconds: 3.652e-322, printedRate: nil).bytesPerSecond)
        XCTAssertEqual(DDTransfer(bytes: 512, seconds: 0.5, printedRate: nil).bytesPerSecond, 1024)
    }

    func testFileOfOnlyRecordsLinesGivesFailedRoundsWithErrors() throws {
        let (log, diagnostics) = try Fixture.ddLog("malformed/only-records.txt")
        XCTAssertEqual(log.rounds.count, 2)
        XCTAssertEqual(log.completeRounds.count, 0)
        XCTAssertEqual(diagnostics.map(\.line), [1, 3])
        XCTAssertEqual(diagnostics.map(\.severity), [.error, .error])
    }

    func testTruncatedLastBlockKeepsTheWholeRoundsAndReportsTheCut() throws {
        let (log, diagnostics) = try Fixture.ddLog("malformed/truncated.txt")
        XCTAssertEqual(log.rounds.count, 2)
        XCTAssertEqual(log.rounds.map(\.isComplete), [true, false])
        XCTAssertEqual(log.rounds[0].transfer?.seconds, 10.2345)
        XCTAssertEqual(diagnostics.map(\.line), [4, 6])
        XCTAssertEqual(diagnostics.map(\.severity), [.error, .warning])
    }

    func testByteCountOverflowIsAnErrorNotAWrappedNumber() throws {
        let (log, diagnostics) = try Fixture.ddLog("malformed/overflow.txt")
        XCTAssertEqual(log.rounds.count, 1)
        XCTAssertFalse(log.rounds[0].isComplete)
        XCTAssertEqual(diagnostics.map(\.line), [3])
        XCTAssertTrue(diagnostics[0].message.contains("64 bits"))
    }

    func testMissingFileIsAnErrorDiagnostic() {
        let parsed = DDLogParser.parse(file: "/nonexistent/aes-cbc-plain-read.txt")
        XCTAssertNil(parsed.value)
        XCTAssertEqual(parsed.diagnostics.map(\.severity), [.error])
        XCTAssertTrue(parsed.diagnostics[0].description.hasPrefix("/nonexistent/aes-cbc-plain-read.txt: error: cannot open"))
    }

    func testFolderGivenAsFileIsAnErrorDiagnostic() {
        let parsed = DDLogParser.parse(file: Fixture.path("dd"))
        XCTAssertNil(parsed.value)
        XCTAssertTrue(parsed.diagnostics[0].message.contains("is a folder"))
    }

    func testManyUnrecognisedLinesAreSummarisedNotFlooded() {
        let text = String(repeating: "noise\n", count: 100)
        let parsed = DDLogParser.parse(text: text, path: "noise.txt")
        XCTAssertEqual(parsed.diagnostics.count, 7)
        XCTAssertTrue(parsed.diagnostics[5].message.hasPrefix("95 more lines"))
    }
}
