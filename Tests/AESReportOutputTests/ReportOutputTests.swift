import AESReportCharts
import AESReportFiles
import AESReportIngest
import AESReportModel
import AESReportOutput
import AESReportPages
import AESReportStats
import Foundation
import XCTest

/// The library that writes a report, on SampleData: what it stages for each choice of formats.
final class ReportOutputTests: XCTestCase {
    static let sampleData = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("SampleData").path

    private func settings(_ formats: String, templates: HTMLTemplates? = nil) -> ReportOutputSettings {
        ReportOutputSettings(formats: OutputFormatList(formats), chartOptions: ChartOptions(), chartSize: ChartSize(),
                             scale: 1, templates: templates, timestamp: nil, pdfDate: nil, version: "test")
    }

    private func temporaryFolder() throws -> OutputFolder {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-writer-\(UUID().uuidString)").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return try OutputFolder(path: path, listing: true)
    }

    func testAReportWritesThePageTheSummariesAndEachChartInTheFormatsAsked() throws {
        let options = AnalysisOptions()
        let discovery = RunDiscovery().discover(paths: [Self.sampleData])
        let report = ReportAnalysis(runs: discovery.runs, options: options)
        let folder = try temporaryFolder()
        let writer = ReportOutput(settings: settings("html,json,md,svg", templates: try HTMLTemplates.embedded()),
                                  options: options)
        let failures = writer.writeReport(report, fleet: nil, hostCPUs: discovery.hostCPUs, diagnostics: [], to: folder)
        XCTAssertEqual(failures, [])
        let result = folder.commit()
        XCTAssertEqual(result.failed, [])
        let written = Set(result.written)
        XCTAssertTrue(written.isSuperset(of: ["index.html", "summary.json", "summary.md"]))
        XCTAssertFalse(written.contains("summary.csv"))
        let charts = written.filter { $0.hasSuffix(".svg") }
        XCTAssertGreaterThan(charts.count, 2)
        XCTAssertEqual(written.count, 3 + charts.count, "only html, json, md and svg: \(written.sorted())")
        let page = try String(contentsOfFile: folder.path + "/index.html", encoding: .utf8)
        XCTAssertTrue(page.contains("<svg"), "the page inlines its charts")
        let markdown = try String(contentsOfFile: folder.path + "/summary.md", encoding: .utf8)
        for chart in charts { XCTAssertTrue(markdown.contains("(\(chart))"), "summary.md links \(chart)") }
    }

    func testChartsAreDrawnInChartOrderThenFormatOrder() throws {
        let options = AnalysisOptions()
        let report = ReportAnalysis(runs: RunDiscovery().discover(paths: [Self.sampleData]).runs, options: options)
        let charts = Array(ReportCharts.charts(report, options: ChartOptions(), analysisOptions: options).prefix(2))
        XCTAssertEqual(charts.count, 2)
        let files = try ChartFiles.render(charts, formats: [.svg, .png], theme: .light, size: ChartSize(),
                                          renderer: .init())
        XCTAssertEqual(files.map(\.name), charts.flatMap { ["\($0.name).svg", "\($0.name).png"] })
        XCTAssertEqual(Array(files[1].bytes.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "a PNG signature")
    }

    func testAComparisonWithoutPageOrImagesWritesItsFourDocuments() throws {
        let options = AnalysisOptions()
        let discovery = RunDiscovery()
        let a = discovery.discover(paths: [Self.sampleData + "/broadwell-e5-2699v4"])
        let b = discovery.discover(paths: [Self.sampleData + "/skylake-gold-6148"])
        let comparison = Comparison(nameA: "a", runsA: a.runs, nameB: "b", runsB: b.runs, options: options)
        let document = ComparisonDocument(comparison: comparison, options: options, diagnostics: [], version: "test")
        let folder = try temporaryFolder()
        let added = ReportOutput(settings: settings("json,csv,md"), options: options)
            .writeComparison(document, comparison: comparison, runs: a.runs + b.runs, hostCPUs: [], diagnostics: [], to: folder)
        XCTAssertEqual(added, [])
        XCTAssertEqual(folder.commit().written, ["comparison.json", "comparison.csv", "comparison-gains.csv",
                                                 "comparison.md"])
    }
}
