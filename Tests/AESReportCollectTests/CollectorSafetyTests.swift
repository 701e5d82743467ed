@testable import AESReportCollect
import AESReportModel
import Foundation
import XCTest

/// The collectors against a hostile user of the result folder and against Ctrl-C (issue 12, items 2, 4, 5, 6, 18).
final class CollectorSafetyTests: XCTestCase {
    static let ddReport = DMCryptCollectorTests.ddReport
    var folder: String!

    override func setUp() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("collect-safety-\(UUID().uuidString)").path
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func settings(_ ciphers: [String] = ["aes-xts-plain64"], replace: Bool = false) -> DMCryptCollector.Settings {
        DMCryptCollector.Settings(output: folder, ciphers: ciphers, rounds: 2, sizeMiB: 8, backingFolder: "/dev/shm",
                                  replace: replace)
    }

    /// Item 2: a symbolic link swapped in at the result file's name between rounds is never followed: the rounds go
    /// to the descriptor opened once, and the link is replaced, not written through.
    func testALinkSwappedInBetweenRoundsIsNotFollowed() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let victim = folder + "-victim"
        try "root only\n".write(toFile: victim, atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: victim) }
        let target = folder + "/aes-xts-plain64-read.txt"
        let path = folder!
        let runner = RecordingRunner { command in
            if command.executable == "dd", command.arguments.contains("of=/dev/null") {
                try? FileManager.default.removeItem(atPath: target)
                try? FileManager.default.createSymbolicLink(atPath: target, withDestinationPath: victim)
                _ = path
            }
            return CommandResult(status: 0, standardOutput: "", standardError: command.executable == "dd" ? Self.ddReport : "")
        }
        let outcome = DMCryptCollector(settings: settings(), runner: runner).run(progress: { _ in }, interrupted: { false })
        XCTAssertEqual(outcome.diagnostics, [])
        XCTAssertEqual(try String(contentsOfFile: victim, encoding: .utf8), "root only\n")
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), Self.ddReport + Self.ddReport)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: target)[.type] as? FileAttributeType, .typeRegular)
    }

    /// Item 6: earlier results are kept whole until the cipher is done; a Ctrl-C during the first dd leaves them
    /// as they were (with --replace); without --replace nothing runs at all.
    func testEarlierResultsSurviveAnInterruptAndAreNotReplacedWithoutReplace() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let earlier = String(repeating: Self.ddReport, count: 10)
        try earlier.write(toFile: folder + "/aes-xts-plain64-read.txt", atomically: false, encoding: .utf8)
        let runner = RecordingRunner { command in
            CommandResult(status: 0, standardOutput: "", standardError: command.executable == "dd" ? Self.ddReport : "")
        }
        let refused = DMCryptCollector(settings: settings(), runner: runner).run(progress: { _ in }, interrupted: { false })
        XCTAssertTrue(refused.diagnostics.first?.message.contains("pass --replace") == true, "\(refused.diagnostics)")
        XCTAssertEqual(runner.commands, [], "nothing ran")
        // With --replace, interrupted while the first read runs (dd killed: status 130).
        let flag = Flag()
        let killed = RecordingRunner { command in
            if command.arguments.contains("of=/dev/null") {
                flag.set = true
                return CommandResult(status: 130, standardOutput: "", standardError: "3+0 records in\n")
            }
            return CommandResult(status: 0, standardOutput: "", standardError: "")
        }
        let outcome = DMCryptCollector(settings: settings(replace: true), runner: killed)
            .run(progress: { _ in }, interrupted: { flag.set })
        XCTAssertTrue(outcome.interrupted)
        XCTAssertEqual(try String(contentsOfFile: folder + "/aes-xts-plain64-read.txt", encoding: .utf8), earlier)
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: folder).contains { $0.hasPrefix(".") })
    }

    private final class Flag: @unchecked Sendable { var set = false }

    /// Item 5: names that would leave DIR or reach a child as an option are refused; `--` ends cryptsetup's options.
    func testNamesThatLeaveTheFolderOrLookLikeOptionsAreRefused() {
        for cipher in ["../victimdir/x", "a/b", "-x", "..", "aes..cbc", "aes cbc", ""] {
            XCTAssertNotNil(CollectorNames.cipherProblem(cipher), cipher)
        }
        for name in ["aes-xts-plain64", "aes-cbc-essiv:sha256", "capi:xts(aes)-plain64", "aes-pcbc-plain"] {
            XCTAssertNil(CollectorNames.cipherProblem(name), name)
        }
        XCTAssertNotNil(CollectorNames.algorithmProblem("x/../../.."))
        XCTAssertNil(CollectorNames.algorithmProblem("id-aes128-GCM"))
        XCTAssertNotNil(CollectorNames.mappingProblem("--test-passphrase"))
        var s = settings(["../victimdir/x"])
        s.mappingName = "--test-passphrase"
        XCTAssertEqual(s.nameProblems.count, 2, "\(s.nameProblems)")
        s = settings()
        s.sizeMiB = 17_592_186_044_417
        XCTAssertTrue(s.nameProblems.contains { $0.contains("too large") }, "\(s.nameProblems)")
        let plan = DMCryptCollector(settings: settings(), runner: RecordingRunner { _ in
            CommandResult(status: 0, standardOutput: "", standardError: "")
        }).plan()
        XCTAssertEqual(plan[1].command.arguments.suffix(3), ["--", "/dev/shm/aesreport-XXXXXX/backing.img",
                                                             "aesreport-crypt0"])
    }

    /// Items 4 and 18: collect openssl refuses to replace a manifest or cpuinfo.txt; with --replace only its own
    /// files go; a cut-off output (no result) is an error, not exit 0.
    func testOpenSSLRefusesToReplaceAManifestAndReportsACutOffOutput() throws {
        try FileManager.default.createDirectory(atPath: folder + "/with-aesni", withIntermediateDirectories: true)
        try "label = my hand-written label\n".write(toFile: folder + "/with-aesni/aesreport.manifest",
                                                    atomically: false, encoding: .utf8)
        try "keep".write(toFile: folder + "/with-aesni/openssl-notes.txt", atomically: false, encoding: .utf8)
        let cut = RecordingRunner { _ in
            CommandResult(status: 0, standardOutput: "", standardError: "Doing AES-128-CBC for 1s on 16384 size blo")
        }
        let settings = OpenSSLCollector.Settings(output: folder, algorithms: ["aes-128-cbc"], rounds: 1)
        let collector = OpenSSLCollector(settings: settings, runner: cut, cpuText: OpenSSLCollectorTests.x86WithAES,
                                         machine: "x86_64")
        XCTAssertThrowsError(try collector.run(collector.plan(supported: nil)) { _ in }) { error in
            XCTAssertTrue("\(error)".contains("aesreport.manifest"), "\(error)")
        }
        XCTAssertEqual(cut.commands, [])
        XCTAssertEqual(try String(contentsOfFile: folder + "/with-aesni/aesreport.manifest", encoding: .utf8),
                       "label = my hand-written label\n")
        var replacing = settings
        replacing.replace = true
        let again = OpenSSLCollector(settings: replacing, runner: cut, cpuText: OpenSSLCollectorTests.x86WithAES,
                                     machine: "x86_64")
        let outcome = try again.run(again.plan(supported: nil)) { _ in }
        XCTAssertEqual(outcome.diagnostics.filter { $0.message.contains("printed no result") }.count, 4)
        XCTAssertEqual(try String(contentsOfFile: folder + "/with-aesni/openssl-notes.txt", encoding: .utf8), "keep")
        XCTAssertTrue(OpenSSLCollector.isResultName("openssl-aes-128-cbc-encrypt-16384-r1.txt"))
        XCTAssertFalse(OpenSSLCollector.isResultName("openssl-notes.txt"))
    }
}
