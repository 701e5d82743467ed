import CCairo

/// Encodes a Cairo ARGB32 image surface as PNG, faster than Cairo's own writer (which lets libpng try every row
/// filter at zlib's default level): opaque images are written as 8-bit RGB with the `Up` filter on every row and
/// zlib level 1. Charts are large flat areas, so this costs little in size and the output is still deterministic.
enum PNGEncoder {
    static let compressionLevel: Int32 = 1

    /// `knownOpaque`: the caller painted an opaque background first, so no pixel can be translucent and the scan
    /// for alpha is skipped.
    static func encode(_ image: ImagePixels, knownOpaque: Bool = false) -> [UInt8]? {
        let opaque = knownOpaque || isOpaque(image)
        let scanlines = opaque ? PNGScanlines.opaque(image) : PNGScanlines.translucent(image)
        guard let compressed = zlibStream(scanlines) else { return nil }

        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header += bigEndian(UInt32(image.width))
        header += bigEndian(UInt32(image.height))
        header += [8, opaque ? 2 : 6, 0, 0, 0] // bit depth, colour type, compression, filter, interlace
        appendChunk(&png, "IHDR", header)
        appendChunk(&png, "IDAT", compressed)
        appendChunk(&png, "IEND", [])
        return png
    }

    /// Whether no pixel of `image` is translucent.
    private static func isOpaque(_ image: ImagePixels) -> Bool {
        for row in 0..<image.height {
            let opaqueRow = image.data.advanced(by: row * image.stride)
                .withMemoryRebound(to: UInt32.self, capacity: image.width) { pixels in
                    (0..<image.width).allSatisfy { pixels[$0] >> 24 == 0xFF }
                }
            if !opaqueRow { return false }
        }
        return true
    }

    /// The zlib stream (RFC 1950) of `scanlines` at `compressionLevel`, byte for byte what `compress2` makes:
    /// zlib's header for that level, zlib's raw deflate data, and the Adler-32 computed while filtering (zlib's
    /// own pass over the bytes for it is skipped).
    static func zlibStream(_ scanlines: PNGScanlines) -> [UInt8]? {
        var stream = z_stream()
        guard deflateInit2_(&stream, compressionLevel, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                            Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(scanlines.bytes.count)))
        // CMF: deflate with a 32 KB window; FLG: level 1's "fastest" flag and the check bits (zlib's deflate.c).
        var status = Z_STREAM_ERROR
        let output = [UInt8](unsafeUninitializedCapacity: 2 + bound + 4) { out, count in
            out[0] = 0x78
            out[1] = 0x01
            status = scanlines.bytes.withUnsafeBufferPointer { input in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.baseAddress! + 2
                stream.avail_out = uInt(bound)
                return deflate(&stream, Z_FINISH)
            }
            let end = 2 + Int(stream.total_out)
            let adler = scanlines.adler.value
            for (offset, shift) in [24, 16, 8, 0].enumerated() { out[end + offset] = UInt8(truncatingIfNeeded: adler >> shift) }
            count = end + 4
        }
        return status == Z_STREAM_END ? output : nil
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
