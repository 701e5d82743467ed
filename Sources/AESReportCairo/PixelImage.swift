/// Decoded ARGB32 pixels of a PNG (premultiplied, native endian), for comparing images in tests and tools.
public struct PixelImage: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var pixels: [UInt32]

    /// Why bytes could not be decoded.
    public enum DecodeError: Error {
        /// Cairo's reason.
        case notAPNG(String)
    }

    /// The pixels of PNG `bytes`, whatever their colour type, converted to ARGB32.
    public static func decodePNG(_ bytes: [UInt8]) throws -> PixelImage {
        let decoded: CairoSurface
        do {
            decoded = try CairoSurface.png(bytes)
        } catch let .cairo(status) {
            throw DecodeError.notAPNG(status)
        } catch {
            throw DecodeError.notAPNG("\(error)")
        }
        let size = decoded.pixelSize
        let converted = try CairoSurface.image(width: Int(size.width), height: Int(size.height))
        let context = CairoContext(converted)
        context.setSource(decoded, x: 0, y: 0)
        context.paint()
        try context.check()
        return converted.withPixels { image in
            var pixels: [UInt32] = []
            pixels.reserveCapacity(image.width * image.height)
            for row in 0..<image.height {
                image.data.advanced(by: row * image.stride).withMemoryRebound(to: UInt32.self, capacity: image.width) {
                    pixels.append(contentsOf: UnsafeBufferPointer(start: $0, count: image.width))
                }
            }
            return PixelImage(width: image.width, height: image.height, pixels: pixels)
        } ?? PixelImage(width: 0, height: 0, pixels: [])
    }

    /// Pixels whose largest channel difference exceeds `threshold` (0...255).
    public func differingPixels(from other: PixelImage, threshold: Int = 64) -> Int? {
        guard width == other.width, height == other.height else { return nil }
        var count = 0
        for (a, b) in zip(pixels, other.pixels) where a != b {
            for shift in stride(from: 0, to: 32, by: 8) {
                let da = Int((a >> UInt32(shift)) & 0xFF)
                let db = Int((b >> UInt32(shift)) & 0xFF)
                if abs(da - db) > threshold {
                    count += 1
                    break
                }
            }
        }
        return count
    }
}
