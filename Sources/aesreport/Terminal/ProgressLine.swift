#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A one-line progress indicator on standard error, shown only when standard error is a terminal and not `--quiet`,
/// redrawn at most every 1% of the work.
///
/// With `AESREPORT_PHASE_TIMES=1` in the environment it also prints, on standard error, the wall time of each
/// phase (reading files, statistics, charts, writing): the profile behind the README's benchmark table.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let enabled: Bool
    private var lastPercent = -1
    private let timesPhases = ProcessInfo.processInfo.environment["AESREPORT_PHASE_TIMES"] == "1"
    private var phase = "reading files"
    private var phaseStart = DispatchTime.now()

    init(quiet: Bool) {
        enabled = !quiet && isatty(STDERR_FILENO) == 1
    }

    private func endPhase(next: String?) {
        guard timesPhases else { return }
        let now = DispatchTime.now()
        let seconds = Double(now.uptimeNanoseconds - phaseStart.uptimeNanoseconds) / 1e9
        FileHandle.standardError.write(Data("phase \(phase): \(String(format: "%.3f", seconds)) s\n".utf8))
        phase = next ?? "rest"
        phaseStart = now
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
        lock.lock()
        defer { lock.unlock() }
        endPhase(next: message)
        guard enabled else { return }
        lastPercent = -1
        FileHandle.standardError.write(Data("\r\(message)\u{1B}[K".utf8))
    }

    func finish() {
        lock.lock()
        endPhase(next: nil)
        lock.unlock()
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
