import Foundation
import XCTest

/// `--svg-text`: real text by default (small, searchable, valid XML, deterministic), glyph outlines on request.
final class SVGTextCommandTests: XCTestCase {
    private func svgs(in folder: URL) throws -> [(name: String, bytes: Data)] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".svg") }.sorted()
            .map { ($0, try Data(contentsOf: folder.appendingPathComponent($0))) }
    }

    func testSampleDataChartsAreSmallSearchableValidXMLAndThePageIsLight() throws {
        let out = try HTMLReportTests.report(["SampleData", "--format", "html,svg", "--quiet"])
        defer { try? FileManager.default.removeItem(at: out) }
        let charts = try svgs(in: out)
        XCTAssertEqual(charts.count, 16)
        let xmllint = try HTMLReportTests.require("xmllint", install: "apt-get install libxml2-utils")
        for (name, bytes) in charts {
            XCTAssertLessThan(bytes.count, 30_000, name)
            let text = String(decoding: bytes, as: UTF8.self)
            XCTAssertTrue(text.contains("<text "), name)
            XCTAssertFalse(text.contains("<symbol"), name)
            let check = try HTMLReportTests.run(xmllint, ["--noout", out.appendingPathComponent(name).path])
            XCTAssertEqual(check.status, 0, "\(name): \(check.stderr)")
        }
        let read = String(decoding: try XCTUnwrap(charts.first { $0.name == "read-broadwell-e5-2699v4.svg" }).bytes,
                          as: UTF8.self)
        XCTAssertTrue(read.contains(">AES-NI and dm-crypt read throughput by cipher</text>"))
        XCTAssertTrue(read.contains(">aes-xts-plain</text>"))
        let page = try Data(contentsOf: out.appendingPathComponent("index.html"))
        XCTAssertLessThan(page.count, 400_000, "the page with every chart inlined")
        XCTAssertTrue(String(decoding: page, as: UTF8.self).contains(">aes-xts-plain</text>"), "inlined as text")
    }

    func testTwoRunsWriteByteIdenticalSVGs() throws {
        let first = try HTMLReportTests.report(["SampleData/skylake-gold-6148", "--format", "svg", "--quiet"])
        let second = try HTMLReportTests.report(["SampleData/skylake-gold-6148", "--format", "svg", "--quiet"])
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        let (a, b) = (try svgs(in: first), try svgs(in: second))
        XCTAssertEqual(a.count, 8)
        XCTAssertEqual(a.map(\.name), b.map(\.name))
        for (x, y) in zip(a, b) { XCTAssertTrue(x.bytes == y.bytes, x.name) }
    }

    func testChineseChartsCarryChineseTextWithTheCJKFontInTheStack() throws {
        let out = try HTMLReportTests.report(["SampleData/broadwell-e5-2699v4", "--format", "svg", "--lang", "zh",
                                              "--quiet"])
        defer { try? FileManager.default.removeItem(at: out) }
        let read = try String(contentsOf: out.appendingPathComponent("read.svg"), encoding: .utf8)
        XCTAssertTrue(read.contains(">AESNI 在各 AES 加密算法下读性能优势</text>"), read)
        XCTAssertTrue(read.contains("font-family=\"'DejaVu Sans','WenQuanYi Micro Hei',sans-serif\""))
    }

    /// `paths` is Cairo's SVG as before: glyph outlines, no text. With `AESREPORT_BASELINE_BINARY` naming an
    /// aesreport built before `--svg-text` existed, the bytes are compared with its output too.
    func testSVGTextPathsKeepsCairosGlyphOutlines() throws {
        let out = try HTMLReportTests.report(["SampleData/broadwell-e5-2699v4", "--format", "svg", "--svg-text", "paths",
                                              "--quiet"])
        defer { try? FileManager.default.removeItem(at: out) }
        let read = try Data(contentsOf: out.appendingPathComponent("read.svg"))
        let text = String(decoding: read, as: UTF8.self)
        XCTAssertTrue(text.contains("<symbol overflow=\"visible\" id=\"glyph1-0\">"))
        XCTAssertFalse(text.contains("<text"))
        XCTAssertGreaterThan(read.count, 100_000)
        guard let baseline = ProcessInfo.processInfo.environment["AESREPORT_BASELINE_BINARY"] else { return }
        let before = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-base-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: before) }
        let result = try HTMLReportTests.run(baseline, ["report", "SampleData/broadwell-e5-2699v4", "--format", "svg",
                                                        "--quiet", "-o", before.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(read == (try Data(contentsOf: before.appendingPathComponent("read.svg"))), "today's bytes")
    }

    func testAnUnknownSVGTextModeIsRefusedWithTheChoices() throws {
        let result = try HTMLReportTests.run(HTMLReportTests.binary.path,
                                             ["report", "SampleData", "--svg-text", "outlines", "-o", "/nonexistent/x"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("--svg-text"), result.stderr)
        XCTAssertTrue(result.stderr.contains("text") && result.stderr.contains("paths"), result.stderr)
    }
}
