import AESReportFiles
import AESReportIngest
import AESReportModel
import AESReportPages
import AESReportStats
import Foundation
import XCTest

/// The README documents summary.json and comparison.json field by field; these tests fail when a documented field
/// is missing from what the tool writes.
final class JSONContractTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let sampleData = repository.appendingPathComponent("SampleData").path

    /// Field paths (`runs[].series[].mean`) listed between the README's markers.
    static func documentedFields(_ name: String) throws -> [String] {
        let readme = try String(contentsOf: repository.appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = readme.range(of: "<!-- \(name) fields: begin -->"),
              let end = readme.range(of: "<!-- \(name) fields: end -->") else {
            XCTFail("README has no field list for \(name)")
            return []
        }
        var fields: [String] = []
        for line in readme[start.upperBound..<end.lowerBound].split(separator: "\n") where line.hasPrefix("| `") {
            let firstCell = line.split(separator: "|", omittingEmptySubsequences: true).first ?? ""
            for piece in firstCell.split(separator: "`") where !piece.trimmingCharacters(in: .whitespaces).isEmpty
                && !piece.contains(",") {
                fields.append(String(piece))
            }
        }
        return fields
    }

    /// Whether `path` exists in `json` (every element of every array along the way must have it).
    static func missing(_ path: String, in json: Any) -> String? {
        var values: [Any] = [json]
        for component in path.split(separator: ".") {
            let isArray = component.hasSuffix("[]")
            let key = isArray ? String(component.dropLast(2)) : String(component)
            var next: [Any] = []
            for value in values {
                guard let object = value as? [String: Any], let child = object[key] else { return path }
                if isArray {
                    guard let array = child as? [Any], !array.isEmpty else { return path + " (empty or not an array)" }
                    next += array
                } else if !(child is NSNull) {
                    next.append(child)
                }
            }
            values = next
        }
        return nil
    }

    func testEveryDocumentedSummaryFieldIsWritten() throws {
        let fields = try Self.documentedFields("summary.json")
        XCTAssertGreaterThan(fields.count, 60)
        let discovery = RunDiscovery().discover(paths: [Self.sampleData])
        let options = AnalysisOptions()
        var diagnostics = discovery.diagnostics
        diagnostics.append(Diagnostic(file: "x.txt", line: 3, severity: .warning, message: "a documented diagnostic"))
        let analysis = ReportAnalysis(runs: discovery.runs, options: options)
        var text = try SummaryDocument(analysis: analysis, options: options, diagnostics: diagnostics, version: "test")
            .json()
        // `notes` is empty on SampleData; give the contract check something to look at.
        text = text.replacingOccurrences(of: "\"notes\" : []", with: "\"notes\" : [\"n\"]")
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8))
        let missing = fields.compactMap { Self.missing($0, in: json) }
        XCTAssertEqual(missing, [])
    }

    /// `runs[].cpu.is_guest` is true or false where the dump decides it and null where it cannot (an aarch64 QEMU
    /// guest's real cpuinfo); `guest_evidence` always says why.
    func testIsGuestIsNullWhenTheDumpCannotTell() throws {
        let tree = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-guest-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tree) }
        let run = tree.appendingPathComponent("armhost/with-aesni")
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        try Data("1+0 records in\n1+0 records out\n1048576 bytes (1.0 MB) copied, 0.001 s, 1.0 GB/s\n".utf8)
            .write(to: run.appendingPathComponent("aes-xts-plain-read.txt"))
        try FileManager.default.copyItem(
            at: Self.repository.appendingPathComponent(
                "Tests/AESReportIngestTests/Fixtures/cpuinfo/real-proc-cpuinfo-aarch64-qemu-a57.txt"),
            to: run.appendingPathComponent("cpuinfo.txt"))
        func cpus(_ path: String) throws -> [[String: Any]] {
            let discovery = RunDiscovery().discover(paths: [path])
            let analysis = ReportAnalysis(runs: discovery.runs, options: AnalysisOptions())
            let text = try SummaryDocument(analysis: analysis, options: AnalysisOptions(), diagnostics: [],
                                           version: "test").json()
            let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            return (json?["runs"] as? [[String: Any]] ?? []).compactMap { $0["cpu"] as? [String: Any] }
        }
        let arm = try cpus(tree.path)
        XCTAssertEqual(arm.count, 1)
        XCTAssertTrue(arm[0]["is_guest"] is NSNull)
        XCTAssertEqual(arm[0]["guest_evidence"] as? String,
                       "aarch64/ARM has no hypervisor flag and no lscpu or DMI line names a hypervisor")
        let x86 = try cpus(Self.sampleData + "/broadwell-e5-2699v4")
        XCTAssertFalse(x86.isEmpty)
        XCTAssertEqual(x86.map { $0["is_guest"] as? Bool }, x86.map { _ in true })
        XCTAssertEqual(Set(x86.compactMap { $0["guest_evidence"] as? String }), ["hypervisor flag"])
    }

    func testEveryDocumentedComparisonFieldIsWritten() throws {
        let fields = try Self.documentedFields("comparison.json")
        XCTAssertGreaterThan(fields.count, 25)
        let discovery = RunDiscovery()
        let a = discovery.discover(paths: [Self.sampleData + "/broadwell-e5-2699v4"])
        let b = discovery.discover(paths: [Self.sampleData + "/skylake-gold-6148"])
        var runsB = b.runs
        runsB[0].ddLogs.removeLast() // one series only in A
        let comparison = Comparison(nameA: "a", runsA: a.runs, nameB: "b", runsB: runsB, options: AnalysisOptions())
        let machines = ComparisonMachines(columns: comparison.columns, runs: [a.runs, runsB],
                                          hostCPUs: Dictionary(uniqueKeysWithValues: (a.hostCPUs + b.hostCPUs).map { ($0.host, $0.cpu) }))
        let document = ComparisonDocument(
            comparison: comparison, machines: machines, options: AnalysisOptions(),
            diagnostics: [Diagnostic(file: "y", line: nil, severity: .error, message: "m")], version: "test")
        let text = try document.json()
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8))
        XCTAssertEqual(fields.compactMap { Self.missing($0, in: json) }, [])
        XCTAssertEqual((json as? [String: Any])?["only_in_one_column"] as? [String],
                       ["only in broadwell-e5-2699v4: aes-xts-plain write with AES-NI"])
    }

    /// `significant` is JSON null, not false, for a gain with no test; the range lists it as untested, not as not
    /// significant; p_value is null and test_note says why. (SampleData's openssl outputs are one per state, and its
    /// dd logs are cut to one round here.)
    func testUntestedGainsHaveNullSignificanceAndAreListedApart() throws {
        let discovery = RunDiscovery().discover(paths: [Self.sampleData])
        let runs = discovery.runs.map { run in
            var one = run
            one.ddLogs = run.ddLogs.map { DDLog(path: $0.path, cipher: $0.cipher, operation: $0.operation,
                                                rounds: Array($0.rounds.prefix(1))) }
            return one
        }
        for centre in Centre.allCases {
            let options = AnalysisOptions(centre: centre)
            let text = try SummaryDocument(analysis: ReportAnalysis(runs: runs, options: options), options: options,
                                           diagnostics: [], version: "test").json()
            let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let speedups = try XCTUnwrap(json["speedups"] as? [[String: Any]]) + (json["openssl_speedups"] as? [[String: Any]] ?? [])
            XCTAssertEqual(speedups.count, 24 + 40)
            for speedup in speedups {
                XCTAssertTrue(speedup["significant"] is NSNull, "\(centre) \(speedup)")
                XCTAssertTrue(speedup["p_value"] is NSNull)
                XCTAssertEqual(speedup["test_note"] as? String, "no test: 1 round on a side (at least 2 on each side are needed)")
            }
            for range in try XCTUnwrap(json["ranges"] as? [[String: Any]]) {
                XCTAssertEqual(range["not_significant"] as? [String], [])
                XCTAssertEqual((range["untested"] as? [String])?.count, 6)
                XCTAssertTrue((range["sentence"] as? String)?.contains("(untested: aes-ecb-plain, ") == true)
            }
            let written = try XCTUnwrap(json["options"] as? [String: Any])
            XCTAssertEqual(written["test"] as? String, ["mean": "welch", "median": "mann-whitney",
                                                        "total": "permutation"][centre.rawValue])
        }
    }

    func testSummaryIsByteIdenticalFromRunToRun() throws {
        func render() throws -> String {
            let discovery = RunDiscovery().discover(paths: [Self.sampleData])
            let analysis = ReportAnalysis(runs: discovery.runs, options: AnalysisOptions(centre: .median))
            return try SummaryDocument(analysis: analysis, options: AnalysisOptions(centre: .median),
                                       diagnostics: discovery.diagnostics, version: "test").json()
                + SummaryTables.csv(analysis) + SummaryTables.markdown(analysis, options: AnalysisOptions())
        }
        XCTAssertEqual(try render(), try render())
    }
}

final class TextOutputTests: XCTestCase {
    func testCSVQuotesWhatNeedsQuoting() {
        XCTAssertEqual(CSVText.line(["plain", "a,b", "say \"hi\"", "two\nlines", ""]),
                       "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",")
        XCTAssertEqual(CSVText.number(2133000000.0), "2133000000.0")
        XCTAssertEqual(CSVText.number(nil as Double?), "")
    }

    func testMarkdownEscapesInputStrings() {
        XCTAssertEqual(MarkdownText.escape("<script>alert(1)</script> | *x*"),
                       "&lt;script&gt;alert(1)&lt;/script&gt; \\| \\*x\\*")
        XCTAssertEqual(MarkdownText.table(["a", "b"], [["1|2", "x"]], rightAligned: [1]),
                       "| a | b |\n| --- | ---: |\n| 1\\|2 | x |")
    }

    func testPercentsArePrintedTheSeedsWay() {
        XCTAssertEqual(PercentText.signed(91.2), "+91%")
        XCTAssertEqual(PercentText.signed(40.0), "+40%")
        XCTAssertEqual(PercentText.signed(-3.4), "-3%")
        XCTAssertEqual(PercentText.signed(0.42), "+0.4%")
        XCTAssertEqual(NumberText.pValue(0.0421), "p=0.042")
        XCTAssertEqual(NumberText.pValue(nil), "p=n/a")
    }

    func testAtomicWriteReplacesWholeFilesAndLeavesNoTemporaryFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-atomic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("sub/summary.json").path
        try AtomicFileWriter.write("first", to: path)
        try AtomicFileWriter.write("second", to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "second")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("sub").path),
                       ["summary.json"])
        XCTAssertThrowsError(try AtomicFileWriter.write("x", to: "/proc/aesreport-cannot/summary.json"))
    }

    /// A producer that fails half-way leaves the previous file whole and no temporary file behind.
    func testInterruptedStreamLeavesThePreviousFile() throws {
        struct Interrupted: Error {}
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-stream-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("summary.csv").path
        try AtomicFileWriter.write("complete\n", to: path)
        XCTAssertThrowsError(try AtomicFileWriter.stream(to: path) { write in
            try write(Array("half of a new ".utf8)[...])
            throw Interrupted()
        })
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "complete\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["summary.csv"])
    }

    /// Streaming summary.json and summary.csv in small pieces gives exactly the bytes built in memory.
    func testStreamedSummariesMatchTheDocumentsBuiltInMemory() throws {
        let discovery = RunDiscovery().discover(paths: [JSONContractTests.sampleData])
        let analysis = ReportAnalysis(runs: discovery.runs, options: AnalysisOptions())
        let document = SummaryDocument(analysis: analysis, options: AnalysisOptions(),
                                       diagnostics: discovery.diagnostics, version: "test")
        var pieces = 0
        var streamed: [UInt8] = []
        try document.writeJSON(to: { piece in
            pieces += 1
            streamed += piece
        }, flushThreshold: 4096)
        XCTAssertGreaterThan(pieces, 10)
        XCTAssertEqual(streamed, document.jsonBytes())
        XCTAssertEqual(streamed.last, 0x0A)
        var csv: [UInt8] = []
        SummaryTables.writeCSV(analysis) { csv += $0 }
        XCTAssertEqual(String(decoding: csv, as: UTF8.self), SummaryTables.csv(analysis))
        XCTAssertEqual(csv.filter { $0 == 0x0A }.count, 1 + analysis.runs.reduce(0) { $0 + $1.series.count })
    }
}

final class EmbeddedTemplatesTests: XCTestCase {
    func testEmbeddedTemplatesMatchTheTemplatesFolder() throws {
        let folder = JSONContractTests.repository.appendingPathComponent("Templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }
        XCTAssertEqual(Set(names.map { String($0.dropLast(".mustache".count)) }), Set(EmbeddedTemplates.files.keys))
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            XCTAssertTrue(EmbeddedTemplates.files[String(name.dropLast(".mustache".count))] == text,
                          "\(name) changed: run python3 .ci/embed-templates.py")
        }
    }
}
