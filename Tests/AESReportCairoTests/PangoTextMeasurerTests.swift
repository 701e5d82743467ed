@testable import AESReportCairo
import AESReportCharts
import Dispatch
import XCTest

/// The shared font map, its lock and the measurement table: what any thread measures is what a fresh Pango layout
/// measures, alone or with other threads measuring and drawing at the same time.
final class PangoTextMeasurerTests: XCTestCase {
    private static let fonts = [FontSpec(family: "DejaVu Sans", size: 11),
                                FontSpec(family: "DejaVu Sans", size: 17, bold: true)]
    private static let texts = ["aes-xts-plain", "1.2 GB/s", "+84%", "读取吞吐量", "without AES-NI"]

    /// Size and baseline straight from a new layout, bypassing the table.
    private func fresh(_ text: String, _ font: FontSpec) -> (Size, Double) {
        let layout = TextLayout(text, font: font, in: PangoContext(options: CairoFontOptions()))
        return (layout.size, layout.baseline)
    }

    func testTheTableGivesWhatAFreshLayoutMeasures() {
        for font in Self.fonts {
            for text in Self.texts {
                let (size, baseline) = fresh(text, font)
                XCTAssertGreaterThan(size.width, 0)
                // Twice, by two measurers: the second answer comes from the table.
                for measurer in [PangoTextMeasurer(), PangoTextMeasurer()] {
                    XCTAssertEqual(measurer.size(of: text, font: font), size)
                    XCTAssertEqual(measurer.baseline(of: text, font: font), baseline)
                }
            }
        }
    }

    func testThreadsMeasuringAndDrawingTogetherGetTheSameSizes() throws {
        let expected = Self.fonts.flatMap { font in Self.texts.map { fresh($0 + " threads", font).0 } }
        let results = UnsafeMutableBufferPointer<[Size]>.allocate(capacity: 8)
        results.initialize(repeating: [])
        defer { results.deinitialize(); results.deallocate() }
        let box = ResultsBox(results)
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            // Half the threads draw text on an image surface while the others measure.
            if index % 2 == 0, let surface = try? CairoSurface.image(width: 200, height: 60) {
                let context = CairoContext(surface)
                let drawing = PangoContext(drawingOn: context, options: CairoFontOptions())
                for text in Self.texts { TextLayout(text, font: Self.fonts[1], in: drawing).show(on: context) }
            }
            box.results[index] = Self.fonts.flatMap { font in
                Self.texts.map { PangoTextMeasurer().size(of: $0 + " threads", font: font) }
            }
        }
        for sizes in results { XCTAssertEqual(sizes, expected) }
    }
}

private struct ResultsBox: @unchecked Sendable {
    let results: UnsafeMutableBufferPointer<[Size]>
    init(_ results: UnsafeMutableBufferPointer<[Size]>) { self.results = results }
}
