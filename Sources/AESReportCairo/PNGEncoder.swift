import CCairo

/// Encodes a Cairo ARGB32 image surface as PNG, faster than Cairo's own writer (which lets libpng try every row
/// filter at zlib's default level): opaque images are written as 8-bit RGB with the `Up` filter on every row and
/// zlib level 1. Charts are large flat areas, so this costs little in size and the output is still deterministic.
enum PNGEncoder {
    static let compressionLevel: Int32 = 1

    /// `knownOpaque`: the caller painted an opaque background first, so no pixel can be translucent and the scan
    /// for alpha is skipped.
    static func encode(_ image: ImagePixels, knownOpaque: Bool = false) -> [UInt8]? {
        let (data, width, height, stride) = (image.data, image.width, image.height, image.stride)
        var opaque = true
        for row in 0..<height where opaque && !knownOpaque {
            data.advanced(by: row * stride).withMemoryRebound(to: UInt32.self, capacity: width) { pixels in
                for x in 0..<width where pixels[x] >> 24 != 0xFF {
                    opaque = false
                    break
                }
            }
        }
        let channels = opaque ? 3 : 4
        let rowBytes = width * channels
        // Raw scanlines, each prefixed by its filter type (2 = Up: difference from the same byte of the row above),
        // computed straight from the surface's pixels.
        var raw = [UInt8](repeating: 0, count: (rowBytes + 1) * height)
        raw.withUnsafeMutableBufferPointer { buffer in
            let out = buffer.baseAddress!
            for row in 0..<height {
                let pixels = UnsafeRawPointer(data.advanced(by: row * stride)).assumingMemoryBound(to: UInt32.self)
                let above = row > 0
                    ? UnsafeRawPointer(data.advanced(by: (row - 1) * stride)).assumingMemoryBound(to: UInt32.self) : nil
                var o = row * (rowBytes + 1)
                out[o] = 2
                o += 1
                if opaque {
                    for x in 0..<width {
                        let p = pixels[x]
                        let q = above?[x] ?? 0
                        out[o] = UInt8(truncatingIfNeeded: p >> 16) &- UInt8(truncatingIfNeeded: q >> 16)
                        out[o + 1] = UInt8(truncatingIfNeeded: p >> 8) &- UInt8(truncatingIfNeeded: q >> 8)
                        out[o + 2] = UInt8(truncatingIfNeeded: p) &- UInt8(truncatingIfNeeded: q)
                        o += 3
                    }
                } else {
                    for x in 0..<width {
                        let p = straight(pixels[x])
                        let q = above.map { straight($0[x]) } ?? (0, 0, 0, 0)
                        out[o] = p.0 &- q.0
                        out[o + 1] = p.1 &- q.1
                        out[o + 2] = p.2 &- q.2
                        out[o + 3] = p.3 &- q.3
                        o += 4
                    }
                }
            }
        }
        guard let compressed = deflate(raw) else { return nil }

        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header += bigEndian(UInt32(width))
        header += bigEndian(UInt32(height))
        header += [8, opaque ? 2 : 6, 0, 0, 0] // bit depth, colour type, compression, filter, interlace
        appendChunk(&png, "IHDR", header)
        appendChunk(&png, "IDAT", compressed)
        appendChunk(&png, "IEND", [])
        return png
    }

    /// Premultiplied ARGB32 to straight (r, g, b, a).
    private static func straight(_ p: UInt32) -> (UInt8, UInt8, UInt8, UInt8) {
        let a = p >> 24
        var r = (p >> 16) & 0xFF
        var g = (p >> 8) & 0xFF
        var b = p & 0xFF
        if a != 0, a != 255 {
            r = (r * 255 + a / 2) / a
            g = (g * 255 + a / 2) / a
            b = (b * 255 + a / 2) / a
        }
        return (UInt8(truncatingIfNeeded: r), UInt8(truncatingIfNeeded: g), UInt8(truncatingIfNeeded: b),
                UInt8(truncatingIfNeeded: a))
    }

    /// zlib stream of `raw` at `compressionLevel`.
    private static func deflate(_ raw: [UInt8]) -> [UInt8]? {
        var size = compressBound(uLong(raw.count))
        var output = [UInt8](repeating: 0, count: Int(size))
        guard compress2(&output, &size, raw, uLong(raw.count), compressionLevel) == Z_OK else { return nil }
        output.removeSubrange(Int(size)...)
        return output
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    private static func appendChunk(_ png: inout [UInt8], _ type: String, _ data: [UInt8]) {
        png += bigEndian(UInt32(data.count))
        let typed = Array(type.utf8) + data
        png += typed
        let crc = typed.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        png += bigEndian(UInt32(crc))
    }
}
