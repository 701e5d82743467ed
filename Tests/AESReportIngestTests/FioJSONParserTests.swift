import AESReportIngest
import AESReportModel
import XCTest

/// fio's JSON forms, on real output of this machine's fio 3.33 and hand-written older versions (Fixtures/README.md).
final class FioJSONParserTests: XCTestCase {
    static func parse(_ name: String) throws -> (output: FioOutput, diagnostics: [Diagnostic]) {
        let parsed = FioOutputParser.parse(file: Fixture.path("fio/" + name))
        return (try XCTUnwrap(parsed.value, "\(name): \(parsed.diagnostics)"), parsed.diagnostics)
    }

    func testJSONReadThroughputComesFromBytesAndRuntime() throws {
        let (output, diagnostics) = try Self.parse("real-json-read.json")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(output.cipher, "real-json", "the name's cipher before the job's")
        XCTAssertEqual(output.operation, .read)
        XCTAssertEqual(output.rounds.count, 1)
        let report = output.rounds[0].result
        XCTAssertEqual(report.version, "fio-3.33")
        XCTAssertEqual(report.form, .json)
        let read = try XCTUnwrap(report.jobs[0].read)
        XCTAssertEqual(read.bytes, 134_217_728)
        XCTAssertEqual(read.runtimeMilliseconds, 505)
        XCTAssertEqual(read.printedBytesPerSecond, 265_777_679)
        XCTAssertEqual(read.iops, 4055.445545)
        XCTAssertEqual(read.meanCompletionLatency, 245_302.368652)
        XCTAssertEqual(read.meanTotalLatency, 245_374.084473)
        XCTAssertEqual(read.completionPercentiles.count, 17)
        XCTAssertEqual(read.completionPercentiles.first { $0.percent == 99 }?.nanoseconds, 4_177_920)
        let round = report.round(.read)
        XCTAssertNil(round.failure)
        XCTAssertEqual(round.transfer?.bytes, 134_217_728)
        XCTAssertEqual(round.transfer?.seconds, 0.505)
        XCTAssertEqual(round.transfer?.bytesPerSecond, 134_217_728 / 0.505)
        XCTAssertEqual(round.transfer?.printedRate, 265_777_679)
    }

    func testJSONPlusWriteIsReadLikeJSON() throws {
        let (output, _) = try Self.parse("real-jsonplus-write.json")
        XCTAssertEqual(output.operation, .write)
        let round = output.rounds[0].result.round(.write)
        XCTAssertEqual(round.transfer?.bytes, 134_217_728)
        XCTAssertEqual(round.transfer?.seconds, 0.043)
        XCTAssertEqual(output.rounds[0].result.jobs[0].write?.completionPercentiles.first { $0.percent == 99 }?.nanoseconds,
                       27_520)
    }

    func testSeveralJobsAreSummedOverTheLongestRuntime() throws {
        let (output, _) = try Self.parse("real-json-two-jobs.json")
        let report = output.rounds[0].result
        XCTAssertEqual(report.jobs.map(\.name), ["multi", "multi"])
        XCTAssertEqual(report.jobs.map { $0.read?.runtimeMilliseconds }, [444, 496])
        let transfer = try XCTUnwrap(report.round(.read).transfer)
        XCTAssertEqual(transfer.bytes, 268_435_456)
        XCTAssertEqual(transfer.seconds, 0.496)
        XCTAssertEqual(transfer.printedRate, 302_292_180 + 270_600_258)
    }

    func testGroupReportingIsOneJob() throws {
        let (output, _) = try Self.parse("real-json-group-reporting.json")
        let report = output.rounds[0].result
        XCTAssertEqual(report.jobs.count, 1)
        XCTAssertEqual(report.round(.read).transfer?.bytes, 268_435_456)
        XCTAssertEqual(report.round(.read).transfer?.seconds, 0.16)
        XCTAssertEqual(report.jobs[0].read?.iops, 25600)
    }

    func testJobWithErrorIsAFailedRoundWithFiosWordsNeverZeroThroughput() throws {
        let (output, diagnostics) = try Self.parse("real-json-error-28.json")
        XCTAssertEqual(output.rounds[0].result.jobs[0].error, 28)
        XCTAssertEqual(output.rounds[0].result.jobs[0].errorText, "No space left on device")
        let round = output.rounds[0].result.round(.write)
        XCTAssertNil(round.transfer)
        XCTAssertEqual(round.failure, "fio job 'full' failed with error 28 (No space left on device)")
        // The two leading `fio:` lines are diagnostics naming their lines.
        XCTAssertEqual(diagnostics.filter { $0.line != nil }.map(\.line), [1, 2])
        XCTAssertTrue(diagnostics[0].message.hasPrefix("fio said: 'fio: io_u error on file /dev/full"))
        XCTAssertEqual(diagnostics[0].severity, .warning)
        // The name says nothing: the job's name is the cipher and its rw the operation; the round counts as failed.
        XCTAssertEqual(output.cipher, "full")
        let logs = FioSeries.logs(from: [output])
        XCTAssertEqual(logs.map(\.failedRoundCount), [1])
        XCTAssertEqual(logs.map(\.completeRounds.count), [0])
    }

    func testMissingJobOptionsTakeRWFromGlobalOptions() throws {
        let (output, diagnostics) = try Self.parse("real-json-global-options-only.json")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(output.rounds[0].result.jobs[0].readWrite, "write")
        XCTAssertEqual(output.operation, .write)
        XCTAssertEqual(output.cipher, "aes-cbc-essiv:sha256")
        XCTAssertEqual(output.rounds[0].result.round(.write).transfer?.bytes, 67_108_864)
        XCTAssertEqual(output.rounds[0].result.round(.write).transfer?.seconds, 0.066)
    }

    func testStatusIntervalDocumentsAreATimeSeriesAndTheLastIsTheResult() throws {
        let (output, diagnostics) = try Self.parse("real-json-status-interval.json")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(output.rounds.count, 1)
        XCTAssertEqual(output.rounds[0].intervals.count, 4)
        XCTAssertEqual(output.rounds[0].intervals.map(\.elapsedSeconds), [1, 2, 3, 4])
        XCTAssertEqual(output.rounds[0].intervals.map { $0.jobs[0].write?.bytes },
                       [56_066_048, 118_992_896, 181_911_552, 244_834_304])
        XCTAssertEqual(output.rounds[0].result.elapsedSeconds, 5)
        XCTAssertEqual(output.rounds[0].result.round(.write).transfer?.bytes, 268_435_456)
        XCTAssertEqual(output.rounds[0].result.round(.write).transfer?.seconds, 4.267)
    }

    func testTwoRunsAppendedToOneFileAreTwoRounds() throws {
        let (output, _) = try Self.parse("real-json-two-runs-appended.json")
        XCTAssertEqual(output.rounds.count, 2)
        XCTAssertEqual(output.rounds.map(\.intervals.count), [0, 0])
        XCTAssertEqual(output.rounds[1].result.round(.read).transfer?.seconds, 0.846)
        XCTAssertEqual(output.rounds[0].result.line, 1)
        XCTAssertEqual(output.rounds[1].result.line, 272)
    }

    func testTruncatedDocumentIsReportedAndTheCompleteOneBeforeItRead() throws {
        let (output, diagnostics) = try Self.parse("real-json-truncated.json")
        XCTAssertEqual(output.rounds.count, 1)
        XCTAssertEqual(output.rounds[0].result.round(.read).transfer?.seconds, 0.222)
        let error = try XCTUnwrap(diagnostics.first { $0.severity == .error })
        XCTAssertEqual(error.line, 272)
        XCTAssertTrue(error.message.hasPrefix("fio JSON document cut short"), error.message)
    }

    func testFio2JSONHasKibibytesAndMicroseconds() throws {
        let (output, diagnostics) = try Self.parse("synthetic-json-fio-2.2.10.json")
        XCTAssertEqual(diagnostics, [])
        let read = try XCTUnwrap(output.rounds[0].result.jobs[0].read)
        XCTAssertEqual(read.bytes, 1_073_741_824, "io_bytes without io_kbytes is KiB")
        XCTAssertEqual(read.printedBytesPerSecond, 104_857 * 1024)
        XCTAssertEqual(read.meanCompletionLatency, 609_120)
        XCTAssertEqual(read.meanTotalLatency, 610_020)
        XCTAssertEqual(read.completionPercentiles.map(\.percent), [1, 50, 99, 99.9], "the 0.00 slots are left out")
        XCTAssertEqual(read.completionPercentiles.map(\.nanoseconds), [532_000, 604_000, 716_000, 1_004_000])
        XCTAssertEqual(output.rounds[0].result.round(.read).transfer?.seconds, 10)
    }

    func testFio31JSONHasBytesButKibibytesPerSecond() throws {
        let (output, _) = try Self.parse("synthetic-json-fio-3.1.json")
        let write = try XCTUnwrap(output.rounds[0].result.jobs[0].write)
        XCTAssertEqual(write.bytes, 1_073_741_824)
        XCTAssertEqual(write.printedBytesPerSecond, 104_846 * 1024)
        XCTAssertEqual(write.meanCompletionLatency, 609_120.5)
        XCTAssertEqual(output.rounds[0].result.round(.write).transfer?.seconds, 10.001)
        XCTAssertEqual(output.operation, .write)
    }

    func testClientStatsAreReadPerHostWithoutTheAllClientsSum() throws {
        let (output, diagnostics) = try Self.parse("synthetic-json-client-stats.json")
        let report = output.rounds[0].result
        XCTAssertTrue(report.fromClientStats)
        XCTAssertEqual(report.jobs.map(\.host), ["guest-a", "guest-b"])
        XCTAssertEqual(report.jobs.map(\.readWrite), ["read", "read"])
        XCTAssertEqual(report.round(.read).transfer?.bytes, 402_653_184)
        XCTAssertEqual(report.round(.read).transfer?.seconds, 2)
        // The client's `hostname=` lines before the document are noted, with their lines.
        XCTAssertEqual(diagnostics.map(\.line), [1, 2])
        XCTAssertEqual(diagnostics.map(\.severity), [.note, .note])
    }

    func testTextBetweenDocumentsIsDiagnosedAndBothDocumentsRead() throws {
        let document = try String(contentsOfFile: Fixture.path("fio/real-json-read.json"), encoding: .utf8)
        let text = "fio: this platform does not support process shared mutexes\n" + document
            + "bash: line 3: warning\n" + document + "trailing words\n"
        let parsed = FioOutputParser.parse(text: text, path: "fio-aes-xts-plain64-read.json")
        let output = try XCTUnwrap(parsed.value)
        XCTAssertEqual(output.rounds.count, 2)
        let lines = document.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        XCTAssertEqual(parsed.diagnostics.map(\.line), [1, 2 + lines, 3 + 2 * lines])
        XCTAssertEqual(parsed.diagnostics.map(\.severity), [.warning, .note, .note])
    }

    func testManyLinesOfTextBesideJSONAreCountedNotKept() throws {
        let document = try String(contentsOfFile: Fixture.path("fio/real-json-read.json"), encoding: .utf8)
        let text = (1...100).map { "progress \($0)\n" }.joined() + document
        let parsed = FioOutputParser.parse(text: text, path: "fio-aes-xts-plain64-read.json")
        XCTAssertEqual(try XCTUnwrap(parsed.value).rounds.count, 1)
        XCTAssertTrue(parsed.diagnostics.contains {
            $0.line == nil && $0.message == "60 more lines of text outside fio's results, ignored"
        }, "\(parsed.diagnostics)")
    }

    func testInvalidDocumentIsAnErrorAndTheNextStillRead() throws {
        let document = try String(contentsOfFile: Fixture.path("fio/real-json-read.json"), encoding: .utf8)
        let parsed = FioOutputParser.parse(text: "{ \"jobs\" : nope }\n" + document, path: "fio-x-read.json")
        XCTAssertEqual(try XCTUnwrap(parsed.value).rounds.count, 1)
        XCTAssertEqual(parsed.diagnostics.map(\.line), [1])
        XCTAssertEqual(parsed.diagnostics.first?.severity, .error)
    }

    func testNoFioOutputIsAnError() {
        let parsed = FioOutputParser.parse(text: "hello\n", path: "fio-x-read.json")
        XCTAssertNil(parsed.value)
        XCTAssertEqual(parsed.diagnostics.last?.severity, .error)
    }
}
