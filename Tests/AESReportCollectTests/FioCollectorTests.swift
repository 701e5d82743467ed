@testable import AESReportCollect
import AESReportModel
import Foundation
import XCTest

/// `collect dmcrypt --tool fio`: the plan's exact fio commands, one JSON file per round from fio's standard output,
/// the manifest lines, and the same cleanup on every exit path as with dd (a stand-in runner plays fio).
final class FioCollectorTests: XCTestCase {
    var folder: String!

    override func setUp() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("dmcrypt-fio-\(UUID().uuidString)").path
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func settings(ciphers: [String] = ["aes-xts-plain64"], rounds: Int = 2,
                  fio: DMCryptCollector.FioOptions = .init()) -> DMCryptCollector.Settings {
        var settings = DMCryptCollector.Settings(output: folder, ciphers: ciphers, rounds: rounds, sizeMiB: 8,
                                                 backingFolder: "/dev/shm")
        settings.tool = .fio
        settings.fio = fio
        return settings
    }

    /// What the stand-in fio prints: its JSON on standard output (naming the job), a warning on standard error.
    static func fioJSON(_ command: ExternalCommand) -> String {
        let name = command.arguments.first { $0.hasPrefix("--name=") }.map { String($0.dropFirst(7)) } ?? "?"
        return "{\n  \"fio version\" : \"fio-3.33\",\n  \"jobs\" : [ { \"jobname\" : \"\(name)\" } ]\n}\n"
    }

    static func answer(_ command: ExternalCommand) -> CommandResult {
        command.executable == "fio"
            ? CommandResult(status: 0, standardOutput: fioJSON(command), standardError: "fio: a warning\n")
            : CommandResult(status: 0, standardOutput: "", standardError: "")
    }

    func testThePlanRunsFioWithDirectIOAndJSONIntoOneFilePerRound() {
        let collector = DMCryptCollector(settings: settings(fio: .init(blockSize: "4k", iodepth: 32, ioengine: "psync")),
                                         runner: RecordingRunner(answer: Self.answer))
        let plan = collector.plan()
        XCTAssertEqual(plan.map(\.command.shellText), [
            "dd if=/dev/zero of=/dev/shm/aesreport-XXXXXX/backing.img bs=1M count=8 conv=notrunc",
            "cryptsetup open --type plain --cipher aes-xts-plain64 --key-file /dev/urandom --key-size 256 -- "
                + "/dev/shm/aesreport-XXXXXX/backing.img aesreport-crypt0",
            "fio --name=aes-xts-plain64-read --filename=/dev/mapper/aesreport-crypt0 --rw=read --bs=4k --iodepth=32 "
                + "--ioengine=psync --direct=1 --size=8M --output-format=json",
            "fio --name=aes-xts-plain64-write --filename=/dev/mapper/aesreport-crypt0 --rw=write --bs=4k --iodepth=32 "
                + "--ioengine=psync --direct=1 --size=8M --output-format=json",
            "fio --name=aes-xts-plain64-read --filename=/dev/mapper/aesreport-crypt0 --rw=read --bs=4k --iodepth=32 "
                + "--ioengine=psync --direct=1 --size=8M --output-format=json",
            "fio --name=aes-xts-plain64-write --filename=/dev/mapper/aesreport-crypt0 --rw=write --bs=4k --iodepth=32 "
                + "--ioengine=psync --direct=1 --size=8M --output-format=json",
            "cryptsetup close -- aesreport-crypt0",
        ])
        XCTAssertEqual(plan.compactMap(\.appendTo), ["read-r1", "write-r1", "read-r2", "write-r2"].map {
            folder + "/fio-aes-xts-plain64-\($0).json"
        })
        XCTAssertEqual(plan.map(\.reportsOnStandardOutput), [false, false, true, true, true, true, false])
        XCTAssertEqual(collector.settings.resultFileNames, [
            "fio-aes-xts-plain64-read-r1.json", "fio-aes-xts-plain64-write-r1.json",
            "fio-aes-xts-plain64-read-r2.json", "fio-aes-xts-plain64-write-r2.json", "cpuinfo.txt",
        ])
    }

    func testEachRoundsJSONIsItsOwnFileAndEverythingIsRemoved() throws {
        let runner = RecordingRunner { command in
            if command.executable == "cryptsetup", command.arguments.contains("aes-pcbc-plain") {
                return CommandResult(status: 1, standardOutput: "", standardError: "device-mapper: reload ioctl failed")
            }
            return Self.answer(command)
        }
        let collector = DMCryptCollector(settings: settings(ciphers: ["aes-xts-plain64", "aes-pcbc-plain"]),
                                         runner: runner)
        let outcome = collector.run(progress: { _ in }, interrupted: { false })
        XCTAssertEqual(outcome.diagnostics.map(\.message).count, 1)
        XCTAssertTrue(outcome.diagnostics[0].message.contains("reload ioctl failed"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).sorted(), [
            "fio-aes-xts-plain64-read-r1.json", "fio-aes-xts-plain64-read-r2.json",
            "fio-aes-xts-plain64-write-r1.json", "fio-aes-xts-plain64-write-r2.json",
        ])
        let read = try String(contentsOfFile: folder + "/fio-aes-xts-plain64-read-r2.json", encoding: .utf8)
        XCTAssertEqual(read, Self.fioJSON(ExternalCommand("fio", ["--name=aes-xts-plain64-read"])),
                       "fio's standard output, once, without its warnings")
        XCTAssertEqual(runner.commands.map(\.shellText).filter { $0.hasPrefix("cryptsetup close") }.count, 1)
        XCTAssertTrue(outcome.cleanup.contains { $0.hasPrefix("the backing file was removed") }, "\(outcome.cleanup)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: DMCryptCollectorTests.backingFolder(runner)))
    }

    func testAFailedFioRoundKeepsFiosOutputAndSaysWhy() throws {
        let runner = RecordingRunner { command in
            if command.executable == "fio", command.arguments.contains("--rw=write") {
                return CommandResult(status: 1, standardOutput: "{\"jobs\": [{\"error\": 5}]}\n",
                                     standardError: "fio: io_u error on file /dev/mapper/aesreport-crypt0: Input/output error")
            }
            return Self.answer(command)
        }
        let outcome = DMCryptCollector(settings: settings(rounds: 1), runner: runner)
            .run(progress: { _ in }, interrupted: { false })
        XCTAssertEqual(outcome.diagnostics.map(\.file), [folder + "/fio-aes-xts-plain64-write-r1.json"])
        XCTAssertTrue(outcome.diagnostics[0].message.hasSuffix("exited with status 1: fio: io_u error on file "
                                                               + "/dev/mapper/aesreport-crypt0: Input/output error"),
                      outcome.diagnostics[0].message)
        XCTAssertEqual(try String(contentsOfFile: folder + "/fio-aes-xts-plain64-write-r1.json", encoding: .utf8),
                       "{\"jobs\": [{\"error\": 5}]}\n", "the ingest reads fio's error as a failed round")
    }

    func testAnInterruptDuringAFioRoundClosesTheMappingRemovesTheFileAndKeepsOnlyWholeRounds() throws {
        final class Flag: @unchecked Sendable { var set = false }
        let flag = Flag()
        let runner = RecordingRunner { command in
            // The signal comes while the second round's read runs: fio is killed (status 130).
            if command.executable == "fio", command.arguments.contains("--rw=read"), flag.set == false {
                return Self.answer(command)
            }
            if command.executable == "fio", command.arguments.contains("--rw=read") {
                return CommandResult(status: 130, standardOutput: "{\n  \"fio version\"", standardError: "")
            }
            if command.executable == "fio" { flag.set = true }
            return Self.answer(command)
        }
        let outcome = DMCryptCollector(settings: settings(), runner: runner)
            .run(progress: { _ in }, interrupted: { flag.set && runner.commands.count >= 5 })
        XCTAssertTrue(outcome.interrupted)
        XCTAssertEqual(runner.commands.map(\.shellText).last, "cryptsetup close -- aesreport-crypt0")
        XCTAssertEqual(outcome.cleanup.count, 2, "\(outcome.cleanup)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: DMCryptCollectorTests.backingFolder(runner)))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).sorted(),
                       ["fio-aes-xts-plain64-read-r1.json", "fio-aes-xts-plain64-write-r1.json"],
                       "the cut-off read of round 2 is not a round")
        XCTAssertEqual(outcome.cutOff.count, 1)
        XCTAssertTrue(outcome.cutOff[0].hasPrefix("aes-xts-plain64 was cut off after 1 of 2 rounds: that round is kept"),
                      outcome.cutOff[0])
    }

    /// An earlier run of three rounds: refused without --replace (its third round counts too); with it, the third
    /// round is removed when the cipher is done, so it cannot join the new two-round series.
    func testAnEarlierLongerRunsRoundsAreRefusedOrRemoved() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in ["fio-aes-xts-plain64-read-r3.json", "fio-aes-xts-plain64-write-r3.json", "fio-other-read-r1.json",
                     "fio-aes-xts-plain64-read-r3.json.bak"] {
            try "{}".write(toFile: folder + "/" + name, atomically: false, encoding: .utf8)
        }
        let runner = RecordingRunner(answer: Self.answer)
        let refused = DMCryptCollector(settings: settings(), runner: runner)
        XCTAssertEqual(refused.existingFiles(), [folder + "/fio-aes-xts-plain64-read-r3.json",
                                                 folder + "/fio-aes-xts-plain64-write-r3.json"])
        XCTAssertTrue(refused.run(progress: { _ in }, interrupted: { false }).diagnostics.first?.message
            .contains("pass --replace") == true)
        XCTAssertEqual(runner.commands, [])
        var replacing = settings()
        replacing.replace = true
        let outcome = DMCryptCollector(settings: replacing, runner: runner).run(progress: { _ in }, interrupted: { false })
        XCTAssertEqual(outcome.diagnostics, [])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).sorted(), [
            "fio-aes-xts-plain64-read-r1.json", "fio-aes-xts-plain64-read-r2.json",
            "fio-aes-xts-plain64-read-r3.json.bak", "fio-aes-xts-plain64-write-r1.json",
            "fio-aes-xts-plain64-write-r2.json", "fio-other-read-r1.json",
        ])
    }

    func testFioIsTheFirstPrerequisiteAndSaysHowToInstallIt() {
        let runner = RecordingRunner(missing: ["fio"], answer: Self.answer)
        let missing = DMCryptCollector(settings: settings(), runner: runner).missingPrerequisites()
        XCTAssertEqual(missing.first, "fio is not installed, and --tool fio runs it for every round (apt-get install "
                       + "fio, or dnf install fio; or --tool dd for the seed's procedure)")
        var dd = settings()
        dd.tool = .dd
        XCTAssertFalse(DMCryptCollector(settings: dd, runner: runner).missingPrerequisites()
            .contains { $0.hasPrefix("fio") }, "dd needs no fio")
    }

    func testTheEngineIsLibaioWhereFioHasItElsePsync() {
        XCTAssertEqual(DMCryptCollector.FioOptions.engine(enginesListing: "Available IO engines:\n\tsync\n\tlibaio\n"),
                       "libaio")
        XCTAssertEqual(DMCryptCollector.FioOptions.engine(enginesListing: "Available IO engines:\n\tsync\n\tpsync\n"
                                                          + "\tlibaio_x\n"), "psync")
        let listing = RecordingRunner { _ in CommandResult(status: 0, standardOutput: "\tpsync\n\tio_uring\n",
                                                          standardError: "") }
        XCTAssertEqual(DMCryptCollector.FioOptions.engine(runner: listing), "psync")
        XCTAssertEqual(listing.commands.map(\.shellText), ["fio --enghelp"])
        XCTAssertEqual(DMCryptCollector.FioOptions.engine(runner: RecordingRunner(missing: ["fio"], answer: Self.answer)),
                       "libaio")
    }

    func testOptionsAreChecked() {
        XCTAssertEqual(DMCryptCollector.FioOptions().problems, [])
        XCTAssertEqual(DMCryptCollector.FioOptions(blockSize: "128k", iodepth: 1, ioengine: "io_uring").problems, [])
        XCTAssertEqual(DMCryptCollector.FioOptions(blockSize: "1M,4k", iodepth: 0, ioengine: "mmap").problems, [
            "--fio-block-size must be a number of bytes with an optional k, m or g (4k, 1M), found '1M,4k'",
            "--fio-iodepth must be between 1 and 4096",
            "--fio-ioengine must be libaio, io_uring, psync or sync, found 'mmap'",
        ])
        for bad in ["0", "", "k", "-1M", "1T", "1 M"] {
            XCTAssertFalse(DMCryptCollector.FioOptions.isBlockSize(bad), bad)
        }
        var s = settings()
        s.fio.iodepth = 5000
        XCTAssertEqual(s.nameProblems, ["--fio-iodepth must be between 1 and 4096"])
    }

    func testTheManifestGetsTheFioLinesOnceAndKeepsWhatWasThere() throws {
        let collector = DMCryptCollector(settings: settings(), runner: RecordingRunner(answer: Self.answer))
        let line = "# collect dmcrypt --tool fio: fio-3.33, --direct=1 --bs=1M --iodepth=16 --ioengine=libaio "
            + "--size=8M, one job per round, read before write\n"
        XCTAssertEqual(collector.fioManifest(earlier: nil, fioVersion: "fio-3.33"),
                       "# written by aesreport collect dmcrypt --tool fio\n" + line)
        let earlier = "label = guest with AES-NI"
        XCTAssertEqual(collector.fioManifest(earlier: earlier, fioVersion: "fio-3.33"), earlier + "\n" + line)
        XCTAssertEqual(collector.fioManifest(earlier: earlier + "\n" + line, fioVersion: "fio-3.33"),
                       earlier + "\n" + line, "a second run adds nothing")
    }

    func testAnExistingManifestIsReadWithoutFollowingALink() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "secret\n".write(toFile: folder + "/secret", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder + "/aesreport.manifest",
                                                   withDestinationPath: folder + "/secret")
        XCTAssertNil(DMCryptCollector.existingManifest(folder + "/aesreport.manifest"))
        try FileManager.default.removeItem(atPath: folder + "/aesreport.manifest")
        try "host = a\n".write(toFile: folder + "/aesreport.manifest", atomically: false, encoding: .utf8)
        XCTAssertEqual(DMCryptCollector.existingManifest(folder + "/aesreport.manifest"), "host = a\n")
        XCTAssertNil(DMCryptCollector.existingManifest(folder + "/missing"))
    }
}
