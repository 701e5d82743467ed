import AESReportIngest
import AESReportModel
import Foundation
import XCTest

/// The corpus of logs other people published (`Fixtures/corpus/`, provenance in `PROVENANCE.md`) read by each
/// parser and compared with `expected.json`, which `reference.py` computes with plain regular expressions and no
/// code shared with aesreport. A failure names the file and the value that differs.
final class RealCorpusTests: XCTestCase {
    private static let corpus = "corpus/"

    private func expected() throws -> [String: [String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixture.path(Self.corpus + "expected.json")))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
    }

    private func entries(_ kind: String) throws -> [(file: String, path: String, value: [String: Any])] {
        try expected().filter { $0.value["kind"] as? String == kind }.sorted { $0.key < $1.key }
            .map { ($0.key, Fixture.path(Self.corpus + $0.key), $0.value) }
    }

    /// Relative closeness for values computed in binary floating point on two sides.
    private func assertClose(_ actual: Double?, _ wanted: Double?, _ what: String,
                             file: StaticString = #filePath, line: UInt = #line) {
        guard let actual, let wanted else {
            XCTAssertEqual(actual == nil, wanted == nil, what, file: file, line: line)
            return
        }
        XCTAssertEqual(actual, wanted, accuracy: max(1e-9 * abs(wanted), 1e-9), what, file: file, line: line)
    }

    /// Cipher names as people compare them: case and the space of the non-EVP names (`aes-128 cbc`) ignored.
    private func key(_ name: String) -> String {
        name.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: "-")
    }

    func testCorpusHoldsFortyFilesOfEveryKindWithProvenance() throws {
        let all = try expected()
        XCTAssertGreaterThanOrEqual(all.count, 40)
        let provenance = try String(contentsOfFile: Fixture.path(Self.corpus + "PROVENANCE.md"), encoding: .utf8)
        for file in all.keys {
            XCTAssertTrue(provenance.contains("| \(file) |"), "\(file) has no provenance line")
            XCTAssertTrue(file.split(separator: "/").last!.hasPrefix("real-"), file)
        }
        XCTAssertEqual(Set(all.values.compactMap { $0["kind"] as? String }),
                       ["dd", "openssl", "cryptsetup", "tcrypt", "cpuinfo", "sbc-bench"])
    }

    func testDDRoundsMatchTheReference() throws {
        for (file, path, value) in try entries("dd") {
            let parsed = DDLogParser.parse(file: path)
            let log = try XCTUnwrap(parsed.value, file)
            let rounds = try XCTUnwrap(value["rounds"] as? [[String: Any]])
            XCTAssertEqual(log.rounds.count, rounds.count, "\(file): rounds")
            for (round, wanted) in zip(log.rounds, rounds) {
                XCTAssertEqual(round.isComplete, wanted["complete"] as? Bool, "\(file) round \(round.number)")
                if let bytes = wanted["bytes"] as? Int {
                    XCTAssertEqual(round.transfer?.bytes, UInt64(bytes), "\(file) round \(round.number) bytes")
                    assertClose(round.transfer?.seconds, wanted["seconds"] as? Double, "\(file) seconds")
                }
                if round.isComplete, let bytes = wanted["bytes"] as? Int, let seconds = wanted["seconds"] as? Double {
                    assertClose(round.bytesPerSecond, Double(bytes) / seconds, "\(file) rate from bytes and seconds")
                }
            }
        }
    }

    func testOpenSSLOutputsMatchTheReference() throws {
        for (file, path, value) in try entries("openssl") + entries("sbc-bench") {
            assertOpenSSLOutputs(path, value, file)
        }
    }

    private func assertOpenSSLOutputs(_ path: String, _ value: [String: Any], _ file: String, line: UInt = #line) {
        let outputs = OpenSSLSpeedOutputsParser.parse(file: path).value ?? []
        let wanted = (value["outputs"] as? [[String: Any]]) ?? []
        XCTAssertEqual(outputs.count, wanted.count, "\(file): outputs", line: line)
        for (speed, want) in zip(outputs, wanted) {
            assertOpenSSL(speed, want, file, line: line)
            XCTAssertEqual(speed.aesni, want["aesni"] as? Bool, "\(file): evidence", line: line)
        }
    }

    private func assertOpenSSL(_ speed: OpenSSLSpeed, _ value: [String: Any], _ file: String,
                               line: UInt = #line) {
        let wanted = (value["results"] as? [[String: Any]]) ?? []
        XCTAssertEqual(speed.results.count, wanted.count, "\(file): results", line: line)
        for (result, want) in zip(speed.results, wanted) {
            let label = "\(file) \(result.algorithm) \(result.blockSize)"
            XCTAssertEqual(key(result.algorithm), want["algorithm"] as? String, label, line: line)
            XCTAssertEqual(result.blockSize, want["blockSize"] as? Int, label, line: line)
            assertClose(result.bytesPerSecond, want["bytesPerSecond"] as? Double, label, line: line)
            XCTAssertEqual(result.operations.map(Int.init), want["operations"] as? Int, label, line: line)
            assertClose(result.seconds, want["seconds"] as? Double, label, line: line)
        }
    }

    func testCryptsetupRowsMatchTheReference() throws {
        for (file, path, value) in try entries("cryptsetup") {
            let parsed = CryptsetupBenchmarkParser.parse(file: path)
            let benchmark = try XCTUnwrap(parsed.value, file)
            let wanted = try XCTUnwrap(value["ciphers"] as? [[String: Any]])
            XCTAssertEqual(benchmark.ciphers.count, wanted.count, "\(file): cipher rows")
            for (row, want) in zip(benchmark.ciphers, wanted) {
                let label = "\(file) \(row.algorithm) \(row.keyBits)"
                XCTAssertEqual(row.algorithm, want["algorithm"] as? String, label)
                XCTAssertEqual(row.keyBits, want["keyBits"] as? Int, label)
                assertClose(row.encryption, want["encryption"] as? Double, label + " encryption")
                assertClose(row.decryption, want["decryption"] as? Double, label + " decryption")
            }
        }
    }

    func testTcryptResultsMatchTheReference() throws {
        for (file, path, value) in try entries("tcrypt") {
            let speed = try XCTUnwrap(TcryptParser.parse(file: path).value, file)
            let wanted = try XCTUnwrap(value["results"] as? [[String: Any]])
            let results = speed.tests.flatMap(\.results)
            XCTAssertEqual(results.count, wanted.count, "\(file): results")
            for (result, want) in zip(results, wanted) {
                XCTAssertEqual(result.test, want["test"] as? Int, file)
                XCTAssertEqual(result.keyBits, want["keyBits"] as? Int, file)
                XCTAssertEqual(result.blockSize, want["blockSize"] as? Int, file)
                assertClose(result.bytesPerSecond, want["bytesPerSecond"] as? Double, file)
            }
        }
    }

    func testCPUDescriptionsTellAESAsTheFlagsSay() throws {
        for (file, path, value) in try entries("cpuinfo") + entries("sbc-bench") {
            let cpu = try XCTUnwrap(CPUInfoParser.parse(file: path).value, file)
            XCTAssertEqual(cpu.hasHardwareAES, value["aes"] as? Bool, "\(file): aes flag")
            XCTAssertEqual(try InputKind.detect(path: path),
                           value["kind"] as? String == "cpuinfo" ? .cpuDescription : .sbcBench, "\(file): format")
        }
    }

}
