import AESReportCharts
import XCTest

/// A measurer with fixed metrics, so layout tests do not depend on installed fonts.
struct FixedMeasurer: TextMeasurer {
    func size(of text: String, font: FontSpec) -> Size {
        Size(width: Double(text.count) * font.size * 0.6, height: font.size * 1.2)
    }
}

final class NiceScaleTests: XCTestCase {
    func testStepsAreOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen() {
        let cases: [(Double, Double, Int, Double, Double, Double)] = [
            // low, high, maxTicks -> minimum, maximum, step
            (0, 2.34, 6, 0, 2.5, 0.5), (0, 97, 6, 0, 100, 20), (-12, 91, 6, -20, 100, 20), (0, 0, 6, 0, 1, 0.2),
            (0, 1.52, 8, 0, 1.6, 0.2), (0, 6132.6, 6, 0, 8000, 2000), (0, 0.0234, 5, 0, 0.025, 0.005),
            (0, 2.4, 8, 0, 2.5, 0.5), (0, 12.5, 5, 0, 12.5, 2.5),
        ]
        for (low, high, maxTicks, minimum, maximum, step) in cases {
            let scale = NiceScale(low: low, high: high, maxTicks: maxTicks)
            XCTAssertEqual(scale.minimum, minimum, accuracy: 1e-12, "\(low)...\(high)")
            XCTAssertEqual(scale.maximum, maximum, accuracy: 1e-12, "\(low)...\(high)")
            XCTAssertEqual(scale.step, step, accuracy: 1e-12, "\(low)...\(high)")
            XCTAssertLessThanOrEqual(scale.ticks.count - 1, maxTicks)
        }
        XCTAssertEqual(NiceScale(low: 0, high: 2.34).ticks, [0, 0.5, 1, 1.5, 2, 2.5])
        XCTAssertEqual(NiceScale(low: 0, high: 12.5, maxTicks: 5).decimals, 1)
    }

    func testThroughputUnitFollowsTheData() {
        XCTAssertEqual(ThroughputUnit.forMaximum(2.4e9).name, "GB/s")
        XCTAssertEqual(ThroughputUnit.forMaximum(980e6).name, "MB/s")
        XCTAssertEqual(ThroughputUnit.forMaximum(23.9e3).name, "kB/s")
    }

    func testSharedPrefixAndSuffixAreMovedToThePattern() {
        let (labels, pattern) = CategoryLabels.strippingSharedAffixes(["aes-ecb-plain", "aes-cbc-plain", "aes-xts-plain"])!
        XCTAssertEqual(labels, ["ecb", "cbc", "xts"])
        XCTAssertEqual(pattern, "aes-…-plain")
        XCTAssertNil(CategoryLabels.strippingSharedAffixes(["aes-xts", "serpent-cbc"]))
        XCTAssertNil(CategoryLabels.strippingSharedAffixes(["aes-xts-plain"]))
    }
}

final class GroupedBarLayoutTests: XCTestCase {
    static func chart(categories: [String], series: Int, value: (Int, Int) -> Double) -> GroupedBarChart {
        let colors = Theme.okabeIto
        return GroupedBarChart(
            title: "Read throughput", subtitle: "host · CPU", caption: "Error bars: 95% interval of the mean.",
            categories: categories, categoryAxisTitle: "cipher",
            series: (0..<series).map { s in
                BarSeries(name: "run \(s + 1) with a long name", color: colors[s % colors.count], hatched: s % 2 == 1,
                          values: categories.indices.map { value(s, $0) },
                          intervals: categories.indices.map { (value(s, $0) * 0.97)...(value(s, $0) * 1.03) })
            },
            annotations: categories.map { _ in GroupAnnotation(text: "+91%", muted: false) },
            valueAxisTitle: "Throughput")
    }

    func testBarsAreProportionalToValuesAndTheAxisCoversTheData() {
        let values: [Double] = [1.27e9, 1.11e9, 2.34e9, 0.98e9]
        let chart = Self.chart(categories: ["ecb", "cbc", "ctr", "lrw"], series: 1) { _, i in values[i] }
        let drawing = GroupedBarLayout.layout(chart, theme: .light, measurer: FixedMeasurer())
        let bars = drawing.rects(role: .bar)
        XCTAssertEqual(bars.count, 4)
        let baseline = bars[0].maxY
        XCTAssertTrue(bars.allSatisfy { abs($0.maxY - baseline) < 1e-9 }, "bars share a baseline at zero")
        let perUnit = bars[0].height / values[0]
        for (bar, value) in zip(bars, values) {
            XCTAssertEqual(bar.height / value, perUnit, accuracy: perUnit * 1e-9)
        }
        let ticks = drawing.texts(role: .tick).map(\.text)
        XCTAssertEqual(ticks, ["0.0", "0.5", "1.0", "1.5", "2.0", "2.5"])
        XCTAssertEqual(drawing.texts(role: .axisTitle).first?.text, "Throughput (GB/s)")
        // The highest whisker (2.34e9 * 1.03 = 2.41 GB/s) lies inside the axis (2.5 GB/s at the top tick).
        let topTick = drawing.lines(role: .grid).map { $0[0].y }.min()!
        let highestWhisker = drawing.lines(role: .errorBar).flatMap { $0.map(\.y) }.min()!
        XCTAssertGreaterThanOrEqual(highestWhisker, topTick)
    }

    func testNoTextOverlapsWithSixRunsAndTwelveCiphers() {
        let ciphers = ["aes-ecb-plain", "aes-cbc-plain", "aes-ctr-plain", "aes-lrw-plain", "aes-pcbc-plain",
                       "aes-xts-plain", "aes-xts-plain64", "aes-cbc-essiv:sha256", "serpent-xts-plain64",
                       "twofish-xts-plain64", "aes-adiantum-plain64", "camellia-xts-plain64"]
        let chart = Self.chart(categories: ciphers, series: 6) { s, i in Double(1 + s) * 1e8 + Double(i) * 3e7 }
        for size in [ChartSize(), ChartSize(width: 640, height: 420)] {
            let drawing = GroupedBarLayout.layout(chart, theme: .light, measurer: FixedMeasurer(), size: size)
            assertNoOverlap(drawing)
            let labels = drawing.texts(role: .category)
            XCTAssertEqual(labels.count, 12)
            XCTAssertTrue(labels.allSatisfy { $0.rotation == -90 }, "long labels turn vertical")
        }
    }

    /// Issue 12 item 18: with 40 ciphers the labels and gains overlapped although the README says they never do.
    /// Every label box, gain and title is checked against every other for 1, 6, 40 and 100 categories (same-length
    /// labels at equal values, and ciphers of very different lengths), at the default and a small size.
    func testNoTextOverlapsForOneSixFortyAndAHundredCategories() {
        for count in [1, 6, 40, 100] {
            let ciphers = (0..<count).map { i in
                ["aes-xts-plain64", "serpent-cbc-essiv:sha256", "twofish-ecb", "aes-adiantum-plain64-\(i)"][i % 4]
                    + "-\(i)"
            }
            for series in [2, 4] {
                let chart = Self.chart(categories: ciphers, series: series) { s, i in Double(1 + s) * 1e8 + Double(i % 7) * 3e7 }
                for size in [ChartSize(), ChartSize(width: 640, height: 420)] {
                    let drawing = GroupedBarLayout.layout(chart, theme: .light, measurer: FixedMeasurer(), size: size)
                    assertNoOverlap(drawing)
                    let labels = drawing.texts(role: .category)
                    XCTAssertGreaterThan(labels.count, 0)
                    XCTAssertTrue(labels.allSatisfy { $0.bounds.y > drawing.rects(role: .bar).map { $0.y + $0.height }.max()! - 1 },
                                  "labels below the bars")
                }
            }
            let horizontal = HorizontalBarChart(
                title: "Gain", subtitle: "h", caption: "c", categories: ciphers,
                series: [.init(name: "read", color: Theme.light.read, bars: ciphers.map { _ in
                    .init(value: 91, interval: 80...97, label: "+91% ~", muted: true)
                }), .init(name: "write", color: Theme.light.write, bars: ciphers.map { _ in
                    .init(value: -4, interval: -12...3, label: "−4% ~", muted: true)
                })], valueAxisTitle: "gain")
            assertNoOverlap(HorizontalBarLayout.layout(horizontal, theme: .light, measurer: FixedMeasurer()))
        }
    }

    func testSharedAffixesAreStrippedBeforeTurningLabelsVertical() {
        let ciphers = ["aes-ecb-plain", "aes-cbc-plain", "aes-ctr-plain", "aes-lrw-plain", "aes-pcbc-plain",
                       "aes-xts-plain", "aes-cfb-plain", "aes-ofb-plain", "aes-gcm-plain", "aes-ccm-plain"]
        let chart = Self.chart(categories: ciphers, series: 2) { _, i in Double(i + 1) * 1e8 }
        let drawing = GroupedBarLayout.layout(chart, theme: .light, measurer: FixedMeasurer(),
                                              size: ChartSize(width: 700, height: 420))
        let labels = drawing.texts(role: .category)
        XCTAssertEqual(labels.map(\.text), ["ecb", "cbc", "ctr", "lrw", "pcbc", "xts", "cfb", "ofb", "gcm", "ccm"])
        XCTAssertTrue(labels.allSatisfy { $0.rotation == 0 })
        XCTAssertTrue(drawing.texts.contains { $0.text == "cipher (aes-…-plain)" })
        assertNoOverlap(drawing)
    }

    func testHorizontalChartHasAZeroLineAndNegativeGains() {
        let chart = HorizontalBarChart(
            title: "Gain", subtitle: "h", caption: "c", categories: ["aes-ecb-plain", "aes-cbc-plain"],
            series: [.init(name: "read", color: Theme.light.read, bars: [
                .init(value: 91, interval: 80...97, label: "+91%", muted: false),
                .init(value: -4, interval: -12...3, label: "−4% ~", muted: true),
            ])], valueAxisTitle: "gain")
        let drawing = HorizontalBarLayout.layout(chart, theme: .light, measurer: FixedMeasurer())
        let zero = drawing.lines(role: .axis)
        XCTAssertEqual(zero.count, 1)
        let bars = drawing.rects(role: .bar)
        XCTAssertEqual(bars[1].maxX, zero[0][0].x, accuracy: 1e-9, "a negative bar ends at the zero line")
        XCTAssertEqual(bars[0].width / 91, bars[1].width / 4, accuracy: 1e-9)
        XCTAssertTrue(drawing.texts.contains { $0.text == "-20%" })
        assertNoOverlap(drawing)
    }
}

/// Fails when any two text boxes of a drawing overlap, or a text leaves the canvas.
func assertNoOverlap(_ drawing: Drawing, file: StaticString = #filePath, line: UInt = #line) {
    let texts = drawing.texts
    let canvas = Rect(x: 0, y: 0, width: drawing.width, height: drawing.height)
    for (i, a) in texts.enumerated() {
        XCTAssertTrue(canvas.contains(a.bounds), "'\(a.text)' leaves the canvas: \(a.bounds)", file: file, line: line)
        for b in texts[(i + 1)...] where a.bounds.intersects(b.bounds) {
            XCTFail("'\(a.text)' (\(a.role)) overlaps '\(b.text)' (\(b.role))", file: file, line: line)
        }
    }
}
