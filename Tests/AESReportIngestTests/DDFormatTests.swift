import AESReportIngest
import AESReportModel
import XCTest

/// dd versions, edge cases and failures.
final class DDFormatTests: XCTestCase {
    func testCoreutils822FormatWithoutBinarySizeIsRead() throws {
        let (log, diagnostics) = try Fixture.ddLog("dd/synthetic-coreutils-8.22.txt")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(log.rounds.map { $0.transfer?.bytes }, [21_474_836_480, 21_474_836_480])
        XCTAssertEqual(log.rounds.map { $0.transfer?.seconds }, [10.2345, 11.0406])
        XCTAssertEqual(log.rounds.map { $0.transfer?.printedRate }, [2.1e9, 1.9e9])
    }

    func testOneByteWithExponentTimeIsRead() throws {
        let (log, diagnostics) = try Fixture.ddLog("dd/real-one-byte.txt")
        XCTAssertEqual(diagnostics, [])
        let round = try XCTUnwrap(log.rounds.first)
        XCTAssertEqual(round.transfer, DDTransfer(bytes: 1, seconds: 4.1772e-05, printedRate: 23.9e3))
        XCTAssertEqual(round.bytesPerSecond, 1 / 4.1772e-05)
    }

    func testSmallCopyWithoutParenthesesIsRead() throws {
        let (log, _) = try Fixture.ddLog("dd/real-small.txt")
        XCTAssertEqual(log.rounds.first?.transfer, DDTransfer(bytes: 512, seconds: 3.6524e-05, printedRate: 14.0e6))
    }

    func testZeroBytesCopiedIsAFailedRoundNotAZero() throws {
        let (log, diagnostics) = try Fixture.ddLog("dd/real-zero-bytes.txt")
        XCTAssertEqual(log.rounds.count, 1)
        XCTAssertEqual(log.rounds[0].transfer?.seconds, 3.9718e-05)
        XCTAssertFalse(log.rounds[0].isComplete)
        XCTAssertNil(log.rounds[0].bytesPerSecond)
        XCTAssertEqual(log.rounds[0].failure, "0 bytes copied")
        XCTAssertEqual(diagnostics.map(\.severity), [.warning])
    }

    func testPartialRecordsAndExponentAreRead() throws {
        let (log, _) = try Fixture.ddLog("dd/synthetic-partial-exponent.txt")
        XCTAssertEqual(log.rounds[0].recordsIn, RecordCount(full: 1, partial: 1))
        XCTAssertEqual(log.rounds[0].transfer, DDTransfer(bytes: 1500, seconds: 4.1832e-05, printedRate: 35.9e6))
    }

    func testStatusProgressLinesAreIgnoredAndOnlyTheFinalSummaryCounts() throws {
        let (log, diagnostics) = try Fixture.ddLog("dd/real-status-progress.txt")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(log.rounds.count, 1)
        XCTAssertEqual(log.rounds[0].line, 2)
        XCTAssertEqual(log.rounds[0].recordsIn, RecordCount(full: 40000, partial: 0))
        XCTAssertEqual(log.rounds[0].transfer, DDTransfer(bytes: 41_943_040_000, seconds: 1.21907, printedRate: 34.4e9))
    }

    func testWriteErrorFailsItsRoundWithTheMessageAndKeepsTheOthers() throws {
        let (log, diagnostics) = try Fixture.ddLog("dd/real-write-errors.txt")
        XCTAssertEqual(log.rounds.count, 3)
        XCTAssertEqual(log.rounds.map(\.isComplete), [true, false, true])
        XCTAssertEqual(log.rounds[1].failure, "error writing '/dev/full': No space left on device")
        XCTAssertEqual(log.rounds[1].line, 4)
        XCTAssertEqual(log.rounds[1].recordsIn, RecordCount(full: 1, partial: 0))
        XCTAssertEqual(log.rounds[1].recordsOut, RecordCount(full: 0, partial: 0))
        XCTAssertEqual(log.rounds[2].transfer?.seconds, 0.00214862)
        XCTAssertEqual(diagnostics.map(\.line), [4])
        XCTAssertEqual(diagnostics.first?.description,
                       Fixture.path("dd/real-write-errors.txt")
                           + ":4: warning: round 2 failed: dd: error writing '/dev/full': No space left on device; "
                           + "not averaged")
    }

    func testOpenFailureIsItsOwnRoundAndDoesNotSwallowTheNext() throws {
        let (log, _) = try Fixture.ddLog("dd/real-open-failure.txt")
        XCTAssertEqual(log.rounds.count, 3)
        XCTAssertEqual(log.rounds.map(\.isComplete), [true, false, true])
        XCTAssertEqual(log.rounds[1].failure, "failed to open '/dev/mapper/crypt0': No such file or directory")
        XCTAssertNil(log.rounds[1].recordsIn)
        XCTAssertEqual(log.rounds[2].transfer?.bytes, 4_194_304)
        XCTAssertEqual(log.rounds[2].transfer?.seconds, 0.00200483)
    }

    func testGermanOpenFailureIsRecognised() throws {
        let (log, _) = try Fixture.ddLog("dd/real-de-open-failure.txt")
        XCTAssertEqual(log.rounds.count, 1)
        XCTAssertEqual(log.rounds[0].failure,
                       "konnte '/dev/mapper/crypt0' nicht öffnen: Datei oder Verzeichnis nicht gefunden")
    }

    func testBusyboxWithoutSummaryGivesFailedRoundsAndErrorsNotZeros() throws {
        let (log, diagnostics) = try Fixture.ddLog("dd/real-busybox-rounds.txt")
        XCTAssertEqual(log.rounds.count, 2)
        XCTAssertTrue(log.rounds.allSatisfy { !$0.isComplete && $0.transfer == nil })
        XCTAssertEqual(log.rounds.map(\.recordsOut), [RecordCount(full: 8, partial: 0), RecordCount(full: 8, partial: 0)])
        XCTAssertEqual(diagnostics.map(\.severity), [.error, .error])
        XCTAssertEqual(diagnostics.map(\.line), [1, 3])
        XCTAssertTrue(diagnostics[0].message.contains("no byte/time summary"))
    }

    func testBusyboxPartialRecordsAreRead() throws {
        let (log, _) = try Fixture.ddLog("dd/real-busybox-partial.txt")
        XCTAssertEqual(log.rounds.first?.recordsIn, RecordCount(full: 1, partial: 1))
    }

    func testBusyboxSummaryWithGluedBinaryUnitsCrossChecksCleanly() throws {
        let (log, diagnostics) = try Fixture.ddLog("dd/synthetic-busybox-with-summary.txt")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(log.rounds[0].transfer?.seconds, 0.002596)
        XCTAssertEqual(log.rounds[0].transfer?.printedRate, 3.0 * 1024 * 1024 * 1024)
    }

    func testBSDTransferredInSecsIsRead() throws {
        let (log, diagnostics) = try Fixture.ddLog("dd/synthetic-bsd.txt")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(log.rounds[0].transfer,
                       DDTransfer(bytes: 21_474_836_480, seconds: 10.2345, printedRate: 2_098_279_153))
    }

    func testOlderTranslationsAreReadByStructure() throws {
        for fixture in ["dd/synthetic-zh-old.txt", "dd/synthetic-zh-fullwidth.txt", "dd/synthetic-ja.txt",
                        "dd/synthetic-es.txt", "dd/synthetic-pt.txt", "dd/synthetic-crlf.txt"] {
            let (log, diagnostics) = try Fixture.ddLog(fixture)
            XCTAssertEqual(diagnostics, [], fixture)
            XCTAssertEqual(log.rounds.count, 1, fixture)
            XCTAssertEqual(log.rounds[0].recordsIn, RecordCount(full: 20, partial: 0), fixture)
            XCTAssertEqual(log.rounds[0].transfer, DDTransfer(bytes: 21_474_836_480, seconds: 10.2345,
                                                              printedRate: 2.1e9), fixture)
        }
    }

    func testRussianCyrillicUnitsAreRead() throws {
        let (log, diagnostics) = try Fixture.ddLog("dd/synthetic-ru.txt")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(log.rounds.map { $0.transfer?.seconds }, [10.2345, 9.87654])
        XCTAssertEqual(log.rounds.map { $0.transfer?.printedRate }, [2.1e9, 2.2e9])
    }

    func testPrintedRateThatDisagreesIsAWarningAndTheComputedValueIsUsed() throws {
        let (log, diagnostics) = try Fixture.ddLog("dd/synthetic-rate-mismatch.txt")
        XCTAssertEqual(diagnostics.count, 1)
        XCTAssertEqual(diagnostics[0].severity, .warning)
        XCTAssertEqual(diagnostics[0].line, 3)
        XCTAssertEqual(log.rounds[0].bytesPerSecond, 21_474_836_480 / 10.2345)
    }

    func testInfinityRateHasNoCrossCheckAndZeroTimeFailsTheRound() {
        let parsed = DDLogParser.parse(text: "0+0 records in\n0+0 records out\n5 bytes copied, 0 s, Infinity B/s\n",
                                       path: "inf.txt")
        XCTAssertEqual(parsed.value?.rounds.first?.transfer, DDTransfer(bytes: 5, seconds: 0, printedRate: nil))
        XCTAssertEqual(parsed.value?.rounds.first?.isComplete, false)
        XCTAssertEqual(parsed.diagnostics.map(\.severity), [.warning])
    }

    func testNumbersInOrdinaryTextAreNotMistakenForASummary() {
        let parsed = DDLogParser.parse(text: "12 apples and 3 pears\n", path: "fruit.txt")
        XCTAssertEqual(parsed.value?.rounds, [])
        XCTAssertEqual(parsed.diagnostics.map(\.severity), [.warning, .error])
    }

    func testDDWarningsAreReportedWithoutFailingTheRound() {
        let text = "dd: warning: partial read (4096 bytes); suggest iflag=fullblock\n1+1 records in\n"
            + "1+1 records out\n5000 bytes (5.0 kB, 4.9 KiB) copied, 0.001 s, 5.0 MB/s\n"
        let parsed = DDLogParser.parse(text: text, path: "w.txt")
        XCTAssertEqual(parsed.value?.rounds.count, 1)
        XCTAssertEqual(parsed.value?.rounds.first?.isComplete, true)
        XCTAssertEqual(parsed.diagnostics.map(\.line), [1])
    }
}
