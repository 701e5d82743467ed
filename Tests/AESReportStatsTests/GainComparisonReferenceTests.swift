import AESReportStats
import XCTest

/// `GainComparison` (the ratio of two hosts' AES-NI gains) against values computed independently by
/// `gain_comparison_reference.py` beside this file (SciPy 1.17.1 / NumPy 2.4.6; the bootstrap's seeded stream
/// reimplemented in Python). Each expected value names the call that produced it.
final class GainComparisonReferenceTests: XCTestCase {
    static let aWith = [2.10e9, 2.05e9, 2.20e9, 2.15e9, 2.08e9, 2.12e9]
    static let aWithout = [1.10e9, 1.15e9, 1.08e9, 1.12e9, 1.09e9, 1.13e9]
    static let bWith = [2.60e9, 2.50e9, 2.45e9, 2.70e9, 2.55e9]
    static let bWithout = [1.20e9, 1.22e9, 1.18e9, 1.25e9, 1.21e9]
    static let b2With = [2.20e9, 2.00e9, 2.30e9, 2.10e9, 2.25e9]
    static let b2Without = [1.15e9, 1.05e9, 1.12e9, 1.10e9, 1.20e9]

    private func close(_ actual: Double?, _ expected: Double, _ message: String = "",
                       file: StaticString = #filePath, line: UInt = #line) {
        guard let actual else { return XCTFail("nil, expected \(expected) \(message)", file: file, line: line) }
        XCTAssertLessThanOrEqual(abs(actual - expected) / abs(expected), 1e-9, "\(actual) vs \(expected) \(message)",
                                 file: file, line: line)
    }

    private func compare(_ bWith: [Double], _ bWithout: [Double], centre: Centre) -> GainComparison {
        let method = Method(centre: centre)
        func ratio(_ with: [Double], _ without: [Double]) -> Double {
            centre == .median
                ? Descriptive.quantile(with.sorted(), 0.5) / Descriptive.quantile(without.sorted(), 0.5)
                : Descriptive.mean(with) / Descriptive.mean(without)
        }
        return GainComparison(a: .values(with: Self.aWith, without: Self.aWithout),
                              aRatio: ratio(Self.aWith, Self.aWithout),
                              b: .values(with: bWith, without: bWithout), bRatio: ratio(bWith, bWithout),
                              method: method)
    }

    func testMeanIsTheDeltaMethodOnTheLogScaleWithItsTTest() {
        // log_ratio_t() on CASES["clear"]
        let clear = compare(Self.bWith, Self.bWithout, centre: .mean)
        XCTAssertEqual(clear.kind, .logRatioT)
        close(clear.ratio, 1.1093266806995659)
        close(clear.interval?.low, 1.0532691265495673)
        close(clear.interval?.high, 1.1683677547288327)
        close(clear.test.degreesOfFreedom, 12.62145173919148)
        close(clear.test.statistic, 4.335799850811277)
        close(clear.test.pValue, 0.0008636886971667035)
        XCTAssertEqual(clear.significant, true)
        // log_ratio_t() on CASES["close"]
        let near = compare(Self.b2With, Self.b2Without, centre: .mean)
        close(near.ratio, 1.0139476560091911)
        close(near.interval?.low, 0.936057511723402)
        close(near.interval?.high, 1.0983191056644452)
        close(near.test.degreesOfFreedom, 10.721394763049055)
        close(near.test.pValue, 0.7094714112524844)
        XCTAssertEqual(near.significant, false)
    }

    func testMedianIsASeededPercentileBootstrapWithItsOwnPValue() {
        // bootstrap_median() on CASES["clear"]
        let clear = compare(Self.bWith, Self.bWithout, centre: .median)
        XCTAssertEqual(clear.kind, .bootstrap)
        close(clear.ratio, 1.1086522267047902)
        close(clear.interval?.low, 1.0461857411602105)
        close(clear.interval?.high, 1.1847697756788667)
        XCTAssertEqual(clear.test.pValue, 0)
        XCTAssertEqual(clear.significant, true)
        // bootstrap_median() on CASES["close"]
        let near = compare(Self.b2With, Self.b2Without, centre: .median)
        close(near.ratio, 1.0333446174678402)
        close(near.interval?.low, 0.9229885057471264)
        close(near.interval?.high, 1.1140849782535966)
        close(near.test.pValue, 0.668)
        XCTAssertEqual(near.significant, false)
    }

    /// The interval excludes 1 exactly when p < alpha (= 1 - confidence): over many pairs of gains near the edge,
    /// for both constructions.
    func testTheIntervalAndTheTestNeverDisagree() {
        var random = SplitMix64(seed: 7)
        var checked = 0
        for centre in [Centre.mean, .median] {
            for _ in 0..<60 {
                let shift = 1 + Double(random.index(below: 200)) / 1000 - 0.05
                let with = Self.b2With.map { $0 * shift * (1 + Double(random.index(below: 100)) / 2000) }
                let result = compare(with, Self.b2Without, centre: centre)
                guard let interval = result.interval, let significant = result.significant else { continue }
                XCTAssertEqual(!(interval.low <= 1 && 1 <= interval.high), significant,
                               "\(centre) \(interval) p=\(result.test.pValue ?? -1)")
                checked += 1
            }
        }
        XCTAssertEqual(checked, 120)
    }

    func testOneRoundInAnySampleIsUntestedNotNotSignificant() {
        let result = GainComparison(a: .values(with: [2e9], without: Self.aWithout), aRatio: 1.8,
                                    b: .values(with: Self.bWith, without: Self.bWithout), bRatio: 2.1,
                                    method: Method(centre: .mean))
        XCTAssertNil(result.significant)
        XCTAssertNil(result.interval)
        XCTAssertNil(result.test.pValue)
        XCTAssertEqual(result.ratio, 2.1 / 1.8)
        XCTAssertTrue(result.test.note.contains("1 round"), result.test.note)
    }
}
