#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A guest's process group must not outlive aesreport: killed with SIGKILL, aesreport runs no handler, and vng and
/// QEMU went on writing results into the folder with no lock held (issue 25).
///
/// The lifeline is a watchdog process, `sh`, in a process group of its own (a Ctrl-C or a `kill` of
/// aesreport's group does not reach it) that ignores SIGINT, SIGTERM and SIGHUP and reads one line from a pipe
/// whose only write end aesreport holds (`O_CLOEXEC`, so the guest does not inherit it). When aesreport ends in any
/// way the kernel closes that end: the watchdog reads end of file and sends SIGKILL to the guest's group. When the
/// guest ends first, `release()` writes the line, and the watchdog exits without a signal.
final class GuestLifeline {
    private var writeEnd: Int32
    let watchdog: pid_t

    /// Starts the watchdog of the process group `group`.
    init(group: pid_t) throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            throw CommandStartError(command: "sh (guest watchdog)", reason: String(cString: strerror(errno)))
        }
        // Close-on-exec on both ends here; the watchdog gets the read end as its stdin by dup2, which clears it.
        // (Another thread spawning between pipe and fcntl could inherit an end; the collectors spawn from one.)
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[0], 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK))
        let script = "trap '' INT TERM HUP; read -r line || kill -9 -\"$0\""
        let words: [String] = ["/bin/sh", "-c", script, String(group)]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, environ)
        close(ends[0])
        guard status == 0 else {
            close(ends[1])
            throw CommandStartError(command: "sh (guest watchdog)", reason: String(cString: strerror(status)))
        }
        writeEnd = ends[1]
        watchdog = pid
    }

    /// The guest ended (or was stopped) under our eyes: the watchdog exits without a signal, and is reaped.
    func release() {
        guard writeEnd >= 0 else { return }
        _ = "done\n".withCString { write(writeEnd, $0, 5) }
        close(writeEnd)
        writeEnd = -1
        var status: Int32 = 0
        while waitpid(watchdog, &status, 0) < 0 && errno == EINTR {}
    }

    /// What the kernel does to the write end when aesreport dies: closed with no line (tests).
    func cut() {
        guard writeEnd >= 0 else { return }
        close(writeEnd)
        writeEnd = -1
        var status: Int32 = 0
        while waitpid(watchdog, &status, 0) < 0 && errno == EINTR {}
    }

    deinit { release() }
}
