import AESReportIngest
import AESReportModel
import AESReportPages
import AESReportStats
import Foundation
import XCTest

/// `--summary-samples none`: summary.json without the per-round samples, and nothing else changed.
final class SummarySamplesTests: XCTestCase {
    static let omitted = ["samples", "sample_rounds"]

    func document(_ samples: SummarySamples) throws -> (text: String, json: [String: Any]) {
        let discovery = RunDiscovery().discover(paths: [JSONContractTests.sampleData])
        let options = AnalysisOptions()
        let analysis = ReportAnalysis(runs: discovery.runs, options: options)
        let diagnostics = discovery.diagnostics
            + [Diagnostic(file: "x.txt", line: 3, severity: .warning, message: "a documented diagnostic")]
        let text = try SummaryDocument(analysis: analysis, options: options, diagnostics: diagnostics,
                                       version: "test", samples: samples).json()
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return (text, json)
    }

    func series(_ json: [String: Any]) -> [[String: Any]] {
        (json["runs"] as? [[String: Any]] ?? []).flatMap { $0["series"] as? [[String: Any]] ?? [] }
    }

    func testNoneOmitsExactlyTheSampleArrays() throws {
        let all = try document(.all)
        let none = try document(.none)
        XCTAssertGreaterThan(series(all.json).count, 10)
        for s in series(all.json) {
            XCTAssertNotNil(s["samples"] as? [Any])
            XCTAssertNotNil(s["sample_rounds"] as? [Any])
        }
        for s in series(none.json) {
            XCTAssertNil(s["samples"])
            XCTAssertNil(s["sample_rounds"])
        }
        // The `all` document with the two keys removed from every series is the `none` document.
        var stripped = all.json
        stripped["runs"] = (all.json["runs"] as? [[String: Any]] ?? []).map { run -> [String: Any] in
            var run = run
            run["series"] = (run["series"] as? [[String: Any]] ?? []).map { s in
                s.filter { !Self.omitted.contains($0.key) }
            }
            return run
        }
        XCTAssertEqual(stripped as NSDictionary, none.json as NSDictionary)
        XCTAssertLessThan(none.text.utf8.count, all.text.utf8.count)
        // Written the same way otherwise: the text is the `all` text without the two lines.
        let withoutSampleLines = all.text.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            !line.hasPrefix("          \"samples\" : ") && !line.hasPrefix("          \"sample_rounds\" : ")
        }
        XCTAssertEqual(withoutSampleLines.joined(separator: "\n"), none.text)
    }

    func testNoneKeepsEveryOtherDocumentedField() throws {
        let fields = try JSONContractTests.documentedFields("summary.json")
            .filter { field in !Self.omitted.contains { field.hasSuffix("series[].\($0)") } }
        XCTAssertGreaterThan(fields.count, 60)
        var text = try document(.none).text
        // As in the contract test: `notes` is empty on SampleData.
        text = text.replacingOccurrences(of: "\"notes\" : []", with: "\"notes\" : [\"n\"]")
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8))
        let missing = fields.compactMap { JSONContractTests.missing($0, in: json) }
        XCTAssertEqual(missing, [])
    }
}
