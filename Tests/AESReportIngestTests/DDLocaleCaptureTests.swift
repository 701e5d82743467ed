import AESReportIngest
import AESReportModel
import XCTest

/// Real outputs of this machine's GNU dd (coreutils 9.1) under several locales: three rounds of 8 MiB each.
final class DDLocaleCaptureTests: XCTestCase {
    private func assertRounds(_ fixture: String, seconds: [Double], printedRates: [Double],
                              file: StaticString = #filePath, line: UInt = #line) throws {
        let (log, diagnostics) = try Fixture.ddLog(fixture)
        XCTAssertEqual(diagnostics, [], file: file, line: line)
        XCTAssertEqual(log.rounds.count, seconds.count, file: file, line: line)
        XCTAssertEqual(log.rounds.map(\.number), Array(1...seconds.count), file: file, line: line)
        XCTAssertEqual(log.rounds.map(\.line), [1, 4, 7], file: file, line: line)
        for (round, expected) in zip(log.rounds, zip(seconds, printedRates)) {
            XCTAssertEqual(round.recordsIn, RecordCount(full: 8, partial: 0), file: file, line: line)
            XCTAssertEqual(round.recordsOut, RecordCount(full: 8, partial: 0), file: file, line: line)
            XCTAssertEqual(round.transfer?.bytes, 8_388_608, file: file, line: line)
            XCTAssertEqual(round.transfer?.seconds, expected.0, file: file, line: line)
            XCTAssertEqual(round.transfer?.printedRate, expected.1, file: file, line: line)
            // Throughput comes from bytes and seconds, exactly, not from the printed rate.
            XCTAssertEqual(round.bytesPerSecond, 8_388_608 / expected.0, file: file, line: line)
            XCTAssertTrue(round.isComplete, file: file, line: line)
        }
    }

    func testEnglishCLocaleIsReadExactly() throws {
        try assertRounds("dd/real-locale-en.txt", seconds: [0.00226568, 0.0025545, 0.00213668],
                         printedRates: [3.7e9, 3.3e9, 3.9e9])
    }

    func testGermanLocaleDecimalCommaIsReadExactly() throws {
        try assertRounds("dd/real-locale-de.txt", seconds: [0.00260695, 0.00223505, 0.00224836],
                         printedRates: [3.2e9, 3.8e9, 3.7e9])
    }

    func testFrenchLocaleWithNoBreakSpacesIsReadExactly() throws {
        try assertRounds("dd/real-locale-fr.txt", seconds: [0.00301384, 0.0018617, 0.00196383],
                         printedRates: [2.8e9, 4.5e9, 4.3e9])
    }

    func testSpanishLocaleIsReadExactly() throws {
        try assertRounds("dd/real-locale-es.txt", seconds: [0.00296177, 0.00231964, 0.00224324],
                         printedRates: [2.8e9, 3.6e9, 3.7e9])
    }

    func testPortugueseLocaleIsReadExactly() throws {
        try assertRounds("dd/real-locale-pt.txt", seconds: [0.00392945, 0.00224658, 0.00248046],
                         printedRates: [2.1e9, 3.7e9, 3.4e9])
    }

    func testRussianLocaleIsReadExactly() throws {
        try assertRounds("dd/real-locale-ru.txt", seconds: [0.00272885, 0.00219186, 0.00209206],
                         printedRates: [3.1e9, 3.8e9, 4.0e9])
    }

    func testChineseLocaleWithFullWidthCommasIsReadExactly() throws {
        try assertRounds("dd/real-locale-zh.txt", seconds: [0.00320093, 0.00253807, 0.00252814],
                         printedRates: [2.6e9, 3.3e9, 3.3e9])
    }

    func testJapaneseLocaleIsReadExactly() throws {
        try assertRounds("dd/real-locale-ja.txt", seconds: [0.00281516, 0.001886, 0.00235039],
                         printedRates: [3.0e9, 4.4e9, 3.6e9])
    }

    func testSeedStyleFileNameGivesCipherAndOperation() {
        XCTAssertEqual(ResultFileName(path: "/r/aes-xts-plain64-read.txt"),
                       ResultFileName(cipher: "aes-xts-plain64", operation: .read))
        XCTAssertEqual(ResultFileName(path: "twofish-cbc-essiv:sha256-write.log"),
                       ResultFileName(cipher: "twofish-cbc-essiv:sha256", operation: .write))
        XCTAssertEqual(ResultFileName(path: "serpent-xts-plain_write.txt")?.cipher, "serpent-xts-plain")
        XCTAssertNil(ResultFileName(path: "cpuinfo.txt"))
        XCTAssertNil(ResultFileName(path: "-read.txt"))
    }
}
