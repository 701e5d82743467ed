import AESReportIngest
import AESReportModel
import Foundation
import XCTest

/// The defects logs written by other people showed (issue 24), one test each. Inputs named `synthetic` are written
/// here in the published formats to isolate one case; the others are corpus files (`Fixtures/corpus/`).
final class RealLogDefectTests: XCTestCase {
    // MARK: dd's status=progress line in pasted logs

    func testProgressLineBeforeTheSummaryOfTheSameTransferIsNotARound() throws {
        let parsed = DDLogParser.parse(file: Fixture.path("corpus/dd/real-rusefi-7462-status-progress.txt"))
        let log = try XCTUnwrap(parsed.value)
        XCTAssertEqual(log.rounds.count, 1)
        XCTAssertEqual(log.rounds[0].transfer?.bytes, 134_217_728)
        XCTAssertEqual(log.rounds[0].transfer?.seconds, 129.408)
        XCTAssertEqual(log.rounds[0].bytesPerSecond!, 134_217_728 / 129.408, accuracy: 1e-6)
        XCTAssertTrue(parsed.diagnostics.contains { $0.line == 2 && $0.severity == .note
            && $0.message.contains("status=progress") })
    }

    func testProgressLineBeforeAnIOErrorIsNotASuccessfulRound() throws {
        // synthetic: the case, coreutils' messages in the order dd prints them.
        let text = """
            2097152 bytes (2.1 MB, 2.0 MiB) copied, 1 s, 2.1 MB/s
            dd: error reading '/dev/sdb': Input/output error
            4+0 records in
            4+0 records out
            4194304 bytes (4.2 MB, 4.0 MiB) copied, 1.93712 s, 2.2 MB/s

            """
        let parsed = DDLogParser.parse(text: text, path: "synthetic-progress-then-eio-read.txt")
        let log = try XCTUnwrap(parsed.value)
        XCTAssertEqual(log.rounds.count, 1)
        XCTAssertFalse(log.hasCompleteRound)
        XCTAssertEqual(log.rounds[0].failure?.contains("Input/output error"), true)
        XCTAssertEqual(log.rounds[0].transfer?.bytes, 4_194_304)
    }

    func testWholeSecondsSummaryAtTheEndOfTheFileIsStillARound() throws {
        // synthetic: a summary with whole seconds and nothing after it is a transfer, not progress.
        let parsed = DDLogParser.parse(text: "1048576 bytes (1.0 MB, 1.0 MiB) copied, 2 s, 524 kB/s\n",
                                       path: "synthetic-whole-seconds-read.txt")
        let log = try XCTUnwrap(parsed.value)
        XCTAssertEqual(log.completeRounds.count, 1)
        XCTAssertEqual(log.rounds[0].bytesPerSecond, 524_288)
    }

    func testTwoSummariesOfOneTransferThroughSSHAreCalledOut() throws {
        // synthetic: `dd if=/dev/zero bs=1M count=64 | ssh nas dd of=/mnt/crypt/f`, both dd's summaries in one
        // log, coreutils' format; the remote dd reads the pipe in partial records.
        let text = """
            64+0 records in
            64+0 records out
            67108864 bytes (67 MB, 64 MiB) copied, 1.2061 s, 55.6 MB/s
            0+2048 records in
            0+2048 records out
            67108864 bytes (67 MB, 64 MiB) copied, 1.19873 s, 56.0 MB/s

            """
        let parsed = DDLogParser.parse(text: text, path: "synthetic-ssh-pipe-write.txt")
        XCTAssertEqual(parsed.value?.completeRounds.count, 2)
        let warnings = parsed.diagnostics.filter { $0.message.contains("summaries of one transfer") }
        XCTAssertEqual(warnings.map(\.line), [4])
        // Rounds of the same command (equal records) are measurements, however alike.
        let repeated = DDLogParser.parse(text: text.replacingOccurrences(of: "0+2048", with: "64+0"),
                                         path: "synthetic-repeated-write.txt")
        XCTAssertFalse(repeated.diagnostics.contains { $0.message.contains("summaries of one transfer") })
    }

    // MARK: openssl

    func testRunsOfZeroSecondsAreSaidNotDropped() throws {
        let parsed = OpenSSLSpeedParser.parse(file: Fixture.path("corpus/openssl/real-devcrypto-engine-doing-only.txt"))
        XCTAssertEqual(parsed.value?.results.map(\.blockSize), [64, 256, 1024, 8192])
        let zero = parsed.diagnostics.filter { $0.message.contains("0.00 s") }
        XCTAssertEqual(zero.count, 1)
        XCTAssertEqual(zero.first?.line, 7)
    }

    func testTimerRoundingIsNoWarningAndRealDisagreementIsOneWarningPerFile() throws {
        // synthetic: the Windows build's counts (openssl#17844) under a table off by 0.03% (timer rounding) at
        // 16 bytes and by 10% at 64 and 256 bytes.
        let exact16 = 77_371_491.0 * 16 / 3.00, exact64 = 26_191_364.0 * 64 / 3.01, exact256 = 7_378_834.0 * 256 / 3.00
        func k(_ value: Double) -> String { String(format: "%.2fk", value / 1000) }
        let text = """
            Doing aes-128-cbc for 3s on 16 size blocks: 77371491 aes-128-cbc's in 3.00s
            Doing aes-128-cbc for 3s on 64 size blocks: 26191364 aes-128-cbc's in 3.01s
            Doing aes-128-cbc for 3s on 256 size blocks: 7378834 aes-128-cbc's in 3.00s
            The 'numbers' are in 1000s of bytes per second processed.
            type             16 bytes     64 bytes    256 bytes
            aes-128-cbc     \(k(exact16 * 1.0003))   \(k(exact64 * 1.1))   \(k(exact256 * 0.9))

            """
        let parsed = OpenSSLSpeedParser.parse(text: text, path: "synthetic-openssl-windows-timer.txt")
        let speed = try XCTUnwrap(parsed.value)
        XCTAssertEqual(speed.results.map(\.bytesPerSecond), [exact16, exact64, exact256])
        let warnings = parsed.diagnostics.filter { $0.severity == .warning }
        XCTAssertEqual(warnings.count, 1)
        XCTAssertTrue(warnings[0].message.hasPrefix("2 table rate(s) differ"), warnings[0].message)
        XCTAssertTrue(warnings[0].message.contains("at 64 bytes"), warnings[0].message)
    }

    func testNonEVPNamesWithASpaceAreOneAlgorithm() throws {
        let parsed = OpenSSLSpeedParser.parse(file: Fixture.path("corpus/openssl/real-termux-1.1.1-speed-aes-excerpt.txt"))
        let speed = try XCTUnwrap(parsed.value)
        XCTAssertEqual(Set(speed.results.map(\.algorithm)), ["aes-128-cbc", "aes-192-cbc", "aes-256-cbc"])
        XCTAssertEqual(speed.results.first?.bytesPerSecond, 42_671_097.0 * 16 / 3.00)
    }

    func testARMCapabilityWordIsEvidence() throws {
        let path = Fixture.path("corpus/openssl/real-rpi4-armv4-3.0.0-aes-256-gcm-armcap.txt")
        let speed = try XCTUnwrap(OpenSSLSpeedParser.parse(file: path).value)
        XCTAssertEqual(speed.aesni, false) // 0x3: NEON and the tick only, no ARMV8_AES (0x4)
        XCTAssertEqual(speed.capabilityLine, 7)
        let withAES = OpenSSLSpeedParser.parse(text: "CPUINFO: OPENSSL_armcap=0x87d\ntype 16 bytes\naes-128-cbc 1.00k\n",
                                               path: "synthetic-armcap.txt")
        XCTAssertEqual(withAES.value?.aesni, true)
    }

    func testSBCBenchClusterRowsAreSeriesOfTheirOwnAndRepeatsAreOneNote() throws {
        let path = Fixture.path("corpus/sbc-bench/real-sbcbench-rk3588-opi5max-XyIw.txt")
        let parsed = OpenSSLSpeedParser.parse(file: path)
        let speed = try XCTUnwrap(parsed.value)
        XCTAssertEqual(Set(speed.results.map(\.algorithm)), ["aes-256-cbc (Cortex-A55)", "aes-256-cbc (Cortex-A76)"])
        // The first A76 row (line 563), not the repeat (line 564).
        XCTAssertEqual(speed.results.first { $0.algorithm.hasSuffix("A76)") && $0.blockSize == 16384 }?.bytesPerSecond,
                       1_300_004_860)
        XCTAssertEqual(parsed.diagnostics.filter { $0.message.contains("repeat a name") }.count, 1)
    }

    // MARK: several outputs in one file

    func testPastedPlainAndMaskedRunsAreTwoOutputsWithTheirOwnEvidence() throws {
        let parsed = OpenSSLSpeedOutputsParser.parse(file: Fixture.path("openssl/synthetic-pasted-plain-then-masked.txt"))
        let outputs = try XCTUnwrap(parsed.value)
        XCTAssertEqual(outputs.count, 2)
        XCTAssertEqual(outputs.map(\.aesni), [true, false])
        XCTAssertEqual(outputs.map(\.capabilityLine), [12, 27])
        XCTAssertEqual(outputs[1].capabilityMask, "~0x200000200000000")
        XCTAssertEqual(outputs.map { $0.results.count }, [6, 6])
        XCTAssertEqual(outputs[0].results[0].bytesPerSecond, 37_490_689.0 * 16 / 0.99)
        XCTAssertEqual(outputs[1].results[0].bytesPerSecond, 7_539_048.0 * 16 / 0.61)
        XCTAssertTrue(parsed.diagnostics.contains { $0.message.hasPrefix("2 openssl speed outputs") })
    }

    func testMaskingCommandLineIsEvidenceWhereTheOutputPrintsNone() throws {
        // openssl before 3.0 prints no CPUINFO line: the command line before the masked run is the evidence.
        let parsed = OpenSSLSpeedOutputsParser.parse(
            file: Fixture.path("openssl/synthetic-pasted-plain-then-masked-no-cpuinfo.txt"))
        let outputs = try XCTUnwrap(parsed.value)
        XCTAssertEqual(outputs.map(\.aesni), [nil, false])
        XCTAssertEqual(outputs[1].capabilityLine, 15)
    }

    func testTablesUnderOneHeaderWithHeadingsBetweenAreOutputsOfTheirOwn() throws {
        let outputs = try XCTUnwrap(OpenSSLSpeedOutputsParser.parse(
            file: Fixture.path("corpus/openssl/real-erlang-otp-372-four-tables.txt")).value)
        XCTAssertEqual(outputs.map { $0.results.first?.algorithm }, ["aes-128-cbc", "aes-128-cbc", "rc4", "aes-128-gcm"])
        XCTAssertEqual(outputs[0].results.last?.bytesPerSecond, 113_988_950) // generic, 8192 bytes
        XCTAssertEqual(outputs[1].results.last?.bytesPerSecond, 669_777_920) // EVP with AES-NI
    }

    func testCryptsetupPasteOfSeveralMachinesIsSaidAndNotMixed() throws {
        let parsed = CryptsetupBenchmarkParser.parse(file: Fixture.path("cryptsetup/synthetic-three-machines-pasted.txt"))
        let benchmark = try XCTUnwrap(parsed.value)
        XCTAssertEqual(benchmark.machine, "GnuBee PC2 (MT7621)")
        XCTAssertEqual(benchmark.ciphers.count, 12) // the GnuBee's table only
        XCTAssertEqual(benchmark.ciphers.first?.encryption, 11.0 * 1_048_576)
        let warning = try XCTUnwrap(parsed.diagnostics.first { $0.message.hasPrefix("this file holds the outputs of 3") })
        XCTAssertEqual(warning.line, 23)
        XCTAssertTrue(warning.message.contains("'Raspberry Pi' at line 45"), warning.message)
        // A prompt (`# cryptsetup benchmark`) names no machine.
        let one = CryptsetupBenchmarkParser.parse(file: Fixture.path("corpus/cryptsetup/real-gnubee-mt7621-cryptsetup-1x.txt"))
        XCTAssertNil(one.value?.machine)
        XCTAssertFalse(one.diagnostics.contains { $0.message.contains("machines") })
    }

    // MARK: gzip-compressed logs

    func testGzipLogIsReadThroughZlibAndKeepsItsName() throws {
        let parsed = DDLogParser.parse(file: Fixture.path("gzip/aes-cbc-plain-write.txt.gz"))
        let log = try XCTUnwrap(parsed.value)
        XCTAssertEqual(log.cipher, "aes-cbc-plain")
        XCTAssertEqual(log.operation, .write)
        XCTAssertEqual(log.rounds.map { $0.transfer?.seconds }, [203.179, 21.6115])
        XCTAssertEqual(InputKind.fromName("x/AES-CBC-PLAIN-WRITE.TXT.GZ"), .ddLog)
        XCTAssertNil(InputKind.fromName("x/notes.txt.gz"))
        let tree = try TemporaryFolder()
        try tree.copy(fixture: "gzip/aes-cbc-plain-write.txt.gz", to: "run/aes-cbc-plain-write.txt.gz")
        try tree.copy(fixture: "gzip/aes-cbc-plain-write.txt.gz", to: "run/unnamed.gz") // told by its content
        let found = RunDiscovery().discover(paths: [tree.path])
        XCTAssertEqual(found.runs.first?.ddLogs.map(\.cipher), ["aes-cbc-plain", nil])
    }

    func testGzipMembersAppendedAreOneLog() throws {
        let log = try XCTUnwrap(DDLogParser.parse(file: Fixture.path("gzip/two-members-read.txt.gz")).value)
        XCTAssertEqual(log.rounds.compactMap { $0.transfer?.bytes }, [134_217_728, 4_294_967_296, 4_294_967_296])
    }

    func testGzipCutShortIsAnErrorAndABombIsBounded() throws {
        let cut = DDLogParser.parse(file: Fixture.path("gzip/cut-short-write.txt.gz"))
        XCTAssertNil(cut.value)
        XCTAssertTrue(cut.diagnostics.contains { $0.severity == .error && $0.message.contains("cut short") },
                      "\(cut.diagnostics)")
        // 4 MiB of zeros in a 4 KiB file: refused past the limit, as a 4 MiB plain file would be.
        let bomb = DDLogParser.parse(file: Fixture.path("gzip/zeros-bomb-read.txt.gz"),
                                     policy: ReadPolicy(maxFileSize: 1 << 20))
        XCTAssertNil(bomb.value)
        XCTAssertEqual(bomb.diagnostics.filter { $0.severity == .error }.count, 1, "\(bomb.diagnostics)")
        XCTAssertTrue(bomb.diagnostics[0].message.contains("1048576"), bomb.diagnostics[0].message)
    }

    // MARK: names people use

    func testCipherNamesAreCaseInsensitiveAndTheStateInTheNameIsRead() {
        XCTAssertEqual(ResultFileName(path: "x/AES-CBC-PLAIN-WRITE.TXT"),
                       ResultFileName(cipher: "aes-cbc-plain", operation: .write))
        XCTAssertEqual(ResultFileName(path: "aesni-aes-xts-plain64-read.txt"),
                       ResultFileName(cipher: "aes-xts-plain64", operation: .read, aesni: true))
        XCTAssertEqual(ResultFileName(path: "NoAESNI_aes-xts-plain64_read.log"),
                       ResultFileName(cipher: "aes-xts-plain64", operation: .read, aesni: false))
        XCTAssertEqual(ResultFileName(path: "aes-xts-plain64-no-aesni-write.txt"),
                       ResultFileName(cipher: "aes-xts-plain64", operation: .write, aesni: false))
        XCTAssertEqual(ResultFileName(path: "aes-xts-plain64-read-aesni.txt"),
                       ResultFileName(cipher: "aes-xts-plain64", operation: .read, aesni: true))
        XCTAssertEqual(ResultFileName(path: "aes-xts-plain64-read.txt")?.aesni, nil)
        XCTAssertNil(ResultFileName(path: "aesni-read.txt"))
    }

    func testFlatFolderWithTheStateInFileNamesIsTwoRunsOfOneHost() throws {
        let tree = try TemporaryFolder()
        // Real dd output (rfjakob/gocryptfs#782) under the names people give such a folder.
        try tree.copy(fixture: "corpus/dd/real-gocryptfs-782-two-4gib-writes.txt", to: "box/aesni-aes-cbc-plain-write.txt")
        try tree.copy(fixture: "corpus/dd/real-gocryptfs-782-two-4gib-writes.txt",
                      to: "box/noaesni-AES-CBC-PLAIN-WRITE.TXT")
        let found = RunDiscovery().discover(paths: [tree.path + "/box"])
        XCTAssertEqual(found.runs.map(\.label), ["no-aesni (file names)", "with-aesni (file names)"])
        XCTAssertEqual(found.runs.map(\.aesni), [false, true])
        XCTAssertEqual(found.runs.map(\.aesniSource), [.folderName, .folderName])
        XCTAssertEqual(Set(found.runs.map(\.host)), ["box"])
        XCTAssertEqual(found.runs.map { $0.ddLogs.map(\.cipher) }, [["aes-cbc-plain"], ["aes-cbc-plain"]])
    }
}
