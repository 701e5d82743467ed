import Foundation
import XCTest

/// The command line against the attacks of the review after issue 12 (defects 6, 8, 9, 11, 12, 13).
final class OutputAttackTests: CommandLineTestCase {
    private var sampleData: String { HTMLReportTests.repository.appendingPathComponent("SampleData").path }

    override func aesreport(_ arguments: [String]) throws -> HTMLReportTests.Output {
        try aesreportInFolder(arguments)
    }

    /// Runs the tool through sh, so that an argument can hold bytes that are not UTF-8 (`printf '\377'`).
    private func shell(_ script: String) throws -> HTMLReportTests.Output {
        try HTMLReportTests.run("/bin/sh", ["-c", script, "sh", HTMLReportTests.binary.path], directory: folder)
    }

    /// Defect 11: a non-UTF-8 output path is a usage error: no folder with U+FFFD in its name is created.
    func testNonUTF8OutputPathsAreUsageErrors() throws {
        let dir = path("nu")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for command in ["\"$1\" report \(sampleData) -o \"$(printf '\(dir)/out\\377')\"",
                        "\"$1\" report \(sampleData) --output=\"$(printf '\(dir)/out\\377')\"",
                        "\"$1\" templates \"$(printf '\(dir)/t\\377')\"",
                        "\"$1\" collect openssl --dry-run -o \"$(printf '\(dir)/o\\377')\""] {
            let result = try shell(command)
            XCTAssertEqual(result.status, 64, command + ": " + result.stderr)
            XCTAssertTrue(result.stderr.contains("is not valid UTF-8"), result.stderr)
            XCTAssertTrue(result.stderr.contains("\\xFF"), result.stderr)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), [])
    }

    /// Defect 12: paths the tool prints go through the terminal escaping: an ESC in a folder name is shown, not
    /// run (templates, collect dmcrypt --dry-run, collect openssl --dry-run).
    func testPathsPrintedByTemplatesAndCollectorsAreEscaped() throws {
        let evil = path("t\u{1B}]0;owned\u{07}x")
        for arguments in [["templates", evil], ["collect", "dmcrypt", "--dry-run", "-o", evil],
                          ["collect", "openssl", "--dry-run", "-o", evil, "--algorithms", "aes-128-cbc"]] {
            let result = try aesreport(arguments)
            XCTAssertFalse(result.stdout.contains("\u{1B}") || result.stderr.contains("\u{1B}"), "\(arguments)")
            XCTAssertFalse(result.stdout.contains("\u{07}") || result.stderr.contains("\u{07}"), "\(arguments)")
            XCTAssertTrue((result.stdout + result.stderr).contains("\\033]0;owned"), "\(arguments): \(result.stdout)")
        }
    }

    /// Defect 8: the same algorithm twice, in any case, is a usage error.
    func testAnAlgorithmNamedTwiceIsAUsageError() throws {
        let result = try aesreport(["collect", "openssl", "--dry-run", "-o", path("h"), "--algorithms",
                                    "aes-128-cbc,AES-128-CBC"])
        XCTAssertEqual(result.status, 64, result.stderr)
        XCTAssertTrue(result.stderr.contains("--algorithms names aes-128-cbc twice"), result.stderr)
    }

    /// Defect 6: `t1/x/lnk/../out` with lnk pointing into the input is inside the input (the kernel resolves the
    /// link before `..`).
    func testDotDotAfterALinkIntoTheInputIsRefused() throws {
        let input = path("t1/in")
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: sampleData + "/skylake-gold-6148/guest-aesni", toPath: input + "/guest-aesni")
        try FileManager.default.createDirectory(atPath: path("t1/x"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: path("t1/x/lnk"), withDestinationPath: input + "/guest-aesni")
        let result = try aesreport(["report", input, "-o", path("t1/x/lnk/../out")])
        XCTAssertEqual(result.status, 64, result.stderr)
        XCTAssertTrue(result.stderr.contains("is inside the input folder"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: input + "/out"))
    }

    /// Defect 9: SIGHUP (a closed terminal) while `openssl speed` runs reaches it; the tool waits, exits 129, and no
    /// openssl is left.
    func testSIGHUPDuringCollectOpenSSLLeavesNoOrphan() throws {
        _ = try HTMLReportTests.require("openssl", install: "apt-get install openssl")
        let process = Process()
        process.executableURL = HTMLReportTests.binary
        process.arguments = ["collect", "openssl", "-o", path("host"), "--seconds", "20", "--algorithms", "aes-128-cbc"]
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        var child: Int32?
        for _ in 0..<100 where child == nil {
            Thread.sleep(forTimeInterval: 0.1)
            child = OutputSafetyTests.children(of: process.processIdentifier)
                .first { OutputSafetyTests.commandLine($0).contains("speed") }
        }
        let speed = try XCTUnwrap(child, "openssl speed did not start")
        kill(process.processIdentifier, SIGHUP)
        let started = Date()
        process.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertLessThan(Date().timeIntervalSince(started), 10, "the tool did not wait 20 s for openssl")
        XCTAssertEqual(process.terminationStatus, 129, stderr)
        XCTAssertTrue(stderr.contains("interrupted by SIGHUP"), stderr)
        let state = (try? String(contentsOfFile: "/proc/\(speed)/stat", encoding: .utf8)) ?? ""
        XCTAssertTrue(state.isEmpty, "openssl speed \(speed) is still there: \(state)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("host")), "no empty folder is left")
    }

    /// Defect 13: a read-only output folder is one error naming the folder and the files, not one per file.
    func testAReadOnlyOutputFolderIsOneError() throws {
        guard geteuid() == 0 else { throw XCTSkip("needs root to mount a read-only tmpfs") }
        let out = path("ro")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let mount = try HTMLReportTests.run("/bin/mount", ["-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", out], directory: folder)
        guard mount.status == 0 else { throw XCTSkip("mount is not allowed here: \(mount.stderr)") }
        defer { _ = try? HTMLReportTests.run("/bin/umount", [out], directory: folder) }
        let result = try aesreport(["report", sampleData, "-o", out])
        XCTAssertEqual(result.status, 1, result.stderr)
        let errors = result.stderr.split(separator: "\n").filter { $0.contains("error:") }
        XCTAssertEqual(errors.count, 1, result.stderr)
        XCTAssertTrue(errors.first?.contains(out + ": error: cannot write into this folder: Read-only file system;") == true,
                      result.stderr)
        XCTAssertTrue(errors.first?.contains("index.html") == true && errors.first?.contains("summary.json") == true)
    }

    /// Defect 13: an unreadable --template folder is said in the tool's words with the path and the reason.
    func testAnUnreadableTemplateFolderIsSaidInTheToolsWords() throws {
        guard geteuid() == 0, getpwnam("mallory") != nil,
              FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser") else {
            throw XCTSkip("needs root and the user mallory to run as someone who cannot read the folder")
        }
        let templates = path("private-templates")
        try FileManager.default.createDirectory(atPath: templates, withIntermediateDirectories: true)
        chmod(templates, 0o700)
        chmod(folder.path, 0o777)
        let result = try HTMLReportTests.run("/usr/sbin/runuser", ["-u", "mallory", "--", HTMLReportTests.binary.path,
                                                                   "report", sampleData, "-o", path("out"),
                                                                   "--template", templates], directory: folder)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("error: cannot read the template folder \(templates): Permission denied"),
                      result.stderr)
        XCTAssertFalse(result.stderr.contains("The operation could not be completed"), result.stderr)
    }
}
