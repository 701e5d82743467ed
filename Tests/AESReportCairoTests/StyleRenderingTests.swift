import AESReportCairo
import AESReportCharts
import XCTest

/// The renderer draws what the style values say: fill, hatching and outline of a `Paint`, width and dashes of a
/// `Stroke`; and a Cairo failure arrives as a Swift error with Cairo's reason.
final class StyleRenderingTests: XCTestCase {
    private func pixels(_ primitives: [Primitive], width: Double = 40, height: Double = 40) throws -> PixelImage {
        let drawing = Drawing(width: width, height: height, background: Color(hex: 0xFFFFFF), primitives: primitives,
                              title: "t", description: "d")
        return try PixelImage.decodePNG(try CairoRenderer().render(drawing, as: .png))
    }

    private func pixel(_ image: PixelImage, _ x: Int, _ y: Int) -> UInt32 { image.pixels[y * image.width + x] }

    func testPaintFillsHatchesAndOutlines() throws {
        let red = Color(hex: 0xFF0000)
        let blue = Color(hex: 0x0000FF)
        let rect = Rect(x: 5, y: 5, width: 30, height: 30)
        let filled = try pixels([.rect(rect, Paint(fill: blue), .bar)])
        XCTAssertEqual(pixel(filled, 20, 20), 0xFF00_00FF)
        XCTAssertEqual(pixel(filled, 2, 2), 0xFFFF_FFFF, "nothing outside the rectangle")

        // Hatching: stripes over the fill, so the inside is no longer one colour.
        let hatched = try pixels([.rect(rect, Paint(fill: blue, hatch: Color(hex: 0xFFFFFF)), .bar)])
        let inside = Set((8..<32).flatMap { y in (8..<32).map { x in pixel(hatched, x, y) } })
        XCTAssertGreaterThan(inside.count, 2)
        XCTAssertTrue(inside.contains(0xFF00_00FF), "the fill shows between the stripes")

        // An outline 4 units wide along the edge, nothing filled inside; with hatching too, both are drawn.
        let outlined = try pixels([.rect(rect, Paint(outline: Stroke(red, width: 4)), .box)])
        XCTAssertEqual(pixel(outlined, 5, 20), 0xFFFF_0000)
        XCTAssertEqual(pixel(outlined, 20, 20), 0xFFFF_FFFF)
        let both = try pixels([.rect(rect, Paint(fill: blue, hatch: Color(hex: 0xFFFFFF), outline: Stroke(red, width: 4)),
                                     .bar)])
        XCTAssertEqual(pixel(both, 5, 20), 0xFFFF_0000)
        XCTAssertGreaterThan(Set((8..<32).map { pixel(both, $0, $0) }).count, 1)
    }

    func testStrokeDashesLeaveGaps() throws {
        let black = Color(hex: 0x000000)
        let line = [Point(0, 20), Point(40, 20)]
        let solid = try pixels([.line(line, Stroke(black, width: 2), .grid)])
        let dashed = try pixels([.line(line, Stroke(black, width: 2, dash: [4, 4]), .grid)])
        let solidRow = (0..<40).map { pixel(solid, $0, 20) }
        let dashedRow = (0..<40).map { pixel(dashed, $0, 20) }
        XCTAssertTrue(solidRow.allSatisfy { $0 == 0xFF00_0000 })
        XCTAssertEqual(dashedRow.filter { $0 == 0xFF00_0000 }.count, 20, "half on, half off")
        XCTAssertEqual(dashedRow[0..<4], [0xFF00_0000, 0xFF00_0000, 0xFF00_0000, 0xFF00_0000])
        XCTAssertEqual(dashedRow[4..<8], [0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF])
        // The dash does not carry over to what is drawn next.
        let after = try pixels([.line(line, Stroke(black, width: 2, dash: [4, 4]), .grid),
                                .line([Point(0, 30), Point(40, 30)], Stroke(black, width: 2), .grid)])
        XCTAssertTrue((0..<40).allSatisfy { pixel(after, $0, 30) == 0xFF00_0000 })
    }

    func testCairoFailureBecomesAnErrorWithCairosReason() {
        XCTAssertThrowsError(try PixelImage.decodePNG(Array("not a PNG".utf8))) { error in
            guard case let .notAPNG(reason) = error as? PixelImage.DecodeError else {
                return XCTFail("\(error)")
            }
            XCTAssertFalse(reason.isEmpty)
            XCTAssertNotEqual(reason, "no error has occurred")
        }
        XCTAssertEqual(RenderError.cairo("out of memory").description, "cairo failed: out of memory")
    }
}
