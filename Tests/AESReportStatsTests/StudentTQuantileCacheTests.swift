@testable import AESReportStats
import XCTest

/// The cached Student's t quantiles are the computed ones, to the bit, on every path of the cache.
final class StudentTQuantileCacheTests: XCTestCase {
    func testTheTableAndTheDictionaryGiveTheComputedBits() {
        for df in 1...80 {
            for p in [0.975, 0.995, 0.95] {
                let computed = SpecialFunctions.computeStudentTQuantile(p, degreesOfFreedom: Double(df))
                XCTAssertEqual(SpecialFunctions.studentTQuantile(p, degreesOfFreedom: Double(df)).bitPattern,
                               computed.bitPattern, "p \(p), df \(df)")
                // Asked again: now from the table or the dictionary.
                XCTAssertEqual(SpecialFunctions.studentTQuantile(p, degreesOfFreedom: Double(df)).bitPattern,
                               computed.bitPattern, "p \(p), df \(df), second time")
            }
        }
        XCTAssertEqual(SpecialFunctions.studentTQuantile(0.975, degreesOfFreedom: 9), 2.262157162740991, accuracy: 1e-9)
    }

    func testFractionalDegreesOfFreedomAreComputedNotKept() {
        let cache = StudentTQuantileCache(capacity: 10)
        let value = cache.value(p: 0.975, degreesOfFreedom: 9.5, compute: SpecialFunctions.computeStudentTQuantile)
        XCTAssertEqual(value, SpecialFunctions.computeStudentTQuantile(0.975, degreesOfFreedom: 9.5))
        XCTAssertEqual(cache.count, 0)
        _ = cache.value(p: 0.99, degreesOfFreedom: 9, compute: SpecialFunctions.computeStudentTQuantile)
        XCTAssertEqual(cache.count, 1)
    }

    func testTheDictionaryStopsGrowingAtItsCapacity() {
        let cache = StudentTQuantileCache(capacity: 3)
        for df in 100...110 {
            let value = cache.value(p: 0.975, degreesOfFreedom: Double(df), compute: SpecialFunctions.computeStudentTQuantile)
            XCTAssertEqual(value, SpecialFunctions.computeStudentTQuantile(0.975, degreesOfFreedom: Double(df)))
        }
        XCTAssertEqual(cache.count, 3)
    }
}
