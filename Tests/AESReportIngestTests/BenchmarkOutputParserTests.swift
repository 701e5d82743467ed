import AESReportIngest
import AESReportModel
import XCTest

final class OpenSSLSpeedParserTests: XCTestCase {
    private func speed(_ fixture: String) throws -> OpenSSLSpeed {
        let parsed = OpenSSLSpeedParser.parse(file: Fixture.path("openssl/" + fixture))
        XCTAssertEqual(parsed.diagnostics, [], fixture)
        return try XCTUnwrap(parsed.value)
    }

    func testRealHumanOutputWithAESNI() throws {
        let speed = try speed("real-aes-128-cbc-aesni.txt")
        XCTAssertEqual(speed.aesni, true)
        XCTAssertNil(speed.capabilityMask)
        XCTAssertEqual(speed.version, "3.0.19")
        XCTAssertEqual(speed.direction, .encrypt)
        XCTAssertFalse(speed.machineReadable)
        XCTAssertEqual(speed.results.map(\.blockSize), [16, 64, 256, 1024, 8192, 16384])
        XCTAssertEqual(speed.results.map(\.algorithm), Array(repeating: "AES-128-CBC", count: 6))
        XCTAssertEqual(speed.results[0].operations, 37_490_689)
        XCTAssertEqual(speed.results[0].seconds, 0.99)
        XCTAssertEqual(speed.results[0].bytesPerSecond, 37_490_689.0 * 16 / 0.99)
        XCTAssertEqual(speed.results[1].bytesPerSecond, 15_468_511.0 * 64 / 1.00)
    }

    func testRealHumanOutputWithAESNIMasked() throws {
        let speed = try speed("real-aes-128-cbc-noaesni.txt")
        XCTAssertEqual(speed.aesni, false)
        XCTAssertEqual(speed.capabilityMask, "~0x200000200000000")
        XCTAssertEqual(speed.results[0].bytesPerSecond, 7_539_048.0 * 16 / 0.61)
        let fast = try self.speed("real-aes-128-cbc-aesni.txt")
        XCTAssertGreaterThan(fast.results[5].bytesPerSecond, 2 * speed.results[5].bytesPerSecond)
    }

    func testDecryptDirectionComesFromTheFileName() throws {
        let speed = try speed("real-aes-256-cbc-decrypt-aesni.txt")
        XCTAssertEqual(speed.direction, .decrypt)
        XCTAssertEqual(speed.results.first?.bytesPerSecond, 16_279_766.0 * 16 / 0.52)
    }

    func testRealMachineReadableOutput() throws {
        let speed = try speed("real-aes-256-ctr-mr-aesni.txt")
        XCTAssertTrue(speed.machineReadable)
        XCTAssertNil(speed.aesni, "-mr output does not print the CPUINFO line")
        XCTAssertEqual(speed.results.map(\.blockSize), [16, 64, 256, 1024, 8192, 16384])
        XCTAssertEqual(speed.results[0].operations, 31_755_467)
        XCTAssertEqual(speed.results[0].bytesPerSecond, 31_755_467.0 * 16 / 1.0)
        XCTAssertEqual(speed.results[1].bytesPerSecond, 24_236_203.0 * 64 / 0.99)
        let masked = try self.speed("real-aes-256-ctr-mr-noaesni.txt")
        XCTAssertEqual(masked.results[0].bytesPerSecond, 3_454_258.0 * 16 / 0.99)
    }

    func testTableOnlyOutputIsReadInThousandsOfBytes() {
        let text = "The 'numbers' are in 1000s of bytes per second processed.\n"
            + "type             16 bytes     64 bytes\nAES-128-CBC     197745.52k   231687.01k\n"
        let parsed = OpenSSLSpeedParser.parse(text: text, path: "openssl-table.txt")
        XCTAssertEqual(parsed.value?.results.map(\.bytesPerSecond), [197_745_520, 231_687_010])
        XCTAssertEqual(parsed.value?.results.map(\.operations), [nil, nil])
    }

    func testOutputWithoutResultsIsAnError() {
        let parsed = OpenSSLSpeedParser.parse(text: "openssl: command not found\n", path: "openssl-speed.txt")
        XCTAssertNil(parsed.value)
        XCTAssertEqual(parsed.diagnostics.map(\.severity), [.error])
    }
}

final class CryptsetupBenchmarkParserTests: XCTestCase {
    func testRealOutputWithoutKernelCryptoInterface() throws {
        let parsed = CryptsetupBenchmarkParser.parse(file: Fixture.path("cryptsetup/real-benchmark-no-kernel-capi.txt"))
        let benchmark = try XCTUnwrap(parsed.value)
        XCTAssertEqual(benchmark.error, "Required kernel crypto interface not available. "
                           + "Ensure you have algif_skcipher kernel module loaded.")
        XCTAssertEqual(benchmark.ciphers, [])
        XCTAssertEqual(benchmark.pbkdf.map(\.name), ["PBKDF2-sha1", "PBKDF2-sha256", "PBKDF2-sha512",
                                                     "PBKDF2-ripemd160", "PBKDF2-whirlpool", "argon2i", "argon2id"])
        XCTAssertEqual(benchmark.pbkdf[0].iterations, 1_004_383)
        XCTAssertEqual(benchmark.pbkdf[0].keyBits, 256)
        XCTAssertEqual(benchmark.pbkdf[5].memoryKiB, 535_413)
        XCTAssertEqual(benchmark.pbkdf[5].threads, 4)
        XCTAssertEqual(parsed.diagnostics.map(\.severity), [.warning])
    }

    func testCipherTableWithNotAvailableEntries() throws {
        let parsed = CryptsetupBenchmarkParser.parse(file: Fixture.path("cryptsetup/synthetic-benchmark-2.x.txt"))
        XCTAssertEqual(parsed.diagnostics, [])
        let benchmark = try XCTUnwrap(parsed.value)
        XCTAssertEqual(benchmark.ciphers.count, 13)
        let xts512 = try XCTUnwrap(benchmark.ciphers.first { $0.algorithm == "aes-xts" && $0.keyBits == 512 })
        XCTAssertEqual(xts512.encryption, 1766.3 * 1_048_576)
        XCTAssertEqual(xts512.decryption, 1768.4 * 1_048_576)
        XCTAssertEqual(xts512.line, 19)
        let adiantum = try XCTUnwrap(benchmark.ciphers.last)
        XCTAssertEqual(adiantum.algorithm, "adiantum")
        XCTAssertNil(adiantum.encryption)
        XCTAssertNil(adiantum.decryption)
        XCTAssertEqual(benchmark.pbkdf.count, 7)
        XCTAssertNil(benchmark.error)
    }

    func testCryptsetup16FormatWithoutKeySizeOnPBKDF() throws {
        let benchmark = try XCTUnwrap(CryptsetupBenchmarkParser.parse(
            file: Fixture.path("cryptsetup/synthetic-benchmark-1.6.txt")).value)
        XCTAssertEqual(benchmark.pbkdf.map(\.keyBits), [nil, nil])
        XCTAssertEqual(benchmark.ciphers.map(\.algorithm), ["aes-cbc", "aes-xts"])
        XCTAssertEqual(benchmark.ciphers[1].encryption, 1859.6 * 1_048_576)
    }

    func testDamagedRowIsAnErrorWithItsLine() {
        let parsed = CryptsetupBenchmarkParser.parse(text: "#  Algorithm | Key | Encryption | Decryption\n"
                                                         + "  aes-cbc 128b 566.2 MiB/s\n", path: "c.txt")
        XCTAssertEqual(parsed.diagnostics.first?.line, 2)
        XCTAssertEqual(parsed.diagnostics.first?.severity, .error)
    }
}
