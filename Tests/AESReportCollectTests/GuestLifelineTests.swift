@testable import AESReportCollect
import Foundation
import XCTest

/// Issue 25, item 4: SIGKILL of aesreport left vng and QEMU running, writing into the folder with no lock held.
/// A guest's process group now has a watchdog that kills it when aesreport's end of a pipe closes, which the
/// kernel does however aesreport ends. The guest here is `sh` with a child of its own in its group, as vng and QEMU.
final class GuestLifelineTests: XCTestCase {
    /// `sh -c 'sleep 600 & exec sleep 600'` in a new process group; returns the leader's pid (= the group).
    private func spawnGroup() throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        let words: [String] = ["/bin/sh", "-c", "sleep 600 & exec sleep 600"]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        XCTAssertEqual(posix_spawn(&pid, "/bin/sh", nil, &attributes, argv, environ), 0)
        return pid
    }

    /// Whether any process of group `group` is alive (a zombie leader not reaped counts as gone).
    private func groupMembers(_ group: pid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { Int32($0) }.filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 3 && fields[0] != "Z" && Int32(fields[2]) == group
        }
    }

    func testWhenAESReportDiesTheGuestsWholeGroupIsKilled() throws {
        let group = try spawnGroup()
        let lifeline = try GuestLifeline(group: group)
        // sh forks its background child and execs itself: on a loaded machine that takes a moment (bounded wait).
        for _ in 0..<200 where groupMembers(group).count < 2 { usleep(10_000) }
        XCTAssertEqual(groupMembers(group).count, 2, "the launcher and its child")
        lifeline.cut() // aesreport killed: its end of the pipe closed, no line written
        var status: Int32 = 0
        var reaped: pid_t = 0
        // Bounded, so that a watchdog that failed makes the test fail, not hang.
        for _ in 0..<200 where reaped == 0 {
            reaped = waitpid(group, &status, WNOHANG)
            if reaped == 0 { usleep(50_000) }
        }
        if reaped != group {
            kill(-group, SIGKILL)
            _ = waitpid(group, &status, 0)
            return XCTFail("the guest's group outlived aesreport's end of the pipe")
        }
        XCTAssertEqual(status & 0x7F, SIGKILL, "the launcher was killed")
        // Its child, reparented, is killed with the group; wait for init to reap it (bounded, not timed).
        for _ in 0..<200 where !groupMembers(group).isEmpty { usleep(50_000) }
        XCTAssertEqual(groupMembers(group), [], "no process of the guest's group is left")
    }

    func testAGuestThatEndsFirstLeavesTheWatchdogToExitQuietly() throws {
        let group = try spawnGroup()
        let lifeline = try GuestLifeline(group: group)
        for _ in 0..<200 where groupMembers(group).count < 2 { usleep(10_000) }
        lifeline.release()
        XCTAssertEqual(kill(lifeline.watchdog, 0), -1, "the watchdog has exited and was reaped")
        XCTAssertEqual(groupMembers(group).count, 2, "and killed nothing")
        kill(-group, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(group, &status, 0)
    }
}
