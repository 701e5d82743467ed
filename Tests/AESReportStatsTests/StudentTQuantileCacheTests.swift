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

    /// Welch's and Fieller's fractional degrees of freedom start the quantile search from a bracket read off the
    /// cached whole-number quantiles; the result is the searched one to the bit, at the edges of the bracket's
    /// powers of two too (the 97.5% quantile crosses 4 near df 2.78 and 2 near df 60).
    func testAKnownBracketGivesTheSearchedBits() {
        var shortcuts = 0
        var dfs = stride(from: 1.01, through: 200, by: 0.173).map { $0 }
        dfs += [2.7, 2.75, 2.776, 2.777, 2.78, 2.8, 59.5, 59.9, 60.0001, 60.2, 60.9, 1e6 + 0.5]
        for df in dfs {
            for p in [0.975, 0.995, 0.95, 0.9, 0.6] {
                let searched = SpecialFunctions.searchStudentTQuantile(p, degreesOfFreedom: df, knownBracket: false)
                XCTAssertEqual(SpecialFunctions.computeStudentTQuantile(p, degreesOfFreedom: df).bitPattern,
                               searched.bitPattern, "p \(p), df \(df)")
                if SpecialFunctions.powerOfTwoAbove(p, degreesOfFreedom: df) != nil { shortcuts += 1 }
            }
        }
        // The shortcut is taken for nearly every case (not silently never).
        XCTAssertGreaterThan(shortcuts, dfs.count * 5 * 9 / 10)
        XCTAssertEqual(SpecialFunctions.powerOfTwoAbove(0.975, degreesOfFreedom: 9.5), 4)
        XCTAssertNil(SpecialFunctions.powerOfTwoAbove(0.975, degreesOfFreedom: 9))
        XCTAssertNil(SpecialFunctions.powerOfTwoAbove(0.975, degreesOfFreedom: 0.5))
        // Degrees of freedom that are no positive number give no probability (and no crash).
        for df in [0, -1, Double.nan] {
            XCTAssertTrue(SpecialFunctions.studentTTwoSidedTail(2, degreesOfFreedom: df).isNaN, "\(df)")
        }
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
