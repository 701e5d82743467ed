import Foundation
import XCTest

/// Items 6 and 7 of issue 11, as a user meets them: the method follows the centre everywhere it is named, and a
/// gain with no test is shown as untested, never as "not significant".
final class MethodCommandTests: XCTestCase {
    private static let repository = HTMLReportTests.repository
    private static let sampleData = repository.appendingPathComponent("SampleData").path

    private func report(_ arguments: [String]) throws -> (HTMLReportTests.Output, URL) {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-method-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: out) }
        let result = try HTMLReportTests.run(HTMLReportTests.binary.path,
                                             ["report"] + arguments + ["-o", out.path, "--quiet", "--format", "html,json,md,svg"])
        return (result, out)
    }

    private func text(_ folder: URL, _ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// The first complete round (three lines) of a real dd log.
    private func firstRound(_ path: String) throws -> String {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let end = try XCTUnwrap(lines.firstIndex { $0.contains(" copied, ") })
        return lines[...end].joined(separator: "\n") + "\n"
    }

    /// One round per side: the gain is printed, with no `~`, as untested, and summary.json says `significant: null`.
    func testOneRoundPerSideIsUntestedOnTheTerminalInSummaryMarkdownJSONAndThePage() throws {
        let runs = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-one-round-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: runs) }
        for (source, folder) in [("guest-aesni", "node1/aesni"), ("guest-noaesni", "node1/noaesni")] {
            let target = runs.appendingPathComponent(folder)
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            for name in ["aes-xts-plain-read.txt", "aes-xts-plain-write.txt"] {
                let round = try firstRound(Self.sampleData + "/broadwell-e5-2699v4/\(source)/\(name)")
                try round.write(to: target.appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
        }
        for centre in ["mean", "median", "total"] {
            let (result, out) = try report([runs.path, "--centre", centre])
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertTrue(result.stdout.contains("(untested: aes-xts-plain)"), result.stdout)
            XCTAssertTrue(result.stdout.contains("% (untested)"), result.stdout)
            XCTAssertTrue(result.stdout.contains("n/a (1 round)"), result.stdout)
            XCTAssertFalse(result.stdout.contains("~  "), result.stdout)
            XCTAssertFalse(result.stdout.contains("not significant:"), result.stdout)

            let markdown = try text(out, "summary.md")
            XCTAssertTrue(markdown.contains("| aes-xts-plain | read |"), markdown)
            XCTAssertTrue(markdown.contains("% (untested) | n/a | n/a (1 round) |"), markdown)

            let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent(
                "summary.json"))) as? [String: Any])
            let speedups = try XCTUnwrap(json["speedups"] as? [[String: Any]])
            XCTAssertEqual(speedups.count, 2)
            for speedup in speedups {
                XCTAssertTrue(speedup["significant"] is NSNull, "\(speedup)")
                XCTAssertTrue(speedup["p_value"] is NSNull, "\(speedup)")
                XCTAssertEqual(speedup["rounds_with"] as? Int, 1)
                XCTAssertEqual(speedup["test_note"] as? String,
                               "no test: 1 round on a side (at least 2 on each side are needed)")
            }
            let ranges = try XCTUnwrap(json["ranges"] as? [[String: Any]])
            XCTAssertEqual(ranges.map { $0["not_significant"] as? [String] }, [[], []])
            XCTAssertEqual(ranges.map { $0["untested"] as? [String] }, [["aes-xts-plain"], ["aes-xts-plain"]])

            let page = try text(out, "index.html")
            XCTAssertTrue(page.contains("Untested (too few rounds for the test): aes-xts-plain reads, aes-xts-plain writes."))
            XCTAssertTrue(page.contains("<td class=\"num\">n/a (1 round)</td>"))
            XCTAssertTrue(page.contains("class=\"not-significant untested\""))
            XCTAssertFalse(page.contains("Not significant at"))
        }
    }

    /// `--centre median` on SampleData: whiskers and interval columns are the median's order-statistic interval,
    /// the test is Mann-Whitney with SciPy's p, and every caption and header says so.
    func testMedianCentreSaysMedianOrderStatisticsAndMannWhitneyEverywhere() throws {
        let (result, out) = try report([Self.sampleData, "--centre", "median"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("method: median of the rounds, 95% order-statistic interval of the median; "
            + "ratio by bootstrap; Mann-Whitney U test"), result.stdout)
        XCTAssertTrue(result.stdout.contains("95% CI (bootstrap)  p (Mann-Whitney)"), result.stdout)
        XCTAssertFalse(result.stdout.contains("Welch"), result.stdout)
        XCTAssertFalse(result.stdout.contains("Fieller"), result.stdout)

        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent(
            "summary.json"))) as? [String: Any])
        let options = try XCTUnwrap(json["options"] as? [String: Any])
        XCTAssertEqual(options["test"] as? String, "mann-whitney")
        XCTAssertEqual(options["method"] as? String,
                       "median of the rounds, 95% order-statistic interval of the median; ratio by bootstrap; Mann-Whitney U test")
        XCTAssertTrue((options["test_of_speedup"] as? String)?.hasPrefix("Mann-Whitney U test, two-sided") == true)
        // scipy.stats.mannwhitneyu(with, without, alternative="two-sided") on broadwell aes-xts-plain read
        // (sampledata_reference.py): 0.00018267179110955002.
        let speedups = try XCTUnwrap(json["speedups"] as? [[String: Any]])
        let xts = try XCTUnwrap(speedups.first {
            $0["host"] as? String == "broadwell-e5-2699v4" && $0["cipher"] as? String == "aes-xts-plain"
                && $0["operation"] as? String == "read"
        })
        XCTAssertEqual(xts["test"] as? String, "mann-whitney")
        let p = try XCTUnwrap(xts["p_value"] as? Double)
        XCTAssertEqual(p, 0.00018267179110955002, accuracy: 1e-15)
        // The series' centre interval is the median's: scipy.stats.quantile_test(x, p=0.5).confidence_interval(0.95)
        // of broadwell with-AES-NI aes-cbc-plain read is [1770959870.0324094, 1851039648.3213377]; the mean's t
        // interval ([1772934064.0155346, 1835246956.951288]) stays in `ci95`.
        let runs = try XCTUnwrap(json["runs"] as? [[String: Any]])
        let run = try XCTUnwrap(runs.first { $0["host"] as? String == "broadwell-e5-2699v4" && $0["aesni"] as? Bool == true })
        let series = try XCTUnwrap((run["series"] as? [[String: Any]])?.first {
            $0["cipher"] as? String == "aes-cbc-plain" && $0["operation"] as? String == "read"
        })
        // (Compared to 1e-12: Foundation's JSON reader on Linux may be an ulp off the written shortest digits.)
        for (key, expected) in [("centre_ci95", [1770959870.0324094, 1851039648.3213377]),
                                ("ci95", [1772934064.0155346, 1835246956.951288])] {
            let actual = try XCTUnwrap(series[key] as? [Double], key)
            XCTAssertEqual(actual.count, 2)
            for (a, e) in zip(actual, expected) { XCTAssertEqual(a, e, accuracy: e * 1e-12, key) }
        }
        XCTAssertEqual(series["centre"] as? Double, series["median"] as? Double)

        let markdown = try text(out, "summary.md")
        XCTAssertTrue(markdown.contains("| 95% CI (bootstrap) | p (Mann-Whitney) |"))
        XCTAssertTrue(markdown.contains("| 95% CI of the median |"))
        XCTAssertTrue(markdown.contains("1.77 GB/s .. 1.85 GB/s"), "the median's interval in the series table")

        let page = try text(out, "index.html")
        XCTAssertTrue(page.contains("<th scope=\"col\">95% CI (bootstrap)</th><th scope=\"col\" class=\"num\">p (Mann-Whitney)</th>"))
        XCTAssertTrue(page.contains("<th scope=\"col\">95% CI of the median</th>"))
        XCTAssertTrue(page.contains("1.77 GB/s – 1.85 GB/s"))
        XCTAssertTrue(page.contains("Bars: median of the rounds; error bars: 95% order-statistic interval of the median. "
            + "~: not significant (Mann-Whitney U test, p ≥ 0.05)"))
        XCTAssertTrue(page.contains("whiskers: 95% interval (bootstrap)"))
        XCTAssertTrue(page.contains("p-values by the two-sided Mann-Whitney U test"))
        for word in ["Fieller", "Welch"] {
            XCTAssertFalse(page.contains(word), "\(word) on a median page")
        }
    }

    /// The default stays the seed's method and says so.
    func testMeanCentreSaysFiellerAndWelch() throws {
        let (result, out) = try report([Self.sampleData])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("95% CI (Fieller)  p (Welch)"), result.stdout)
        let page = try text(out, "index.html")
        XCTAssertTrue(page.contains("Bars: mean of the rounds; error bars: 95% t interval of the mean."))
        XCTAssertTrue(page.contains("whiskers: 95% interval (Fieller)"))
        XCTAssertFalse(page.contains("Mann-Whitney"))
    }
}
