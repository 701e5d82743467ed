@testable import AESReportIngest
import Foundation
import XCTest

final class LineReaderTests: XCTestCase {
    func testLinesSpanningChunkBoundariesAreWhole() throws {
        let folder = try TemporaryFolder()
        var expected: [String] = []
        for i in 0..<40_000 { expected.append("line \(i) " + String(repeating: "x", count: i % 37)) }
        let path = try folder.write("big.txt", expected.joined(separator: "\n"))
        XCTAssertGreaterThan(try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int,
                             LineReader.chunkSize * 3)
        var lines: [String] = []
        var numbers: [Int] = []
        try LineReader.forEachLine(inFile: path) { line in
            lines.append(String(decoding: line.bytes, as: UTF8.self))
            numbers.append(line.number)
        }
        XCTAssertEqual(lines, expected)
        XCTAssertEqual(numbers, Array(1...expected.count))
    }

    func testOverlongLineIsCutReportedAndTheNextLineStillRead() throws {
        let text = "short\n" + String(repeating: "y", count: 5000) + "\nafter\n"
        var seen: [(String, Int, Bool)] = []
        LineReader.forEachLine(in: Array(text.utf8), maxLineLength: 100) { line in
            seen.append((String(decoding: line.bytes, as: UTF8.self), line.number, line.truncated))
        }
        XCTAssertEqual(seen.map(\.0), ["short", String(repeating: "y", count: 100), "after"])
        XCTAssertEqual(seen.map(\.1), [1, 2, 3])
        XCTAssertEqual(seen.map(\.2), [false, true, false])
    }

    func testOverlongLineAcrossChunksInAFileIsCut() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("long.txt", String(repeating: "z", count: LineReader.chunkSize * 2 + 10) + "\nend")
        var seen: [(Int, Int, Bool)] = []
        try LineReader.forEachLine(inFile: path, maxLineLength: 1000) { line in
            seen.append((line.bytes.count, line.number, line.truncated))
        }
        XCTAssertEqual(seen.map(\.0), [1000, 3])
        XCTAssertEqual(seen.map(\.1), [1, 2])
        XCTAssertEqual(seen.map(\.2), [true, false])
    }

    func testDecimalParsingIsCorrectlyRounded() {
        let samples = ["0.00226568", "10.2345", "4.1772e-05", "0,0067", "2098279153", "1.21907", "9.87654",
                       "123456789.123456789", "1e300"]
        for sample in samples {
            let bytes = Array(sample.utf8)
            let parsed = bytes.withUnsafeBufferPointer { ByteScanning.parseDecimal($0, at: 0) }
            XCTAssertEqual(parsed?.value, Double(sample.replacingOccurrences(of: ",", with: ".")), sample)
            XCTAssertEqual(parsed?.end, bytes.count, sample)
        }
    }
}
