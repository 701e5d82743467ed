#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AESReportCollect
import CInterruptCleanup
import ArgumentParser

/// SIGINT, SIGTERM and SIGHUP (a closed terminal or ssh session), handled in one place. The exit status after a
/// signal is 128 + its number, as in the shell: 130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP.
///
/// For the collectors (`install()`): the signal sets a flag instead of ending the process, so a collector can stop
/// between commands and clean up (close the dm-crypt mapping, remove the backing file), and it is forwarded to the
/// child that runs at that moment (`RunningChild`), to its process group when it leads one (so its own children get
/// it too), else to the child alone: a child may sit in its own process group, where a terminal's
/// Ctrl-C does not reach it and `kill PID` of the tool never would. The tool then waits for the child, so no
/// `dd` or `openssl speed` outlives it.
///
/// For `report` and `compare` (`install(exitUnlessCommitting: true)`): the signal ends the process at once
/// (`_exit(128 + signal)`, after removing the temporary files it was writing, `CInterruptCleanup`; one created at
/// that very instant is removed by the next run into the folder), except while the staged files
/// are renamed into place: then it is held until the renames are done, so a folder never mixes two runs.
enum InterruptFlag {
    nonisolated(unsafe) private static var raised: sig_atomic_t = 0
    /// The first signal that came (SIGINT when none did).
    nonisolated(unsafe) private static var signalNumber: sig_atomic_t = SIGINT
    nonisolated(unsafe) private static var exitsAtOnce: sig_atomic_t = 0
    nonisolated(unsafe) private static var committing: sig_atomic_t = 0

    static func install(exitUnlessCommitting: Bool = false) {
        exitsAtOnce = exitUnlessCommitting ? 1 : 0
        let handler: @convention(c) (Int32) -> Void = { signal in
            if InterruptFlag.raised == 0 { InterruptFlag.signalNumber = signal }
            InterruptFlag.raised = 1
            if InterruptFlag.exitsAtOnce != 0, InterruptFlag.committing == 0 {
                // The report's temporary files go with it (unlinkat only: async-signal-safe).
                _ = aesreport_interrupt_cleanup_unlink_all()
                _exit(128 + signal)
            }
            let child = RunningChild.pid
            if child > 0 {
                // Its process group when it leads one (getpgid is async-signal-safe), else the child alone.
                if getpgid(child) == child { kill(-child, signal) } else { kill(child, signal) }
            }
        }
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = handler
        #else
        action.__sigaction_u.__sa_handler = handler
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGINT, &action, nil)
        sigaction(SIGTERM, &action, nil)
        sigaction(SIGHUP, &action, nil)
    }

    static var isSet: Bool { raised != 0 }

    /// 128 + the signal that came: 130 for SIGINT (and when none came), 143 for SIGTERM, 129 for SIGHUP.
    static var exitCode: ExitCode { ExitCode(128 + signalNumber) }

    /// The signal's name for messages.
    static var signalName: String {
        switch signalNumber {
        case SIGHUP: "SIGHUP"
        case SIGTERM: "SIGTERM"
        default: "Ctrl-C (SIGINT)"
        }
    }

    /// Runs `body` with SIGINT/SIGTERM/SIGHUP held (see above); returns whether one arrived meanwhile.
    static func holdingSignals<T>(_ body: () throws -> T) rethrows -> (T, interrupted: Bool) {
        committing = 1
        defer { committing = 0 }
        let value = try body()
        return (value, raised != 0)
    }
}
