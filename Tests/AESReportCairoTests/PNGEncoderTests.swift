@testable import AESReportCairo
import AESReportCharts
import CCairo
import XCTest

/// The PNG encoder's fast paths against plain reference code: the filtered rows byte for byte (identical rows,
/// every byte difference), Adler-32 and the zlib stream against zlib's own `adler32` and `compress2`.
final class PNGEncoderTests: XCTestCase {
    /// The `Up` filter written the obvious way: each byte minus the byte above (nothing above row 0).
    private func referenceRows(_ image: ImagePixels, opaque: Bool) -> [UInt8] {
        var out: [UInt8] = []
        for row in 0..<image.height {
            out.append(2)
            for x in 0..<image.width {
                let p = channels(image, row: row, x: x, opaque: opaque)
                let q = row > 0 ? channels(image, row: row - 1, x: x, opaque: opaque) : p.map { _ in 0 }
                out += zip(p, q).map { $0 &- $1 }
            }
        }
        return out
    }

    /// R, G, B (and straight A) of a premultiplied ARGB32 pixel.
    private func channels(_ image: ImagePixels, row: Int, x: Int, opaque: Bool) -> [UInt8] {
        let p = image.data.advanced(by: row * image.stride + 4 * x)
            .withMemoryRebound(to: UInt32.self, capacity: 1) { $0.pointee }
        let a = p >> 24
        var rgb = [(p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF]
        if opaque { return rgb.map { UInt8($0) } }
        if a != 0, a != 255 { rgb = rgb.map { ($0 * 255 + a / 2) / a } }
        return (rgb + [a]).map { UInt8($0) }
    }

    /// A chart-like image: bars (rows repeat) and text on a white background, or when `translucent` on none and
    /// under a translucent band.
    private func withImage<T>(translucent: Bool, _ body: (ImagePixels) throws -> T) throws -> T {
        let surface = try CairoSurface.image(width: 203, height: 61)
        let context = CairoContext(surface)
        if !translucent {
            context.setSource(Color(hex: 0xFFFFFF))
            context.rectangle(Rect(x: 0, y: 0, width: 203, height: 61))
            context.fill()
        }
        for (index, color) in [0xE69F00, 0x0072B2, 0x1A1A1A].enumerated() {
            context.setSource(Color(hex: UInt32(color)))
            context.rectangle(Rect(x: 10 + Double(index) * 50, y: 5.5 + Double(index) * 7, width: 33.3, height: 50))
            context.fill()
        }
        if translucent {
            context.setSource(Color(red: 0.2, green: 0.6, blue: 0.9, alpha: 0.4))
            context.rectangle(Rect(x: 0, y: 20, width: 203, height: 9.5))
            context.fill()
        }
        let options = CairoFontOptions()
        context.setFontOptions(options)
        context.setSource(Color(hex: 0x1A1A1A))
        context.move(to: 5, 40)
        TextLayout("AES-NI +84% 1.2 GB/s", font: FontSpec(family: "DejaVu Sans", size: 11),
                   in: PangoContext(drawingOn: context, options: options)).show(on: context)
        return try XCTUnwrap(surface.withPixels(body))
    }

    func testOpaqueRowsEqualTheReferenceFilter() throws {
        try withImage(translucent: false) { image in
            let rows = PNGScanlines.opaque(image)
            XCTAssertEqual(rows.bytes, referenceRows(image, opaque: true))
            XCTAssertEqual(rows.adler.value, zlibAdler(rows.bytes))
        }
    }

    func testTranslucentRowsEqualTheReferenceFilter() throws {
        try withImage(translucent: true) { image in
            let rows = PNGScanlines.translucent(image)
            XCTAssertTrue(rows.bytes.count == 61 * (1 + 203 * 4))
            XCTAssertEqual(rows.bytes, referenceRows(image, opaque: false))
            XCTAssertEqual(rows.adler.value, zlibAdler(rows.bytes))
        }
    }

    func testByteDifferenceNeverBorrowsAcrossBytes() {
        for p in 0...255 {
            for q in 0...255 {
                // The pair in every byte position, with neighbours that would expose a borrow or a carry.
                let pw = UInt32(p) * 0x0101_0101 ^ 0x00FF_00FF, qw = UInt32(q) * 0x0101_0101 ^ 0xFF00_FF00
                let expected = (0..<4).reduce(UInt32(0)) { sum, lane in
                    let shift = UInt32(lane * 8)
                    let d = UInt8(truncatingIfNeeded: pw >> shift) &- UInt8(truncatingIfNeeded: qw >> shift)
                    return sum | UInt32(d) << shift
                }
                XCTAssertEqual(PNGScanlines.byteDifference(pw, qw), expected)
            }
        }
    }

    func testAdlerOfZeroRunsAndLongBuffersEqualsZlibs() {
        var bytes = (0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 7919 >> 3) }
        bytes += [UInt8](repeating: 0, count: 70_000) + [255, 1, 2]
        var adler = Adler32()
        bytes[..<20_000].withUnsafeBytes { adler.update($0) }
        adler.updateZeros(count: 70_000)
        [UInt8]([255, 1, 2]).withUnsafeBytes { adler.update($0) }
        XCTAssertEqual(adler.value, zlibAdler(bytes))
    }

    func testZlibStreamIsWhatCompress2Makes() throws {
        for bytes in [[UInt8](repeating: 0, count: 100_000), (0..<300_000).map { UInt8(truncatingIfNeeded: $0 * $0 >> 5) }, []] {
            var adler = Adler32()
            bytes.withUnsafeBytes { adler.update($0) }
            let stream = try XCTUnwrap(PNGEncoder.zlibStream(PNGScanlines(bytes: bytes, adler: adler)))
            var size = compressBound(uLong(bytes.count))
            var expected = [UInt8](repeating: 0, count: Int(size))
            XCTAssertEqual(compress2(&expected, &size, bytes, uLong(bytes.count), PNGEncoder.compressionLevel), Z_OK)
            XCTAssertEqual(stream, Array(expected[..<Int(size)]))
        }
    }

    private func zlibAdler(_ bytes: [UInt8]) -> UInt32 {
        UInt32(bytes.withUnsafeBufferPointer { adler32(1, $0.baseAddress, uInt($0.count)) })
    }
}
