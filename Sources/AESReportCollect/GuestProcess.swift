#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Runs a guest launcher (`vng`, which starts QEMU) in a process group of its own, relays its output line by
/// line, and stops the whole group (launcher and QEMU) when asked to, on a time limit, or when the caller is
/// interrupted. Its own group, so that Ctrl-C on the terminal reaches only aesreport, which then stops the guest
/// and waits for it: a guest is never left running behind the tool.
public struct GuestProcess {
    public enum Ending: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
        case timedOut(seconds: Int)
        case interrupted
    }

    public let command: ExternalCommand

    public init(command: ExternalCommand) {
        self.command = command
    }

    /// Starts the command and waits for it, calling `line` for every line it prints (stdout and stderr merged)
    /// and polling `interrupted` several times a second. Throws only when it cannot be started.
    public func run(timeoutSeconds: Int, interrupted: () -> Bool, line: (String) -> Void) throws -> Ending {
        guard let executable = SystemCommandRunner().locate(command.executable) else {
            throw CommandStartError(command: command.executable, reason: "not found on PATH")
        }
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            throw CommandStartError(command: command.shellText, reason: String(cString: strerror(errno)))
        }
        let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])
        defer { close(readEnd) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 2)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        posix_spawn_file_actions_addclose(&actions, writeEnd)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A new process group whose id is the child's pid; default signal dispositions (ours catches SIGINT).
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGTERM)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var environment = ProcessInfo.processInfo.environment
        for (key, value) in command.environment { environment[key] = value }
        let argv = ([executable] + command.arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        close(writeEnd)
        guard status == 0 else {
            throw CommandStartError(command: command.shellText, reason: String(cString: strerror(status)))
        }
        // If aesreport dies (SIGKILL included), the watchdog kills the guest's group (`GuestLifeline`).
        let lifeline: GuestLifeline
        do {
            lifeline = try GuestLifeline(group: pid)
        } catch {
            Self.stopGroup(pid)
            _ = Self.wait(pid)
            throw error
        }
        defer { lifeline.release() }

        let deadline = Date().addingTimeInterval(Double(timeoutSeconds))
        var pending = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        var stopReason: Ending?
        var open = true
        func flush(all: Bool) {
            while let newline = pending.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) {
                let text = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                if !text.trimmingCharacters(in: .whitespaces).isEmpty { line(text) }
            }
            if all, !pending.isEmpty {
                line(String(decoding: pending, as: UTF8.self))
                pending.removeAll()
            }
        }
        while open {
            if interrupted() { stopReason = .interrupted; break }
            if Date() >= deadline { stopReason = .timedOut(seconds: timeoutSeconds); break }
            var descriptor = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 200)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if ready == 0 { continue }
            let count = read(readEnd, &buffer, buffer.count)
            if count > 0 {
                pending.append(contentsOf: buffer[0..<count])
                flush(all: false)
            } else if count == 0 || errno != EINTR {
                open = false
            }
        }
        flush(all: true)
        if let stopReason {
            Self.stopGroup(pid)
            _ = Self.wait(pid)
            return stopReason
        }
        let ending = Self.wait(pid)
        // The launcher has ended; anything it left in its group (a QEMU it did not wait for) goes too.
        kill(-pid, SIGKILL)
        return ending
    }

    /// SIGTERM to the group, then SIGKILL to whatever is still there after 5 s.
    static func stopGroup(_ pid: pid_t) {
        kill(-pid, SIGTERM)
        for _ in 0..<50 {
            if kill(-pid, 0) != 0 { return }
            // Reap the leader if it has ended, so the group can empty.
            var status: Int32 = 0
            _ = waitpid(pid, &status, WNOHANG)
            usleep(100_000)
        }
        kill(-pid, SIGKILL)
    }

    static func wait(_ pid: pid_t) -> Ending {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, 0)
            if result == pid { break }
            if result < 0 && errno != EINTR { return .exited(-1) }
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import as functions.
        let signal = status & 0x7F
        return signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
    }
}
