import Foundation
import XCTest

/// Issue 25, item 1, through the built binary: the three reproductions of the review (a dd round of 2^63 - 1 bytes
/// in 1e-289 s, fio's `bw_bytes` of 1.7e308 with a zero run time, tcrypt's 2^63 - 1 bytes in 1 s) made `report -o`
/// and `compare -o` die of SIGILL with nothing written and temporaries left, under every `--centre` and
/// `--error-bars`. Now each is an error naming its file and line, the report is written whole (and exits 1, as
/// for any error), and the folder holds exactly the files it says it wrote.
final class AbsurdFiguresCommandTests: CommandLineTestCase {
    private func writeRuns(under root: String) throws {
        let absurd = "20+0 records in\n20+0 records out\n9223372036854775807 bytes (9.2 EB) copied, 1e-289 s, 9.2 EB/s\n"
        let sane = "20+0 records in\n20+0 records out\n21474836480 bytes (21 GB) copied, 11.05 s, 1.9 GB/s\n"
        for (state, driver) in [("aesni", "xts-aes-aesni"), ("noaesni", "xts(ecb(aes-generic))")] {
            let run = root + "/host/guest-" + state
            try FileManager.default.createDirectory(atPath: run, withIntermediateDirectories: true)
            try (sane + absurd + sane + absurd).write(toFile: run + "/aes-xts-plain64-read.txt", atomically: false,
                                                      encoding: .utf8)
            for round in 1...2 {
                let (bw, runtime) = round == 1 ? ("1.7e308", 0) : ("104857600", 10000)
                try """
                    {"fio version":"fio-3.33","jobs":[{"jobname":"aes-xts-plain64","error":0,"job options":{"rw":"write"},
                    "write":{"io_kbytes":1048576,"bw_bytes":\(bw),"bw":0,"runtime":\(runtime)}}]}
                    """.write(toFile: run + "/fio-aes-xts-plain64-write-r\(round).json", atomically: false, encoding: .utf8)
            }
            try """
                [  203.7] tcrypt: testing speed of async xts(aes) (\(driver)) encryption
                [  203.8] tcrypt: test 0 (256 bit key, 16 byte blocks): 9223372036854775807 operations in 1 seconds (9223372036854775807 bytes)
                [  203.9] tcrypt: test 1 (256 bit key, 64 byte blocks): 1436385 operations in 1 seconds (91928640 bytes)

                """.write(toFile: run + "/tcrypt-dmesg.txt", atomically: false, encoding: .utf8)
        }
    }

    /// The names after `wrote N files to DIR: `.
    private func wrote(_ stdout: String) -> [String] {
        guard let line = stdout.split(separator: "\n").last(where: { $0.hasPrefix("wrote ") }),
              let colon = line.range(of: ": ") else { return [] }
        return line[colon.upperBound...].components(separatedBy: ", ").sorted()
    }

    /// The folder's files but the record of what aesreport wrote (`.aesreport-files`) and its lock.
    private func listing(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0 != ".aesreport-files" && $0 != ".aesreport.lock" }.sorted()
    }

    func testReportAndCompareOfAbsurdFiguresWriteEverythingForEveryCentreAndErrorBarMode() throws {
        let runs = path("runs")
        try writeRuns(under: runs)
        try writeRuns(under: path("other"))
        for centre in ["mean", "median", "total"] {
            for errorBars in ["ci95", "stdev"] {
                let out = path("out-\(centre)-\(errorBars)")
                let report = try aesreport(["report", runs, "-o", out, "--centre", centre, "--error-bars", errorBars,
                                            "--format", "html,json,csv,md,svg,png"])
                XCTAssertEqual(report.status, 1, "errors exit 1, no signal: \(report.stderr)")
                for expected in [
                    "guest-aesni/aes-xts-plain64-read.txt:4: error: round 2: 9223372036854775807 bytes in 1e-289 s: "
                        + "a throughput of 9.22e307 B/s is beyond any real device (at most 1 PB/s is accepted); not averaged",
                    "guest-noaesni/aes-xts-plain64-read.txt:10: error: round 4: ",
                    "guest-aesni/fio-aes-xts-plain64-write-r1.json:1: error: write: fio's figures are no measurement: "
                        + "1073741824 bytes in 6.31613e-300 s: a throughput of 1.70e308 B/s is beyond",
                    "guest-noaesni/tcrypt-dmesg.txt:2: error: tcrypt test 0: 9223372036854775807 bytes in 1 s: "
                        + "a throughput of 9.22e18 B/s is beyond",
                ] {
                    XCTAssertTrue(report.stderr.contains(expected), "\(centre) \(errorBars): \(expected)\n\(report.stderr)")
                }
                let written = wrote(report.stdout)
                XCTAssertTrue(Set(written).isSuperset(of: ["index.html", "summary.json", "summary.csv", "summary.md",
                                                           "read.svg", "read.png", "write.svg", "speedup.svg"]),
                              "\(centre) \(errorBars): \(report.stdout)")
                XCTAssertEqual(try listing(out), written,
                               "nothing but the files written: no temporaries")
                XCTAssertTrue(report.stdout.contains("host: with AES-NI, reads +0.0%"), report.stdout)

                let compared = path("compare-\(centre)-\(errorBars)")
                let compare = try aesreport(["compare", runs, path("other"),
                                             "-o", compared, "--centre", centre, "--error-bars", errorBars])
                XCTAssertEqual(compare.status, 1, "errors exit 1, no signal: \(compare.stderr)")
                XCTAssertTrue(compare.stderr.contains("aes-xts-plain64-read.txt:10: error: round 4: "), compare.stderr)
                let comparedFiles = try listing(compared)
                XCTAssertTrue(Set(comparedFiles).isSuperset(of: ["comparison.json", "comparison.md", "compare-read.svg"]),
                              "\(comparedFiles)\n\(compare.stderr)")
                XCTAssertEqual(comparedFiles, wrote(compare.stdout), "no temporaries")
            }
        }
    }
}
