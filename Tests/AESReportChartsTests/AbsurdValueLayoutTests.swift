@testable import AESReportCharts
import XCTest

/// Issue 25, item 1, behind the parsers' gate: whatever figures reach a chart (the largest finite doubles, infinities,
/// NaN, values below the smallest normal), every layout returns a drawing of finite coordinates and labels, never a
/// trap in a `ClosedRange`, an `Int` conversion or an array index. On main, `tickText(9.2e18, decimals: 0)` and a
/// whisker of a NaN interval trapped (SIGILL).
final class AbsurdValueLayoutTests: XCTestCase {
    private let measurer = FixedMeasurer()
    private static let absurd: [Double] = [9.2e307, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .infinity,
                                           -.infinity, .nan, 4.9e-324, 9.223372036854775807e18, 0]

    private func assertFinite(_ drawing: Drawing, _ context: String, file: StaticString = #filePath, line: UInt = #line) {
        for primitive in drawing.primitives {
            let points: [Point]
            switch primitive {
            case let .rect(rect, _, _): points = [Point(rect.x, rect.y), Point(rect.width, rect.height)]
            case let .line(line, _, _): points = line
            case let .text(item): points = [item.position]
                XCTAssertFalse(item.text.contains("nan") || item.text.contains("inf"), "\(context): '\(item.text)'",
                               file: file, line: line)
            }
            for point in points {
                XCTAssertTrue(point.x.isFinite && point.y.isFinite, "\(context): \(primitive)", file: file, line: line)
            }
        }
    }

    func testTickTextOfValuesBeyondAnIntIsTheExponentForm() {
        XCTAssertEqual(tickText(9.223372036854775807e18, decimals: 0), "9.22e18")
        XCTAssertEqual(tickText(-1e300, decimals: 0, suffix: "%"), "-1.00e300%")
        XCTAssertEqual(tickText(.infinity, decimals: 0), "inf")
        XCTAssertEqual(tickText(2.5e14, decimals: 1), "250000000000000.0", "an exact Int keeps its digits")
        XCTAssertEqual(tickText(-0.0, decimals: 0), "0")
    }

    func testANiceScaleOfAbsurdEndsHasFiniteTicks() {
        for low in Self.absurd {
            for high in Self.absurd {
                let scale = NiceScale(low: low, high: high)
                XCTAssertTrue(scale.ticks.allSatisfy(\.isFinite), "\(low)...\(high): \(scale)")
                XCTAssertGreaterThan(scale.ticks.count, 1, "\(low)...\(high)")
                XCTAssertLessThanOrEqual(scale.ticks.count, 8, "\(low)...\(high)")
            }
        }
    }

    func testACheckedRangeRefusesWhatClosedRangeTrapsOn() {
        XCTAssertEqual(ClosedRange<Double>.checked(1, 2), 1...2)
        XCTAssertNil(ClosedRange<Double>.checked(.nan, 2))
        XCTAssertNil(ClosedRange<Double>.checked(1, .infinity))
        XCTAssertNil(ClosedRange<Double>.checked(2, 1))
        XCTAssertEqual(ClosedRange<Double>.spanning(5, 3), 3...5)
        XCTAssertEqual(ClosedRange<Double>.spanning(.nan, 3), 3...3)
    }

    func testEveryLayoutDrawsAbsurdValuesWithFiniteCoordinates() {
        for value in Self.absurd {
            let grouped = GroupedBarChart(
                title: "t", subtitle: "s", caption: "c", categories: ["xts", "cbc"], categoryAxisTitle: "cipher",
                series: [BarSeries(name: "a", color: Theme.light.read, values: [value, 1e9],
                                   intervals: [nil, 0...Double.greatestFiniteMagnitude])],
                annotations: [nil, nil], valueAxisTitle: "Throughput")
            assertFinite(GroupedBarLayout.layout(grouped, theme: .light, measurer: measurer), "grouped \(value)")
            let horizontal = HorizontalBarChart(
                title: "t", subtitle: "s", caption: "c", categories: ["xts", "cbc"],
                series: [.init(name: "read", color: Theme.light.read, bars: [
                    .init(value: value, interval: -Double.greatestFiniteMagnitude...0, label: "x", muted: false),
                    .init(value: 12, interval: nil, label: "+12%", muted: false),
                ])], valueAxisTitle: "Gain")
            assertFinite(HorizontalBarLayout.layout(horizontal, theme: .light, measurer: measurer), "horizontal \(value)")
            let distribution = DistributionChart(
                title: "t", subtitle: "s", caption: "c", categories: ["xts"],
                columns: [.init(values: [value, 1, 2, 3], median: 2, lowerQuartile: 1, upperQuartile: 3,
                                highlighted: [value])],
                valueAxisTitle: "Gain", color: Theme.light.read, highlightColor: Theme.light.write)
            assertFinite(DistributionLayout.layout(distribution, theme: .light, measurer: measurer),
                         "distribution \(value)")
        }
    }
}
