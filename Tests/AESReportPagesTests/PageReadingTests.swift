@testable import AESReportIngest
import AESReportModel
@testable import AESReportPages
import AESReportStats
import Foundation
import XCTest

/// Issue 15, the page as a reader sees it: the machines table, the caption once, the contents, openssl in the
/// Findings, and the page in Chinese. Each test renders the SampleData page with the shipped templates.
final class PageReadingTests: XCTestCase {
    static let sampleData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SampleData").path

    /// A Skylake-SP-like host CPU with AVX-512 subsets whose names have an underscore, and SHA-NI.
    static let wideCPU = CPUDescription(
        format: .procCpuinfo, architecture: .x86, vendor: "GenuineIntel", modelName: "Test CPU", logicalCPUs: 8,
        flags: ["3dnowprefetch", "aes", "avx", "avx2", "avx512_bf16", "avx512_vnni", "avx512bw", "avx512f",
                "avx512ifma", "pclmulqdq", "sha_ni", "xsave"].sorted(),
        hypervisorVendor: nil)

    static func report(language: MethodLanguage = .en, charts: [InlineChart] = [],
                       hostCPU: CPUDescription? = nil) -> HTMLReport {
        let discovery = RunDiscovery().discover(paths: [sampleData])
        var hostCPUs = discovery.hostCPUs
        if let hostCPU { hostCPUs[0].cpu = hostCPU }
        var report = HTMLReport(analysis: ReportAnalysis(runs: discovery.runs, options: AnalysisOptions()),
                                hostCPUs: hostCPUs, diagnostics: discovery.diagnostics, charts: charts,
                                options: AnalysisOptions(), version: "test")
        report.language = language
        return report
    }

    static func page(_ report: HTMLReport) throws -> String {
        report.render(with: try HTMLTemplates.embedded())
    }

    /// The text a reader sees in a fragment of markup: tags (and their attributes) removed.
    static func visible(_ markup: some StringProtocol) -> String {
        String(markup).replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
    }

    /// The matrix row of a feature, `<tr><th scope="row">AVX-512</th>...</tr>`.
    static func featureRow(_ page: String, _ label: String) throws -> Substring {
        let start = try XCTUnwrap(page.range(of: "<tr><th scope=\"row\">\(label)</th>"), label)
        let end = try XCTUnwrap(page[start.upperBound...].range(of: "</tr>"))
        return page[start.lowerBound..<end.upperBound]
    }

    func testAVX512ShowsAMarkAndItsFullFlagNamesAndSHAAMarkAndAbsentADash() throws {
        let page = try Self.page(Self.report(hostCPU: Self.wideCPU))
        let avx512 = try Self.featureRow(page, "AVX-512")
        // Today's page printed fragments: "_bf16 _vnni bw f ifma" (or "bf16 vnni bw f ifma").
        XCTAssertTrue(avx512.contains("<summary>✓ 5</summary>"), String(avx512))
        for flag in ["avx512_bf16", "avx512_vnni", "avx512bw", "avx512f", "avx512ifma"] {
            XCTAssertTrue(avx512.contains("<code class=\"flag\">\(flag)</code>"), flag)
        }
        XCTAssertFalse(Self.visible(avx512).contains(" f "), "no fragment of a flag name")
        let sha = try Self.featureRow(page, "SHA")
        XCTAssertFalse(Self.visible(sha).contains("sha_ni"), "SHA-NI is a mark, not its flag: \(sha)")
        XCTAssertTrue(sha.contains("<td class=\"yes\" title=\"sha_ni\">✓</td>"), String(sha))
        // Absent: a dash as visible as the mark (the middle dot was nearly invisible), with its meaning as a title.
        XCTAssertTrue(avx512.contains("<td class=\"no\" title=\"absent\">–</td>"), String(avx512))
        XCTAssertFalse(page.contains(">·<"))
        let css = EmbeddedTemplates.files["style"] ?? ""
        XCTAssertTrue(css.contains(".matrix td.no { color: var(--fg); }"), "absent in the text colour, light and dark")
    }

    func testFlagListsHoldEachFlagInAnElementThatNeverBreaksInsideAName() throws {
        let page = try Self.page(Self.report(hostCPU: Self.wideCPU))
        let start = try XCTUnwrap(page.range(of: "<dl class=\"flagdiff\">"))
        let end: Range<String.Index> = try XCTUnwrap(page[start.upperBound...].range(of: "</dl>"))
        let list = page[start.lowerBound..<end.upperBound]
        // Host (the wide CPU) versus its first guest: the host alone has avx512_bf16, each flag in its own element.
        XCTAssertTrue(list.contains("<code class=\"flag\">avx512_bf16</code> "), String(list))
        XCTAssertFalse(list.contains("<code>"), "no list of flags in one code element, which breaks anywhere")
        let css = EmbeddedTemplates.files["style"] ?? ""
        XCTAssertTrue(css.contains("code.flag { white-space: nowrap; word-break: keep-all; overflow-wrap: normal; }"))
        XCTAssertFalse(css.contains("break-all"), "break-all splits 3dnowprefetch into 3dnowpref|etch")
    }

    func testEachChartCaptionAppearsOnceOnThePage() throws {
        let caption = "Bars: mean of the rounds; error bars: 95% t interval of the mean."
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><text>\(caption)</text></svg>"
        let chart = InlineChart(name: "read-skylake-gold-6148", title: "Read throughput", caption: caption,
                                svg: Array(svg.utf8), files: ["read-skylake-gold-6148.png"])
        let page = try Self.page(Self.report(charts: [chart]))
        XCTAssertEqual(page.components(separatedBy: caption).count - 1, 1, "the caption inside the chart only")
        XCTAssertTrue(page.contains("<figcaption class=\"downloads\">Files: <a href=\"read-skylake-gold-6148.png\">PNG</a>"))
    }

    func testContentsLinkHostsChartsTablesRunsMachinesAndMethodToUniqueIds() throws {
        let chart = InlineChart(name: "read-skylake-gold-6148", title: "Read throughput", caption: "c",
                                svg: Array("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>".utf8), files: [])
        let page = try Self.page(Self.report(charts: [chart]))
        let navStart = try XCTUnwrap(page.range(of: "<nav class=\"toc\""))
        let navEnd: Range<String.Index> = try XCTUnwrap(page.range(of: "</nav>"))
        let nav = page[navStart.lowerBound..<navEnd.upperBound]
        let ids = page.matches(of: /\sid="([^"]+)"/).map { String($0.1) }
        XCTAssertEqual(ids.count, Set(ids).count, "ids unique: \(ids)")
        let targets = nav.matches(of: /href="#([^"]+)"/).map { String($0.1) }
        for target in targets { XCTAssertTrue(ids.contains(target), "#\(target) leads nowhere") }
        for expected in ["findings", "host-broadwell-e5-2699v4", "host-skylake-gold-6148",
                         "chart-read-skylake-gold-6148", "host-skylake-gold-6148-gains", "host-skylake-gold-6148-openssl",
                         "host-skylake-gold-6148-run-1", "host-skylake-gold-6148-run-2", "machines", "method",
                         "files-read", "diagnostics"] {
            XCTAssertTrue(targets.contains(expected), "the contents list #\(expected)")
        }
        // The host's chart sits in the host's section, after its heading.
        let host = try XCTUnwrap(page.range(of: "<h2 id=\"host-skylake-gold-6148\">"))
        XCTAssertNotNil(page[host.upperBound...].range(of: "<figure id=\"chart-read-skylake-gold-6148\">"))
        XCTAssertTrue((EmbeddedTemplates.files["style"] ?? "").contains(".toc { position: sticky; top: 0;"))
    }

    func testChartsBelongToTheHostWhoseAnchorEndsTheirNameTheLongestFirst() {
        XCTAssertEqual(HTMLReport.chartOwners(["read-a", "read-b-a", "speedup-b-a", "fleet"], anchors: ["a", "b-a"]),
                       [0, 1, 1, nil])
        XCTAssertEqual(HTMLReport.chartOwners(["read", "speedup"], anchors: ["only"]), [0, 0])
    }

    func testFindingsCarryEachHostsOpensslGainsBesideItsDDGains() throws {
        let page = try Self.page(Self.report())
        let first: Range<String.Index> = try XCTUnwrap(page.range(of: "<h2 id=\"findings\">"))
        let next: Range<String.Index> = try XCTUnwrap(page.range(of: "<h2 id=\"host-"))
        let findings = page[first.lowerBound..<next.lowerBound]
        for host in ["broadwell-e5-2699v4", "skylake-gold-6148"] {
            let start = try XCTUnwrap(findings.range(of: "<strong><bdi>\(host)</bdi></strong>: With AES-NI, reads"))
            let paragraph = findings[start.lowerBound...].prefix { $0 != "\n" }
            XCTAssertTrue(paragraph.contains("<span class=\"openssl\">openssl speed with AES-NI (8192-byte blocks), encrypt +"),
                          String(paragraph))
        }
    }

    func testChinesePageHasChineseHeadingsTableHeadersAndFixedSentences() throws {
        let page = try Self.page(Self.report(language: .zh))
        XCTAssertTrue(page.contains("<html lang=\"zh\">"))
        for heading in ["<h1>AES-NI 基准测试报告</h1>", "<h2 id=\"findings\">结论</h2>", "<h2 id=\"machines\">机器</h2>",
                        "<h2 id=\"method\">方法与来源</h2>", "<h3 id=\"files-read\">读取的文件</h3>",
                        "<h2 id=\"host-skylake-gold-6148\">主机 <bdi>", "<th scope=\"col\">加密算法</th>",
                        "<caption>各加密算法的 AES-NI 加速比 (", "<p class=\"lead\">2 台主机上的 4 次运行",
                        "<dt>虚拟机缺少的相关标志：</dt>", "<p class=\"note\">以 -cpu host 启动的虚拟机",
                        "<th scope=\"col\">均值的 95% t 置信区间</th>", "<th scope=\"col\">95% 置信区间（Fieller）</th>",
                        "<span class=\"state\">(启用 AES-NI)</span>",
                        "</strong>: 启用 AES-NI 后，读取快 43% 至 84%，写入快 19% 至 47%（Intel(R) Xeon(R) CPU E5-2699 v4 @ 2.20GHz 虚拟机）。",
                        "<span class=\"openssl\">openssl speed 启用 AES-NI（8192 字节块），加密 +412% 至 +417%，"] {
            XCTAssertTrue(page.contains(heading), heading)
        }
        for english in [">Findings<", ">Machines<", ">Method and provenance<", "Run folder:", ">cipher<",
                        "Relevant flags the", "Made by", "AES-NI speedup per cipher", "CI of the mean", "(with AES-NI)",
                        "With AES-NI", "faster", "algorithms)"] {
            XCTAssertFalse(page.contains(english), english)
        }
        // English stays the default.
        XCTAssertTrue(try Self.page(Self.report()).contains("<h2 id=\"findings\">Findings</h2>"))
    }

    func testEveryLanguageHasEveryWord() {
        for language in MethodLanguage.allCases {
            for child in Mirror(reflecting: PageText.of(language)).children {
                if let words = child.value as? String { XCTAssertFalse(words.isEmpty, "\(language) \(child.label!)") }
            }
        }
    }
}
