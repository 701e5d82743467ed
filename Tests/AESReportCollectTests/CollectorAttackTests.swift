@testable import AESReportCollect
import AESReportModel
import Foundation
import XCTest

/// The collectors against the attacks of the review after issue 12 (defects 1, 2, 6, 7, 8, 13).
final class CollectorAttackTests: XCTestCase {
    static let ddReport = DMCryptCollectorTests.ddReport
    var folder: String!

    override func setUp() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("collect-attack-\(UUID().uuidString)").path
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: folder)
        try? FileManager.default.removeItem(atPath: folder + "-victim")
    }

    private func settings(_ ciphers: [String] = ["aes-xts-plain64"], rounds: Int = 2,
                          replace: Bool = false) -> DMCryptCollector.Settings {
        DMCryptCollector.Settings(output: folder, ciphers: ciphers, rounds: rounds, sizeMiB: 8,
                                  backingFolder: "/dev/shm", replace: replace)
    }

    /// What dd does with `of=`: opens the path (following links), truncating unless `conv=notrunc`.
    static func fakeDD(_ command: ExternalCommand) {
        guard let target = command.arguments.first(where: { $0.hasPrefix("of=") })?.dropFirst(3),
              !target.hasPrefix("/dev/") || target.hasPrefix("/dev/shm") else { return }
        let truncate = command.arguments.contains("conv=notrunc") ? 0 : O_TRUNC
        let fd = open(String(target), O_WRONLY | O_CREAT | truncate, 0o644)
        if fd >= 0 {
            _ = write(fd, "zeros", 5)
            close(fd)
        }
    }

    private final class Box: @unchecked Sendable {
        var value: [String] = []
        var flag = false
    }

    /// Defect 1: another user's link at the old fixed backing name (or anywhere in /dev/shm) is never opened:
    /// the backing file is created by the tool in a new private folder (0700) with O_EXCL|O_NOFOLLOW, mode 0600,
    /// before dd fills it (`conv=notrunc`); file and folder are gone afterwards.
    func testAPlantedBackingFileIsNeverFollowed() throws {
        let victim = folder + "-victim"
        try "root only\n".write(toFile: victim, atomically: false, encoding: .utf8)
        let planted = "/dev/shm/aesreport-dmcrypt-backing.img"
        try? FileManager.default.removeItem(atPath: planted)
        try FileManager.default.createSymbolicLink(atPath: planted, withDestinationPath: victim)
        defer { try? FileManager.default.removeItem(atPath: planted) }
        let seen = Box()
        let runner = RecordingRunner { command in
            if command.executable == "dd", let of = command.arguments.first(where: { $0.hasPrefix("of=/dev/shm") }) {
                let path = String(of.dropFirst(3))
                var file = stat(), dir = stat()
                if lstat(path, &file) == 0, stat(URL(fileURLWithPath: path).deletingLastPathComponent().path, &dir) == 0 {
                    seen.value.append(String(format: "%o %o %d", file.st_mode, dir.st_mode & 0o7777, file.st_uid == geteuid() ? 1 : 0))
                }
                Self.fakeDD(command)
            }
            return CommandResult(status: 0, standardOutput: "", standardError: command.executable == "dd" ? Self.ddReport : "")
        }
        let outcome = DMCryptCollector(settings: settings(), runner: runner).run(progress: { _ in }, interrupted: { false })
        XCTAssertEqual(outcome.diagnostics, [])
        XCTAssertEqual(try String(contentsOfFile: victim, encoding: .utf8), "root only\n", "the planted link was followed")
        XCTAssertEqual(seen.value, ["100600 700 1"], "dd got an existing 0600 file of ours in a 0700 folder")
        let create = try XCTUnwrap(runner.commands.first)
        XCTAssertTrue(create.arguments.contains("conv=notrunc"), create.shellText)
        let backing = String(try XCTUnwrap(create.arguments.first { $0.hasPrefix("of=") }).dropFirst(3))
        XCTAssertTrue(backing.hasPrefix("/dev/shm/aesreport-") && backing.hasSuffix("/backing.img"), backing)
        XCTAssertFalse(FileManager.default.fileExists(atPath: URL(fileURLWithPath: backing).deletingLastPathComponent().path),
                       "the private folder is removed")
        XCTAssertTrue(outcome.cleanup.contains { $0.contains("backing file was removed") }, "\(outcome.cleanup)")
        // --dry-run shows the private folder, not a fixed name.
        XCTAssertEqual(DMCryptCollector(settings: settings(), runner: runner).plan().first?.command.shellText,
                       "dd if=/dev/zero of=/dev/shm/aesreport-XXXXXX/backing.img bs=1M count=8 conv=notrunc")
    }

    /// Stands in for SystemCommandRunner after a Ctrl-C: every child started through `run` once the flag is set is
    /// killed (status 143); `runToCompletion` runs to its end.
    private final class KillingRunner: CommandRunner, @unchecked Sendable {
        let interrupted: () -> Bool
        let closeStatus: Int32
        var log: [String] = []
        init(closeStatus: Int32 = 0, interrupted: @escaping () -> Bool) {
            self.interrupted = interrupted
            self.closeStatus = closeStatus
        }
        func run(_ command: ExternalCommand) throws -> CommandResult {
            log.append("run " + command.shellText)
            if interrupted() { return CommandResult(status: 143, standardOutput: "", standardError: "") }
            return CommandResult(status: 0, standardOutput: "", standardError: command.executable == "dd" ? CollectorAttackTests.ddReport : "")
        }
        func runToCompletion(_ command: ExternalCommand) throws -> CommandResult {
            log.append("complete " + command.shellText)
            if command.arguments.first == "close", closeStatus != 0 {
                return CommandResult(status: closeStatus, standardOutput: "", standardError: "Device aesreport-crypt0 is still in use.")
            }
            return CommandResult(status: 0, standardOutput: "", standardError: "")
        }
        func locate(_ program: String) -> String? { "/usr/bin/" + program }
    }

    /// Defect 2: after a Ctrl-C the mapping is closed by a command the interrupt cannot kill, the backing file is
    /// removed, and the outcome says what really happened; a close that fails is an error, not "removed".
    /// Defect 13: the dd round cut off is not reported as "exited with status 130/143: no message".
    func testCleanupAfterAnInterruptRunsToItsEndAndSaysWhatHappened() throws {
        let box = Box()
        let runner = KillingRunner { box.flag }
        // Interrupted while the first read runs.
        let outcome = DMCryptCollector(settings: settings(), runner: runner).run(progress: { line in
            if line.contains("read round 1") { box.flag = true }
        }, interrupted: { box.flag })
        XCTAssertTrue(outcome.interrupted)
        XCTAssertTrue(runner.log.contains("complete cryptsetup close -- aesreport-crypt0"), "\(runner.log)")
        XCTAssertFalse(outcome.cleanupFailed, "\(outcome.diagnostics)")
        XCTAssertTrue(outcome.cleanup.contains("the mapping aesreport-crypt0 was closed"), "\(outcome.cleanup)")
        XCTAssertEqual(outcome.diagnostics.filter { $0.message.contains("exited with status") }, [],
                       "a round cut off by the signal is not a failure")
        // A close that fails is said.
        let box2 = Box()
        let failing = KillingRunner(closeStatus: 5) { box2.flag }
        let bad = DMCryptCollector(settings: settings(), runner: failing).run(progress: { line in
            if line.contains("read round 1") { box2.flag = true }
        }, interrupted: { box2.flag })
        XCTAssertTrue(bad.cleanupFailed)
        XCTAssertTrue(bad.diagnostics.contains { $0.message.contains("the mapping is still open") && $0.message.contains("still in use") },
                      "\(bad.diagnostics)")
        XCTAssertFalse(bad.cleanup.contains { $0.contains("mapping") }, "\(bad.cleanup)")
    }

    /// Defect 2, the real runner: once the interrupt flag is set, `run` stops its child but `runToCompletion`
    /// lets it finish.
    func testTheSystemRunnerLetsCleanupFinishAfterAnInterrupt() throws {
        let runner = SystemCommandRunner(interrupted: { true })
        let cleanup = try runner.runToCompletion(ExternalCommand("sh", ["-c", "sleep 0.3; echo done"]))
        XCTAssertEqual(cleanup.status, 0)
        XCTAssertEqual(cleanup.standardOutput, "done\n")
        let measured = try runner.run(ExternalCommand("sh", ["-c", "sleep 5; echo done"]))
        XCTAssertEqual(measured.status, 128 + SIGTERM)
    }

    /// Defect 7: with --replace, a Ctrl-C during the second cipher never replaces its complete earlier result (8
    /// rounds) with the cut-off rounds; the first cipher, done, is replaced; the outcome says what became of them.
    func testAnInterruptNeverReplacesACompleteResultWithAPartialOne() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let earlier = String(repeating: Self.ddReport, count: 8)
        for name in ["aes-xts-plain64-read.txt", "aes-xts-plain64-write.txt", "aes-cbc-plain-read.txt", "aes-cbc-plain-write.txt"] {
            try earlier.write(toFile: folder + "/" + name, atomically: false, encoding: .utf8)
        }
        let box = Box()
        let runner = KillingRunner { box.flag }
        let outcome = DMCryptCollector(settings: settings(["aes-cbc-plain", "aes-xts-plain64"], rounds: 2, replace: true),
                                       runner: runner)
            .run(progress: { line in if line.contains("aes-xts-plain64 read round 2") { box.flag = true } },
                 interrupted: { box.flag })
        XCTAssertTrue(outcome.interrupted)
        XCTAssertEqual(try String(contentsOfFile: folder + "/aes-xts-plain64-read.txt", encoding: .utf8), earlier)
        XCTAssertEqual(try String(contentsOfFile: folder + "/aes-xts-plain64-write.txt", encoding: .utf8), earlier)
        XCTAssertEqual(try String(contentsOfFile: folder + "/aes-cbc-plain-read.txt", encoding: .utf8),
                       Self.ddReport + Self.ddReport, "the finished cipher is replaced")
        XCTAssertEqual(Set(outcome.files.map { URL(fileURLWithPath: $0).lastPathComponent }),
                       ["aes-cbc-plain-read.txt", "aes-cbc-plain-write.txt"])
        XCTAssertEqual(outcome.cutOff.count, 1)
        XCTAssertTrue(outcome.cutOff[0].hasPrefix("aes-xts-plain64 was cut off after 1 of 2 rounds: its rounds were discarded"),
                      outcome.cutOff[0])
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: folder).contains { $0.hasPrefix(".aesreport-tmp") })
    }

    /// Defect 6: a `with-aesni` link planted in the output folder is not followed: nothing is written through it.
    func testAPlantedStateFolderLinkIsNotFollowed() throws {
        let victim = folder + "-victim"
        try FileManager.default.createDirectory(atPath: victim, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/with-aesni", withDestinationPath: victim)
        let runner = RecordingRunner { _ in CommandResult(status: 0, standardOutput: "", standardError: "") }
        let collector = OpenSSLCollector(settings: .init(output: folder, algorithms: ["aes-128-cbc"]), runner: runner,
                                         cpuText: OpenSSLCollectorTests.x86WithAES, machine: "x86_64")
        let outcome = try collector.run(collector.plan(supported: nil)) { _ in }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: victim), [], "written through the link")
        XCTAssertTrue(outcome.diagnostics.contains { $0.file == folder + "/with-aesni" && $0.message.contains("symbolic link") },
                      "\(outcome.diagnostics)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/no-aesni/" + "aesreport.manifest"))
    }

    /// Defect 8: the same algorithm twice (any case) is named, measured once, and "wrote N" counts distinct files.
    func testAnAlgorithmNamedTwiceIsMeasuredOnceAndFilesAreCountedOnce() throws {
        let settings = OpenSSLCollector.Settings(output: folder, algorithms: ["aes-128-cbc", "AES-128-CBC"])
        XCTAssertEqual(settings.duplicateAlgorithms, ["aes-128-cbc"])
        let runner = RecordingRunner { _ in CommandResult(status: 0, standardOutput: "", standardError: "") }
        let collector = OpenSSLCollector(settings: settings, runner: runner, cpuText: OpenSSLCollectorTests.x86WithAES,
                                         machine: "x86_64")
        let outcome = try collector.run(collector.plan(supported: nil)) { _ in }
        XCTAssertEqual(outcome.files.count, Set(outcome.files).count)
        let onDisk = try FileManager.default.subpathsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") && $0.contains(".") && !$0.contains("/.") }
        XCTAssertEqual(outcome.files.count, onDisk.count, "\(outcome.files) vs \(onDisk)")
        XCTAssertEqual(outcome.files.count, 7)
    }

    /// Defect 13: an interrupted `collect openssl` writes nothing and leaves no empty folders it created.
    func testAnInterruptedOpenSSLCollectionLeavesNoFoldersItCreated() throws {
        let box = Box()
        let runner = RecordingRunner { _ in
            box.flag = true
            return CommandResult(status: 130, standardOutput: "", standardError: "")
        }
        let target = folder + "/host"
        let collector = OpenSSLCollector(settings: .init(output: target, algorithms: ["aes-128-cbc"]), runner: runner,
                                         cpuText: OpenSSLCollectorTests.x86WithAES, machine: "x86_64")
        let outcome = try collector.run(collector.plan(supported: nil), interrupted: { box.flag }) { _ in }
        XCTAssertTrue(outcome.interrupted)
        XCTAssertFalse(FileManager.default.fileExists(atPath: target), "empty folders left behind")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder), "empty folders left behind")
    }

    /// `--dry-run` printed `--openssl '/bin/echo; id'` as `/bin/echo; id speed ...`: a copied plan ran `id` (found by
    /// an adversarial review). Every word of a printed command is quoted, the program too.
    func testThePrintedCommandQuotesTheProgramToo() {
        let command = ExternalCommand("/bin/echo; id", ["speed", "-seconds", "1"],
                                      environment: ["OPENSSL_ia32cap": "~0x200000200000000"])
        XCTAssertEqual(command.shellText, "OPENSSL_ia32cap='~0x200000200000000' '/bin/echo; id' speed -seconds 1")
        XCTAssertEqual(ExternalCommand("/usr/bin/openssl", ["speed"]).shellText, "/usr/bin/openssl speed")
    }
}
