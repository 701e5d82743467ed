#if canImport(Glibc)
import Glibc
#endif
@testable import AESReportIngest
import AESReportModel
import Foundation
import XCTest

/// Issue 12, "Inputs bounded": every input is read to a bound (size, diagnostics, quoting) and only from inside the
/// trees given. Each test reproduces a fault the earlier code had.
final class BoundedInputTests: XCTestCase {
    private let round = "20+0 records in\n20+0 records out\n21474836480 bytes (21 GB) copied, 10.2345 s, 2.1 GB/s\n"
    private let secret = "SECRET-MARKER-7f3a9c"

    // MARK: - Item 9: a damaged file is bounded in diagnostics and memory

    /// 50 MB of `256+0 records in` made 1.47 million diagnostics (1.7 GB of memory, a 427 MB summary.json):
    /// now 20 with a line and one that counts the rest. (Peak memory is measured in the README.)
    func testFiftyMegabytesOfRecordsLinesGiveTwentyOneDiagnostics() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/aes-xts-plain64-read.txt"
        let line = Array("256+0 records in\n".utf8)
        let lines = 50_000_000 / line.count
        let block = [UInt8]((0..<10_000).flatMap { _ in line })
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        for _ in 0..<(lines / 10_000) { try handle.write(contentsOf: block) }
        try handle.close()
        let parsed = DDLogParser.parse(file: path)
        XCTAssertEqual(parsed.diagnostics.count, CappedDiagnostics.defaultLimit + 1)
        let rounds = lines / 10_000 * 10_000 / 2
        XCTAssertEqual(parsed.value?.roundCount, rounds)
        XCTAssertEqual(parsed.value?.failedRoundCount, rounds)
        XCTAssertEqual(parsed.value?.rounds.count, DDLogParser.maxFailedRoundsKept, "failed rounds past the cap are counted")
        let last = try XCTUnwrap(parsed.diagnostics.last)
        XCTAssertNil(last.line)
        XCTAssertEqual(last.severity, .error)
        XCTAssertTrue(last.message.hasPrefix("and \(rounds - 20) more like these in \(path) (\(rounds - 20) errors)"),
                      last.message)
    }

    func testTheCapCountsPerSeverityAndKeepsWholeFileDiagnostics() {
        var log = CappedDiagnostics(path: "f", limit: 2)
        for line in 1...5 { log.append(line: line, severity: line == 4 ? .error : .warning, message: "m\(line)") }
        log.append(line: nil, severity: .error, message: "about the file")
        XCTAssertEqual(log.all.map(\.message).prefix(3), ["m1", "m2", "about the file"])
        XCTAssertEqual(log.all.last?.severity, .error)
        XCTAssertTrue(log.all.last!.message.hasPrefix("and 3 more like these in f (1 error, 2 warnings)"))
    }

    /// A file of nothing but `dd:` lines joined every message into one reason of quadratic size.
    func testAFileOfDDErrorLinesKeepsItsReasonShort() {
        let text = String(repeating: "dd: error reading '/dev/sdz': Input/output error\n", count: 20_000)
        let parsed = DDLogParser.parse(text: text, path: "aes-cbc-plain-read.txt")
        let reason = parsed.value?.rounds.first?.failure ?? ""
        XCTAssertLessThan(reason.utf8.count, 2_000)
    }

    // MARK: - Item 8: links out of the input are not read, lines never quoted whole

    /// A link to a file outside the input (here a temporary file with a marker, standing for /etc/shadow) is named
    /// in a note and never opened: its lines appear in no diagnostic.
    func testALinkToAFileOutsideTheInputIsNotRead() throws {
        let outside = try TemporaryFolder()
        let target = try outside.write("shadow", "root:\(secret):19000:0:99999:7:::\n")
        let folder = try TemporaryFolder()
        try folder.write("h/with-aesni/aes-cbc-plain-read.txt", round)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/h/with-aesni/aes-xts-plain64-read.txt",
                                                   withDestinationPath: target)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/h/with-aesni/shadow.txt",
                                                   withDestinationPath: target)
        let found = RunDiscovery().discover(paths: [folder.path])
        XCTAssertEqual(found.runs.first?.ddLogs.count, 1)
        XCTAssertFalse(found.diagnostics.contains { $0.message.contains(secret) }, "\(found.diagnostics)")
        let notes = found.diagnostics.filter { $0.message == "symbolic link to a file outside the input, not read" }
        XCTAssertEqual(notes.map { ($0.file as NSString).lastPathComponent }.sorted(),
                       ["aes-xts-plain64-read.txt", "shadow.txt"])
    }

    /// A link inside the tree is read like the file it names.
    func testALinkToAFileInsideTheInputIsRead() throws {
        let folder = try TemporaryFolder()
        let real = try folder.write("store/aes-cbc-plain-read.txt", round)
        try FileManager.default.createDirectory(atPath: folder.path + "/h/with-aesni", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/h/with-aesni/aes-cbc-plain-read.txt",
                                                   withDestinationPath: real)
        let found = RunDiscovery().discover(paths: [folder.path])
        XCTAssertTrue(found.runs.contains { $0.path.hasSuffix("h/with-aesni") && $0.ddLogs.count == 1 })
    }

    /// The check is made on the open descriptor too: a link swapped in after the listing is refused when opened.
    func testTheOpenDescriptorMustLieInsideTheInput() throws {
        let outside = try TemporaryFolder()
        let target = try outside.write("aes-cbc-plain-read.txt", "\(secret)\n")
        let folder = try TemporaryFolder()
        let link = folder.path + "/aes-cbc-plain-read.txt"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let policy = ReadPolicy.confined(to: [InputPath(folder.path)])
        XCTAssertThrowsError(try LineReader.forEachLine(inFile: link, policy: policy) { _ in XCTFail("read") }) {
            XCTAssertEqual($0 as? InputError, .outsideInput(path: link))
        }
        let parsed = DDLogParser.parse(file: InputPath(link), policy: policy)
        XCTAssertFalse(parsed.diagnostics.contains { $0.message.contains(secret) })
    }

    /// A line of a file that is not what its name says is quoted to 80 characters at most, in every parser.
    func testLinesOfUnrecognisedFilesAreQuotedShort() {
        let long = secret + String(repeating: "x", count: 500)
        let messages = DDLogParser.parse(text: long + "\n", path: "aes-cbc-plain-read.txt").diagnostics
            + OpenSSLSpeedParser.parse(text: "Doing " + long + "\n", path: "openssl.txt").diagnostics
            + CryptsetupBenchmarkParser.parse(text: long + "\n", path: "cryptsetup.txt").diagnostics
            + CryptsetupBenchmarkParser.parse(text: "aes-xts 512b " + long + " x y\n", path: "cryptsetup.txt").diagnostics
            + RunManifest.parse(text: long + "\n", path: "aesreport.manifest").1
            + DDLogParser.parse(text: "dd: " + long + "\n", path: "aes-cbc-plain-read.txt").diagnostics
        XCTAssertGreaterThanOrEqual(messages.filter { $0.message.contains(secret) }.count, 5)
        for diagnostic in messages {
            XCTAssertLessThan(diagnostic.message.count, 400, diagnostic.message)
            XCTAssertFalse(diagnostic.message.contains(String(repeating: "x", count: 250)), diagnostic.message)
        }
        for diagnostic in messages where !diagnostic.message.contains("dd: ") {
            XCTAssertFalse(diagnostic.message.contains(String(repeating: "x", count: 81)), diagnostic.message)
        }
    }

    // MARK: - Item 10: never blocking, never without end

    /// `/proc/kmsg` linked in a result folder hung for ever; now it is not opened (it lies outside the input) and a
    /// kernel file opened directly is refused before any read.
    func testProcKmsgInAResultFolderReturnsPromptlyWithAClearMessage() throws {
        let folder = try TemporaryFolder()
        try folder.write("h/with-aesni/aes-cbc-plain-read.txt", round)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/h/with-aesni/aes-xts-plain64-read.txt",
                                                   withDestinationPath: "/proc/kmsg")
        let started = Date()
        let found = RunDiscovery().discover(paths: [folder.path])
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
        XCTAssertTrue(found.diagnostics.contains {
            $0.file.hasSuffix("aes-xts-plain64-read.txt") && $0.message.contains("outside the input")
        })
        // A walk of a kernel tree itself, or a descriptor that lands there: refused without a read.
        let policy = ReadPolicy(allowsKernelFiles: false)
        XCTAssertThrowsError(try LineReader.forEachLine(inFile: "/proc/kmsg", policy: policy) { _ in XCTFail("read") }) {
            switch $0 as? InputError {
            case .kernelFile(_, "procfs")?, .cannotOpen?: break
            default: XCTFail("\($0)")
            }
        }
        XCTAssertThrowsError(try LineReader.forEachLine(inFile: "/proc/self/status", policy: policy) { _ in }) {
            XCTAssertEqual(($0 as? InputError)?.description,
                           "/proc/self/status is a kernel interface on procfs, not a file of results, not read")
        }
    }

    /// Named on the command line, a kernel file is read (its size, 0, means nothing) and never waited on.
    func testAKernelFileNamedDirectlyIsReadToItsEnd() throws {
        var lines = 0
        try LineReader.forEachLine(inFile: "/proc/self/status", policy: ReadPolicy()) { _ in lines += 1 }
        XCTAssertGreaterThan(lines, 5)
        let parsed = CPUInfoParser.parse(file: "/proc/cpuinfo")
        XCTAssertNotNil(parsed.value, "\(parsed.diagnostics)")
    }

    /// A 15 TiB sparse file was read for ever; the size limit refuses it before a byte is read.
    func testAFileLargerThanTheLimitIsRefusedUnread() throws {
        let folder = try TemporaryFolder()
        let sparse = folder.path + "/h/with-aesni/aes-xts-plain64-read.txt"
        try folder.write("h/with-aesni/aes-cbc-plain-read.txt", round)
        FileManager.default.createFile(atPath: sparse, contents: nil)
        let fd = open(sparse, O_WRONLY)
        defer { close(fd) }
        let size: Int64 = ftruncate(fd, 15 << 40) == 0 ? 15 << 40 : 2 << 30 // some file systems cap file sizes
        if size != 15 << 40 { XCTAssertEqual(ftruncate(fd, off_t(size)), 0) }
        let started = Date()
        let found = RunDiscovery().discover(paths: [folder.path])
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
        XCTAssertTrue(found.diagnostics.contains {
            $0.severity == .error && $0.message.contains("is \(size) bytes, more than the limit of 1073741824 bytes")
        }, "\(found.diagnostics)")
        let small = RunDiscovery(maxFileSize: 100).discover(paths: [folder.path])
        XCTAssertTrue(small.diagnostics.contains { $0.message.contains("more than the limit of 100 bytes") })
    }

    /// A file that grows while read is read to the size it had when opened, as the README promises.
    func testAGrowingFileIsReadToItsSizeAtOpen() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("aes-cbc-plain-read.txt", String(repeating: round, count: 20_000))
        let appender = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try appender.seekToEnd()
        var lines = 0
        try LineReader.forEachLine(inFile: path) { _ in
            if lines == 0 {
                for _ in 0..<1_000 { try? appender.write(contentsOf: Data(round.utf8)) }
            }
            lines += 1
        }
        try appender.close()
        XCTAssertEqual(lines, 60_000)
    }

    /// The manifest is read to 64 KiB at most; a larger one is an error, not 2 GB of memory.
    func testAHugeManifestIsRefused() throws {
        let folder = try TemporaryFolder()
        try folder.write("h/with-aesni/aes-cbc-plain-read.txt", round)
        try folder.write("h/with-aesni/aesreport.manifest", "label = x\n" + String(repeating: "# padding\n", count: 10_000))
        let found = RunDiscovery().discover(paths: [folder.path])
        XCTAssertTrue(found.diagnostics.contains { $0.message.contains("a manifest is a few lines") })
        XCTAssertEqual(found.runs.first?.label, "with-aesni")
    }

    // MARK: - Item 15: negative times, non-UTF-8 names and manifests

    func testANegativeTimeIsAnErrorForThatRoundNeverARate() {
        let text = "20+0 records in\n20+0 records out\n21474836480 bytes (21 GB) copied, -0.5 s, 43 GB/s\n" + round
        let parsed = DDLogParser.parse(text: text, path: "aes-cbc-plain-read.txt")
        let rounds = parsed.value?.rounds ?? []
        XCTAssertEqual(rounds.count, 2)
        XCTAssertNil(rounds.first?.bytesPerSecond)
        XCTAssertNotNil(rounds.first?.failure)
        XCTAssertEqual(parsed.value?.completeRounds.count, 1)
        XCTAssertTrue(parsed.diagnostics.contains { $0.severity == .error && $0.message.contains("negative") })
    }

    /// A Latin-1 folder and file name (not UTF-8) were decoded lossily and then "no such file"; now they are
    /// opened by their bytes and shown with the odd bytes escaped.
    func testNonUTF8FolderAndFileNamesAreRead() throws {
        let folder = try TemporaryFolder()
        let runBytes = Array((folder.path + "/h/r").utf8) + [0xE9] + Array("sultats-with-aesni".utf8)
        try FileManager.default.createDirectory(atPath: folder.path + "/h", withIntermediateDirectories: true)
        XCTAssertEqual(mkdir(runBytes.cString, 0o755), 0)
        let fileBytes = runBytes + Array("/aes-cbc-".utf8) + [0xFF] + Array("-read.txt".utf8)
        let fd = open(fileBytes.cString, O_WRONLY | O_CREAT, 0o644)
        XCTAssertGreaterThanOrEqual(fd, 0)
        _ = Array(round.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        let found = RunDiscovery().discover(paths: [folder.path])
        XCTAssertFalse(found.diagnostics.contains { $0.severity == .error }, "\(found.diagnostics)")
        let run = try XCTUnwrap(found.runs.first)
        XCTAssertTrue(run.path.hasSuffix("/h/r\\xE9sultats-with-aesni"), run.path)
        XCTAssertEqual(run.aesni, true)
        XCTAssertEqual(run.ddLogs.first?.completeRounds.count, 1)
        XCTAssertEqual(run.ddLogs.first?.cipher, "aes-cbc-\\xFF")
    }

    /// One `\xff` byte made the whole manifest unreadable; now only its line is.
    func testAManifestWithAnInvalidByteStillGivesItsOtherKeys() throws {
        let folder = try TemporaryFolder()
        try folder.write("h/run1/aes-cbc-plain-read.txt", round)
        var bytes = Array("label = My run\n".utf8) + [0xFF] + Array(" = junk\nhost = kvm-01\naesni = yes\n".utf8)
        bytes += Array("# caf".utf8) + [0xE9] + [0x0A]
        try Data(bytes).write(to: URL(fileURLWithPath: folder.path + "/h/run1/aesreport.manifest"))
        let found = RunDiscovery().discover(paths: [folder.path])
        let run = try XCTUnwrap(found.runs.first)
        XCTAssertEqual(run.label, "My run")
        XCTAssertEqual(run.host, "kvm-01")
        XCTAssertEqual(run.aesni, true)
        let errors = found.diagnostics.filter { $0.severity == .error }
        XCTAssertEqual(errors.map(\.line), [2, 5])
        XCTAssertTrue(errors[0].message.contains("not UTF-8"))
    }

    func testEscapedPathsShowOnlyTheInvalidBytes() {
        XCTAssertEqual(InputPath.escaped(Array("café".utf8)), "café")
        XCTAssertEqual(InputPath.escaped([0x61, 0xFF, 0xC3, 0x28, 0x62]), "a\\xFF\\xC3(b")
        XCTAssertFalse(InputPath(bytes: [0x61, 0xFF]).isUTF8)
    }

    // MARK: - Item 18: trees deeper than PATH_MAX

    /// A folder whose path passes PATH_MAX was skipped without a word; now a warning names the folder above it.
    func testAFolderDeeperThanPathMaxIsReported() throws {
        let folder = try TemporaryFolder()
        try folder.write("h/with-aesni/aes-cbc-plain-read.txt", round)
        let component = String(repeating: "d", count: 200)
        var fd = open(folder.path, O_RDONLY | O_DIRECTORY)
        var depth = 0
        var lastReachable = folder.path
        while folder.path.utf8.count + (component.utf8.count + 1) * (depth + 1) < Int(PATH_MAX) + 300 {
            XCTAssertEqual(mkdirat(fd, component, 0o755), 0)
            let next = openat(fd, component, O_RDONLY | O_DIRECTORY)
            close(fd)
            fd = next
            depth += 1
            let path = folder.path + String(repeating: "/" + component, count: depth)
            if path.utf8.count < Int(PATH_MAX) { lastReachable = path }
        }
        let file = openat(fd, "aes-xts-plain64-read.txt", O_WRONLY | O_CREAT, 0o644)
        close(file)
        close(fd)
        defer { Self.removeDeep(folder.path, component) }
        let found = RunDiscovery().discover(paths: [folder.path])
        XCTAssertEqual(found.runs.count, 1)
        let warning = try XCTUnwrap(found.diagnostics.first { $0.message.contains("PATH_MAX") }, "\(found.diagnostics)")
        XCTAssertEqual(warning.severity, .warning)
        XCTAssertEqual(warning.file, lastReachable)
    }

    /// Removes a chain of `component` folders too deep for path-based removal, from the bottom, by descriptors.
    private static func removeDeep(_ root: String, _ component: String) {
        var fds = [open(root, O_RDONLY | O_DIRECTORY)]
        while true {
            let next = openat(fds.last!, component, O_RDONLY | O_DIRECTORY)
            if next < 0 { break }
            fds.append(next)
        }
        _ = unlinkat(fds.last!, "aes-xts-plain64-read.txt", 0)
        while fds.count > 1 {
            close(fds.removeLast())
            _ = unlinkat(fds.last!, component, AT_REMOVEDIR)
        }
        close(fds[0])
    }
}

private extension Array where Element == UInt8 {
    /// The bytes as a NUL-terminated C string, for calls that take a path.
    var cString: [CChar] { map { CChar(bitPattern: $0) } + [0] }
}
