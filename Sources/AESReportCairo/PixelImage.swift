import CCairo

/// Decoded ARGB32 pixels of a PNG (premultiplied, native endian), for comparing images in tests and tools.
public struct PixelImage: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var pixels: [UInt32]

    public enum DecodeError: Error {
        case notAPNG(String)
    }

    public static func decodePNG(_ bytes: [UInt8]) throws -> PixelImage {
        let source = ByteSource(bytes)
        let surface = cairo_image_surface_create_from_png_stream(ByteSource.read,
                                                                  Unmanaged.passUnretained(source).toOpaque())!
        defer { cairo_surface_destroy(surface) }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw DecodeError.notAPNG(String(cString: cairo_status_to_string(status)))
        }
        let converted = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, cairo_image_surface_get_width(surface),
                                                   cairo_image_surface_get_height(surface))!
        defer { cairo_surface_destroy(converted) }
        let cr = cairo_create(converted)!
        cairo_set_source_surface(cr, surface, 0, 0)
        cairo_paint(cr)
        cairo_destroy(cr)
        cairo_surface_flush(converted)
        let width = Int(cairo_image_surface_get_width(converted))
        let height = Int(cairo_image_surface_get_height(converted))
        let stride = Int(cairo_image_surface_get_stride(converted))
        let data = cairo_image_surface_get_data(converted)!
        var pixels: [UInt32] = []
        pixels.reserveCapacity(width * height)
        for row in 0..<height {
            data.advanced(by: row * stride).withMemoryRebound(to: UInt32.self, capacity: width) { pointer in
                pixels.append(contentsOf: UnsafeBufferPointer(start: pointer, count: width))
            }
        }
        return PixelImage(width: width, height: height, pixels: pixels)
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

/// Feeds bytes to Cairo's PNG reader.
final class ByteSource {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    static let read: cairo_read_func_t = { closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
        let source = Unmanaged<ByteSource>.fromOpaque(closure).takeUnretainedValue()
        let count = Int(length)
        guard source.offset + count <= source.bytes.count else { return CAIRO_STATUS_READ_ERROR }
        source.bytes.withUnsafeBufferPointer { buffer in
            data.update(from: buffer.baseAddress! + source.offset, count: count)
        }
        source.offset += count
        return CAIRO_STATUS_SUCCESS
    }
}
