import Foundation
import XCTest

/// `report` on real result files arranged the ways people arrange them: every decision around the numbers (which
/// host, which AES-NI state, what is pooled) is made visibly, and the numbers follow the decision.
final class TrustTests: XCTestCase {
    private static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    private static let fixtures = repository.appendingPathComponent("Tests/AESReportIngestTests/Fixtures").path
    /// Real dd output whose throughput depends on AES (Fixtures/runs/capture-openssl-pipe.sh).
    private static let pipe = fixtures + "/runs/real-openssl-pipe"

    private var tree: URL!

    override func setUpWithError() throws {
        tree = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-trust-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: tree)
    }

    private func copy(_ source: String, to relative: String) throws {
        let target = tree.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: source, toPath: target.path)
    }

    private func copyRun(_ state: String, to folder: String, ciphers: [String] = ["aes-128-cbc", "aes-128-ctr"]) throws {
        for cipher in ciphers {
            for operation in ["read", "write"] {
                try copy("\(Self.pipe)/\(state)/\(cipher)-\(operation).txt", to: "\(folder)/\(cipher)-\(operation).txt")
            }
        }
    }

    private func report(_ paths: [String], _ extra: [String] = []) throws
        -> (status: Int32, stdout: String, stderr: String, summary: [String: Any]) {
        // Beside the tree, not in it: an output folder inside the input is refused.
        let out = tree.path + "-out-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try HTMLReportTests.run(HTMLReportTests.binary.path,
                                             ["report"] + paths + ["-o", out, "--format", "json", "--quiet"] + extra)
        let data = try Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))
        let summary = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (result.status, result.stdout, result.stderr, summary)
    }

    private func speedups(_ summary: [String: Any], key: String = "speedups") -> [[String: Any]] {
        summary[key] as? [[String: Any]] ?? []
    }

    func testTwoSameNamedHostsInTwoTreesAreNotPooled() throws {
        // dc2's node01 is another machine: its folders hold the other capture, so its gains are the inverse.
        try copyRun("with-aesni", to: "dc1/node01/with-aesni")
        try copyRun("no-aesni", to: "dc1/node01/no-aesni")
        try copyRun("no-aesni", to: "dc2/node01/with-aesni")
        try copyRun("with-aesni", to: "dc2/node01/no-aesni")
        let both = try report([tree.path + "/dc1", tree.path + "/dc2"])
        XCTAssertEqual(both.status, 0, both.stderr)
        XCTAssertFalse(both.stderr.contains("pooled"), both.stderr)
        let gains = speedups(both.summary)
        XCTAssertEqual(Set(gains.compactMap { $0["host"] as? String }), ["dc1/node01", "dc2/node01"])
        XCTAssertEqual(gains.count, 8)
        // Each host's gain is the one it has alone.
        let alone = speedups(try report([tree.path + "/dc1"]).summary)
        for gain in gains where gain["host"] as? String == "dc1/node01" {
            let same = alone.first { $0["cipher"] as? String == gain["cipher"] as? String
                && $0["operation"] as? String == gain["operation"] as? String }
            XCTAssertEqual(same?["ratio"] as? Double, gain["ratio"] as? Double)
        }
        XCTAssertTrue(both.stdout.contains("dc1/node01: with AES-NI"), both.stdout)
        XCTAssertTrue(both.stdout.contains("dc2/node01: with AES-NI"), both.stdout)
    }

    func testRunsOfOneHostAndStateArePooledOnlyWithAWarningListingThem() throws {
        try copyRun("with-aesni", to: "node01/with-aesni")
        try copyRun("with-aesni", to: "node01/with-aesni-again")
        try copyRun("no-aesni", to: "node01/no-aesni")
        let result = try report([tree.path])
        let folder = tree.path + "/node01/"
        XCTAssertTrue(result.stderr.contains(folder + "with-aesni: warning: host node01: 2 runs with AES-NI are "
            + "pooled (their dd rounds form one series per cipher and operation): " + folder + "with-aesni, " + folder
            + "with-aesni-again. If they are different machines or configurations, give each its own host folder "
            + "or a manifest 'host = ...'"), result.stderr)
        let warnings = (result.summary["diagnostics"] as? [[String: Any]] ?? []).filter {
            ($0["message"] as? String)?.contains("are pooled") == true
        }
        XCTAssertEqual(warnings.count, 1)
        // Pooled: 10 rounds with AES-NI per series.
        let cbcRead = speedups(result.summary).first { $0["cipher"] as? String == "aes-128-cbc"
            && $0["operation"] as? String == "read" }
        XCTAssertNotNil(cbcRead)
    }

    func testOpenSSLRunsOfOneStateInTwoFoldersArePooledWithAWarning() throws {
        try copy(Self.fixtures + "/openssl/real-aes-128-cbc-aesni.txt", to: "h/monday/openssl-speed.txt")
        try copy(Self.fixtures + "/openssl/real-aes-128-cbc-aesni.txt", to: "h/tuesday/openssl-speed.txt")
        try copy(Self.fixtures + "/openssl/real-aes-128-cbc-noaesni.txt", to: "h/masked/openssl-speed.txt")
        let result = try report([tree.path])
        XCTAssertTrue(result.stderr.contains("warning: host h: 2 runs with AES-NI are pooled (their openssl outputs "
            + "form one series per algorithm): " + tree.path + "/h/monday, " + tree.path + "/h/tuesday."),
            result.stderr)
        XCTAssertFalse(result.stderr.contains("runs without AES-NI are pooled"), result.stderr)
        let largest = speedups(result.summary, key: "openssl_speedups").first { $0["block_size"] as? Int == 16384 }
        XCTAssertEqual(largest?["rounds_with"] as? Int, 2)
        XCTAssertEqual(largest?["rounds_without"] as? Int, 1)
    }

    func testOutputsWhoseOwnStateDiffersFromTheirRunsArePooledWithNothing() throws {
        // dd runs in with-aesni/ and no-aesni/, and in each the other state's openssl output: one run per state
        // for dd, one per state for openssl, so nothing is pooled.
        try copyRun("with-aesni", to: "h/with-aesni")
        try copyRun("no-aesni", to: "h/no-aesni")
        try copy(Self.fixtures + "/openssl/real-aes-128-cbc-noaesni.txt", to: "h/with-aesni/openssl-speed.txt")
        try copy(Self.fixtures + "/openssl/real-aes-128-cbc-aesni.txt", to: "h/no-aesni/openssl-speed.txt")
        let result = try report([tree.path])
        XCTAssertFalse(result.stderr.contains("pooled"), result.stderr)
        XCTAssertEqual(speedups(result.summary, key: "openssl_speedups").first?["percent"] as? Double,
                       speedups(result.summary, key: "openssl_speedups").first?["percent"] as? Double)
        XCTAssertEqual(speedups(result.summary).count, 4)
        XCTAssertTrue((speedups(result.summary, key: "openssl_speedups").first?["percent"] as? Double ?? 0) > 100)
    }

    func testAnIdenticalCopyOfALogIsCountedOnce() throws {
        try copyRun("with-aesni", to: "h/with-aesni")
        try copyRun("no-aesni", to: "h/no-aesni")
        let alone = speedups(try report([tree.path]).summary)
        try copy(Self.pipe + "/with-aesni/aes-128-cbc-read.txt", to: "h/with-aesni/aes-128-cbc-read.log")
        let result = try report([tree.path])
        XCTAssertTrue(result.stderr.contains(tree.path + "/h/with-aesni/aes-128-cbc-read.txt: warning: a copy of "
            + tree.path + "/h/with-aesni/aes-128-cbc-read.log (the same 5 rounds): counted once"), result.stderr)
        let pValues = { (gains: [[String: Any]]) in gains.map { $0["p_value"] as? Double } }
        XCTAssertEqual(pValues(speedups(result.summary)), pValues(alone))
    }

    func testARunGivenAsDotIsNamedByItsFolder() throws {
        try copyRun("with-aesni", to: "node01/with-aesni")
        try copyRun("no-aesni", to: "node01/no-aesni")
        let runs = try HTMLReportTests.run(HTMLReportTests.binary.path, ["runs", ".", "../no-aesni"],
                                           directory: tree.appendingPathComponent("node01/with-aesni"))
        XCTAssertEqual(runs.status, 0, runs.stderr)
        XCTAssertTrue(runs.stdout.contains("run with-aesni: with AES-NI (from folder-name)  [.]"), runs.stdout)
        XCTAssertTrue(runs.stdout.contains("host node01"), runs.stdout)
    }

    func testRunsSaysWhatReportWouldPool() throws {
        for dc in ["dc1", "dc2"] {
            try copyRun("with-aesni", to: "\(dc)/node01/with-aesni")
            let manifest = tree.appendingPathComponent("\(dc)/node01/with-aesni/aesreport.manifest")
            try Data("host = shared\n".utf8).write(to: manifest)
        }
        let runs = try HTMLReportTests.run(HTMLReportTests.binary.path, ["runs", tree.path + "/dc1", tree.path + "/dc2"])
        XCTAssertTrue(runs.stderr.contains("warning: host shared: 2 runs with AES-NI are pooled (their dd rounds"),
                      runs.stderr)
    }

    func testAssumeAESNIThatNothingUsesIsSaid() throws {
        try copyRun("with-aesni", to: "h/with-aesni")
        let runs = try HTMLReportTests.run(HTMLReportTests.binary.path, ["runs", "--assume-aesni", "off", tree.path])
        XCTAssertTrue(runs.stderr.contains("/h/with-aesni: note: --assume-aesni off is not used for this run: the "
            + "folder name says with AES-NI"), runs.stderr)
        XCTAssertTrue(runs.stdout.contains("evidence: folder-name with; option without"), runs.stdout)
    }

    func testMedianWithThreeRoundsASideIsUntestedNotNotSignificant() throws {
        // 3+3 rounds: Mann-Whitney's smallest two-sided p is 2 / C(6, 3) = 0.1, so it can never reach 0.05.
        for (state, folder) in [("with-aesni", "h/with-aesni"), ("no-aesni", "h/no-aesni")] {
            let text = try String(contentsOfFile: "\(Self.pipe)/\(state)/aes-128-ctr-read.txt", encoding: .utf8)
            let rounds = text.components(separatedBy: "64+0 records in\n").filter { !$0.isEmpty }.prefix(3)
            let target = tree.appendingPathComponent("\(folder)/aes-128-ctr-read.txt")
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try Data(rounds.map { "64+0 records in\n" + $0 }.joined().utf8).write(to: target)
        }
        let result = try report([tree.path], ["--centre", "median"])
        let gain = try XCTUnwrap(speedups(result.summary).first)
        XCTAssertTrue(gain["significant"] is NSNull, "\(gain)")
        XCTAssertTrue(gain["p_value"] is NSNull, "\(gain)")
        XCTAssertTrue(result.stdout.contains("(untested)"), result.stdout)
        XCTAssertTrue(result.stdout.contains("n/a (3+3 rounds)"), result.stdout)
        XCTAssertFalse(result.stdout.contains(" ~ "), result.stdout)
        // With the mean, Welch's test runs on the same 3+3 rounds.
        let mean = try report([tree.path])
        XCTAssertTrue(try XCTUnwrap(speedups(mean.summary).first)["p_value"] is Double)
    }

    func testOneRoundPerSideIsUntestedEverywhereNeverNotSignificant() throws {
        for state in ["with-aesni", "no-aesni"] {
            let text = try String(contentsOfFile: "\(Self.pipe)/\(state)/aes-128-cbc-read.txt", encoding: .utf8)
            let first = text.components(separatedBy: "\n").prefix(3).joined(separator: "\n") + "\n"
            let target = tree.appendingPathComponent("h/\(state)/aes-128-cbc-read.txt")
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try Data(first.utf8).write(to: target)
        }
        let out = tree.path + "-out-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try HTMLReportTests.run(HTMLReportTests.binary.path, ["report", tree.path, "-o", out, "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("(untested)  ") || result.stdout.contains("(untested) "), result.stdout)
        XCTAssertTrue(result.stdout.contains("n/a (1 round)"), result.stdout)
        XCTAssertFalse(result.stdout.contains("% ~"), result.stdout)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as? [String: Any])
        let gain = try XCTUnwrap((json["speedups"] as? [[String: Any]])?.first)
        XCTAssertTrue(gain["significant"] is NSNull)
        let markdown = try String(contentsOfFile: out + "/summary.md", encoding: .utf8)
        XCTAssertTrue(markdown.contains("(untested)") && markdown.contains("n/a (1 round)"))
        XCTAssertFalse(markdown.contains("% ~"))
        let page = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        XCTAssertTrue(page.contains("(untested)") && page.contains("Untested (too few rounds for the test)"))
    }

    func testAnOpenSSLAlgorithmMeasuredInOneStateOnlyIsNoted() throws {
        try copy(Self.fixtures + "/openssl/real-aes-128-cbc-aesni.txt", to: "h/a/openssl-1.txt")
        try copy(Self.fixtures + "/openssl/real-aes-128-cbc-noaesni.txt", to: "h/a/openssl-2.txt")
        try copy(Self.fixtures + "/openssl/real-aes-256-cbc-decrypt-aesni.txt", to: "h/a/openssl-decrypt.txt")
        let result = try report([tree.path])
        XCTAssertTrue(result.stdout.contains("note: host h: openssl measured only in one state, so no gain for "
            + "AES-256-CBC decrypt (with AES-NI only)"), result.stdout)
        XCTAssertEqual(result.summary["notes"] as? [String],
                       ["host h: openssl measured only in one state, so no gain for AES-256-CBC decrypt (with AES-NI only)"])
    }

    func testAMaskedOpenSSLRunBesideItsCPUDumpCountsAsWithoutAESNI() throws {
        try copy(Self.fixtures + "/openssl/real-aes-128-cbc-aesni.txt", to: "h/unmasked/openssl-speed.txt")
        try copy(Self.fixtures + "/openssl/real-aes-128-cbc-noaesni.txt", to: "h/masked/openssl-speed.txt")
        for run in ["unmasked", "masked"] {
            try copy(Self.fixtures + "/cpuinfo/real-proc-cpuinfo-x86-guest.txt", to: "h/\(run)/cpuinfo.txt")
        }
        let result = try report([tree.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("/h/masked/openssl-speed.txt:11: warning: this openssl output's "
            + "CPUINFO line says AES-NI was masked (OPENSSL_ia32cap=~0x200000200000000) (without AES-NI), but the "
            + "CPU dump (" + tree.path + "/h/masked/cpuinfo.txt) has the 'aes' flag"), result.stderr)
        let gains = speedups(result.summary, key: "openssl_speedups")
        XCTAssertEqual(gains.count, 6)
        let largest = try XCTUnwrap(gains.first { $0["block_size"] as? Int == 16384 })
        // From the Doing lines (python3: 51682*16384/0.78 over 3986*16384/0.30): 1085587035.897 / 217688746.667
        // = +398.68771469%.
        XCTAssertEqual(try XCTUnwrap(largest["percent"] as? Double), 398.6877146937357, accuracy: 1e-9)
        let runs = result.summary["runs"] as? [[String: Any]] ?? []
        XCTAssertEqual(runs.map { $0["aesni_source"] as? String }, ["openssl-cpuinfo", "openssl-cpuinfo"])
        XCTAssertEqual(runs.map { $0["aesni"] as? Bool }, [false, true])
        let evidence = runs.first?["aesni_evidence"] as? [[String: Any]] ?? []
        XCTAssertEqual(evidence.map { $0["source"] as? String }, ["openssl-cpuinfo", "cpu-dump"])
        XCTAssertEqual(evidence.first?["line"] as? Int, 11)
    }

    func testSwappedCPUDumpsGiveContradictionWarningsAndAllGainsNegativeWarning() throws {
        // SampleData's dd logs (synthetic, see SampleData/README.md) with the two real dumps swapped: the guest
        // folder measured with AES-NI holds the dump of a QEMU qemu64 guest (no aes flag), and the other the dump
        // of this machine (aes flag).
        let sample = Self.repository.appendingPathComponent("SampleData/broadwell-e5-2699v4").path
        for (folder, dump) in [("guest-aesni", "real-proc-cpuinfo-qemu64-tcg-guest.txt"),
                               ("guest-noaesni", "real-proc-cpuinfo-x86-guest.txt")] {
            for file in try FileManager.default.contentsOfDirectory(atPath: sample + "/" + folder)
                where file.hasSuffix("-read.txt") || file.hasSuffix("-write.txt") {
                try copy(sample + "/" + folder + "/" + file, to: "host/\(folder)/\(file)")
            }
            try copy(Self.fixtures + "/cpuinfo/" + dump, to: "host/\(folder)/cpuinfo.txt")
        }
        let result = try report([tree.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("/host/guest-aesni/cpuinfo.txt: warning: the CPU dump lacks the 'aes' "
            + "flag (without AES-NI), but the folder name 'guest-aesni' says with AES-NI."), result.stderr)
        XCTAssertTrue(result.stderr.contains("/host/guest-noaesni/cpuinfo.txt: warning: the CPU dump has the 'aes' "
            + "flag (with AES-NI), but the folder name 'guest-noaesni' says without AES-NI."), result.stderr)
        XCTAssertTrue(result.stderr.contains("warning: host host: every AES-NI gain is negative (12 gains, "),
                      result.stderr)
        XCTAssertTrue(result.stderr.contains("are the runs' AES-NI states swapped? " + tree.path
            + "/host/guest-aesni: without (from cpu-dump); " + tree.path + "/host/guest-noaesni: with (from cpu-dump)"),
            result.stderr)
        XCTAssertTrue(speedups(result.summary).allSatisfy { ($0["percent"] as? Double ?? 0) < 0 })
    }

    func testAFolderOfSpeedFilesIsARunAndUnreadFilesAreListed() throws {
        try copy(Self.fixtures + "/openssl/real-aes-128-cbc-aesni.txt", to: "h/results/speed-1.txt")
        try copy(Self.fixtures + "/openssl/real-aes-128-cbc-noaesni.txt", to: "h/results/speed-2.txt")
        try copy(Self.repository.appendingPathComponent("SampleData/charts/read.png").path, to: "h/results/read.png")
        let result = try report([tree.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse(result.stderr.contains("no result files found"), result.stderr)
        XCTAssertTrue(result.stderr.contains("/h/results/speed-1.txt: note: read as openssl speed output by its "
            + "content"), result.stderr)
        XCTAssertTrue(result.stderr.contains("/h/results/read.png: note: not read: a .png file is not a benchmark "
            + "log"), result.stderr)
        // One folder holds both halves: each output counts by its own CPUINFO line.
        XCTAssertEqual(speedups(result.summary, key: "openssl_speedups").count, 6)
    }
}
