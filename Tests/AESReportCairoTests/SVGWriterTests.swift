@testable import AESReportCairo
@testable import AESReportCharts
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// SVG with real text (`SVGWriter`): text is `<text>` a reader can select and search, set where Cairo sets it, in
/// well-formed, deterministic and small XML; `--svg-text paths` keeps Cairo's glyph outlines.
final class SVGWriterTests: XCTestCase {
    private func svg(_ chart: NamedChart, mode: SVGTextMode = .text) throws -> String {
        let drawing = chart.layout(theme: .light, measurer: PangoTextMeasurer(), size: ChartSize())
        return String(decoding: try CairoRenderer(svgText: mode).render(drawing, as: .svg), as: UTF8.self)
    }

    private func drawing(_ primitives: [Primitive]) -> Drawing {
        Drawing(width: 100, height: 60, background: Color(hex: 0xFFFFFF), primitives: primitives,
                title: "A <title> & \"more\"", description: "d")
    }

    private func text(_ string: String, at position: Point, horizontal: HorizontalAnchor = .start,
                      vertical: VerticalAnchor = .top, rotation: Double = 0, bold: Bool = false) -> TextItem {
        let font = FontSpec(family: "DejaVu Sans", size: 12, bold: bold)
        return TextItem(string, at: position, font: font, color: Color(hex: 0x1A1A1A), horizontal: horizontal,
                        vertical: vertical, rotation: rotation, role: .tick, measurer: PangoTextMeasurer())
    }

    private func assertWellFormed(_ svg: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let parser = XMLParser(data: Data(svg.utf8))
        XCTAssertTrue(parser.parse(), "\(name): \(parser.parserError.map { "\($0)" } ?? "")", file: file, line: line)
    }

    func testChartTextIsSearchableTextNotGlyphOutlines() throws {
        for chart in ChartFixtures.charts() + ChartFixtures.comparisonCharts {
            let svg = try svg(chart)
            let drawing = chart.layout(theme: .light, measurer: PangoTextMeasurer(), size: ChartSize())
            let title = try XCTUnwrap(drawing.texts(role: .title).first?.text)
            XCTAssertTrue(svg.contains(">\(title.replacingOccurrences(of: "'", with: "&#39;"))</text>"), chart.name)
            XCTAssertEqual(svg.components(separatedBy: "<text ").count - 1, drawing.texts.count, chart.name)
            XCTAssertFalse(svg.contains("<symbol"), "\(chart.name): no glyph outlines")
            XCTAssertTrue(svg.contains("font-family=\"'DejaVu Sans','WenQuanYi Micro Hei',sans-serif\""), chart.name)
            XCTAssertTrue(svg.contains("role=\"img\""), chart.name)
            XCTAssertTrue(svg.contains("<desc>"), chart.name)
        }
        let read = try svg(ChartFixtures.charts()[0])
        XCTAssertTrue(read.contains(">aes-xts-plain</text>"), "a cipher name is text")
    }

    func testEachChartIsSmallWellFormedAndDeterministic() throws {
        for chart in ChartFixtures.charts() + ChartFixtures.charts(language: .zh) + ChartFixtures.comparisonCharts {
            let svg = try svg(chart)
            XCTAssertLessThan(svg.utf8.count, 30_000, chart.name)
            assertWellFormed(svg, chart.name)
            XCTAssertEqual(svg, try self.svg(chart), "\(chart.name): two renders differ")
        }
    }

    func testChineseTextIsTextWithTheCJKFontInTheStack() throws {
        let svg = try svg(ChartFixtures.charts(language: .zh)[0])
        XCTAssertTrue(svg.contains(">AESNI 在各 AES 加密算法下读性能优势</text>"))
        XCTAssertTrue(svg.contains("'WenQuanYi Micro Hei'"))
        XCTAssertFalse(svg.contains("<symbol"))
    }

    func testPathsKeepCairosGlyphOutlines() throws {
        let chart = ChartFixtures.charts()[0]
        let paths = try svg(chart, mode: .paths)
        XCTAssertTrue(paths.contains("<symbol overflow=\"visible\" id=\"glyph1-0\">"))
        XCTAssertFalse(paths.contains("<text"))
        XCTAssertGreaterThan(paths.utf8.count, 5 * (try svg(chart)).utf8.count, "outlines weigh far more than text")
    }

    func testAnchorsBecomeTextAnchorAndTheBaselineIsPangos() throws {
        let measurer = PangoTextMeasurer()
        let font = FontSpec(family: "DejaVu Sans", size: 12)
        let baseline = measurer.baseline(of: "Mg", font: font)
        XCTAssertGreaterThan(baseline, 9, "DejaVu Sans' ascent is 0.93 em")
        XCTAssertLessThan(baseline, 12)
        let middle = text("Mg", at: Point(50, 30), horizontal: .middle, vertical: .middle)
        let end = text("Mg", at: Point(90, 10), horizontal: .end, vertical: .bottom, bold: true)
        let upwards = text("Mg", at: Point(10, 50), horizontal: .middle, vertical: .top, rotation: -90)
        let svg = String(decoding: SVGWriter.write(drawing([.text(middle), .text(end), .text(upwards)])),
                         as: UTF8.self)
        let middleY = SVGNumber.text(30 - middle.size.height / 2 + baseline)
        XCTAssertTrue(svg.contains("<text x=\"50\" y=\"\(middleY)\" font-size=\"12\" text-anchor=\"middle\""), svg)
        let endY = SVGNumber.text(10 - end.size.height + measurer.baseline(of: "Mg", font: end.font))
        XCTAssertTrue(svg.contains("<text x=\"90\" y=\"\(endY)\" font-size=\"12\" font-weight=\"bold\" text-anchor=\"end\""), svg)
        XCTAssertTrue(svg.contains("text-anchor=\"middle\" fill=\"#1a1a1a\" transform=\"rotate(-90 10 50)\">Mg</text>"), svg)
    }

    func testALineBreakStartsANewLineAsCairoDrawsIt() {
        let twoLines = text("first\nsecond", at: Point(5, 5))
        let svg = String(decoding: SVGWriter.write(drawing([.text(twoLines)])), as: UTF8.self)
        let lineHeight = SVGNumber.text(twoLines.size.height / 2)
        XCTAssertTrue(svg.contains(">first</tspan><tspan x=\"5\" dy=\"\(lineHeight)\">second</tspan></text>"), svg)
        XCTAssertGreaterThan(twoLines.size.height, 1.8 * text("first", at: Point(5, 5)).size.height, "Pango's two lines")
    }

    func testHatchingIsOnePatternPerColourAndRectanglesNeverHaveNegativeSizes() {
        let white = Color(hex: 0xFFFFFF, alpha: 0.75)
        let svg = String(decoding: SVGWriter.write(drawing([
            .rect(Rect(x: 10, y: 50, width: 20, height: -30), Paint(fill: Color(hex: 0x0072B2), hatch: white), .bar),
            .rect(Rect(x: 40, y: 20, width: 20, height: 30), Paint(hatch: white, outline: Stroke(Color(hex: 0), width: 1)), .bar),
            .line([Point(0, 0), Point(5, 5), Point(10, 0)], Stroke(Color(hex: 0x4D4D4D), width: 1.2, dash: [3, 2]), .grid),
        ])), as: UTF8.self)
        assertWellFormed(svg, "hatch")
        XCTAssertEqual(svg.components(separatedBy: "<pattern ").count - 1, 1)
        XCTAssertTrue(svg.contains("stroke=\"#ffffff\" stroke-opacity=\"0.75\" stroke-width=\"1.6\""), svg)
        XCTAssertTrue(svg.contains("<rect x=\"10\" y=\"20\" width=\"20\" height=\"30\" fill=\"#0072b2\"/>"), svg)
        XCTAssertTrue(svg.contains("<rect x=\"10\" y=\"20\" width=\"20\" height=\"30\" fill=\"url(#hatch-1)\"/>"), svg)
        XCTAssertTrue(svg.contains("fill=\"url(#hatch-1)\" stroke=\"#000000\" stroke-width=\"1\"/>"), svg)
        XCTAssertTrue(svg.contains("<path d=\"M0 0L5 5L10 0\" fill=\"none\" stroke=\"#4d4d4d\" stroke-width=\"1.2\" stroke-dasharray=\"3 2\"/>"), svg)
        XCTAssertFalse(svg.contains("-30"))
    }

    func testTextIsEscapedAndControlCharactersCannotBreakTheXML() {
        let hostile = text("<script>&\u{1B}[31m\u{0}\"'", at: Point(5, 5))
        let svg = String(decoding: SVGWriter.write(drawing([.text(hostile)])), as: UTF8.self)
        assertWellFormed(svg, "hostile")
        XCTAssertTrue(svg.contains(">&lt;script&gt;&amp;\u{FFFD}[31m\u{FFFD}&quot;&#39;</text>"), svg)
        XCTAssertTrue(svg.contains("<title>A &lt;title&gt; &amp; &quot;more&quot;</title>"))
    }

    func testNumbersHaveAtMostTwoDecimalsAndNoLocale() {
        XCTAssertEqual([0, -0.0, 0.004, -0.004, 12, 12.5, 12.50001, -3.256, 0.05, 1234567.891, .nan, .infinity]
            .map(SVGNumber.text), ["0", "0", "0", "0", "12", "12.5", "12.5", "-3.26", "0.05", "1234567.89", "0", "0"])
        XCTAssertEqual(SVGNumber.hex(Color(hex: 0xE69F00)), "#e69f00")
        XCTAssertEqual(SVGNumber.paint("fill", Color(hex: 0x0072B2, alpha: 0.5)), " fill=\"#0072b2\" fill-opacity=\"0.5\"")
    }

    /// The text lands where Cairo draws it: in librsvg's raster of the SVG (librsvg sets text with Pango too) each
    /// horizontal text's ink has its centre down within 0.6 units of the PNG's, and its anchored edge (left, centre
    /// or right: librsvg's hinted glyphs make a line a little narrower) within 1.5 units across; the control, the
    /// same chart with its text moved down by 2 units, is caught. Skipped without `rsvg-convert` (apt librsvg2-bin).
    func testRasterisedSVGPutsTextWhereThePNGHasIt() throws {
        guard let rsvg = ["/usr/bin/rsvg-convert", "/usr/local/bin/rsvg-convert"]
            .first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw XCTSkip("rsvg-convert not installed (apt-get install librsvg2-bin)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("svgwriter-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func rasterised(_ drawing: Drawing) throws -> PixelImage {
            let input = folder.appendingPathComponent("chart.svg")
            let output = folder.appendingPathComponent("chart.png")
            try Data(SVGWriter.write(drawing)).write(to: input)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: rsvg)
            process.arguments = [input.path, "-o", output.path]
            try process.run()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0)
            return try PixelImage.decodePNG(Array(try Data(contentsOf: output)))
        }
        /// The ink (difference from the background) inside `box`: its centre down, and across its left edge, centre
        /// and right edge (columns with clear ink).
        func ink(_ image: PixelImage, _ box: Rect, background: UInt32) -> (left: Double, x: Double, right: Double, y: Double) {
            var total = 0.0, sumX = 0.0, sumY = 0.0
            var left = Double.infinity, right = -Double.infinity
            for y in max(0, Int(box.y))..<min(image.height, Int(box.maxY.rounded(.up))) {
                for x in max(0, Int(box.x))..<min(image.width, Int(box.maxX.rounded(.up))) {
                    let pixel = image.pixels[y * image.width + x]
                    let ink = [0, 8, 16].reduce(0.0) { sum, shift in
                        sum + Double(abs(Int((pixel >> shift) & 0xFF) - Int((background >> shift) & 0xFF)))
                    }
                    total += ink
                    sumX += ink * Double(x)
                    sumY += ink * Double(y)
                    if ink > 192 { left = min(left, Double(x)); right = max(right, Double(x)) }
                }
            }
            return total == 0 ? (0, 0, 0, 0) : (left, sumX / total, right, sumY / total)
        }
        for chart in [ChartFixtures.charts()[0], ChartFixtures.charts()[5], ChartFixtures.charts(language: .zh)[0]] {
            let drawing = chart.layout(theme: .light, measurer: PangoTextMeasurer(), size: ChartSize())
            var moved = drawing
            moved.primitives = drawing.primitives.map { primitive in
                guard case var .text(item) = primitive else { return primitive }
                item.position.y += 2
                return .text(item)
            }
            let expected = try PixelImage.decodePNG(try CairoRenderer().render(drawing, as: .png))
            let background = expected.pixels[0]
            let (actual, control) = (try rasterised(drawing), try rasterised(moved))
            var controlCaught = 0
            let texts = drawing.texts.filter { $0.rotation == 0 && !$0.text.isEmpty }
            for item in texts {
                let box = item.bounds
                let want = ink(expected, box, background: background)
                let got = ink(actual, box, background: background)
                let across: KeyPath<(left: Double, x: Double, right: Double, y: Double), Double> =
                    item.horizontal == .start ? \.left : (item.horizontal == .end ? \.right : \.x)
                XCTAssertEqual(got[keyPath: across], want[keyPath: across], accuracy: 1.5, "\(chart.name) '\(item.text)' across")
                XCTAssertEqual(got.y, want.y, accuracy: 0.6, "\(chart.name) '\(item.text)' down")
                if abs(ink(control, box, background: background).y - want.y) > 0.6 { controlCaught += 1 }
            }
            XCTAssertEqual(controlCaught, texts.count, "\(chart.name): the control, text 2 units low")
        }
    }
}
