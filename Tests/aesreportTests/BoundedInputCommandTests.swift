#if canImport(Glibc)
import Glibc
#endif
import Foundation
import XCTest

/// Issue 12, "Inputs bounded", end to end: what the built binary prints and writes for hostile result folders.
final class BoundedInputCommandTests: XCTestCase {
    private let round = "20+0 records in\n20+0 records out\n21474836480 bytes (21 GB) copied, %@ s, %@ GB/s\n"

    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-bounded-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A host with runs with and without AES-NI, so that `report` writes every file.
    private func pair(in root: URL) throws {
        for (run, base, rate) in [("with-aesni", 10.0, "2.1"), ("no-aesni", 20.0, "1.1")] {
            let dir = root.appendingPathComponent("results/host/\(run)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let text = (0..<5).map { String(format: round, String(base + Double($0) / 10), rate) }.joined()
            try text.write(to: dir.appendingPathComponent("aes-cbc-plain-read.txt"), atomically: false, encoding: .utf8)
        }
    }

    private func written(_ out: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: out.path) {
            files[name] = try Data(contentsOf: out.appendingPathComponent(name))
        }
        return files
    }

    /// A link to a secret outside the input (standing for /etc/shadow) puts its lines in no output: not on the
    /// terminal, not in summary.json, not in index.html, nowhere.
    func testASecretLinkedIntoAResultFolderAppearsInNoOutput() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        try pair(in: root)
        let marker = "SECRET-MARKER-51c2e8"
        let secret = root.appendingPathComponent("secret.txt")
        try "root:\(marker):19000:0:99999:7:::\n\(marker) 12 apples 3 s\n".write(to: secret, atomically: false,
                                                                                encoding: .utf8)
        for name in ["aes-xts-plain64-read.txt", "shadow", "openssl-speed.txt", "cpuinfo.txt", "aesreport.manifest"] {
            try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("results/host/with-aesni/" + name).path,
                                                       withDestinationPath: secret.path)
        }
        let out = root.appendingPathComponent("out")
        let result = try HTMLReportTests.run(HTMLReportTests.binary.path, ["report", "results", "-o", out.path],
                                             directory: root)
        XCTAssertTrue(result.stderr.contains("symbolic link to a file outside the input, not read"), result.stderr)
        XCTAssertFalse(result.stdout.contains(marker))
        XCTAssertFalse(result.stderr.contains(marker), result.stderr)
        let files = try written(out)
        XCTAssertNotNil(files["summary.json"])
        XCTAssertNotNil(files["index.html"])
        for (name, data) in files {
            XCTAssertNil(data.range(of: Data(marker.utf8)), "\(name) holds the secret")
        }
        for command in [["runs", "results"], ["runs", "--json", "results"]] {
            let runs = try HTMLReportTests.run(HTMLReportTests.binary.path, command, directory: root)
            XCTAssertFalse((runs.stdout + runs.stderr).contains(marker))
        }
    }

    /// A link to /proc/kmsg in a result folder hung `report` for ever; now it returns at once and says why.
    func testProcKmsgLinkedInAResultFolderReturnsPromptly() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        try pair(in: root)
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("results/host/with-aesni/aes-xts-plain64-read.txt").path,
            withDestinationPath: "/proc/kmsg")
        let started = Date()
        let result = try HTMLReportTests.run(HTMLReportTests.binary.path, ["runs", "results"], directory: root)
        XCTAssertLessThan(Date().timeIntervalSince(started), 20)
        XCTAssertTrue(result.stderr.contains("aes-xts-plain64-read.txt: note: symbolic link to a file outside the input, not read"),
                      result.stderr)
    }

    /// 50 MB of `256+0 records in` beside a good pair of runs: 70 s, 1.7 GB, a 427 MB summary.json and a 353 MB
    /// page before; now 21 diagnostics for the file and outputs of their usual size (time and peak memory of the
    /// release build are in the README).
    func testFiftyMegabytesOfRecordsLinesMakeSmallOutputs() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        try pair(in: root)
        let path = root.appendingPathComponent("results/host/with-aesni/aes-xts-plain64-read.txt").path
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        let block = Data(String(repeating: "256+0 records in\n", count: 10_000).utf8)
        for _ in 0..<(50_000_000 / block.count) { try handle.write(contentsOf: block) }
        try handle.close()
        let out = root.appendingPathComponent("out")
        let result = try HTMLReportTests.run(HTMLReportTests.binary.path, ["report", "results", "-o", out.path],
                                             directory: root)
        let aboutTheFile = result.stderr.split(separator: "\n").filter { $0.contains("aes-xts-plain64-read.txt") }
        XCTAssertEqual(aboutTheFile.count, 21, String(result.stderr.prefix(3000)))
        XCTAssertTrue(aboutTheFile.last?.contains("error: and 1469980 more like these") == true,
                      String(aboutTheFile.last ?? ""))
        let files = try written(out)
        XCTAssertLessThan(try XCTUnwrap(files["summary.json"]).count, 100_000)
        XCTAssertLessThan(try XCTUnwrap(files["index.html"]).count, 1_000_000)
        let json = try JSONSerialization.jsonObject(with: files["summary.json"]!) as? [String: Any]
        XCTAssertEqual(json?["diagnostics_omitted"] as? Int, 0)
        let series = ((json?["runs"] as? [[String: Any]]) ?? []).flatMap { ($0["series"] as? [[String: Any]]) ?? [] }
        XCTAssertTrue(series.contains { $0["failed"] as? Int == 1_470_000 && $0["rounds"] as? Int == 1_470_000 })
    }

    func testMaxFileSizeRefusesLargerFilesAndIsValidated() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        try pair(in: root)
        let result = try HTMLReportTests.run(HTMLReportTests.binary.path, ["runs", "--max-file-size", "100", "results"],
                                             directory: root)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("bytes, more than the limit of 100 bytes per file (--max-file-size), not read"),
                      result.stderr)
        let fine = try HTMLReportTests.run(HTMLReportTests.binary.path, ["runs", "--max-file-size", "1M", "results"],
                                           directory: root)
        XCTAssertEqual(fine.status, 0, fine.stderr)
        let bad = try HTMLReportTests.run(HTMLReportTests.binary.path, ["parse", "--max-file-size", "-1", "x"],
                                          directory: root)
        XCTAssertEqual(bad.status, 64)
    }

    /// `parse /proc/cpuinfo` still works: a kernel file named on the command line is read, without waiting.
    func testParseOfProcCPUInfoStillWorks() throws {
        let result = try HTMLReportTests.run(HTMLReportTests.binary.path, ["cpuinfo", "/proc/cpuinfo"])
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    /// A folder name that is not UTF-8, given on the command line (Latin-1 `résultats`), was decoded with U+FFFD and
    /// then "no such file"; argv's own bytes are opened now. (Foundation's Process passes only UTF-8, so the
    /// binary is started with posix_spawn.)
    func testANonUTF8FolderNamedOnTheCommandLineIsRead() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let folderBytes = Array(root.path.utf8) + Array("/r".utf8) + [0xE9] + Array("sultats".utf8)
        let runBytes = folderBytes + Array("/with-aesni".utf8)
        XCTAssertEqual(mkdir((folderBytes.map { CChar(bitPattern: $0) } + [0]), 0o755), 0)
        XCTAssertEqual(mkdir((runBytes.map { CChar(bitPattern: $0) } + [0]), 0o755), 0)
        let fileBytes = runBytes + Array("/aes-cbc-plain-read.txt".utf8)
        let text = Array(String(format: round, "10.2", "2.1").utf8)
        let fd = open(fileBytes.map { CChar(bitPattern: $0) } + [0], O_WRONLY | O_CREAT, 0o644)
        _ = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        let output = root.appendingPathComponent("stdout.txt").path
        let arguments: [[UInt8]] = [Array(HTMLReportTests.binary.path.utf8), Array("runs".utf8), folderBytes]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { bytes in
            let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            for (i, byte) in bytes.enumerated() { pointer[i] = CChar(bitPattern: byte) }
            pointer[bytes.count] = 0
            return pointer
        } + [nil]
        defer { for pointer in argv { pointer?.deallocate() } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        XCTAssertEqual(posix_spawn(&pid, HTMLReportTests.binary.path, &actions, nil, &argv, environ), 0)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        XCTAssertEqual((status >> 8) & 0xFF, 0)
        let printed = try String(contentsOfFile: output, encoding: .utf8)
        XCTAssertTrue(printed.contains("run with-aesni: with AES-NI"), printed)
        XCTAssertTrue(printed.contains("r\\xE9sultats/with-aesni]"), printed)
    }
}
