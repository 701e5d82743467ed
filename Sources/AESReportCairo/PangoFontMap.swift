#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CCairo

/// The one Pango font map of the process, and the lock every Pango call holds.
///
/// Pango's default Cairo font map is per thread (Pango objects are not thread-safe), so each thread that measured
/// or drew text paid the whole font set-up again: fontconfig pattern substitution and sorting for every font
/// description, HarfBuzz faces, glyph metrics: 10-25 ms a thread, more than drawing a chart. One map shared by
/// every thread, with every call into Pango made under one lock, pays it once (and `ChartWarmUp` can pay it ahead,
/// on a thread of its own). The lock is recursive: a wrapper's `deinit` may run while its owner holds it.
/// The fonts, and so the output, are the same as with a map per thread: the map is of the same kind
/// (`pango_cairo_font_map_new`, what the per-thread default is).
enum PangoFontMap {
    /// The shared map; created on first use, never released.
    nonisolated(unsafe) static let shared: UnsafeMutablePointer<CCairo.PangoFontMap> = pango_cairo_font_map_new()

    private static let lock = RecursiveLock()

    /// Runs `body` holding the Pango lock: every Pango call (and release of a Pango object) goes through here.
    static func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        try lock.withLock(body)
    }
}

/// A recursive pthread mutex (the same thread may take it again), never released.
final class RecursiveLock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        mutex = .allocate(capacity: 1)
        var attributes = pthread_mutexattr_t()
        pthread_mutexattr_init(&attributes)
        pthread_mutexattr_settype(&attributes, Int32(PTHREAD_MUTEX_RECURSIVE))
        pthread_mutex_init(mutex, &attributes)
        pthread_mutexattr_destroy(&attributes)
    }

    func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}
