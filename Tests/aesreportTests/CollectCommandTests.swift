import Foundation
import XCTest

/// `aesreport collect`: a real, short `collect openssl` followed by `report` on what it wrote, and the dm-crypt
/// procedure's dry run (its real run needs root and device-mapper, and is skipped where they are missing).
final class CollectCommandTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-collect-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func aesreport(_ arguments: [String]) throws -> HTMLReportTests.Output {
        try HTMLReportTests.run(HTMLReportTests.binary.path, arguments)
    }

    private var cpuHasAES: Bool {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        return cpuinfo.split(separator: "\n").contains { line in
            (line.hasPrefix("flags") || line.hasPrefix("Features")) && line.split(separator: " ").contains("aes")
        }
    }

    /// The acceptance check: collect for real, report, and see the AES-NI gain.
    func testCollectOpenSSLThenReportShowsTheGainOfAESNI() throws {
        _ = try HTMLReportTests.require("openssl", install: "apt-get install openssl")
        guard cpuHasAES else { throw XCTSkip("this CPU has no 'aes' flag, so there is no AES-NI gain to find") }
        let host = folder.appendingPathComponent("results/this-host").path
        let collected = try aesreport(["collect", "openssl", "-o", host, "--rounds", "2", "--seconds", "1",
                                       "--algorithms", "aes-128-cbc", "--bytes", "16384"])
        XCTAssertEqual(collected.status, 0, collected.stderr)
        XCTAssertTrue(collected.stderr.contains("[8/8] aes-128-cbc decrypt 16384 B, masked, round 2: "),
                      collected.stderr)
        let files = try FileManager.default.contentsOfDirectory(atPath: host + "/no-aesni").sorted()
        XCTAssertEqual(files, ["aesreport.manifest", "openssl-aes-128-cbc-decrypt-16384-r1.txt",
                               "openssl-aes-128-cbc-decrypt-16384-r2.txt", "openssl-aes-128-cbc-encrypt-16384-r1.txt",
                               "openssl-aes-128-cbc-encrypt-16384-r2.txt"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: host + "/cpuinfo.txt"))
        let masked = try String(contentsOfFile: host + "/no-aesni/openssl-aes-128-cbc-encrypt-16384-r1.txt",
                                encoding: .utf8)
        XCTAssertTrue(masked.contains(" env:~0x200000200000000:~0x60000000000:~0:~0:~0\n"), "openssl saw the mask")
        XCTAssertTrue(collected.stderr.contains("without AES-NI: AES instructions masked with "
                                                + "OPENSSL_ia32cap=~0x200000200000000:~0x60000000000:~0:~0:~0 (clears "
                                                + "AES-NI bit 57, PCLMULQDQ bit 33, VAES bit 64+41 and VPCLMULQDQ "
                                                + "bit 64+42; AVX, AVX2"), collected.stderr)
        // The collector checked openssl's CPUINFO line after each masked run and found exactly the AES bits clear.
        XCTAssertFalse(collected.stderr.contains("the mask"), collected.stderr)

        let out = folder.appendingPathComponent("report").path
        let report = try aesreport(["report", folder.appendingPathComponent("results").path, "-o", out])
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertTrue(report.stdout.contains("this-host: openssl speed with AES-NI (16384-byte blocks), encrypt +"),
                      report.stdout)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
        let gains = try XCTUnwrap((json as? [String: Any])?["openssl_speedups"] as? [[String: Any]])
        XCTAssertEqual(gains.count, 2)
        for gain in gains {
            XCTAssertEqual(gain["host"] as? String, "this-host")
            XCTAssertEqual(gain["rounds_with"] as? Int, 2)
            let percent = try XCTUnwrap(gain["percent"] as? Double)
            // Hardware AES is several times faster than openssl's table-based code on any CPU that has it.
            XCTAssertGreaterThan(percent, 50, "\(gain)")
        }
        let page = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        XCTAssertTrue(page.contains("AES-NI speedup in openssl speed"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/openssl-encrypt.png"))
    }

    func testCollectOpenSSLRefusesToMixWithEarlierResults() throws {
        let host = folder.appendingPathComponent("h").path
        try FileManager.default.createDirectory(atPath: host + "/with-aesni", withIntermediateDirectories: true)
        try "old".write(toFile: host + "/with-aesni/openssl-aes-128-cbc-encrypt-16384-r1.txt", atomically: true,
                        encoding: .utf8)
        try "keep".write(toFile: host + "/with-aesni/notes.txt", atomically: true, encoding: .utf8)
        let refused = try aesreport(["collect", "openssl", "-o", host, "--rounds", "1", "--algorithms", "aes-128-cbc"])
        XCTAssertEqual(refused.status, 1, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("/with-aesni/openssl-aes-128-cbc-encrypt-16384-r1.txt; nothing was run or written. Choose another folder, or pass --replace"),
                      refused.stderr)
        XCTAssertEqual(try String(contentsOfFile: host + "/with-aesni/notes.txt", encoding: .utf8), "keep")
    }

    func testCollectOptionsAreValidated() throws {
        let bad = try aesreport(["collect", "openssl", "-o", folder.path, "--bytes", "16,x"])
        XCTAssertEqual(bad.status, 64)
        XCTAssertTrue(bad.stderr.contains("--bytes takes block sizes"), bad.stderr)
        let badName = try aesreport(["collect", "dmcrypt", "-o", folder.path, "--mapping-name", "a/b", "--dry-run"])
        XCTAssertEqual(badName.status, 64)
    }

    func testDMCryptDryRunPrintsTheWholeProcedureAndTouchesNothing() throws {
        let out = folder.appendingPathComponent("guest").path
        let result = try aesreport(["collect", "dmcrypt", "--dry-run", "-o", out, "--ciphers", "aes-xts-plain64,aes-cbc-plain",
                                    "--rounds", "2", "--size", "64", "--backing-folder", "/run"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[0].hasPrefix("# This CPU "))
        XCTAssertTrue(lines[1].hasPrefix("# aesreport creates a private folder /run/aesreport-XXXXXX (mkdtemp, mode 0700)"))
        XCTAssertEqual(lines[2], "dd if=/dev/zero of=/run/aesreport-XXXXXX/backing.img bs=1M count=64 conv=notrunc")
        XCTAssertEqual(lines[3], "cryptsetup open --type plain --cipher aes-xts-plain64 --key-file /dev/urandom "
                       + "--key-size 256 -- /run/aesreport-XXXXXX/backing.img aesreport-crypt0")
        XCTAssertEqual(lines[4], "dd if=/dev/mapper/aesreport-crypt0 of=/dev/null bs=1M count=64 iflag=direct 2>> "
                       + out + "/aes-xts-plain64-read.txt")
        XCTAssertEqual(lines[5], "dd if=/dev/zero of=/dev/mapper/aesreport-crypt0 bs=1M count=64 oflag=direct 2>> "
                       + out + "/aes-xts-plain64-write.txt")
        XCTAssertEqual(lines.filter { $0.hasPrefix("dd if=/dev/mapper") }.count, 4, "2 ciphers x 2 rounds of reads")
        XCTAssertEqual(lines.filter { $0 == "cryptsetup close -- aesreport-crypt0" }.count, 2)
        XCTAssertEqual(lines.last, "# aesreport removes /run/aesreport-XXXXXX/backing.img and its folder (also after an "
                       + "error or a signal).")
        XCTAssertEqual(lines.count, 1 + 1 + 1 + 2 * (1 + 4 + 1) + 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out), "a dry run writes nothing")
        let seedLike = try aesreport(["collect", "dmcrypt", "--dry-run", "-o", out, "--no-direct", "--ciphers", "aes-ecb-plain"])
        XCTAssertTrue(seedLike.stdout.contains("dd if=/dev/mapper/aesreport-crypt0 of=/dev/null bs=1M count=1024 2>> "))
    }

    /// Where root and dm-crypt are missing, the real run refuses and names what is missing; where they are there,
    /// a small real run produces seed-style files that the report reads.
    func testDMCryptRealRunOrAClearRefusal() throws {
        let out = folder.appendingPathComponent("guest/with-aesni").path
        let result = try aesreport(["collect", "dmcrypt", "-o", out, "--ciphers", "aes-xts-plain64", "--rounds", "2",
                                    "--size", "16"])
        // Looked at after the run: as root the tool loads dm_mod, dm_crypt and loop itself where the kernel has them.
        let ready = getuid() == 0 && FileManager.default.fileExists(atPath: "/dev/mapper/control")
            && FileManager.default.fileExists(atPath: "/sys/module/dm_crypt")
            && HTMLReportTests.which("cryptsetup") != nil
        if !ready {
            XCTAssertEqual(result.status, 1, result.stderr)
            XCTAssertTrue(result.stderr.contains("error: cannot run the dm-crypt benchmark here:"), result.stderr)
            XCTAssertFalse(result.stderr.contains("Usage:"), "a refusal at run time is not a usage error")
            XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: "/dev/shm").contains { $0.hasPrefix("aesreport-") && $0.count == 16 })
            throw XCTSkip("real dm-crypt run on this host skipped (CollectVMTests runs it for real inside guests): "
                          + "needs root, cryptsetup, /dev/mapper/control and dm_crypt; "
                          + "this machine said: " + result.stderr.replacingOccurrences(of: "\n", with: " "))
        }
        XCTAssertEqual(result.status, 0, result.stderr)
        let read = try String(contentsOfFile: out + "/aes-xts-plain64-read.txt", encoding: .utf8)
        XCTAssertEqual(read.components(separatedBy: "copied").count - 1, 2, read)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/dev/mapper/aesreport-crypt0"))
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: "/dev/shm").contains { $0.hasPrefix("aesreport-") && $0.count == 16 },
                       "the private backing folder is removed")
    }
}
