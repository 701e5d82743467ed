#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A one-line progress indicator on standard error, shown only when standard error is a terminal and not `--quiet`,
/// redrawn at most every 1% of the work.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let enabled: Bool
    private var lastPercent = -1

    init(quiet: Bool) {
        enabled = !quiet && isatty(STDERR_FILENO) == 1
    }

    /// A callback for `RunDiscovery`, or nil when nothing is shown.
    var reader: (@Sendable (Int, Int) -> Void)? {
        guard enabled else { return nil }
        let line = self
        return { @Sendable done, total in line.update("reading files", done, total) }
    }

    func update(_ what: String, _ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        let percent = done * 100 / total
        lock.lock()
        defer { lock.unlock() }
        guard percent != lastPercent else { return }
        lastPercent = percent
        FileHandle.standardError.write(Data("\r\(what): \(done)/\(total) (\(percent)%)\u{1B}[K".utf8))
    }

    func say(_ message: String) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        lastPercent = -1
        FileHandle.standardError.write(Data("\r\(message)\u{1B}[K".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
