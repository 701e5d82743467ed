import AESReportCairo
import AESReportCharts
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// Real Cairo surfaces and real fonts: golden images, text boxes measured by Pango, SVG and PDF output.
final class RenderingTests: XCTestCase {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    /// A pixel differs when a channel moves by more than this; an image fails when more than `maxShare` of its
    /// pixels differ. Anti-aliasing and font-rasteriser changes stay below; a moved bar or label does not.
    static let channelThreshold = 64
    static let maxShare = 0.001

    private func render(_ chart: NamedChart, _ format: ImageFormat, theme: Theme = .light,
                        svgText: SVGTextMode = .text) throws -> [UInt8] {
        let drawing = chart.layout(theme: theme, measurer: PangoTextMeasurer(), size: ChartSize())
        return try CairoRenderer(svgText: svgText).render(drawing, as: format)
    }

    /// Compares a PNG with `Golden/<name>.png`; writes `<name>.actual.png` beside it on failure, or the golden
    /// itself when AESREPORT_UPDATE_GOLDEN=1.
    private func assertMatchesGolden(_ png: [UInt8], _ name: String, file: StaticString = #filePath,
                                     line: UInt = #line) throws {
        let expectedURL = Self.golden.appendingPathComponent(name + ".png")
        if ProcessInfo.processInfo.environment["AESREPORT_UPDATE_GOLDEN"] == "1" {
            try Data(png).write(to: expectedURL)
            return
        }
        let expected = try PixelImage.decodePNG(Array(try Data(contentsOf: expectedURL)))
        let actual = try PixelImage.decodePNG(png)
        let differing = actual.differingPixels(from: expected, threshold: Self.channelThreshold)
        let limit = Int(Double(expected.width * expected.height) * Self.maxShare)
        if differing == nil || differing! > limit {
            try Data(png).write(to: Self.golden.appendingPathComponent(name + ".actual.png"))
            XCTFail("\(name): \(differing.map { "\($0) pixels differ (limit \(limit))" } ?? "size differs"); "
                    + "see Golden/\(name).actual.png", file: file, line: line)
        }
    }

    func testEveryChartTypeMatchesItsGoldenImage() throws {
        let charts = ChartFixtures.charts()
        XCTAssertEqual(charts.map(\.name), ["read", "write", "speedup", "rounds", "openssl-encrypt", "openssl-decrypt",
                                            "openssl-speedup", "cryptsetup"])
        for chart in charts where chart.name != "openssl-decrypt" {
            try assertMatchesGolden(try render(chart, .png), chart.name)
        }
        for chart in ChartFixtures.comparisonCharts.prefix(1) {
            try assertMatchesGolden(try render(chart, .png), chart.name)
        }
        try assertMatchesGolden(try render(ChartFixtures.charts(theme: .dark)[0], .png, theme: .dark), "read-dark")
    }

    /// Issue 15's defects, drawn: a two-round interval clipped at both edges with arrows (and the caption's note),
    /// and a one-cipher gain chart with a loss whose label sits left of its bar and bars no thicker than the cap.
    func testTheFixedDefectsMatchTheirGoldenImages() throws {
        for chart in ChartFixtures.defectCharts {
            try assertMatchesGolden(try render(chart, .png), chart.name)
        }
    }

    func testTheGoldenComparisonCatchesAMovedBar() throws {
        var chart = ChartFixtures.charts()[0]
        guard case var .grouped(model) = chart.model else { return XCTFail("not a grouped chart") }
        model.series[1].values[2] = model.series[1].values[2]! * 0.85
        chart.model = .grouped(model)
        let expected = try PixelImage.decodePNG(Array(try Data(contentsOf: Self.golden.appendingPathComponent("read.png"))))
        let moved = try PixelImage.decodePNG(try render(chart, .png))
        let differing = try XCTUnwrap(moved.differingPixels(from: expected, threshold: Self.channelThreshold))
        XCTAssertGreaterThan(differing, Int(Double(expected.width * expected.height) * Self.maxShare))
    }

    func testTextMeasuredByPangoNeverOverlaps() {
        for chart in ChartFixtures.charts() + ChartFixtures.charts(language: .zh) + ChartFixtures.comparisonCharts {
            for size in [ChartSize(), ChartSize(width: 640, height: 400)] {
                let drawing = chart.layout(theme: .light, measurer: PangoTextMeasurer(), size: size)
                let texts = drawing.texts
                for (i, a) in texts.enumerated() {
                    for b in texts[(i + 1)...] where a.bounds.intersects(b.bounds) {
                        XCTFail("\(chart.name) \(size): '\(a.text)' overlaps '\(b.text)'")
                    }
                }
            }
        }
    }

    func testChineseTitleRendersRealGlyphsNotBoxes() throws {
        let measurer = PangoTextMeasurer()
        let title = "AESNI 在各 AES 加密算法下读性能优势"
        let font = FontSpec(family: Theme.light.fontFamily, size: 17, bold: true)
        let families = measurer.familiesUsed(for: title, font: font)
        let hasCJKFont = families.count > 1
        if !hasCJKFont, ProcessInfo.processInfo.environment["CI"] != "true" {
            throw XCTSkip("no CJK font installed (apt-get install fonts-wqy-microhei); CI installs one")
        }
        XCTAssertEqual(measurer.unknownGlyphs(in: title, font: font), 0, "fonts used: \(families)")
        XCTAssertTrue(families.contains { $0.contains("WenQuanYi") || $0.contains("Noto") }, "\(families)")
        // The control: a character no font has is counted as unknown, so the check above can fail.
        XCTAssertEqual(measurer.unknownGlyphs(in: "\u{10FFFD}", font: font), 1)
        let chart = ChartFixtures.charts(language: .zh)[0]
        try assertMatchesGolden(try render(chart, .png), "read-zh")
    }

    func testSVGIsValidXMLScalableAccessibleSmallAndDeterministic() throws {
        // Real text (a few KB) and Cairo's glyph outlines (--svg-text paths, up to 165 KB) alike.
        for (mode, limit) in [(SVGTextMode.text, 30_000), (.paths, 200_000)] {
            for chart in ChartFixtures.charts() + ChartFixtures.comparisonCharts {
                let svg = try render(chart, .svg, svgText: mode)
                XCTAssertLessThan(svg.count, limit, "\(chart.name) \(mode)")
                let parser = XMLParser(data: Data(svg))
                XCTAssertTrue(parser.parse(), "\(chart.name): \(parser.parserError.map { "\($0)" } ?? "")")
                let text = String(decoding: svg, as: UTF8.self)
                XCTAssertTrue(text.contains("viewBox=\"0 0 880 500\""), chart.name)
                XCTAssertTrue(text.contains("<title>"), chart.name)
                XCTAssertTrue(svg == (try render(chart, .svg, svgText: mode)), "\(chart.name): SVG differs between two renders")
            }
        }
    }

    func testPNGAndPDFAreDeterministicAndPDFHasAFixedDate() throws {
        let chart = ChartFixtures.charts()[2]
        XCTAssertTrue(try render(chart, .png) == (try render(chart, .png)))
        let pdf = try render(chart, .pdf)
        XCTAssertTrue(pdf == (try render(chart, .pdf)))
        let text = String(decoding: pdf, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("%PDF-"))
        XCTAssertTrue(text.contains("/CreationDate (20000101000000Z)"), "fixed creation date")
    }

    func testDoubleScalePNGHasTwiceThePixels() throws {
        let drawing = ChartFixtures.charts()[0].layout(theme: .light, measurer: PangoTextMeasurer(), size: ChartSize())
        let image = try PixelImage.decodePNG(try CairoRenderer(scale: 2).render(drawing, as: .png))
        XCTAssertEqual(image.width, 1760)
        XCTAssertEqual(image.height, 1000)
    }
}
