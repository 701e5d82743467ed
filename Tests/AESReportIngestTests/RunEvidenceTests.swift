import AESReportIngest
import AESReportModel
import Foundation
import XCTest

/// What discovery decides around the numbers, on real captured files arranged the way people arrange them: which
/// host a run belongs to, its AES-NI state from every source, duplicate logs, and files it does not read.
final class RunEvidenceTests: XCTestCase {
    /// Real dd output whose throughput depends on AES (see Fixtures/runs/capture-openssl-pipe.sh).
    private let pipe = "runs/real-openssl-pipe"
    private let hostDump = "cpuinfo/real-proc-cpuinfo-x86-guest.txt"       // this machine: aes flag
    private let noAESDump = "cpuinfo/real-proc-cpuinfo-qemu64-tcg-guest.txt" // QEMU -cpu qemu64: no aes flag

    private func copyRun(_ tree: TemporaryFolder, from state: String, to folder: String) throws {
        for file in ["aes-128-cbc-read.txt", "aes-128-cbc-write.txt"] {
            try tree.copy(fixture: "\(pipe)/\(state)/\(file)", to: "\(folder)/\(file)")
        }
    }

    // MARK: 1. Host identity by path

    func testSameNamedHostFoldersInTwoTreesAreTwoHostsNamedByTheirShortestDistinctSuffix() throws {
        let tree = try TemporaryFolder()
        for dc in ["dc1", "dc2"] {
            try copyRun(tree, from: "with-aesni", to: "\(dc)/node01/with-aesni")
            try copyRun(tree, from: "no-aesni", to: "\(dc)/node01/no-aesni")
        }
        try tree.copy(fixture: hostDump, to: "dc2/node01/cpuinfo.txt")
        try copyRun(tree, from: "with-aesni", to: "dc1/solo/with-aesni")
        let found = RunDiscovery().discover(paths: [tree.path + "/dc1", tree.path + "/dc2"])
        XCTAssertEqual(found.runs.map(\.host), ["dc1/node01", "dc1/node01", "solo", "dc2/node01", "dc2/node01"])
        XCTAssertEqual(found.hostCPUs.map(\.host), ["dc2/node01"])
        XCTAssertEqual(found.runs[0].hostFolder, tree.path + "/dc1/node01")
    }

    func testRunsGivenFromInsideTheHostFolderShareItsName() throws {
        let tree = try TemporaryFolder()
        try copyRun(tree, from: "with-aesni", to: "node01/with-aesni")
        try copyRun(tree, from: "no-aesni", to: "node01/no-aesni")
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(tree.path + "/node01")
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        let found = RunDiscovery().discover(paths: ["with-aesni", "no-aesni"])
        XCTAssertEqual(found.runs.map(\.host), ["node01", "node01"])
    }

    func testTheManifestsHostStillWins() throws {
        let tree = try TemporaryFolder()
        try copyRun(tree, from: "with-aesni", to: "dc1/node01/with-aesni")
        try copyRun(tree, from: "with-aesni", to: "dc2/node01/with-aesni")
        try tree.write("dc2/node01/with-aesni/aesreport.manifest", "host = node01-renamed\n")
        let found = RunDiscovery().discover(paths: [tree.path])
        XCTAssertEqual(found.runs.map(\.host), ["dc1/node01", "node01-renamed"])
        XCTAssertNil(found.runs[1].hostFolder)
    }

    func testHostNamesUseTheFewestComponentsThatDiffer() {
        let names = HostNames.names(for: ["/r/dc1/node01", "/r/dc2/node01", "/r/a/b/x", "/r/c/b/x", "/r/lone"])
        XCTAssertEqual(names["/r/dc1/node01"], "dc1/node01")
        XCTAssertEqual(names["/r/dc2/node01"], "dc2/node01")
        XCTAssertEqual(names["/r/a/b/x"], "a/b/x")
        XCTAssertEqual(names["/r/c/b/x"], "c/b/x")
        XCTAssertEqual(names["/r/lone"], "lone")
        XCTAssertEqual(HostNames.absolute("/a/./b/../c/"), "/a/c")
    }

    // MARK: 2. AES-NI state from all evidence

    func testAMaskedOpenSSLOutputCountsAsWithoutAESNIWhateverTheCPUDumpSays() throws {
        let tree = try TemporaryFolder()
        try tree.copy(fixture: "openssl/real-aes-128-cbc-aesni.txt", to: "h/run1/openssl-1.txt")
        try tree.copy(fixture: hostDump, to: "h/run1/cpuinfo.txt")
        try tree.copy(fixture: "openssl/real-aes-128-cbc-noaesni.txt", to: "h/run2/openssl-1.txt")
        try tree.copy(fixture: hostDump, to: "h/run2/cpuinfo.txt")
        let found = RunDiscovery().discover(paths: [tree.path])
        XCTAssertEqual(found.runs.map(\.aesni), [true, false])
        XCTAssertEqual(found.runs.map(\.aesniSource), [.opensslCPUInfo, .opensslCPUInfo])
        let masked = found.runs[1]
        XCTAssertEqual(masked.aesni(of: masked.openssl[0]), false)
        XCTAssertEqual(masked.aesniEvidence.map(\.source), [.opensslCPUInfo, .cpuDump])
        XCTAssertEqual(masked.aesniEvidence.map(\.aesni), [false, true])
        XCTAssertEqual(masked.aesniEvidence[0].line, 11)
        let warnings = found.diagnostics.filter { $0.severity == .warning }
        XCTAssertEqual(warnings.count, 1, "\(warnings)")
        XCTAssertEqual(warnings.first?.description,
                       tree.path + "/h/run2/openssl-1.txt:11: warning: this openssl output's CPUINFO line says AES-NI "
                           + "was masked (OPENSSL_ia32cap=~0x200000200000000) (without AES-NI), but the CPU dump ("
                           + tree.path + "/h/run2/cpuinfo.txt) has the 'aes' flag (with AES-NI); each output counts "
                           + "by its own line, the most specific evidence")
    }

    func testSwappedCPUDumpsDecideAndEachContradictionNamesBothPlaces() throws {
        let tree = try TemporaryFolder()
        try copyRun(tree, from: "with-aesni", to: "h/aesni")
        try copyRun(tree, from: "no-aesni", to: "h/noaesni")
        try tree.copy(fixture: noAESDump, to: "h/aesni/cpuinfo.txt")
        try tree.copy(fixture: hostDump, to: "h/noaesni/cpuinfo.txt")
        let found = RunDiscovery().discover(paths: [tree.path])
        XCTAssertEqual(found.runs.map(\.label), ["aesni", "noaesni"])
        XCTAssertEqual(found.runs.map(\.aesni), [false, true])
        XCTAssertEqual(found.runs.map(\.aesniSource), [.cpuDump, .cpuDump])
        let warnings = found.diagnostics.filter { $0.severity == .warning }.map(\.description)
        XCTAssertEqual(warnings, [
            tree.path + "/h/aesni/cpuinfo.txt: warning: the CPU dump lacks the 'aes' flag (without AES-NI), but the "
                + "folder name 'aesni' says with AES-NI. The run counts as without AES-NI "
                + "(from the CPU dump). Check that the files belong to this run, or fix the one that is wrong.",
            tree.path + "/h/noaesni/cpuinfo.txt: warning: the CPU dump has the 'aes' flag (with AES-NI), but the "
                + "folder name 'noaesni' says without AES-NI. The run counts as with "
                + "AES-NI (from the CPU dump). Check that the files belong to this run, or fix the one that is wrong.",
        ])
    }

    func testManifestDumpAndNameThatAgreeSayNothingAndAllAreRecorded() throws {
        let tree = try TemporaryFolder()
        try copyRun(tree, from: "no-aesni", to: "h/no-aesni")
        try tree.write("h/no-aesni/aesreport.manifest", "# collected\naesni = no\n")
        try tree.copy(fixture: noAESDump, to: "h/no-aesni/cpuinfo.txt")
        let found = RunDiscovery().discover(paths: [tree.path])
        XCTAssertEqual(found.diagnostics.filter { $0.severity >= .warning }, [])
        XCTAssertEqual(found.runs[0].aesniEvidence.map(\.source), [.manifest, .cpuDump, .folderName])
        XCTAssertEqual(found.runs[0].aesniEvidence.first?.line, 2)
        XCTAssertEqual(found.runs[0].aesniSource, .manifest)
    }

    // MARK: 3. One series, one file

    func testTwoLogsOfOneCipherAndOperationAreAWarningNamingBoth() throws {
        let tree = try TemporaryFolder()
        try copyRun(tree, from: "with-aesni", to: "h/with-aesni")
        try tree.copy(fixture: "\(pipe)/no-aesni/aes-128-cbc-read.txt", to: "h/with-aesni/aes-128-cbc-read.log")
        let found = RunDiscovery().discover(paths: [tree.path])
        XCTAssertEqual(found.runs[0].ddLogs.count, 3)
        let folder = tree.path + "/h/with-aesni/"
        XCTAssertEqual(found.diagnostics.filter { $0.severity == .warning }.map(\.description), [
            folder + "aes-128-cbc-read.txt: warning: a second aes-128-cbc read log in this run, beside " + folder
                + "aes-128-cbc-read.log: both are read and their rounds pooled into one series; remove or rename one "
                + "if it is a copy or belongs to another run",
        ])
    }

    // MARK: 4. Nothing unread without a word

    func testUnrecognisedNamesAreReadByContentAndEveryUnreadFileIsListedWithItsReason() throws {
        let tree = try TemporaryFolder()
        try copyRun(tree, from: "with-aesni", to: "h/with-aesni")
        try tree.copy(fixture: "\(pipe)/with-aesni/aes-128-ctr-read.txt", to: "h/with-aesni/read-aes-ctr.txt")
        try tree.copy(fixture: "\(pipe)/with-aesni/aes-256-cbc-read.txt", to: "h/with-aesni/x.read.txt")
        try tree.write("h/with-aesni/aes-256-cbc-write.txt.gz", "\u{1f}\u{8b}not really")
        try tree.write("h/with-aesni/old.log.xz", "xz")
        try tree.write("h/with-aesni/notes.txt", "the flags we used: none\n")
        try tree.write("h/with-aesni/read.png", "png")
        try tree.write("h/host-notes.md", "# notes\n")
        // A folder of openssl outputs named speed-*.txt is a run: each is recognised by its content.
        try tree.copy(fixture: "openssl/real-aes-128-cbc-aesni.txt", to: "h/speed/speed-1.txt")
        try tree.copy(fixture: "openssl/real-aes-128-cbc-noaesni.txt", to: "h/speed/speed-2.txt")
        let found = RunDiscovery().discover(paths: [tree.path])
        XCTAssertEqual(found.runs.map(\.label), ["speed", "with-aesni"])
        XCTAssertEqual(found.runs[0].openssl.count, 2)
        // The .gz is read as what its name says (a dd log; its bytes are not gzip's, so as text): it has no round.
        XCTAssertEqual(found.runs[1].ddLogs.map(\.cipher), ["aes-128-cbc", "aes-128-cbc", "aes-256-cbc", nil, nil])
        let folder = tree.path + "/h/with-aesni/"
        let reported = found.diagnostics.filter { $0.file.hasPrefix(tree.path + "/h/") }.map(\.description)
        let expected = [
            tree.path + "/h/host-notes.md: note: not read: a .md file is not a benchmark log",
            tree.path + "/h/speed/speed-1.txt: note: read as openssl speed output by its content (the name does "
                + "not say so)",
            tree.path + "/h/speed/speed-2.txt: note: read as openssl speed output by its content (the name does "
                + "not say so)",
            folder + "aes-256-cbc-write.txt.gz: error: no dd round found in 1 lines",
            folder + "notes.txt: note: not read: neither its name nor its content is a format this tool knows "
                + "(dd output, fio output, openssl speed, cryptsetup benchmark, tcrypt, /proc/cpuinfo or lscpu)",
            folder + "old.log.xz: note: compressed (.xz), not read; decompress it first (unxz -k 'old.log.xz')",
            folder + "read-aes-ctr.txt: note: read as dd output by its content (the name does not say so); the name "
                + "does not give the cipher and operation either (expected <cipher>-read.txt or <cipher>-write.txt), "
                + "so its rounds are in no series: rename it to use them",
            folder + "read.png: note: not read: a .png file is not a benchmark log",
            folder + "x.read.txt: note: read as dd output by its content (the name does not say so); the name does "
                + "not give the cipher and operation either (expected <cipher>-read.txt or <cipher>-write.txt), so "
                + "its rounds are in no series: rename it to use them",
        ]
        for line in expected {
            XCTAssertTrue(reported.contains(line), "missing: \(line)\nreported:\n" + reported.joined(separator: "\n"))
        }
    }

    func testAFileNamedOnTheCommandLineIsSniffedToo() throws {
        let tree = try TemporaryFolder()
        try tree.copy(fixture: "openssl/real-aes-128-cbc-aesni.txt", to: "h/with-aesni/speed.txt")
        let found = RunDiscovery().discover(paths: [tree.path + "/h/with-aesni/speed.txt"])
        XCTAssertEqual(found.runs.first?.openssl.count, 1)
        XCTAssertTrue(found.diagnostics.contains { $0.severity == .note && $0.message.hasPrefix("read as openssl") })
    }
}
