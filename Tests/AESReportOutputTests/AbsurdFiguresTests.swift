import AESReportCharts
import AESReportFiles
import AESReportIngest
import AESReportModel
import AESReportOutput
import AESReportPages
import AESReportStats
import Foundation
import XCTest

/// Issue 25, item 1: finite but absurd figures (a dd round of 2^63 - 1 bytes in 1e-289 s, fio's `bw_bytes` of
/// 1.7e308 with a zero run time, tcrypt's 2^63 - 1 bytes in 1 s, openssl and cryptsetup rates of 10^300) trapped the
/// charts (SIGILL) and wrote nothing. Each is now an error naming its file and line, its round or result is kept out
/// (a series of nothing else is shown with no usable round), and the whole report is written, in every format, for
/// every centre and error-bar mode, and for a comparison.
final class AbsurdFiguresTests: XCTestCase {
    /// The hostile tree: one host, both AES-NI states, each with the five formats' absurd figures beside sane ones.
    static func writeHostileRuns(under root: String) throws {
        let fileManager = FileManager.default
        let sane = "20+0 records in\n20+0 records out\n21474836480 bytes (21 GB) copied, 11.05 s, 1.9 GB/s\n"
        let absurd = "20+0 records in\n20+0 records out\n9223372036854775807 bytes (9.2 EB) copied, 1e-289 s, 9.2 EB/s\n"
        for state in ["aesni", "noaesni"] {
            let run = root + "/host/guest-" + state
            try fileManager.createDirectory(atPath: run, withIntermediateDirectories: true)
            func write(_ name: String, _ text: String) throws {
                try text.write(toFile: run + "/" + name, atomically: false, encoding: .utf8)
            }
            // Lines 1-9 sane, the rounds at lines 10 and 13 absurd.
            try write("aes-xts-plain64-read.txt", sane + sane + sane + absurd + absurd)
            // Nothing but absurd rounds: a series with no usable round.
            try write("aes-cbc-essiv:sha256-read.txt", absurd + absurd)
            for round in 1...3 {
                let (bw, runtime) = round < 3 ? ("1.7e308", 0) : ("104857600", 10000)
                try write("fio-aes-xts-plain64-write-r\(round).json", """
                    {"fio version":"fio-3.33","jobs":[{"jobname":"aes-xts-plain64","groupid":0,"error":0,
                    "job options":{"rw":"write"},"read":{"io_bytes":0,"io_kbytes":0,"bw_bytes":0,"bw":0,"runtime":0},
                    "write":{"io_kbytes":1048576,"bw_bytes":\(bw),"bw":0,"runtime":\(runtime)}}]}

                    """)
            }
            let driver = state == "aesni" ? "xts-aes-aesni" : "xts(ecb(aes-generic))"
            try write("tcrypt-dmesg.txt", """
                [  203.788935] tcrypt: testing speed of async xts(aes) (\(driver)) encryption
                [  203.789339] tcrypt: test 0 (256 bit key, 16 byte blocks): 9223372036854775807 operations in 1 seconds (9223372036854775807 bytes)
                [  203.789339] tcrypt: test 1 (256 bit key, 64 byte blocks): 1436385 operations in 1 seconds (91928640 bytes)

                """)
            try write("openssl-speed-aes-128-cbc.txt", """
                Doing aes-128-cbc for 3s on 16 size blocks: 18446744073709551615 aes-128-cbc's in 1e-300s
                Doing aes-128-cbc for 3s on 64 size blocks: 41840004 aes-128-cbc's in 2.98s

                """)
            try write("cryptsetup-benchmark.txt", """
                #  Algorithm | Key |  Encryption |  Decryption
                     aes-xts   512b   1702.9 MiB/s   1797.8 MiB/s
                     aes-cbc   256b   \(String(repeating: "9", count: 300)).0 MiB/s   2578.8 MiB/s

                """)
        }
    }

    private func temporaryPath(_ name: String) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-\(name)-\(UUID().uuidString)").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    private func settings(_ errorBars: ErrorBars) throws -> ReportOutputSettings {
        ReportOutputSettings(formats: OutputFormatList("html,json,md,csv,svg,png"),
                             chartOptions: ChartOptions(errorBars: errorBars), chartSize: ChartSize(), scale: 1,
                             templates: try HTMLTemplates.embedded(), timestamp: nil, pdfDate: nil, version: "test")
    }

    func testEachAbsurdFigureIsAnErrorNamingItsFileAndLine() throws {
        let root = temporaryPath("absurd-input")
        try Self.writeHostileRuns(under: root)
        let discovery = RunDiscovery().discover(paths: [root])
        let errors = discovery.diagnostics.filter { $0.severity == .error }
            .map { "\(($0.file as NSString).lastPathComponent):\($0.line.map(String.init) ?? "-"): \($0.message)" }
        let expected = [
            "aes-xts-plain64-read.txt:10: round 4: 9223372036854775807 bytes in 1e-289 s: a throughput of 9.22e307 B/s "
                + "is beyond any real device (at most 1 PB/s is accepted); not averaged",
            "aes-xts-plain64-read.txt:13: round 5: 9223372036854775807 bytes in 1e-289 s",
            "aes-cbc-essiv:sha256-read.txt:1: round 1: ",
            "fio-aes-xts-plain64-write-r1.json:1: write: fio's figures are no measurement: ",
            "fio-aes-xts-plain64-write-r2.json:1: write: fio's figures are no measurement: ",
            "tcrypt-dmesg.txt:2: tcrypt test 0: 9223372036854775807 bytes in 1 s: a throughput of 9.22e18 B/s is beyond",
            "openssl-speed-aes-128-cbc.txt:1: aes-128-cbc at 16 bytes: a throughput of more than 1.8e308 B/s is beyond",
            "cryptsetup-benchmark.txt:3: aes-cbc 256b: a throughput of ",
        ]
        for prefix in expected {
            // Each in both runs.
            XCTAssertEqual(errors.filter { $0.hasPrefix(prefix) }.count, 2, "\(prefix)\nin\n\(errors.joined(separator: "\n"))")
        }
        // The sane figures beside them are read: 3 dd rounds, 1 fio round, 1 tcrypt, 1 openssl, 1 cryptsetup row.
        for run in discovery.runs {
            let read = try XCTUnwrap(run.ddLogs.first { $0.cipher == "aes-xts-plain64" })
            XCTAssertEqual(read.completeRounds.count, 3)
            XCTAssertEqual(read.failedRoundCount, 2)
            XCTAssertEqual(run.ddLogs.first { $0.cipher == "aes-cbc-essiv:sha256" }?.completeRounds.count, 0)
            let fio = FioSeries.logs(from: run.fio)
            XCTAssertEqual(fio.map(\.completeRounds.count), [1])
            XCTAssertEqual(run.tcrypt.flatMap(\.tests).flatMap(\.results).map(\.blockSize), [64])
            XCTAssertEqual(run.openssl.flatMap(\.results).map(\.blockSize), [64])
            XCTAssertEqual(run.cryptsetup.flatMap(\.ciphers).map(\.encryption), [1702.9 * 1_048_576, nil])
        }
    }

    func testAbsurdFiguresLeaveAWholeReportForEveryCentreAndErrorBarMode() throws {
        let root = temporaryPath("absurd-input")
        try Self.writeHostileRuns(under: root)
        let discovery = RunDiscovery().discover(paths: [root])
        for centre in Centre.allCases {
            for errorBars in ErrorBars.allCases {
                let options = AnalysisOptions(centre: centre)
                let report = ReportAnalysis(runs: discovery.runs, options: options)
                let folder = try OutputFolder(path: temporaryPath("absurd-\(centre)-\(errorBars)"), listing: true)
                let failures = ReportOutput(settings: try settings(errorBars), options: options)
                    .writeReport(report, fleet: nil, hostCPUs: discovery.hostCPUs, diagnostics: discovery.diagnostics,
                                 to: folder)
                XCTAssertEqual(failures, [], "\(centre) \(errorBars)")
                let result = folder.commit()
                XCTAssertEqual(result.failed, [])
                let written = Set(result.written)
                XCTAssertTrue(written.isSuperset(of: ["index.html", "summary.json", "summary.md", "summary.csv",
                                                      "read.svg", "read.png", "write.svg", "rounds.svg"]),
                              "\(centre) \(errorBars): \(written.sorted())")
                let summary = try String(contentsOfFile: folder.path + "/summary.json", encoding: .utf8)
                XCTAssertFalse(summary.contains("inf") || summary.contains("nan"), "no figure that is not a number")
                XCTAssertTrue(summary.contains("\"speedups\""), "the gains of the sane figures are there")
                let page = try String(contentsOfFile: folder.path + "/index.html", encoding: .utf8)
                XCTAssertTrue(page.contains("aes-xts-plain64-read.txt:10"), "the error is on the page")
                XCTAssertTrue(page.contains("aes-cbc-essiv:sha256"), "the unusable series is shown")
            }
        }
    }

    func testAbsurdFiguresOnBothSidesOfAComparisonLeaveItsDocumentsAndCharts() throws {
        let a = temporaryPath("absurd-a")
        let b = temporaryPath("absurd-b")
        try Self.writeHostileRuns(under: a)
        try Self.writeHostileRuns(under: b)
        let discovery = RunDiscovery()
        let runsA = discovery.discover(paths: [a]).runs
        let runsB = discovery.discover(paths: [b]).runs
        for centre in Centre.allCases {
            for errorBars in ErrorBars.allCases {
                let options = AnalysisOptions(centre: centre)
                let comparison = Comparison(nameA: "a", runsA: runsA, nameB: "b", runsB: runsB, options: options)
                let document = ComparisonDocument(comparison: comparison, options: options, diagnostics: [], version: "test")
                let folder = try OutputFolder(path: temporaryPath("absurd-compare"), listing: true)
                let failures = ReportOutput(settings: try settings(errorBars), options: options)
                    .writeComparison(document, comparison: comparison, runs: runsA + runsB, hostCPUs: [],
                                     diagnostics: [], to: folder)
                XCTAssertEqual(failures, [], "\(centre) \(errorBars)")
                let written = folder.commit().written
                XCTAssertTrue(Set(written).isSuperset(of: ["comparison.json", "comparison.csv", "comparison.md"]),
                              "\(written)")
                XCTAssertTrue(written.contains { $0.hasPrefix("compare-read") }, "\(written)")
            }
        }
    }
}
