import AESReportModel
@testable import AESReportPages
import AESReportStats
import XCTest

/// A table never prints a negative throughput: two rounds far apart give a t interval reaching below zero, which
/// reads `unbounded`.
final class IntervalTextTests: XCTestCase {
    private func series(_ rates: [Double]) -> SeriesStatistics {
        let rounds = rates.enumerated().map { i, rate in
            DDRound(number: i + 1, line: i + 1,
                    transfer: DDTransfer(bytes: 1_000_000_000, seconds: 1_000_000_000 / rate, printedRate: nil))
        }
        return SeriesStatistics(log: DDLog(path: "/h/aes-xts-plain-read.txt", cipher: "aes-xts-plain", operation: .read,
                                           rounds: rounds),
                                cipher: "aes-xts-plain", operation: .read, options: AnalysisOptions())
    }

    func testALowerBoundBelowZeroReadsUnbounded() throws {
        let wide = series([10e9, 45e9])
        XCTAssertLessThan(try XCTUnwrap(wide.centreInterval).low, 0)
        let text = wide.centreIntervalText(separator: " – ", none: "-")
        XCTAssertTrue(text.hasPrefix("unbounded – "), text)
        XCTAssertFalse(text.contains("-"), text)
    }

    func testAPositiveLowerBoundIsPrinted() {
        let text = series([10e9, 10.2e9, 9.9e9]).centreIntervalText(separator: " – ", none: "-")
        XCTAssertTrue(text.hasSuffix("GB/s"), text)
        XCTAssertFalse(text.contains("unbounded"), text)
    }
}
