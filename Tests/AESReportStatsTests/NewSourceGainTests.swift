import AESReportIngest
import AESReportModel
import AESReportStats
import Foundation
import XCTest

/// Gains from the inputs issue 17 added: fio results as rounds of series (end to end, from folders through
/// discovery into `ReportAnalysis`), tcrypt outputs whose drivers state their AES-NI state, cryptsetup tables.
final class NewSourceGainTests: XCTestCase {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let ingestFixtures = here.deletingLastPathComponent().appendingPathComponent("AESReportIngestTests/Fixtures")

    /// Real fio 3.33 JSON, rate-limited to 200 and 100 MiB/s (`--rate`) so that the two folders differ as with and
    /// without AES-NI would; the folder names give the states (Fixtures/README.md).
    func testFolderOfFioJSONResultsGivesGainsThroughReportAnalysis() throws {
        let folder = Self.here.appendingPathComponent("Fixtures/real-fio-rate-limited").path
        let discovery = RunDiscovery().discover(paths: [folder])
        XCTAssertEqual(discovery.diagnostics.filter { $0.severity > .note }, [])
        XCTAssertEqual(discovery.runs.map(\.aesni), [false, true])
        XCTAssertEqual(discovery.runs.map { $0.fio.count }, [6, 6])
        let analysis = ReportAnalysis(runs: discovery.runs, options: AnalysisOptions())
        let series = analysis.runs[1].series
        XCTAssertEqual(series.map(\.cipher), ["aes-xts-plain64", "aes-xts-plain64"])
        XCTAssertEqual(series.map(\.operation), [.read, .write])
        XCTAssertEqual(series[0].sampleRounds, [1, 2, 3])
        XCTAssertEqual(series[0].samples, [50_331_648 / 0.429, 50_331_648 / 0.240, 50_331_648 / 0.240])
        XCTAssertTrue(series[0].source.hasSuffix("with-aesni/fio-aes-xts-plain64-read-r1.json"))
        XCTAssertEqual(analysis.speedups.map(\.operation), [.read, .write])
        let read = try XCTUnwrap(analysis.speedups.first)
        XCTAssertEqual(read.cipher, "aes-xts-plain64")
        XCTAssertEqual(read.roundsWith, 3)
        XCTAssertEqual(read.roundsWithout, 3)
        XCTAssertEqual(read.withAESNI, 178_917_862.93706295, accuracy: 1e-6)
        XCTAssertEqual(read.withoutAESNI, 102_728_902.23798458, accuracy: 1e-6)
        XCTAssertEqual(read.estimate.ratio, 178_917_862.93706295 / 102_728_902.23798458, accuracy: 1e-12)
        let write = try XCTUnwrap(analysis.speedups.last)
        XCTAssertEqual(write.estimate.ratio, 209_425_137.48271093 / 104_640_503.51966874, accuracy: 1e-12)
        XCTAssertEqual(analysis.ranges.map(\.ciphers), [1, 1])
    }

    /// A plain and a masked `openssl speed` run pasted into one file (two real outputs of this machine, joined as
    /// people paste them) in a folder whose CPU dump has `aes`: the gain comes from the one file, by hand
    /// (37490689 x 16 / 0.99) / (7539048 x 16 / 0.61) at 16 bytes.
    func testPastedPlainAndMaskedOpenSSLRunsGiveAGainFromOneFile() throws {
        let folder = try TemporaryTree()
        try folder.copy(Self.ingestFixtures.appendingPathComponent("openssl/synthetic-pasted-plain-then-masked.txt"),
                        to: "box/run/openssl-speed.txt")
        try folder.copy(Self.ingestFixtures.appendingPathComponent("cpuinfo/real-proc-cpuinfo-x86-guest.txt"),
                        to: "box/run/cpuinfo.txt")
        let discovery = RunDiscovery().discover(paths: [folder.path])
        XCTAssertEqual(discovery.runs.count, 1)
        XCTAssertEqual(discovery.runs[0].openssl.count, 2)
        let analysis = ReportAnalysis(runs: discovery.runs, options: AnalysisOptions())
        let gains = analysis.opensslSpeedups
        XCTAssertEqual(gains.map(\.blockSize), [16, 64, 256, 1024, 8192, 16384])
        XCTAssertEqual(gains[0].gain.estimate.ratio, (37_490_689.0 * 16 / 0.99) / (7_539_048.0 * 16 / 0.61),
                       accuracy: 1e-12)
        XCTAssertEqual(gains[5].gain.estimate.ratio, (51_682.0 * 16384 / 0.78) / (3_986.0 * 16384 / 0.30),
                       accuracy: 1e-12)
    }

    /// A flat folder with the state in its file names (real dd output, rfjakob/gocryptfs#782: two 4 GiB writes
    /// per file), one cipher on both sides and one only with AES-NI: the pair gives its gain (the same file on both
    /// sides: ratio 1 by hand) and the lone series is named in a note, not dropped without a word.
    func testFileNameStatesPairAndALoneSeriesIsNamed() throws {
        let folder = try TemporaryTree()
        let dd = Self.ingestFixtures.appendingPathComponent("corpus/dd/real-gocryptfs-782-two-4gib-writes.txt")
        try folder.copy(dd, to: "box/aesni-aes-cbc-plain-write.txt")
        try folder.copy(dd, to: "box/NOAESNI-AES-CBC-PLAIN-WRITE.TXT")
        try folder.copy(dd, to: "box/aesni-aes-xts-plain64-write.txt")
        let discovery = RunDiscovery().discover(paths: [folder.path + "/box"])
        XCTAssertEqual(discovery.runs.map(\.aesni), [false, true])
        let analysis = ReportAnalysis(runs: discovery.runs, options: AnalysisOptions())
        XCTAssertEqual(analysis.speedups.map(\.cipher), ["aes-cbc-plain"])
        XCTAssertEqual(analysis.speedups[0].estimate.ratio, 1, accuracy: 1e-12)
        XCTAssertEqual(analysis.notes.filter { $0.contains("measured only in one state") },
                       ["host box: measured only in one state, so no gain for aes-xts-plain64 write (with AES-NI only)"])
    }

    /// A folder of three real sbc-bench logs (an Intel N150 and a Cortex-A53 with AES instructions, a Cortex-A7
    /// without): each log a run of its own with its state from the lscpu inside, the folder their host, and the
    /// aes-256-cbc gain the pooled table rows give by hand: the mean (= median) of the two boards with over the one
    /// without, at 16384 bytes ((1302380.54 + 650755.06) / 2) / 25122.13 (the first of each repeated row).
    func testFolderOfSBCBenchLogsComparesBoardsWithAndWithoutAES() throws {
        let folder = try TemporaryTree()
        for log in ["real-sbcbench-n150-x86-88vb.txt", "real-sbcbench-nanopi-m3-a53-4qaC.txt",
                    "real-sbcbench-nanopi-neo-a7-4MBf.txt"] {
            try folder.copy(Self.ingestFixtures.appendingPathComponent("corpus/sbc-bench/" + log), to: "boards/" + log)
        }
        let discovery = RunDiscovery().discover(paths: [folder.path + "/boards"])
        XCTAssertEqual(discovery.runs.map(\.label), ["real-sbcbench-n150-x86-88vb.txt (sbc-bench)",
                                                     "real-sbcbench-nanopi-m3-a53-4qaC.txt (sbc-bench)",
                                                     "real-sbcbench-nanopi-neo-a7-4MBf.txt (sbc-bench)"])
        XCTAssertEqual(discovery.runs.map(\.aesni), [true, true, false])
        XCTAssertEqual(discovery.runs.map(\.aesniSource), [.cpuDump, .cpuDump, .cpuDump])
        XCTAssertEqual(Set(discovery.runs.map(\.host)), ["boards"])
        let analysis = ReportAnalysis(runs: discovery.runs, options: AnalysisOptions())
        let gain = try XCTUnwrap(analysis.opensslSpeedups.first { $0.algorithm == "AES-256-CBC" && $0.blockSize == 16384 })
        XCTAssertEqual(gain.gain.roundsWith, 2)
        XCTAssertEqual(gain.gain.roundsWithout, 1)
        XCTAssertEqual(gain.gain.estimate.ratio, ((1_302_380_540.0 + 650_755_060.0) / 2) / 25_122_130.0, accuracy: 1e-9)
    }

    /// The two real tcrypt captures (QEMU TCG, `-cpu qemu64,+aes` and `-cpu qemu64`), each in a folder whose name
    /// says nothing: the drivers decide the states.
    func testTcryptDriversDecideTheStatesAndGiveGains() throws {
        let folder = try TemporaryTree()
        try folder.copy(Self.ingestFixtures.appendingPathComponent("tcrypt/real-dmesg-tcrypt-mode500-qemu64-aes.txt"),
                        to: "guest-a/tcrypt.txt")
        try folder.copy(Self.ingestFixtures.appendingPathComponent("tcrypt/real-dmesg-tcrypt-mode500-qemu64.txt"),
                        to: "guest-b/tcrypt.txt")
        let discovery = RunDiscovery().discover(paths: [folder.path])
        XCTAssertEqual(discovery.runs.map(\.aesni), [true, false])
        XCTAssertEqual(discovery.runs.map(\.aesniSource), [.tcryptDriver, .tcryptDriver])
        XCTAssertEqual(discovery.runs[0].aesniEvidence.map(\.line), [4])
        let analysis = ReportAnalysis(runs: discovery.runs, options: AnalysisOptions())
        let gains = analysis.tcryptSpeedups
        XCTAssertEqual(Set(gains.map(\.algorithm)), ["ecb(aes)", "cbc(aes)", "lrw(aes)", "cfb(aes)", "ofb(aes)"])
        let cbc = try XCTUnwrap(gains.first { $0.algorithm == "cbc(aes)" && $0.direction == .encrypt
            && $0.keyBits == 128 && $0.blockSize == 16 })
        XCTAssertEqual(cbc.driverWith, "cbc-aes-aesni")
        XCTAssertEqual(cbc.driverWithout, "cbc(aes-generic)")
        XCTAssertEqual(cbc.gain.withAESNI, 14_064_352)
        XCTAssertEqual(cbc.gain.withoutAESNI, 6_141_568)
        XCTAssertEqual(cbc.gain.estimate.ratio, 14_064_352.0 / 6_141_568.0)
        XCTAssertNil(cbc.gain.significant, "one output a side: no test")
        let ecb = try XCTUnwrap(gains.first { $0.algorithm == "ecb(aes)" && $0.direction == .encrypt
            && $0.keyBits == 256 && $0.blockSize == 4096 })
        XCTAssertEqual(ecb.gain.estimate.ratio, 97_619_968.0 / 1_933_312.0)
    }

    /// Real `cryptsetup benchmark` (2.6.1) in QEMU TCG guests of this machine, `-cpu qemu64,+aes` and `-cpu qemu64`,
    /// each folder with its guest's /proc/cpuinfo. Emulated and measured while other builds ran: the numbers are
    /// noise-ridden and AES-NI comes out slower; what is tested is the pairing and the arithmetic.
    func testRealCryptsetupOutputsGiveGainsPerCipherAndKeySize() throws {
        let folder = Self.here.appendingPathComponent("Fixtures/real-cryptsetup-tcg").path
        let discovery = RunDiscovery().discover(paths: [folder])
        XCTAssertEqual(discovery.runs.map(\.aesni), [false, true])
        let analysis = ReportAnalysis(runs: discovery.runs, options: AnalysisOptions())
        let gains = analysis.cryptsetupSpeedups
        // aes-xts was N/A with AES-NI (its self-test failed under TCG): no gain for it.
        XCTAssertFalse(gains.contains { $0.algorithm == "aes-xts" })
        XCTAssertEqual(gains.count, 2 * 10)
        let cbc = try XCTUnwrap(gains.first { $0.algorithm == "aes-cbc" && $0.keyBits == 128 && $0.direction == .encrypt })
        XCTAssertEqual(cbc.gain.withAESNI, 6.3 * 1_048_576)
        XCTAssertEqual(cbc.gain.withoutAESNI, 14.3 * 1_048_576)
        XCTAssertEqual(cbc.gain.estimate.ratio, (6.3 * 1_048_576) / (14.3 * 1_048_576))
        XCTAssertEqual(gains.first?.direction, .encrypt)
        XCTAssertEqual(gains.last?.direction, .decrypt)
    }

    func testCryptsetupGainsPerCipherKeySizeAndDirectionWithDecimalCommas() throws {
        let folder = try TemporaryTree()
        for (name, values) in [("with-aesni", ["2039,5", "2041,1", "2100,0", "2098,0"]),
                               ("no-aesni", ["203,9", "204,1", "210,0", "209,8"])] {
            for round in 0..<2 {
                let e = values[round * 2], d = values[round * 2 + 1]
                try folder.write("\(name)/cryptsetup-benchmark-\(round + 1).txt", """
                # Tests are approximate using memory only (no storage IO).
                PBKDF2-sha256    1456355 iterations per second for 256-bit key
                #     Algorithm |       Key |      Encryption |      Decryption
                        aes-xts        512b      \(e) MiB/s      \(d) MiB/s
                        aes-cbc        256b         N/A            N/A

                """)
            }
        }
        let discovery = RunDiscovery().discover(paths: [folder.path])
        XCTAssertEqual(discovery.diagnostics.filter { $0.severity > .note }, [])
        let analysis = ReportAnalysis(runs: discovery.runs, options: AnalysisOptions())
        let gains = analysis.cryptsetupSpeedups
        XCTAssertEqual(gains.map(\.algorithm), ["aes-xts", "aes-xts"])
        XCTAssertEqual(gains.map(\.direction), [.encrypt, .decrypt])
        XCTAssertEqual(gains.map(\.keyBits), [512, 512])
        XCTAssertEqual(gains[0].gain.withAESNI, (2039.5 + 2100.0) / 2 * 1_048_576)
        XCTAssertEqual(gains[0].gain.withoutAESNI, (203.9 + 210.0) / 2 * 1_048_576)
        XCTAssertEqual(gains[0].gain.roundsWith, 2)
        XCTAssertEqual(gains[0].gain.estimate.ratio, gains[0].gain.withAESNI / gains[0].gain.withoutAESNI)
        XCTAssertEqual(gains[1].gain.withAESNI, (2041.1 + 2098.0) / 2 * 1_048_576)
    }
}

/// A temporary folder removed when the test ends.
final class TemporaryTree {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-gains-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ relative: String, _ text: String) throws {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func copy(_ source: URL, to relative: String) throws {
        try write(relative, String(decoding: try Data(contentsOf: source), as: UTF8.self))
    }
}
