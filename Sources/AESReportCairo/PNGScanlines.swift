#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A PNG's raw scanlines from a Cairo ARGB32 image, each row prefixed by its filter type 2 (`Up`: the difference
/// from the same byte of the row above), with the Adler-32 checksum of those bytes that the zlib stream ends with,
/// computed as they are written (`PNGEncoder`).
struct PNGScanlines {
    /// The filtered rows, `height` × (1 + `width` × channels) bytes.
    var bytes: [UInt8]
    /// Adler-32 of `bytes`.
    var adler: Adler32

    /// 8-bit RGB rows of an image with no translucent pixel. A row equal to the row above (most rows of a chart:
    /// bars and background run down the image) is all zeros once filtered, found with `memcmp` and written with
    /// `memset`; other rows subtract all three channels of a pixel at once (`byteDifference`).
    static func opaque(_ image: ImagePixels) -> PNGScanlines {
        let (width, height, stride) = (image.width, image.height, image.stride)
        let lineBytes = 1 + width * 3
        var adler = Adler32()
        // One byte more than the rows: each pixel is stored as 4 bytes (RGB and one byte the next store, or the
        // next row's filter type, overwrites), the last pixel's fourth in the spare byte.
        let bytes = [UInt8](unsafeUninitializedCapacity: lineBytes * height + 1) { buffer, count in
            let out = UnsafeMutableRawPointer(buffer.baseAddress!)
            for row in 0..<height {
                let line = out + row * lineBytes
                line.storeBytes(of: 2, as: UInt8.self)
                let pixels = UnsafeRawPointer(image.data + row * stride).assumingMemoryBound(to: UInt32.self)
                if row > 0, memcmp(pixels, pixels - stride / 4, width * 4) == 0 {
                    memset(line + 1, 0, width * 3)
                    adler.update(UnsafeRawBufferPointer(start: line, count: 1))
                    adler.updateZeros(count: width * 3)
                    continue
                }
                if row == 0 {
                    for x in 0..<width { store(pixels[x], at: line + 1 + 3 * x) }
                } else {
                    let above = pixels - stride / 4
                    for x in 0..<width { store(byteDifference(pixels[x], above[x]), at: line + 1 + 3 * x) }
                }
                adler.update(UnsafeRawBufferPointer(start: line, count: lineBytes))
            }
            count = lineBytes * height
        }
        return PNGScanlines(bytes: bytes, adler: adler)
    }

    /// 8-bit RGBA rows (straight alpha) of an image with translucent pixels.
    static func translucent(_ image: ImagePixels) -> PNGScanlines {
        let (data, width, height, stride) = (image.data, image.width, image.height, image.stride)
        let lineBytes = 1 + width * 4
        var raw = [UInt8](repeating: 0, count: lineBytes * height)
        raw.withUnsafeMutableBufferPointer { buffer in
            let out = buffer.baseAddress!
            for row in 0..<height {
                let pixels = UnsafeRawPointer(data.advanced(by: row * stride)).assumingMemoryBound(to: UInt32.self)
                let above = row > 0
                    ? UnsafeRawPointer(data.advanced(by: (row - 1) * stride)).assumingMemoryBound(to: UInt32.self) : nil
                var o = row * lineBytes
                out[o] = 2
                o += 1
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
        var adler = Adler32()
        raw.withUnsafeBytes { adler.update($0) }
        return PNGScanlines(bytes: raw, adler: adler)
    }

    /// Each byte of `p` minus the same byte of `q`, modulo 256, without borrowing across bytes.
    @inline(__always)
    static func byteDifference(_ p: UInt32, _ q: UInt32) -> UInt32 {
        ((p | 0x8080_8080) &- (q & 0x7F7F_7F7F)) ^ ((p ^ ~q) & 0x8080_8080)
    }

    /// Stores the red, green and blue bytes of ARGB `pixel` at `address`, in that order, and one byte after them.
    @inline(__always)
    private static func store(_ pixel: UInt32, at address: UnsafeMutableRawPointer) {
        address.storeBytes(of: (pixel << 8).byteSwapped.littleEndian, as: UInt32.self)
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
}

/// The Adler-32 checksum (RFC 1950) that ends a zlib stream, updated a buffer or a run of zeros at a time.
struct Adler32: Equatable {
    private var a: UInt32 = 1
    private var b: UInt32 = 0
    private static let modulus: UInt32 = 65521
    /// The most bytes summed before `b` could overflow 32 bits (zlib's NMAX).
    private static let chunk = 5552

    /// The checksum.
    var value: UInt32 { b << 16 | a }

    /// Adds `bytes`, 16 at a time: over a block, `a` grows by the bytes' sum and `b` by 16 × `a` before the block
    /// plus the bytes weighted 16, 15, ..., 1.
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var start = 0
        while start < bytes.count {
            let end = min(start + Self.chunk, bytes.count)
            var (a, b) = (self.a, self.b)
            var index = start
            while index + 16 <= end {
                let block = SIMD16<UInt16>(truncatingIfNeeded: bytes.loadUnaligned(fromByteOffset: index,
                                                                                   as: SIMD16<UInt8>.self))
                b &+= 16 &* a &+ UInt32((block &* Self.weights).wrappedSum())
                a &+= UInt32(block.wrappedSum())
                index += 16
            }
            while index < end {
                a &+= UInt32(bytes[index])
                b &+= a
                index += 1
            }
            self.a = a % Self.modulus
            self.b = b % Self.modulus
            start = end
        }
    }

    /// The weight of each byte of a 16-byte block in `b`: how many sums of `a` it is part of.
    private static let weights = SIMD16<UInt16>(16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1)

    /// As `update` with `count` zero bytes: each adds nothing to `a` and `a` to `b`.
    mutating func updateZeros(count: Int) {
        b = UInt32((UInt64(b) + UInt64(count) * UInt64(a)) % UInt64(Self.modulus))
    }
}
