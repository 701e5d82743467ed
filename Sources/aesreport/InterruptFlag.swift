#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT and SIGTERM set a flag instead of ending the process, so a collector can stop between commands and
/// clean up (close the dm-crypt mapping, remove the backing file). A handler, unlike SIG_IGN, is reset in child
/// processes, so Ctrl-C still stops the running dd.
enum InterruptFlag {
    nonisolated(unsafe) private static var raised: sig_atomic_t = 0

    static func install() {
        let handler: @convention(c) (Int32) -> Void = { _ in InterruptFlag.raised = 1 }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
    }

    static var isSet: Bool { raised != 0 }
}
