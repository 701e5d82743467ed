import AESReportIngest
import AESReportModel
import XCTest

/// fio's terse (`--minimal`, versions 2 to 5) and normal forms, on real fio 3.33 output and a hand-written fio 2.2.10.
final class FioTextFormsTests: XCTestCase {
    /// (file, KiB/s printed, run time in ms, mean clat µs, p99 clat µs): the write status of each terse version.
    static let terse: [(String, Double, UInt64, Double, Double)] = [
        ("real-terse-v2-write.txt", 4_369_066, 30, 13.713524, 38),
        ("real-terse-v3-write.txt", 3_744_914, 35, 13.539010, 19),
        ("real-terse-v4-write.txt", 4_681_142, 28, 10.829069, 22),
        ("real-terse-v5-write.txt", 5_041_230, 26, 9.579032, 16),
    ]

    func testEveryTerseVersionIsReadByItsPositions() throws {
        for (file, kibPerSecond, runtime, clat, p99) in Self.terse {
            let parsed = FioOutputParser.parse(file: Fixture.path("fio/" + file))
            let output = try XCTUnwrap(parsed.value, file)
            XCTAssertEqual(parsed.diagnostics, [], file)
            // Terse lines carry no rw: the dd-style name (`<cipher>-write.txt`) gives cipher and operation.
            XCTAssertEqual(output.cipher, String(file.dropLast("-write.txt".count)), file)
            XCTAssertEqual(output.operation, .write, file)
            let report = output.rounds[0].result
            XCTAssertEqual(report.form, .terse, file)
            XCTAssertEqual(report.version, file.contains("v2") ? nil : "fio-3.33", file)
            XCTAssertEqual(report.jobs.map(\.name), ["seqw"], file)
            let write = try XCTUnwrap(report.jobs[0].write, file)
            XCTAssertEqual(write.bytes, 131_072 * 1024, file)
            XCTAssertEqual(write.printedBytesPerSecond, kibPerSecond * 1024, file)
            XCTAssertEqual(write.runtimeMilliseconds, runtime, file)
            XCTAssertEqual(write.meanCompletionLatency, clat * 1000, file)
            XCTAssertEqual(write.completionPercentiles.first { $0.percent == 99 }?.nanoseconds, p99 * 1000, file)
            XCTAssertEqual(write.completionPercentiles.count, 17, "the three 0%=0 slots are left out: \(file)")
            XCTAssertEqual(report.jobs[0].read?.isUsed, false, file)
            XCTAssertEqual(report.round(.write).transfer?.bytes, 134_217_728, file)
            XCTAssertEqual(report.round(.write).transfer?.seconds, Double(runtime) / 1000, file)
        }
    }

    func testTerseErrorLineIsAFailedRoundWithTheWordsOfTheLineBefore() throws {
        let parsed = FioOutputParser.parse(file: Fixture.path("fio/real-terse-error-28.txt"))
        let output = try XCTUnwrap(parsed.value)
        XCTAssertEqual(output.rounds[0].result.round(.write).failure,
                       "fio job 'full' failed with error 28 (No space left on device)")
        XCTAssertEqual(parsed.diagnostics.compactMap(\.line), [1, 2])
    }

    func testNormalFormUsesTheGroupLinesPrintedBandwidth() throws {
        let parsed = FioOutputParser.parse(file: Fixture.path("fio/real-normal-read.txt"))
        let output = try XCTUnwrap(parsed.value)
        XCTAssertEqual(parsed.diagnostics, [])
        XCTAssertEqual(output.operation, .read)
        XCTAssertEqual(output.cipher, "real-normal")
        XCTAssertEqual(output.rounds[0].result.jobs[0].readWrite, "read", "from the job's description line")
        let report = output.rounds[0].result
        XCTAssertEqual(report.form, .normal)
        XCTAssertEqual(report.version, "fio-3.33")
        let job = try XCTUnwrap(report.jobs.first)
        XCTAssertEqual(job.read?.iops, 64_000)
        XCTAssertEqual(job.read?.printedBytesPerSecond, 4000 * 1_048_576)
        XCTAssertEqual(job.read?.bytes, 128 * 1_048_576)
        XCTAssertEqual(job.read?.bytesExact, false)
        XCTAssertEqual(job.read?.runtimeMilliseconds, 32)
        XCTAssertEqual(job.read?.meanCompletionLatency, 12_970)
        XCTAssertEqual(job.read?.meanTotalLatency, 13_000)
        XCTAssertEqual(job.read?.completionPercentiles.count, 17)
        XCTAssertEqual(job.read?.completionPercentiles.last?.percent, 99.99)
        XCTAssertEqual(report.groupRead?.printedBytesPerSecond, 4000 * 1_048_576)
        XCTAssertEqual(report.groupRead?.runtimeMilliseconds, 32)
        let transfer = try XCTUnwrap(report.round(.read).transfer)
        XCTAssertEqual(transfer.printedRate, 4000 * 1_048_576)
        XCTAssertEqual(transfer.bytes, 128 * 1_048_576)
        XCTAssertEqual(try XCTUnwrap(transfer.bytesPerSecond), 4000 * 1_048_576, accuracy: 1e-3)
    }

    func testNormalFormMixedJobHasBothDirections() throws {
        let output = try XCTUnwrap(FioOutputParser.parse(file: Fixture.path("fio/real-normal-randrw.txt")).value)
        let job = try XCTUnwrap(output.rounds[0].result.jobs.first)
        XCTAssertEqual(job.readWrite, "randrw")
        XCTAssertNil(output.operation, "a mixed job names no operation")
        XCTAssertEqual(job.read?.iops, 13_100)
        XCTAssertEqual(job.write?.iops, 13_400)
        XCTAssertEqual(job.write?.runtimeMilliseconds, 309)
        XCTAssertEqual(output.rounds[0].result.groupWrite?.printedBytesPerSecond, 52.4 * 1_048_576)
    }

    func testNormalFormGroupReporting() throws {
        let output = try XCTUnwrap(FioOutputParser.parse(file: Fixture.path("fio/real-normal-group-reporting.txt")).value)
        let report = output.rounds[0].result
        XCTAssertEqual(report.jobs.count, 1)
        XCTAssertEqual(report.jobs[0].read?.iops, 19_500)
        XCTAssertEqual(report.round(.read).transfer?.printedRate, 1219 * 1_048_576)
        XCTAssertEqual(report.round(.read).transfer?.bytes, 256 * 1_048_576)
    }

    func testFio2NormalFormWithAggrbAndKBMeaningKiB() throws {
        let parsed = FioOutputParser.parse(file: Fixture.path("fio/synthetic-normal-fio-2.2.10.txt"))
        let output = try XCTUnwrap(parsed.value)
        XCTAssertEqual(parsed.diagnostics, [])
        let report = output.rounds[0].result
        XCTAssertEqual(report.version, "fio-2.2.10")
        XCTAssertEqual(output.operation, .read)
        let read = try XCTUnwrap(report.jobs[0].read)
        XCTAssertEqual(read.bytes, 1_073_741_824)
        XCTAssertEqual(read.printedBytesPerSecond, 104_857 * 1024)
        XCTAssertEqual(read.iops, 1638)
        XCTAssertEqual(read.runtimeMilliseconds, 10_000)
        XCTAssertEqual(read.meanCompletionLatency, 609_120)
        XCTAssertEqual(read.completionPercentiles.map(\.nanoseconds).prefix(2), [532_000, 548_000])
        XCTAssertEqual(report.groupRead?.printedBytesPerSecond, 104_857 * 1024)
        XCTAssertEqual(report.groupRead?.runtimeMilliseconds, 10_000)
        XCTAssertEqual(report.round(.read).transfer?.printedRate, 104_857 * 1024)
    }

    func testNormalJobErrorIsAFailedRound() throws {
        let text = """
        full: (g=0): rw=write, bs=(R) 64.0KiB-64.0KiB, (W) 64.0KiB-64.0KiB, (T) 64.0KiB-64.0KiB, ioengine=psync, iodepth=1
        fio-3.33
        fio: pid=29745, err=28/file:io_u.c:1876, func=io_u error, error=No space left on device

        full: (groupid=0, jobs=1): err=28 (file:io_u.c:1876, func=io_u error, error=No space left on device): pid=29745: Fri Nov 27 12:17:51 2026
          cpu          : usr=0.00%, sys=0.00%, ctx=0, majf=0, minf=16

        Run status group 0 (all jobs):
        """
        let parsed = FioOutputParser.parse(text: text, path: "fio-aes-xts-plain64-write.txt")
        let output = try XCTUnwrap(parsed.value)
        XCTAssertEqual(output.rounds[0].result.jobs[0].error, 28)
        XCTAssertEqual(output.rounds[0].result.jobs[0].errorText, "No space left on device")
        XCTAssertEqual(output.rounds[0].result.round(.write).failure,
                       "fio job 'full' failed with error 28 (No space left on device)")
        XCTAssertEqual(parsed.diagnostics.map(\.line), [3], "fio's own error line is a diagnostic")
    }

    func testFioFileNames() {
        let cases: [(String, String?, AESReportModel.Operation?, Int?)] = [
            ("fio-aes-xts-plain64-read-r2.json", "aes-xts-plain64", .read, 2),
            ("aes-xts-plain64-write.json", "aes-xts-plain64", .write, nil),
            ("fio_twofish-cbc-essiv:sha256_write_r10.txt", "twofish-cbc-essiv:sha256", .write, 10),
            ("aes-xts-plain64-read-r3.txt", "aes-xts-plain64", .read, 3),
            ("fio-read.json", nil, .read, nil),
            ("fio.json", nil, nil, nil),
        ]
        for (name, cipher, operation, round) in cases {
            let parsed = FioFileName(path: "/runs/a/" + name)
            XCTAssertNotNil(parsed, name)
            XCTAssertEqual(parsed?.cipher, cipher, name)
            XCTAssertEqual(parsed?.operation, operation, name)
            XCTAssertEqual(parsed?.round, round, name)
        }
        for name in ["aes-xts-plain64-read.txt", "summary.json", "comparison.json", "openssl-speed.txt",
                     "openssl-aes-128-cbc-decrypt-16384-r1.txt"] {
            XCTAssertNil(FioFileName(path: name), name)
        }
        XCTAssertEqual(InputKind.fromName("fio-aes-xts-plain64-read-r1.json"), .fio)
        XCTAssertEqual(InputKind.fromName("aes-xts-plain64-read.txt"), .ddLog)
        XCTAssertEqual(InputKind.fromName("tcrypt-with-aesni.txt"), .tcrypt)
    }

    func testSeriesRoundsFollowTheRoundNumbers() throws {
        let json = try String(contentsOfFile: Fixture.path("fio/real-json-read.json"), encoding: .utf8)
        let outputs = [3, 1, 2].map { n in
            var output = FioOutputParser.parse(text: json, path: "run/fio-aes-xts-plain64-read-r\(n).json").value!
            output.rounds[0].result.jobs[0].read?.runtimeMilliseconds = UInt64(100 * n)
            return output
        }
        let logs = FioSeries.logs(from: outputs)
        XCTAssertEqual(logs.count, 1)
        XCTAssertEqual(logs[0].path, "run/fio-aes-xts-plain64-read-r1.json")
        XCTAssertEqual(logs[0].rounds.map(\.number), [1, 2, 3])
        XCTAssertEqual(logs[0].rounds.map { $0.transfer?.seconds }, [0.1, 0.2, 0.3])
    }
}

/// Inputs the fuzzer found (Tests/Fuzz/crashes/fio), kept as tests.
final class FioFuzzFindingsTests: XCTestCase {
    func testFuzzFindingE7d9cf6b() throws {
        let crash = Fixture.root.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/crashes/fio/crash-e7d9cf6bbd5e5a296837390bc04fdc0a50b6f2e4")
        let bytes = Array(try Data(contentsOf: crash))
        let parsed = FioOutputParser.parse(bytes: bytes, path: "fio-aes-xts-plain64-read-r1.json")
        let output = try XCTUnwrap(parsed.value)
        XCTAssertFalse(output.rounds.isEmpty)
        // Its second report has a read run time but 0 bytes: a failed round with the reason, not a silent one.
        let log = try XCTUnwrap(FioSeries.logs(from: [output]).first)
        XCTAssertEqual(log.rounds.map(\.isComplete), [true, false])
        XCTAssertEqual(log.rounds[1].failure, "fio reported 0 bytes read")
        XCTAssertEqual(log.rounds[0].transfer?.printedRate, 107_392_000)
    }
}
