import AESReportCairo
import XCTest

final class CairoLibraryTests: XCTestCase {
    func testCairoAndPangoAreLinkedAndReportTheirVersions() {
        XCTAssertTrue(CairoLibrary.cairoVersion.hasPrefix("1."), CairoLibrary.cairoVersion)
        XCTAssertTrue(CairoLibrary.pangoVersion.hasPrefix("1."), CairoLibrary.pangoVersion)
    }

    func testCairoFillsAnImageSurface() {
        // ARGB32, premultiplied, native endian: opaque pure colours have an exact value.
        XCTAssertEqual(CairoLibrary.drawProbePixel(red: 1, green: 0, blue: 0), 0xFFFF_0000)
        XCTAssertEqual(CairoLibrary.drawProbePixel(red: 0, green: 0, blue: 1), 0xFF00_00FF)
    }
}
