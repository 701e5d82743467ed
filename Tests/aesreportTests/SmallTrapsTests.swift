import Foundation
import XCTest

/// The smaller traps of issue 11, run through the built binary: a report of nothing, templates over a user's edits,
/// compare given one host's two AES-NI states, and noisy series behind a gain.
final class SmallTrapsTests: CommandLineTestCase {
    private static let ddFixtures = repository.appendingPathComponent("Tests/AESReportIngestTests/Fixtures/dd")

    private func copy(_ source: URL, to path: String) throws {
        let target = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source, to: target)
    }

    private func written(_ out: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []).sorted()
    }

    // MARK: - report that read nothing

    func testReportOfAFolderWithoutResultFilesWritesNothingAndExitsOne() throws {
        // A host folder with only its CPU dump, as before the benchmark ran.
        try copy(Self.repository.appendingPathComponent("SampleData/broadwell-e5-2699v4/cpuinfo-host.txt"),
                 to: "results/host/cpuinfo.txt")
        let results = folder.appendingPathComponent("results").path
        let out = folder.appendingPathComponent("out")
        let result = try aesreport(["report", results, "-o", out.path])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(result.stdout, "", "no empty table, no 'wrote' line")
        XCTAssertTrue(result.stderr.contains("\(results): error: no result files found"), result.stderr)
        XCTAssertTrue(result.stderr.contains("error: nothing to report: found no run folder with result files under "
                                             + results + " (see the diagnostics above); nothing was written to "
                                             + out.path + "."), result.stderr)
        XCTAssertEqual(written(out), [], "no index.html, summary.* or charts")
    }

    func testReportOfRunsWhoseFilesHoldNoRoundWritesNothingAndExitsOne() throws {
        // A real busybox dd log that prints record counts but no byte/time line: a run, but not one measurement.
        try copy(Self.ddFixtures.appendingPathComponent("real-busybox-rounds.txt"),
                 to: "results/host/guest/aes-xts-plain64-read.txt")
        let results = folder.appendingPathComponent("results").path
        let out = folder.appendingPathComponent("out")
        let result = try aesreport(["report", results, "-o", out.path])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("aes-xts-plain64-read.txt:1: error: round 1 has records counts but no "
                                             + "byte/time summary line"), result.stderr)
        XCTAssertTrue(result.stderr.contains("error: nothing to report: found 1 run folder but not one measurement "
                                             + "in it under " + results), result.stderr)
        XCTAssertEqual(written(out), [])
        // Without -o it says so too, and still exits 1.
        let terminal = try aesreport(["report", results])
        XCTAssertEqual(terminal.status, 1)
        XCTAssertTrue(terminal.stderr.contains("; no summary. `aesreport parse FILE` shows"), terminal.stderr)
    }

    // MARK: - templates

    func testTemplatesKeepsAnEditedFileUnlessForced() throws {
        let templates = folder.appendingPathComponent("templates")
        let first = try aesreport(["templates", templates.path])
        XCTAssertEqual(first.status, 0, first.stderr)
        let names = ["figure.mustache", "report.html.mustache", "sort.mustache", "style.mustache"]
        XCTAssertEqual(first.stdout, names.map { "wrote \(templates.path)/\($0)\n" }.joined())

        // Identical files are fine: left as they are.
        let again = try aesreport(["templates", templates.path])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(again.stdout, names.map { "unchanged \(templates.path)/\($0)\n" }.joined())

        // A user's edit is not overwritten, and nothing else is written either.
        let style = templates.appendingPathComponent("style.mustache")
        let shipped = try String(contentsOf: style, encoding: .utf8)
        let edited = "body { font-family: serif; }\n" + shipped
        try Data(edited.utf8).write(to: style)
        try FileManager.default.removeItem(at: templates.appendingPathComponent("sort.mustache"))
        let refused = try aesreport(["templates", templates.path])
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.stdout, "")
        XCTAssertEqual(refused.stderr, "error: this file differs from the shipped template (edited, or from another "
                       + "version): \(style.path); nothing was written. Pass --force to replace it with the shipped "
                       + "one, or choose another folder\n")
        XCTAssertEqual(try String(contentsOf: style, encoding: .utf8), edited)
        XCTAssertFalse(FileManager.default.fileExists(atPath: templates.appendingPathComponent("sort.mustache").path))

        let forced = try aesreport(["templates", templates.path, "--force"])
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertEqual(forced.stdout, "unchanged \(templates.path)/figure.mustache\n"
                       + "unchanged \(templates.path)/report.html.mustache\n"
                       + "wrote \(templates.path)/sort.mustache\nreplaced \(style.path)\n")
        XCTAssertEqual(try String(contentsOf: style, encoding: .utf8), shipped)
        XCTAssertEqual(shipped, try String(contentsOf: Self.repository.appendingPathComponent("Templates/style.mustache"),
                                           encoding: .utf8))
    }

    // MARK: - compare of one host's two states

    /// One host's two folders given as A and B differ in exactly the AES-NI state: the rows are the AES-NI gain,
    /// computed as `report` computes it, and every output says which side is with AES-NI.
    func testCompareOfOneHostsTwoAESNIStatesGivesTheGain() throws {
        let a = "SampleData/broadwell-e5-2699v4/guest-aesni"
        let b = "SampleData/broadwell-e5-2699v4/guest-noaesni"
        let result = try aesreport(["compare", a, b])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        XCTAssertTrue(result.stdout.contains("broadwell-e5-2699v4/guest-aesni (A) with AES-NI, "
            + "broadwell-e5-2699v4/guest-noaesni (B) without AES-NI: each side holds one AES-NI state, so the rows are "
            + "the AES-NI gain"), result.stdout)
        XCTAssertFalse(result.stdout.contains("only in"), result.stdout)
        let rows = result.stdout.split(separator: "\n").filter { $0.hasPrefix("aes-") }
        XCTAssertEqual(rows.count, 12, result.stdout)
        // The gains are report's (checked bit for bit by CompareFrontendTests); here as the table prints them.
        XCTAssertTrue(rows.first { $0.hasPrefix("aes-xts-plain read ") }?.contains("+80%") ?? false, result.stdout)

        // Swapped sides say so the other way round, with the same gains.
        let swapped = try aesreport(["compare", b, a])
        XCTAssertTrue(swapped.stdout.contains("broadwell-e5-2699v4/guest-noaesni (A) without AES-NI, "
            + "broadwell-e5-2699v4/guest-aesni (B) with AES-NI"), swapped.stdout)
        XCTAssertTrue(swapped.stdout.split(separator: "\n").first { $0.hasPrefix("aes-xts-plain read ") }?
            .contains("+80%") ?? false, swapped.stdout)

        // Every output says it.
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-pair-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let written = try aesreport(["compare", a, b, "-o", out.path, "--format", "json,md,html"])
        XCTAssertEqual(written.status, 0, written.stderr)
        for file in ["comparison.md", "index.html"] {
            let text = try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8)
            XCTAssertTrue(text.contains("each side holds one AES-NI state, so the rows are the AES-NI gain"), file)
        }
        let json = try XCTUnwrap(JSONSerialization.jsonObject(
            with: Data(contentsOf: out.appendingPathComponent("comparison.json"))) as? [String: Any])
        let pairs = try XCTUnwrap(json["pairs"] as? [[String: Any]])
        XCTAssertEqual(pairs.first?["kind"] as? String, "aesni-states")
        XCTAssertEqual(pairs.first?["with_aesni"] as? String, "baseline")
    }

    /// A compare with nothing in common used to replace the last good comparison in DIR with an empty one (found by
    /// an adversarial review): now it writes nothing and the earlier files stay.
    func testACompareWithNothingInCommonKeepsTheEarlierComparison() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-keep-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let good = try aesreport(["compare", "SampleData/broadwell-e5-2699v4", "SampleData/skylake-gold-6148",
                                  "-o", out.path, "--format", "json,md"])
        XCTAssertEqual(good.status, 0, good.stderr)
        let before = try Data(contentsOf: out.appendingPathComponent("comparison.json"))
        let empty = try aesreport(["compare", "SampleData/broadwell-e5-2699v4", "Tests/AESReportStatsTests/Fixtures/real-fio-rate-limited",
                                   "-o", out.path, "--format", "json,md"])
        XCTAssertEqual(empty.status, 1)
        XCTAssertTrue(empty.stderr.contains("error: nothing to compare, so nothing was written to \(out.path)"), empty.stderr)
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("comparison.json")), before)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("comparison.md").path))
    }

    // MARK: - noisy series in the Findings

    func testNoisySeriesAreNamedInTheFindingsAndTheSummary() throws {
        // Two real dd logs from the fixtures (an AMD EPYC KVM guest, 3 rounds of 8 MiB each, so the rounds vary),
        // arranged as one host's runs with and without AES-NI. CV (sample sd / mean of bytes / time), computed apart from the tool:
        // real-locale-en.txt 3.702, 3.284, 3.926 GB/s: 8.96%; real-locale-de.txt 3.218, 3.753, 3.731 GB/s: 8.49%.
        try copy(Self.ddFixtures.appendingPathComponent("real-locale-en.txt"), to: "results/this-machine/with/aes-cbc-plain-read.txt")
        try copy(Self.ddFixtures.appendingPathComponent("real-locale-de.txt"), to: "results/this-machine/without/aes-cbc-plain-read.txt")
        try Data("aesni = yes\n".utf8).write(to: folder.appendingPathComponent("results/this-machine/with/aesreport.manifest"))
        try Data("aesni = no\n".utf8).write(to: folder.appendingPathComponent("results/this-machine/without/aesreport.manifest"))
        let out = folder.appendingPathComponent("out")
        let result = try aesreport(["report", folder.appendingPathComponent("results").path, "-o", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let expected = "noisy (CV above 5.0%; a gain between noisy series deserves caution): this-machine aes-cbc-plain "
            + "read with AES-NI (CV 9.0%), this-machine aes-cbc-plain read without AES-NI (CV 8.5%)"
        XCTAssertTrue(result.stdout.contains("\n" + expected + "\n"), result.stdout)

        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        let headline = try XCTUnwrap(html.split(separator: "\n").first { $0.hasPrefix("<p class=\"headline\">") })
        XCTAssertTrue(headline.hasSuffix(" Noisy (CV above 5.0%): aes-cbc-plain read with AES-NI (CV 9.0%), aes-cbc-plain "
                                         + "read without AES-NI (CV 8.5%); a gain between noisy series deserves "
                                         + "caution.</span></p>"), String(headline))
        let markdown = try String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8)
        XCTAssertTrue(markdown.contains("\n- " + expected + "\n"), markdown)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json")))
        let cvs = ((json as? [String: Any])?["runs"] as? [[String: Any]])?
            .compactMap { (($0["series"] as? [[String: Any]])?.first?["cv"] as? Double) } ?? []
        XCTAssertEqual(cvs.count, 2)
        for (cv, reference) in zip(cvs.sorted(), [0.08491392579501426, 0.08961635125542085]) {
            XCTAssertEqual(cv, reference, accuracy: 1e-9)
        }

        // SampleData's series all vary by less than 5% (at most 4.1%): no such line there.
        let sample = try aesreport(["report", "SampleData", "-o", folder.appendingPathComponent("sample").path])
        XCTAssertEqual(sample.status, 0, sample.stderr)
        XCTAssertFalse(sample.stdout.contains("noisy"), sample.stdout)
        let samplePage = try String(contentsOf: folder.appendingPathComponent("sample/index.html"), encoding: .utf8)
        XCTAssertFalse(samplePage.contains("Noisy"))
    }
}
