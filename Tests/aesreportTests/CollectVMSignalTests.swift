import Foundation
import XCTest

/// Issue 25, item 4, for real: SIGKILL of `aesreport collect vm` left vng and QEMU running, and the guest went on
/// writing into the folder with no lock held; two `collect vm` into one folder mixed `with-aesni` of one run with
/// `no-aesni` of the other. Guests booted by virtme-ng over QEMU (TCG here), stopped early, during the first guest.
/// Skipped like `CollectVMTests` (a failure in CI, which installs the tools); `--skip CollectVM` skips both.
final class CollectVMSignalTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-vmsig-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// The smallest run: one cipher, 16 MiB, one round, TCG (no KVM trial boot).
    private static let small = ["--size", "16", "--ciphers", "aes-xts-plain", "--accelerator", "tcg"]

    /// Starts `aesreport collect vm -o host` with standard error into `errFile`.
    private func startCollect(_ host: String, rounds: Int = 1, errFile: URL) throws -> Process {
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        let process = Process()
        process.executableURL = HTMLReportTests.binary
        process.arguments = ["collect", "vm", "-o", host] + Self.small + ["--rounds", String(rounds)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errFile)
        try process.run()
        return process
    }

    private func qemu(_ host: String) -> [String] {
        CollectVMTests.processes(mentioning: host).filter { $0.contains("qemu-system") }
    }

    /// Waits (at most `seconds`) until QEMU for `host` runs; false if it did not, or `process` ended first.
    private func waitForQEMU(_ host: String, of process: Process, seconds: Double = 120) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while qemu(host).isEmpty && Date() < deadline && process.isRunning { usleep(200_000) }
        return !qemu(host).isEmpty
    }

    /// Every entry under `root` (the lock file included): its kind, size and modification time in nanoseconds.
    private func snapshot(_ root: String) -> [String: String] {
        var entries: [String: String] = [:]
        let names = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String]) ?? []
        for name in names {
            var info = stat()
            guard lstat(root + "/" + name, &info) == 0 else { continue }
            entries[name] = "mode \(String(info.st_mode, radix: 8)) size \(info.st_size) "
                + "mtime \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        }
        return entries
    }

    /// The programs of `processes(mentioning:)` lines (`pid: command line`), for the log.
    private static func names(_ lines: [String]) -> String {
        lines.compactMap { $0.split(separator: " ").dropFirst().first.map { String($0.split(separator: "/").last ?? $0) } }
            .joined(separator: ", ")
    }

    /// Whether this process can take the folder's lock now (no one, no leftover guest included, holds it).
    private func lockIsFree(_ host: String) -> Bool {
        let fd = open(host + "/.aesreport.lock", O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return true }
        defer { close(fd) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { return false }
        flock(fd, LOCK_UN)
        return true
    }

    /// SIGKILL runs no handler in aesreport: the guest's watchdog must take vng and QEMU down, and after that
    /// nothing in the folder changes.
    func testSIGKILLDuringTheFirstGuestLeavesNoQEMUAndNoLaterWrite() throws {
        try CollectVMTests.requireGuestTools()
        let host = folder.appendingPathComponent("vmhost").path
        let errFile = folder.appendingPathComponent("stderr.txt")
        let started = Date()
        // Work that lasts well past the 30 s wait below (one round took the orphaned guest about 8 s to finish):
        // a guest that outlived aesreport would still be there to see, and still writing. Killed at once, the
        // length costs nothing.
        let process = try startCollect(host, rounds: 40, errFile: errFile)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        XCTAssertTrue(waitForQEMU(host, of: process), "QEMU started: "
                      + ((try? String(contentsOf: errFile, encoding: .utf8)) ?? ""))
        // The guest at work is the worst case (it writes results): wait, bounded, for its collector to begin.
        let working = Date().addingTimeInterval(90)
        while !((try? String(contentsOf: errFile, encoding: .utf8)) ?? "").contains("with-aesni: loaded the kernel modules ")
            && Date() < working && !qemu(host).isEmpty {
            usleep(200_000)
        }
        let stderrAtKill = (try? String(contentsOf: errFile, encoding: .utf8)) ?? ""
        let guestProcesses = CollectVMTests.processes(mentioning: host)
        XCTAssertFalse(qemu(host).isEmpty, "QEMU still runs at the kill: " + stderrAtKill)
        let killedAt = Date()
        kill(process.processIdentifier, SIGKILL)

        // vng and QEMU (and anything else naming the folder) are gone within a bounded wait. (Not after
        // `waitUntilExit`: Foundation sees the end of aesreport only when every holder of the socket its children
        // inherit has closed it, an orphaned QEMU included, so it would wait for the guest itself.)
        let gone = Date().addingTimeInterval(30)
        while !CollectVMTests.processes(mentioning: host).isEmpty && Date() < gone { usleep(100_000) }
        let left = CollectVMTests.processes(mentioning: host)
        let goneAfter = Date().timeIntervalSince(killedAt)
        XCTAssertEqual(left, [], "no vng or QEMU process is left 30 s after SIGKILL of aesreport")
        for line in left { if let pid = pid_t(line.prefix { $0 != ":" }) { kill(pid, SIGKILL) } }
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)
        print("SIGKILL after \(String(format: "%.1f", killedAt.timeIntervalSince(started))) s "
              + "(guest collector begun: \(stderrAtKill.contains("loaded the kernel modules"))); "
              + "\(guestProcesses.count) processes named the folder (\(Self.names(guestProcesses))); all gone \(String(format: "%.2f", goneAfter)) s later")

        // No later write: every file's size and time stay put, and no file appears or goes.
        let before = snapshot(host)
        sleep(3)
        let after = snapshot(host)
        XCTAssertEqual(after, before, "nothing in the folder changes after the guest is gone")
        XCTAssertTrue(lockIsFree(host), "no leftover process holds the folder's lock")
        print("the folder after the kill: \(before.keys.sorted())")
    }

    /// A second `collect vm --replace` into the folder a first one holds fails within its --lock-timeout naming the
    /// holder, removes and writes nothing; the first, interrupted, leaves only its own files.
    func testASecondCollectVMIntoAFolderInUseFailsCleanlyAndNothingIsMixed() throws {
        try CollectVMTests.requireGuestTools()
        let host = folder.appendingPathComponent("vmhost").path
        let firstErr = folder.appendingPathComponent("first-stderr.txt")
        let first = try startCollect(host, errFile: firstErr)
        defer { if first.isRunning { kill(first.processIdentifier, SIGKILL) } }
        XCTAssertTrue(waitForQEMU(host, of: first), "the first run's QEMU started: "
                      + ((try? String(contentsOf: firstErr, encoding: .utf8)) ?? ""))
        let firstManifest = try String(contentsOfFile: host + "/with-aesni/aesreport.manifest", encoding: .utf8)
        let before = snapshot(host)

        let started = Date()
        let second = try HTMLReportTests.run(HTMLReportTests.binary.path, [
            "collect", "vm", "-o", host, "--replace", "--lock-timeout", "1", "--rounds", "1",
        ] + Self.small)
        let secondTook = Date().timeIntervalSince(started)
        let after = snapshot(host)
        XCTAssertEqual(second.status, 1, second.stderr)
        XCTAssertLessThan(secondTook, 15, "the second run gives up promptly")
        XCTAssertTrue(second.stderr.contains("error: \(host) is locked by pid \(first.processIdentifier)"), second.stderr)
        XCTAssertTrue(second.stderr.contains("(--lock-timeout)"), second.stderr)
        XCTAssertFalse(second.stderr.contains("booting"), "the second run boots no guest: " + second.stderr)
        // Nothing of the first run is removed or rewritten (its guest, booting, may add results in with-aesni only).
        for (name, entry) in before where !(name.hasPrefix("with-aesni/") && name.hasSuffix(".txt")) {
            XCTAssertEqual(after[name], entry, "\(name) is untouched by the second run")
        }
        for name in after.keys where before[name] == nil {
            XCTAssertTrue(name.hasPrefix("with-aesni/"), "\(name) appeared while the second run tried")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: host + "/no-aesni"), "no no-aesni of either run yet")
        XCTAssertFalse(lockIsFree(host), "the first run still holds the folder: a third run would wait too")

        // Stop the first run; the folder then holds at most its own first guest's files.
        kill(first.processIdentifier, SIGINT)
        let stop = Date().addingTimeInterval(60)
        while first.isRunning && Date() < stop { usleep(100_000) }
        XCTAssertFalse(first.isRunning, "the first run ended within a minute of SIGINT")
        if first.isRunning { kill(first.processIdentifier, SIGKILL) }
        first.waitUntilExit()
        let firstStderr = (try? String(contentsOf: firstErr, encoding: .utf8)) ?? ""
        XCTAssertEqual(first.terminationStatus, 130, firstStderr)
        XCTAssertEqual(CollectVMTests.processes(mentioning: host), [], "no vng or QEMU process is left")
        let final = snapshot(host)
        XCTAssertEqual(try String(contentsOfFile: host + "/with-aesni/aesreport.manifest", encoding: .utf8), firstManifest,
                       "with-aesni is the first run's")
        let noAESNI = (try? FileManager.default.contentsOfDirectory(atPath: host + "/no-aesni")) ?? []
        XCTAssertEqual(noAESNI, [], "no no-aesni results: the first run was stopped during its first guest")
        XCTAssertEqual(final.keys.filter { !$0.hasPrefix("with-aesni") && $0 != ".aesreport.lock" }.sorted(), ["cpuinfo.txt"],
                       "at the top only the first run's host cpuinfo (and its lock file, if left)")
        XCTAssertEqual(final["cpuinfo.txt"], before["cpuinfo.txt"], "the host cpuinfo is the first run's")
        XCTAssertTrue(lockIsFree(host), "the lock is free once both have ended")
        print("second run failed after \(String(format: "%.2f", secondTook)) s (--lock-timeout 1): "
              + "\(second.stderr.split(separator: "\n").last { $0.hasPrefix("error:") } ?? ""); "
              + "the folder after both: \(final.keys.sorted())")
    }
}
