#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CCairo

/// Image surfaces created ahead, their memory already touched, for the first PNGs: creating a chart-sized image
/// costs a PNG about a millisecond of page faults, which a thread with nothing else to do can pay instead. A
/// surface is handed out once, as new (every pixel zero, as `CairoSurface.image` makes it).
enum PreparedImages {
    private static let lock = RecursiveLock()
    nonisolated(unsafe) private static var surfaces: [(width: Int, height: Int, surface: CairoSurface)] = []

    /// Creates `count` images of `width` × `height` pixels and touches every page of their pixels.
    static func prepare(width: Int, height: Int, count: Int) {
        for _ in 0..<count {
            guard let surface = try? CairoSurface.image(width: width, height: height) else { return }
            _ = surface.withPixels { image in memset(image.data, 0, image.stride * image.height) }
            lock.withLock { surfaces.append((width, height, surface)) }
        }
    }

    /// A prepared image of that size, or nil.
    static func take(width: Int, height: Int) -> CairoSurface? {
        lock.withLock {
            guard let index = surfaces.firstIndex(where: { $0.width == width && $0.height == height }) else { return nil }
            return surfaces.remove(at: index).surface
        }
    }
}
