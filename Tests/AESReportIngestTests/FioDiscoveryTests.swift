import AESReportIngest
import AESReportModel
import Foundation
import XCTest

/// How discovery finds fio and tcrypt outputs by name and by content, and uses tcrypt's drivers as evidence.
final class FioDiscoveryTests: XCTestCase {
    func fixture(_ name: String) throws -> String {
        try String(contentsOfFile: Fixture.path(name), encoding: .utf8)
    }

    func testFioNamedAndUnnamedFilesAreReadAndEarlierReportsAreNot() throws {
        let tree = try TemporaryFolder()
        try tree.write("with-aesni/fio-aes-xts-plain64-read-r1.json", try fixture("fio/real-json-read.json"))
        // fio's normal form under the seed's dd naming: read as fio by its content.
        try tree.write("with-aesni/aes-xts-plain64-write.txt", try fixture("fio/real-normal-group-reporting.txt"))
        // No naming at all: fio by its content; its job names the cipher, its rw the operation.
        try tree.write("with-aesni/results.json", try fixture("fio/real-json-global-options-only.json"))
        try tree.write("with-aesni/summary.json", "{\"runs\": []}\n")
        let found = RunDiscovery().discover(paths: [tree.path])
        let run = try XCTUnwrap(found.runs.first)
        XCTAssertEqual(run.fio.map { URL(fileURLWithPath: $0.path).lastPathComponent },
                       ["aes-xts-plain64-write.txt", "fio-aes-xts-plain64-read-r1.json", "results.json"])
        XCTAssertEqual(run.fio.map(\.cipher), ["aes-xts-plain64", "aes-xts-plain64", "aes-cbc-essiv:sha256"])
        XCTAssertEqual(run.fio.map(\.operation), [.write, .read, .write])
        XCTAssertEqual(run.ddLogs, [])
        XCTAssertEqual(run.seriesLogs.map(\.cipher), ["aes-xts-plain64", "aes-xts-plain64", "aes-cbc-essiv:sha256"])
        let notes = found.diagnostics.map { "\(URL(fileURLWithPath: $0.file).lastPathComponent): \($0.message)" }
        XCTAssertTrue(notes.contains("aes-xts-plain64-write.txt: named like a dd log, read as fio output by its content"),
                      "\(notes)")
        XCTAssertTrue(notes.contains { $0.hasPrefix("results.json: read as fio output by its content") }, "\(notes)")
        XCTAssertTrue(notes.contains("summary.json: not read: a .json file that is not fio output is not a benchmark log"),
                      "\(notes)")
    }

    func testTcryptDriverIsEvidenceAndADisagreeingFolderNameIsWarned() throws {
        let tree = try TemporaryFolder()
        try tree.write("no-aesni/tcrypt-dmesg.txt", try fixture("tcrypt/real-dmesg-tcrypt-mode500-qemu64-aes.txt"))
        try tree.write("no-aesni/fio-aes-xts-plain64-read.json", try fixture("fio/real-json-read.json"))
        let found = RunDiscovery().discover(paths: [tree.path])
        let run = try XCTUnwrap(found.runs.first)
        XCTAssertEqual(run.aesni, true)
        XCTAssertEqual(run.aesniSource, .tcryptDriver)
        XCTAssertEqual(run.aesniEvidence.map(\.source), [.tcryptDriver, .folderName])
        XCTAssertEqual(run.tcrypt.count, 1)
        let warning = try XCTUnwrap(found.diagnostics.first { $0.message.hasPrefix("tcrypt ran AES") }, "\(found.diagnostics)")
        XCTAssertEqual(warning.severity, .warning)
        XCTAssertEqual(warning.line, 4)
        XCTAssertTrue(warning.message.hasPrefix("tcrypt ran AES on a driver with AES-NI, but the folder name 'no-aesni' "
            + "says without AES-NI. The run counts as with AES-NI (from the tcrypt driver)."), warning.message)
    }

    func testSniffTellsFioAndTcryptFromTheOthers() throws {
        for (name, kind) in [("fio/real-terse-v3-write.txt", InputKind.fio), ("fio/real-normal-read.txt", .fio),
                             ("fio/real-json-read.json", .fio), ("tcrypt/synthetic-tcrypt-cycles-generic.txt", .tcrypt)] {
            XCTAssertEqual(InputKind.sniff(Array(try fixture(name).utf8)), kind, name)
        }
        XCTAssertEqual(InputKind.sniff(Array(try fixture("dd/real-busybox-rounds.txt").utf8)), .ddLog)
    }
}
