import AESReportModel
import AESReportStats
import Foundation
import XCTest

/// `RunPooling`: pooled fio runs are warned about as pooled dd runs are, and dd and fio rounds of one cipher and
/// operation landing in one series are warned about too.
final class RunPoolingTests: XCTestCase {
    func fioOutput(_ path: String, cipher: String = "aes-xts-plain64", operation: AESReportModel.Operation = .read) -> FioOutput {
        let result = FioDirectionResult(bytes: 16_777_216, runtimeMilliseconds: 100)
        let job = FioJob(name: cipher, readWrite: operation.rawValue,
                         read: operation == .read ? result : nil, write: operation == .write ? result : nil, line: 1)
        return FioOutput(path: path, cipher: cipher, operation: operation, roundNumber: 1,
                         rounds: [FioRound(result: FioReport(form: .json, jobs: [job], line: 1))])
    }

    func run(_ path: String, aesni: Bool, dd: [String] = [], fio: [FioOutput] = []) -> Run {
        var run = Run(path: path, label: path, host: "h", aesni: aesni, aesniSource: .manifest, cpu: nil, cpuPath: nil,
                      ddLogs: dd.map { DDLog(path: path + "/" + $0 + "-read.txt", cipher: $0, operation: .read, rounds: []) },
                      openssl: [], cryptsetup: [])
        run.fio = fio
        return run
    }

    func testPooledFioRunsAreWarnedAboutAsDDRunsAre() {
        let runs = [run("/r/a", aesni: true, fio: [fioOutput("/r/a/fio-aes-xts-plain64-read-r1.json")]),
                    run("/r/b", aesni: true, fio: [fioOutput("/r/b/fio-aes-xts-plain64-read-r1.json")]),
                    run("/r/c", aesni: false, fio: [fioOutput("/r/c/fio-aes-xts-plain64-read-r1.json")])]
        let diagnostics = RunPooling.diagnostics(host: "h", runs: runs)
        XCTAssertEqual(diagnostics.map(\.message), [
            "host h: 2 runs with AES-NI are pooled (their fio rounds form one series per cipher and operation): "
                + "/r/a, /r/b. If they are different machines or configurations, give each its own host folder or a "
                + "manifest 'host = ...'",
        ])
        XCTAssertEqual(diagnostics.map(\.severity), [.warning])
        XCTAssertEqual(diagnostics.map(\.file), ["/r/a"])
    }

    func testOneDDRunAndOneFioRunOfTheSameCipherAreWarnedAboutAsMixedTools() {
        let runs = [run("/r/dd", aesni: false, dd: ["aes-xts-plain64", "aes-cbc-plain"]),
                    run("/r/fio", aesni: false, fio: [fioOutput("/r/fio/fio-aes-xts-plain64-read-r1.json")])]
        let diagnostics = RunPooling.diagnostics(host: "h", runs: runs)
        XCTAssertEqual(diagnostics.map(\.message), [
            "host h: dd and fio rounds without AES-NI are pooled into one series for aes-xts-plain64 read "
                + "(/r/dd, /r/fio), though the two tools measure differently. Give each tool's results their own host "
                + "folder or a manifest 'host = ...'",
        ])
        XCTAssertEqual(diagnostics.first?.file, "/r/fio")
    }

    func testOneFioRunPerStateAndDifferentCiphersAreNotWarnedAbout() {
        let runs = [run("/r/a", aesni: true, dd: ["aes-cbc-plain"],
                        fio: [fioOutput("/r/a/fio-aes-xts-plain64-read-r1.json"),
                              fioOutput("/r/a/fio-aes-xts-plain64-write-r1.json", operation: .write)]),
                    run("/r/b", aesni: false, fio: [fioOutput("/r/b/fio-aes-xts-plain64-read-r1.json")])]
        XCTAssertEqual(RunPooling.diagnostics(host: "h", runs: runs), [])
    }
}
