import AESReportIngest
import AESReportModel
import Foundation
import XCTest

final class RunDiscoveryTests: XCTestCase {
    private let round = "20+0 records in\n20+0 records out\n21474836480 bytes (21 GB) copied, 10.2345 s, 2.1 GB/s\n"

    func testAESNIStateComesFromManifestThenCPUDumpThenFolderNameThenOption() throws {
        let tree = try TemporaryFolder()
        try tree.write("hostA/by-manifest/aes-cbc-plain-read.txt", round)
        try tree.write("hostA/by-manifest/aesreport.manifest", "label = guest one\nhost = kvm-a\naesni = no\n")
        try tree.write("hostA/by-cpu/aes-cbc-plain-read.txt", round)
        try tree.copy(fixture: "cpuinfo/seed-guest-cpu-host-pasted.txt", to: "hostA/by-cpu/cpuinfo.txt")
        try tree.write("hostA/no-aesni/aes-cbc-plain-read.txt", round)
        try tree.write("hostA/undecided/aes-cbc-plain-read.txt", round)
        try tree.copy(fixture: "cpuinfo/seed-host-broadwell-pasted.txt", to: "hostA/cpuinfo-host.txt")

        let found = RunDiscovery().discover(paths: [tree.path])
        XCTAssertEqual(found.runs.map(\.label), ["by-cpu", "guest one", "no-aesni", "undecided"])
        XCTAssertEqual(found.runs.map(\.aesni), [true, false, false, nil])
        XCTAssertEqual(found.runs.map(\.aesniSource), [.cpuDump, .manifest, .folderName, nil])
        XCTAssertEqual(found.runs.map(\.host), ["hostA", "kvm-a", "hostA", "hostA"])
        XCTAssertEqual(found.runs[0].cpu?.isGuest, true)
        XCTAssertEqual(found.hostCPUs.map(\.host), ["hostA"])
        XCTAssertEqual(found.hostCPUs.first?.cpu.logicalCPUs, 88)
        let undecided = try XCTUnwrap(found.diagnostics.first { $0.file.hasSuffix("undecided") })
        XCTAssertEqual(undecided.severity, .warning)
        XCTAssertTrue(undecided.message.contains("aesreport.manifest"))
        XCTAssertTrue(undecided.message.contains("cpuinfo.txt"))

        let assumed = RunDiscovery(assumeAESNI: true).discover(paths: [tree.path])
        XCTAssertEqual(assumed.runs[3].aesni, true)
        XCTAssertEqual(assumed.runs[3].aesniSource, .option)
    }

    func testManifestThatContradictsTheCPUDumpIsAWarning() throws {
        let tree = try TemporaryFolder()
        try tree.write("h/run/aes-cbc-plain-read.txt", round)
        try tree.write("h/run/aesreport.manifest", "aesni = no\n")
        try tree.copy(fixture: "cpuinfo/seed-guest-cpu-host-pasted.txt", to: "h/run/cpuinfo.txt")
        let found = RunDiscovery().discover(paths: [tree.path])
        XCTAssertEqual(found.runs.first?.aesni, false)
        XCTAssertTrue(found.diagnostics.contains { $0.severity == .warning && $0.message.contains("manifest says") })
    }

    func testBadFilesAreReportedAndTheRestIsStillRead() throws {
        let tree = try TemporaryFolder()
        try tree.write("h/with-aesni/aes-cbc-plain-read.txt", round)
        try tree.write("h/with-aesni/aes-ecb-plain-read.txt", "garbage\n")
        try tree.write("h/with-aesni/aes-ctr-plain-write.txt", "")
        let found = RunDiscovery().discover(paths: [tree.path])
        XCTAssertEqual(found.runs.count, 1)
        XCTAssertEqual(found.runs[0].ddLogs.map(\.cipher), ["aes-cbc-plain", "aes-ctr-plain", "aes-ecb-plain"])
        XCTAssertEqual(found.runs[0].ddLogs[0].completeRounds.count, 1)
        XCTAssertEqual(found.diagnostics.filter { $0.severity == .error }.count, 2)
    }

    func testMissingPathAndEmptyTreeAreErrors() throws {
        let tree = try TemporaryFolder()
        let found = RunDiscovery().discover(paths: [tree.path, tree.path + "/missing"])
        XCTAssertEqual(found.runs, [])
        XCTAssertTrue(found.diagnostics.contains { $0.message == "no such file or folder" })
        XCTAssertTrue(found.diagnostics.contains { $0.message.hasPrefix("no result files found") })
    }

    func testSymbolicLinkLoopDoesNotHang() throws {
        let tree = try TemporaryFolder()
        try tree.write("h/with-aesni/aes-cbc-plain-read.txt", round)
        try FileManager.default.createSymbolicLink(atPath: tree.path + "/h/with-aesni/loop", withDestinationPath: "..")
        let found = RunDiscovery().discover(paths: [tree.path])
        XCTAssertEqual(found.runs.count, 1)
        XCTAssertTrue(found.diagnostics.contains { $0.message.contains("symbolic link") })
    }

    func testSampleDataIsReadCompletely() throws {
        let sample = Fixture.root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SampleData").path
        let found = RunDiscovery().discover(paths: [sample])
        XCTAssertEqual(found.diagnostics.filter { $0.severity != .note }, [])
        XCTAssertEqual(Set(found.runs.map(\.host)).count, 2)
        let broadwell = found.runs.filter { $0.host == "broadwell-e5-2699v4" }
        XCTAssertEqual(broadwell.map(\.aesni), [true, false])
        for run in broadwell {
            XCTAssertEqual(run.ddLogs.count, 12)
            XCTAssertTrue(run.ddLogs.allSatisfy { $0.rounds.count == 10 && $0.completeRounds.count == 10 })
            XCTAssertTrue(run.ddLogs.allSatisfy { $0.rounds.allSatisfy { $0.transfer?.bytes == 21_474_836_480 } })
            XCTAssertEqual(run.cpu?.isGuest, true)
            XCTAssertEqual(run.cpu?.logicalCPUs, 16)
        }
        XCTAssertEqual(broadwell.map { $0.cpu?.modelName }, ["Intel(R) Xeon(R) CPU E5-2699 v4 @ 2.20GHz",
                                                              "QEMU Virtual CPU version 2.5+"])
        XCTAssertEqual(broadwell.map(\.aesniSource), [.cpuDump, .cpuDump])
        XCTAssertEqual(broadwell.map { $0.openssl.count }, [4, 4])
        XCTAssertEqual(broadwell.map { $0.cryptsetup.first?.ciphers.count }, [12, 12])
        XCTAssertEqual(found.hostCPUs.count, 2)
    }
}

final class RunManifestTests: XCTestCase {
    func testKeysValuesCommentsAndErrors() {
        let (manifest, diagnostics) = RunManifest.parse(
            text: "# run\nlabel = RHEL 7.3 guest  # -cpu host\nhost=kvm-01\naesni = maybe\ncolour = red\nbroken\n",
            path: "m")
        XCTAssertEqual(manifest, RunManifest(label: "RHEL 7.3 guest", host: "kvm-01", aesni: nil))
        XCTAssertEqual(diagnostics.map(\.line), [4, 5, 6])
        XCTAssertEqual(diagnostics.map(\.severity), [.error, .warning, .error])
    }

    func testFolderNamesThatSayTheAESNIState() {
        let cases: [(String, Bool?)] = [
            ("aesni", true), ("with-aesni", true), ("aes-ni-on", true), ("guest_AESNI", true), ("AES-NI", true),
            ("no-aesni", false), ("noaesni", false), ("without-aesni", false), ("aesni-off", false),
            ("no_aes_ni", false), ("non-aesni", false), ("AES-NI disabled", false),
            ("guest", nil), ("aes-xts", nil), ("results-2017", nil),
        ]
        for (name, expected) in cases {
            XCTAssertEqual(FolderNameAESNI.state(of: name), expected, name)
        }
    }
}

final class InputKindTests: XCTestCase {
    func testKindsAreRecognisedByNameAndContent() throws {
        XCTAssertEqual(InputKind.fromName("x/aes-xts-plain-write.log"), .ddLog)
        XCTAssertEqual(InputKind.fromName("proc-cpuinfo-guest"), .cpuDescription)
        XCTAssertEqual(InputKind.fromName("lscpu.txt"), .cpuDescription)
        XCTAssertEqual(InputKind.fromName("openssl-speed-aes.txt"), .opensslSpeed)
        XCTAssertEqual(InputKind.fromName("cryptsetup-benchmark.txt"), .cryptsetupBenchmark)
        XCTAssertNil(InputKind.fromName("notes.txt"))
        XCTAssertNil(InputKind.fromName("charts/cryptsetup.png"))
        XCTAssertNil(InputKind.fromName("openssl-speed.json"))
        XCTAssertNil(InputKind.fromName("aes-xts-plain-read.svg"))
        XCTAssertEqual(InputKind.fromName("proc-cpuinfo"), .cpuDescription)
        // Names are folded to lower case (ASCII) and only the last component counts.
        XCTAssertEqual(InputKind.fromName("RESULTS.TXT/AES-XTS-PLAIN64_READ.TXT"), .ddLog)
        XCTAssertEqual(ResultFileName(path: "R/AES-XTS-Plain64_Write.LOG"),
                       ResultFileName(cipher: "aes-xts-plain64", operation: .write))
        XCTAssertEqual(InputKind.fromName("Guest-CPUInfo.Dump"), .cpuDescription)
        XCTAssertNil(InputKind.fromName("cpuinfo/notes.md"))
        let byContent: [(String, InputKind?)] = [
            ("dd/real-locale-zh.txt", .ddLog), ("dd/synthetic-bsd.txt", .ddLog), ("dd/real-open-failure.txt", .ddLog),
            ("openssl/real-aes-256-ctr-mr-aesni.txt", .opensslSpeed),
            ("openssl/real-aes-128-cbc-aesni.txt", .opensslSpeed),
            ("cryptsetup/real-benchmark-no-kernel-capi.txt", .cryptsetupBenchmark),
            ("cpuinfo/real-proc-cpuinfo-x86-guest.txt", .cpuDescription),
            ("cpuinfo/seed-host-broadwell-pasted.txt", .cpuDescription),
            ("malformed/garbage.txt", nil), ("malformed/empty.txt", nil),
        ]
        for (fixture, kind) in byContent {
            XCTAssertEqual(InputKind.sniff(try Array(Data(contentsOf: Fixture.root.appendingPathComponent(fixture)))),
                           kind, fixture)
        }
    }
}
