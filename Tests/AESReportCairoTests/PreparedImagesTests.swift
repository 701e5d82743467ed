@testable import AESReportCairo
import AESReportCharts
import XCTest

/// Images made ahead for the first PNGs: handed out once each, only at their size, and as new (every pixel zero),
/// so a PNG drawn on one is the PNG drawn on a new image.
final class PreparedImagesTests: XCTestCase {
    func testImagesAreHandedOutOnceAtTheirSizeAndBlank() throws {
        PreparedImages.prepare(width: 37, height: 11, count: 2)
        XCTAssertNil(PreparedImages.take(width: 11, height: 37))
        for _ in 0..<2 {
            let surface = try XCTUnwrap(PreparedImages.take(width: 37, height: 11))
            let blank = surface.withPixels { image in
                (0..<image.height).allSatisfy { row in
                    (0..<image.width * 4).allSatisfy { image.data[row * image.stride + $0] == 0 }
                }
            }
            XCTAssertEqual(blank, true)
        }
        XCTAssertNil(PreparedImages.take(width: 37, height: 11))
    }

    func testAPNGOnAPreparedImageIsThePNGOnANewOne() throws {
        let drawing = Drawing(width: 40, height: 20, background: Color(hex: 0x17191C),
                              primitives: [.rect(Rect(x: 3.5, y: 2, width: 20, height: 9.25),
                                                 Paint(fill: Color(hex: 0xE69F00), hatch: Color(hex: 0x0072B2)), .bar)],
                              title: "t", description: "d")
        let new = try CairoRenderer().render(drawing, as: .png)
        PreparedImages.prepare(width: 40, height: 20, count: 1)
        let prepared = try CairoRenderer().render(drawing, as: .png)
        XCTAssertNil(PreparedImages.take(width: 40, height: 20), "the render took the prepared image")
        XCTAssertEqual(prepared, new)
    }
}
