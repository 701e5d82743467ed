import Foundation
import XCTest

/// Runs the built `aesreport` binary as a user would and checks its output, diagnostics and exit status.
final class CommandLineTests: XCTestCase {
    private static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    private static let fixtures = repository.appendingPathComponent("Tests/AESReportIngestTests/Fixtures").path

    private struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    private func run(_ arguments: [String]) throws -> Result {
        let output = try HTMLReportTests.run(HTMLReportTests.binary.path, arguments, directory: Self.repository)
        return Result(status: output.status, stdout: output.stdout, stderr: output.stderr)
    }

    func testParseShowsRoundsAndExitsZeroForGoodInput() throws {
        let result = try run(["parse", Self.fixtures + "/dd/real-locale-de.txt"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        XCTAssertTrue(result.stdout.contains("3 rounds (3 complete, 0 failed)"))
        XCTAssertTrue(result.stdout.contains("0.00260695 s"))
    }

    func testBadFileGivesPathLineDiagnosticsExitOneAndTheOtherFilesStillReported() throws {
        let only = Self.fixtures + "/malformed/only-records.txt"
        let result = try run(["parse", "--kind", "dd", only, Self.fixtures + "/dd/real-locale-en.txt"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains(only + ":1: error: round 1 has records counts but no byte/time summary"))
        XCTAssertTrue(result.stdout.contains("real-locale-en.txt: dd log, 3 rounds (3 complete, 0 failed)"))
    }

    func testUnknownFormatAndEmptyFileAreClearErrors() throws {
        let result = try run(["parse", Self.fixtures + "/malformed/empty.txt", Self.fixtures + "/malformed/binary.bin"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("empty.txt: error: empty file"))
        XCTAssertTrue(result.stderr.contains("binary.bin: error: cannot tell the format of this file; use --kind"))
    }

    func testParseJSONIsValidAndCarriesExactValues() throws {
        let result = try run(["parse", "--json", Self.fixtures + "/dd/real-write-errors.txt"])
        XCTAssertEqual(result.status, 0)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        let rounds = try XCTUnwrap((json?.first?["ddLog"] as? [String: Any])?["rounds"] as? [[String: Any]])
        XCTAssertEqual(rounds.count, 3)
        XCTAssertEqual(rounds[1]["failure"] as? String, "error writing '/dev/full': No space left on device")
        XCTAssertEqual((rounds[0]["transfer"] as? [String: Any])?["seconds"] as? Double, 0.00215028)
    }

    func testCPUInfoDiffOfSeedHostAndGuest() throws {
        let result = try run(["cpuinfo", Self.fixtures + "/cpuinfo/seed-host-broadwell-pasted.txt",
                              Self.fixtures + "/cpuinfo/seed-guest-cpu-host-pasted.txt"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("only in first (35):"))
        XCTAssertTrue(result.stdout.contains("only in second (1): hypervisor"))
    }

    func testCPUInfoWithThreeFilesIsAUsageError() throws {
        let result = try run(["cpuinfo", "a", "b", "c"])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.stderr.contains("Give one CPU dump to summarise or two to compare"))
    }

    func testRunsOnSampleDataFindsBothHostsWithoutDiagnostics() throws {
        let result = try run(["runs", "SampleData"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        XCTAssertTrue(result.stdout.contains("host broadwell-e5-2699v4"))
        XCTAssertTrue(result.stdout.contains("host skylake-gold-6148"))
        XCTAssertEqual(result.stdout.components(separatedBy: "with AES-NI (from cpu-dump)").count - 1, 2)
        XCTAssertEqual(result.stdout.components(separatedBy: "without AES-NI (from cpu-dump)").count - 1, 2)
    }

    func testOutputIsDeterministic() throws {
        let first = try run(["runs", "--json", "SampleData"])
        let second = try run(["runs", "--json", "SampleData"])
        XCTAssertEqual(first.stdout, second.stdout)
        XCTAssertGreaterThan(first.stdout.count, 10_000)
    }

    func testReportOnSampleDataPrintsRangesAndWritesByteIdenticalFiles() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let first = try run(["report", "SampleData", "-o", out.path + "/1"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.hasPrefix("broadwell-e5-2699v4: with AES-NI, reads +"), first.stdout)
        XCTAssertTrue(first.stdout.contains("skylake-gold-6148: with AES-NI, reads +"))
        let second = try run(["report", "SampleData", "-o", out.path + "/2"])
        XCTAssertEqual(second.status, 0)
        for name in ["summary.json", "summary.csv", "summary.md"] {
            let a = try Data(contentsOf: out.appendingPathComponent("1/" + name))
            let b = try Data(contentsOf: out.appendingPathComponent("2/" + name))
            XCTAssertGreaterThan(a.count, 1000, name)
            XCTAssertEqual(a, b, name)
        }
    }

    func testCompareOfAHostWithItselfIsTildeEverywhere() throws {
        let result = try run(["compare", "SampleData/broadwell-e5-2699v4", "SampleData/broadwell-e5-2699v4"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let rows = result.stdout.split(separator: "\n").filter { $0.hasPrefix("aes-") }
        XCTAssertEqual(rows.count, 24)
        XCTAssertTrue(rows.allSatisfy { $0.contains("  ~  ") && $0.contains("p=1.000") }, result.stdout)
    }

    func testCompareOfTwoHostsMarksSignificantChanges() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-compare-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try run(["compare", "SampleData/broadwell-e5-2699v4", "SampleData/skylake-gold-6148",
                              "-o", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let rows = result.stdout.split(separator: "\n").filter { $0.hasPrefix("aes-") }
        XCTAssertEqual(rows.count, 24)
        XCTAssertFalse(rows.contains { $0.contains("  ~  ") })
        XCTAssertTrue(result.stdout.contains("geomean all series: +"))
        for name in ["comparison.json", "comparison.csv", "comparison.md"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), name)
        }
    }

    func testReportRejectsABadAlpha() throws {
        let result = try run(["report", "SampleData", "--alpha", "2"])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.stderr.contains("--alpha must be between 0 and 1"))
    }

    func testNoProgressLineWhenStandardErrorIsNotATerminal() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-quiet-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try run(["report", "SampleData", "-o", out.path, "--format", "json"])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.stderr, "", "no progress or diagnostics on a pipe")
        XCTAssertEqual(try run(["report", "SampleData", "--quiet"]).status, 0)
    }

    /// A format named twice is written once: the charts are drawn and written as they are finished, and two
    /// renders of one name wrote into one file (a PNG twice over, then "already closed" and status 1).
    func testAFormatNamedTwiceIsWrittenOnce() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-twice-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let once = base.appendingPathComponent("once").path
        let twice = base.appendingPathComponent("twice").path
        XCTAssertEqual(try run(["report", "SampleData", "-o", once, "--format", "png,svg"]).status, 0)
        let result = try run(["report", "SampleData", "-o", twice, "--format", "png, PNG,svg,png,svg"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let names = try FileManager.default.contentsOfDirectory(atPath: once).filter { !$0.hasPrefix(".") }.sorted()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: twice).filter { !$0.hasPrefix(".") }.sorted(),
                       names)
        XCTAssertGreaterThan(names.filter { $0.hasSuffix(".png") }.count, 10)
        for name in names {
            XCTAssertEqual(FileManager.default.contents(atPath: once + "/" + name),
                           FileManager.default.contents(atPath: twice + "/" + name), name)
        }
    }

    func testOutputInsideAnInputFolderIsRefused() throws {
        let result = try run(["report", "SampleData", "-o", "SampleData/report"])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.stderr.contains("is inside the input folder SampleData"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: Self.repository.appendingPathComponent("SampleData/report").path))
    }
}
