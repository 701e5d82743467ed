import AESReportIngest
import AESReportModel
import XCTest

/// The kernel's tcrypt speed output, on a real capture (`modprobe tcrypt mode=500 sec=1` in a QEMU TCG guest of
/// Debian's 6.1 kernel, Fixtures/README.md) and a hand-written cycles form.
final class TcryptParserTests: XCTestCase {
    func testRealDmesgWithAESNIDriversIsReadWithEachDriverAndTheSplitLine() throws {
        let parsed = TcryptParser.parse(file: Fixture.path("tcrypt/real-dmesg-tcrypt-mode500-qemu64-aes.txt"))
        let speed = try XCTUnwrap(parsed.value)
        XCTAssertEqual(speed.tests.count, 10)
        XCTAssertEqual(speed.tests.map(\.algorithm).uniqued(), ["ecb(aes)", "cbc(aes)", "lrw(aes)", "cfb(aes)", "ofb(aes)"])
        XCTAssertEqual(speed.tests[0].driver, "ecb-aes-aesni")
        XCTAssertEqual(speed.tests[4].driver, "lrw(ecb-aes-aesni)")
        XCTAssertEqual(speed.tests[0].direction, .encrypt)
        XCTAssertEqual(speed.tests[1].direction, .decrypt)
        XCTAssertEqual(speed.tests[0].isAsync, true)
        XCTAssertEqual(speed.tests.map(\.results.count), Array(repeating: 21, count: 10))
        // `test 0 ...: ` and its figures, 12 lines apart: a kernel WARN was printed between them.
        let first = speed.tests[0].results[0]
        XCTAssertEqual(first.test, 0)
        XCTAssertEqual(first.keyBits, 128)
        XCTAssertEqual(first.blockSize, 16)
        XCTAssertEqual(first.operations, 791_010)
        XCTAssertEqual(first.seconds, 1)
        XCTAssertEqual(first.bytes, 12_656_160)
        XCTAssertEqual(first.bytesPerSecond, 12_656_160)
        let second = speed.tests[0].results[1]
        XCTAssertEqual(second.operations, 618_882)
        XCTAssertEqual(second.bytes, 39_608_448)
        XCTAssertEqual(speed.aesniEvidence?.aesni, true)
        XCTAssertEqual(speed.aesniEvidence?.test.driver, "ecb-aes-aesni")
        // xts, cts and ctr failed their self-test in this guest (-80), rfc3686 does not exist (-2): each said.
        XCTAssertEqual(parsed.diagnostics.filter { $0.message.hasPrefix("tcrypt could not test") }.count, 8)
        XCTAssertTrue(parsed.diagnostics.contains { $0.message == "tcrypt could not test 'xts(aes): -80'" })
    }

    func testCyclesFormAndTheOldHeaderWithGenericDriver() throws {
        let parsed = TcryptParser.parse(file: Fixture.path("tcrypt/synthetic-tcrypt-cycles-generic.txt"))
        let speed = try XCTUnwrap(parsed.value)
        XCTAssertEqual(parsed.diagnostics, [])
        XCTAssertEqual(speed.tests.map(\.driver), ["xts(ecb(aes-generic))", "xts(ecb(aes-generic))", "cbc(aes-generic)"])
        XCTAssertEqual(speed.tests.map(\.isAsync), [true, true, nil])
        XCTAssertEqual(speed.tests[0].results.map(\.cyclesPerOperation), [1911, 4203, 212_992])
        XCTAssertEqual(speed.tests[0].results[2].cyclesPerByte, 52)
        XCTAssertNil(speed.tests[0].results[0].bytesPerSecond)
        XCTAssertEqual(speed.aesniEvidence?.aesni, false)
    }

    func testDriverNamesAsEvidence() {
        func state(_ driver: String) -> Bool? {
            TcryptTest(algorithm: "x", driver: driver, direction: .encrypt, isAsync: nil, line: 1, results: []).aesni
        }
        XCTAssertEqual(state("xts-aes-aesni"), true)
        XCTAssertEqual(state("xts-aes-vaes-avx2"), true)
        XCTAssertEqual(state("xts(ecb(aes-generic))"), false)
        XCTAssertEqual(state("cbc(aes-asm)"), false)
        XCTAssertNil(state("xts-aes-ce"))
        XCTAssertNil(state("cbc(twofish-generic)"))
    }

    func testResultWithoutHeaderAndUnreadableLinesAreDiagnosed() {
        let text = """
        tcrypt: test 0 (128 bit key, 16 byte blocks): 5 operations in 1 seconds (80 bytes)
        testing speed of async cbc(aes) (cbc-aes-aesni) encryption
        tcrypt: test 0 (128 bit key, 16 byte blocks): lots of operations
        tcrypt: test 1 (128 bit key, 64 byte blocks):
        testing speed of async cbc(aes) (cbc-aes-aesni) decryption
        """
        let parsed = TcryptParser.parse(text: text, path: "tcrypt.txt")
        XCTAssertEqual(parsed.value?.tests.map(\.results.count), [0, 0])
        XCTAssertEqual(parsed.diagnostics.map(\.line), [1, 3, 4])
    }
}
