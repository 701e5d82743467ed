import Foundation
import XCTest

/// The output side of issue 17 on the command line: `collect dmcrypt --tool fio`'s dry run, `collect vm` passing the
/// tool on, `parse` of fio and tcrypt files, and `report`'s terminal lines for fio, cryptsetup and tcrypt gains.
final class FioOutputCommandTests: CommandLineTestCase {
    static let fixtures = repository.appendingPathComponent("Tests/AESReportIngestTests/Fixtures").path

    func testDryRunPrintsTheExactFioCommands() throws {
        let out = path("run")
        let result = try aesreport(["collect", "dmcrypt", "--tool", "fio", "--dry-run", "-o", out, "--rounds", "1",
                                    "--size", "8", "--ciphers", "aes-xts-plain64", "--fio-block-size", "4k",
                                    "--fio-iodepth", "8", "--fio-ioengine", "psync"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let fio = "--filename=/dev/mapper/aesreport-crypt0 --bs=4k --iodepth=8 --ioengine=psync --direct=1 --size=8M "
            + "--output-format=json"
        XCTAssertEqual(Array(result.stdout.split(separator: "\n").dropFirst().map(String.init)), [
            "# aesreport creates a private folder /dev/shm/aesreport-XXXXXX (mkdtemp, mode 0700) and in it backing.img "
                + "(O_CREAT|O_EXCL|O_NOFOLLOW, mode 0600); dd only fills it.",
            "# aesreport adds to \(out)/aesreport.manifest (written if missing): collect dmcrypt --tool fio: fio, "
                + "--direct=1 --bs=4k --iodepth=8 --ioengine=psync --size=8M, one job per round, read before write",
            "dd if=/dev/zero of=/dev/shm/aesreport-XXXXXX/backing.img bs=1M count=8 conv=notrunc",
            "cryptsetup open --type plain --cipher aes-xts-plain64 --key-file /dev/urandom --key-size 256 -- "
                + "/dev/shm/aesreport-XXXXXX/backing.img aesreport-crypt0",
            "fio --name=aes-xts-plain64-read " + fio.replacingOccurrences(of: "--bs", with: "--rw=read --bs")
                + " > \(out)/fio-aes-xts-plain64-read-r1.json",
            "fio --name=aes-xts-plain64-write " + fio.replacingOccurrences(of: "--bs", with: "--rw=write --bs")
                + " > \(out)/fio-aes-xts-plain64-write-r1.json",
            "cryptsetup close -- aesreport-crypt0",
            "# aesreport removes /dev/shm/aesreport-XXXXXX/backing.img and its folder (also after an error or a signal).",
        ])
        XCTAssertFalse(FileManager.default.fileExists(atPath: out), "a dry run writes nothing")
    }

    func testBadFioOptionsAreRefusedBeforeAnythingRuns() throws {
        for (option, value, message) in [("--fio-iodepth", "0", "--fio-iodepth must be between 1 and 4096"),
                                         ("--fio-block-size", "1x", "--fio-block-size must be a number of bytes"),
                                         ("--fio-ioengine", "mmap", "--fio-ioengine must be libaio, io_uring")] {
            let result = try aesreport(["collect", "dmcrypt", "--tool", "fio", "--dry-run", "-o", path("x"), option, value])
            XCTAssertEqual(result.status, 64, result.stderr)
            XCTAssertTrue(result.stderr.contains(message), result.stderr)
        }
    }

    func testCollectVMPassesTheToolToTheGuests() throws {
        // The dry run boots nothing; it only needs a kernel image to name.
        guard let image = ((try? FileManager.default.contentsOfDirectory(atPath: "/boot")) ?? [])
            .filter({ $0.hasPrefix("vmlinuz-") }).sorted().last else { throw XCTSkip("no /boot/vmlinuz-* to plan guests with") }
        let kernel = "/boot/" + image
        let result = try aesreport(["collect", "vm", "--dry-run", "--accelerator", "tcg", "--kernel", kernel, "-o",
                                    path("vm"), "--tool", "fio", "--fio-iodepth", "4", "--ciphers", "aes-xts-plain64"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let guests = result.stdout.split(separator: "\n").filter { $0.hasPrefix("vng ") }
        XCTAssertEqual(guests.count, 2, result.stdout)
        for guest in guests {
            XCTAssertTrue(guest.hasSuffix(" --ciphers aes-xts-plain64 --backing-folder /dev/shm --tool fio "
                                          + "--fio-block-size 1M --fio-iodepth 4'"), String(guest))
        }
        let dd = try aesreport(["collect", "vm", "--dry-run", "--accelerator", "tcg", "--kernel", kernel, "-o",
                                path("vm"), "--ciphers", "aes-xts-plain64"])
        XCTAssertFalse(dd.stdout.contains("--tool"), "dd keeps the seed's guest command")
    }

    func testParseShowsAFioFilesJobsAndDirections() throws {
        let result = try aesreport(["parse", Self.fixtures + "/fio/real-json-read.json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, """
        \(Self.fixtures)/fio/real-json-read.json: fio output, cipher real-json, read; 1 report (json fio-3.33)
        report  job              rw    direction      bytes  run time  fio's bw  IOPS  clat mean  clat p99  status
             1  aes-xts-plain64  read  read       134217728    505 ms  266 MB/s  4055   245.3 µs   4.18 ms  ok
        report 1 read: 266 MB/s (134217728 bytes in 0.505 s)

        """)
        let failed = try aesreport(["parse", Self.fixtures + "/fio/real-json-error-28.json"])
        XCTAssertTrue(failed.stdout.contains("  FAILED: error 28 (No space left on device)\n"), failed.stdout)
        XCTAssertTrue(failed.stdout.hasSuffix("report 1 write: failed: fio job 'full' failed with error 28 "
                                              + "(No space left on device)\n"), failed.stdout)
        let twoHosts = try aesreport(["parse", Self.fixtures + "/fio/synthetic-json-client-stats.json"])
        XCTAssertTrue(twoHosts.stdout.contains(" aes-xts-plain64@guest-b  read  read       134217728   2000 ms  "
                                               + "67.1 MB/s  1024   960.0 µs         -  ok\n"), twoHosts.stdout)
        let intervals = try aesreport(["parse", Self.fixtures + "/fio/real-json-status-interval.json"])
        XCTAssertTrue(intervals.stdout.contains("; 1 report (json fio-3.33), 4 interval reports before them\n"),
                      intervals.stdout)
        XCTAssertFalse(result.stdout.contains("nothing read"))
    }

    func testParseShowsATcryptFilesAlgorithmsDriversAndRows() throws {
        let result = try aesreport(["parse", Self.fixtures + "/tcrypt/real-dmesg-tcrypt-mode500-qemu64-aes.txt"])
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, Self.fixtures + "/tcrypt/real-dmesg-tcrypt-mode500-qemu64-aes.txt: tcrypt speed "
                       + "test, 10 tests; with AES-NI by the driver ecb-aes-aesni (line 4)")
        XCTAssertEqual(lines.dropFirst(2).first, "ecb(aes)   ecb-aes-aesni       encrypt       0  128b     16      "
                       + "791010   1 s   12.7 MB/s            -")
        let cycles = try aesreport(["parse", Self.fixtures + "/tcrypt/synthetic-tcrypt-cycles-generic.txt"])
        XCTAssertTrue(cycles.stdout.contains("xts(aes)   xts(ecb(aes-generic))  encrypt       0  256b     16           "
                                             + "-     -           -       119.44\n"), cycles.stdout)
    }

    /// The real run of `collect vm --tool fio` (fixture `runs/real-fio-collect-vm-tcg`): the gains appear.
    func testReportOnARealFioCollectionShowsTheGains() throws {
        let result = try aesreport(["report", Self.fixtures + "/runs/real-fio-collect-vm-tcg", "-o", path("report"),
                                    "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("real-fio-collect-vm-tcg: with AES-NI, reads +93% to +117% (not significant: "
                                              + "aes-cbc-essiv:sha256, aes-xts-plain64), writes +30% to +99%"),
                      result.stdout)
        XCTAssertTrue(result.stdout.contains("real-fio-collect-vm-tcg  aes-xts-plain64       read   15.4 MB/s  33.4 MB/s  "
                                             + "+117% ~"), result.stdout)
    }

    /// cryptsetup and tcrypt outputs with and without AES-NI: their lines, the memory-only note, and no "no speedup".
    func testReportTerminalShowsCryptsetupAndTcryptGains() throws {
        let fixtures = URL(fileURLWithPath: Self.fixtures)
        let runs = folder.appendingPathComponent("runs/h")
        for (state, tcrypt, cryptsetup, aesni) in [
            ("with-aesni", "real-dmesg-tcrypt-mode500-qemu64-aes.txt", "synthetic-benchmark-2.x.txt", "yes"),
            ("no-aesni", "real-dmesg-tcrypt-mode500-qemu64.txt", "synthetic-benchmark-1.6.txt", "no"),
        ] {
            let run = runs.appendingPathComponent(state)
            try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent("tcrypt/" + tcrypt),
                                             to: run.appendingPathComponent("tcrypt.txt"))
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent("cryptsetup/" + cryptsetup),
                                             to: run.appendingPathComponent("cryptsetup-benchmark.txt"))
            try "aesni = \(aesni)\n".write(to: run.appendingPathComponent("aesreport.manifest"), atomically: false,
                                           encoding: .utf8)
        }
        let result = try aesreport(["report", folder.appendingPathComponent("runs").path, "-o", path("out"),
                                    "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(Array(lines.prefix(2)), [
            "h: cryptsetup benchmark with AES-NI, encryption +10% to +82%, decryption +9% to +53% (2 ciphers and key "
                + "sizes; memory only)",
            "h: tcrypt with AES-NI (4096-byte blocks), encryption -87% to +4949%, decryption -77% to +5488% "
                + "(5 algorithms, each on the driver the kernel chose)",
        ])
        XCTAssertTrue(lines.contains("h     aes-cbc     128b  encrypt     594 MB/s  1.08 GB/s  +82% (untested)  n/a  "
                                     + "             n/a (1 round)"), result.stdout)
        XCTAssertTrue(lines.contains("note: cryptsetup benchmark measures the kernel cipher in memory only (no disk, "
                                     + "no dm-crypt queueing): its gains are the cipher's, not the encrypted disk's"))
        XCTAssertTrue(lines.contains { $0.hasPrefix("h     ecb(aes)  ecb-aes-aesni       256b   4096  decrypt ") },
                      result.stdout)
        XCTAssertFalse(result.stdout.contains("no speedup"), result.stdout)
        XCTAssertFalse(result.stdout.contains("no series to summarise"), result.stdout)

        // The tcrypt gains as a chart, like openssl's speedup chart: a band per algorithm and key size at the
        // largest block size, its title saying which, its SVG text naming the bands.
        let charts = try aesreport(["report", folder.appendingPathComponent("runs").path, "-o", path("charts"),
                                    "--format", "svg"])
        XCTAssertEqual(charts.status, 0, charts.stderr)
        let svg = try String(contentsOfFile: path("charts") + "/tcrypt-speedup.svg", encoding: .utf8)
        XCTAssertTrue(svg.contains("Kernel tcrypt: what AES-NI buys, by algorithm (4096-byte blocks)"))
        XCTAssertTrue(svg.contains(">ecb(aes) 256b</text>"), svg)
        XCTAssertTrue(svg.contains(">decrypt</text>"))
    }
}
