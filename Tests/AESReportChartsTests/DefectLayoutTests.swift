import AESReportCharts
import XCTest

/// One test per defect a first look at the charts found (issue 15): each fails on the layout before its fix.
final class DefectLayoutTests: XCTestCase {
    private let measurer = FixedMeasurer()

    /// The plot's bottom (the zero line) and top (the highest grid line) of a chart whose values run up.
    private func verticalExtent(_ drawing: Drawing) throws -> (top: Double, bottom: Double) {
        let zero = try XCTUnwrap(drawing.lines(role: .axis).first?.first?.y)
        let top = try XCTUnwrap((drawing.lines(role: .grid) + drawing.lines(role: .axis)).map { $0[0].y }.min())
        return (top, zero)
    }

    private func twoRoundChart(valueMaximum: Double? = nil) -> GroupedBarChart {
        GroupedBarChart(
            title: "Read throughput", subtitle: "host", caption: "Error bars: 95% interval of the mean.",
            categories: ["aes-xts-plain", "aes-cbc-plain"], categoryAxisTitle: "cipher",
            series: [BarSeries(name: "with", color: Theme.light.withAESNI, values: [27e9, 20e9],
                               intervals: [-316e9...371e9, 19e9...21e9])],
            annotations: [nil, nil], valueAxisTitle: "Throughput", valueMaximum: valueMaximum,
            clippedNote: "An arrow ends a clipped whisker.")
    }

    func testAWhiskerThatLeavesThePlotIsClippedAtItsEdgeAndMarked() throws {
        let drawing = GroupedBarLayout.layout(twoRoundChart(), theme: .light, measurer: measurer)
        let (top, bottom) = try verticalExtent(drawing)
        for point in drawing.lines(role: .errorBar).joined() {
            XCTAssertGreaterThanOrEqual(point.y, top - 1e-9)
            XCTAssertLessThanOrEqual(point.y, bottom + 1e-9)
        }
        // Both ends of the wide interval are clipped: an arrow at each, at the plot's edges; the narrow one has caps.
        let marks = drawing.lines(role: .clipMark)
        XCTAssertEqual(marks.count, 2)
        let tips = marks.map { $0[1].y }.sorted()
        XCTAssertEqual(tips[0], top, accuracy: 1e-9)
        XCTAssertEqual(tips[1], bottom, accuracy: 1e-9)
        XCTAssertEqual(drawing.lines(role: .errorBar).count, 1 + 3)
        // Category labels and the caption stay below the plot, untouched by any whisker.
        for label in drawing.texts(role: .category) { XCTAssertGreaterThan(label.bounds.y, bottom) }
        XCTAssertTrue(drawing.texts(role: .caption).map(\.text).joined(separator: " ").contains("arrow"))
        // The axis is not flattened by the interval: it stops within twice the highest bar.
        let highestTick = drawing.texts(role: .tick).compactMap { Double($0.text) }.max() ?? 0
        XCTAssertLessThanOrEqual(highestTick, 60)
    }

    func testAnIntervalInsideThePlotHasNoMarkAndTheCaptionNoNote() {
        var chart = twoRoundChart()
        chart.series[0].intervals[0] = 26e9...28e9
        let drawing = GroupedBarLayout.layout(chart, theme: .light, measurer: measurer)
        XCTAssertTrue(drawing.lines(role: .clipMark).isEmpty)
        XCTAssertFalse(drawing.texts(role: .caption).map(\.text).joined().contains("arrow"))
        XCTAssertFalse(chart.clipsIntervals)
    }

    func testAValueMaximumRaisesTheAxisToIt() {
        let drawing = GroupedBarLayout.layout(twoRoundChart(valueMaximum: 100e9), theme: .light, measurer: measurer)
        XCTAssertEqual(drawing.texts(role: .tick).compactMap { Double($0.text) }.max(), 100)
    }

    private func gainChart(_ bars: [HorizontalBarChart.Bar], categories: [String]) -> HorizontalBarChart {
        HorizontalBarChart(title: "Gain", subtitle: "h", caption: "c", categories: categories,
                           series: [.init(name: "read", color: Theme.light.read, bars: bars)], valueAxisTitle: "gain")
    }

    func testAGainLabelSitsBesideItsBarWhateverItsSign() throws {
        let chart = gainChart([.init(value: -9, interval: -20...99, label: "−9% ~", muted: true),
                               .init(value: 40, interval: 30...50, label: "+40%", muted: false)],
                              categories: ["aes-ecb-plain", "aes-xts-plain"])
        let drawing = HorizontalBarLayout.layout(chart, theme: .light, measurer: measurer)
        let bars = drawing.rects(role: .bar)
        let labels = drawing.texts(role: .annotation)
        XCTAssertEqual(labels.map(\.text), ["−9% ~", "+40%"])
        // The negative bar grows left from zero: its label ends left of the bar and of its whisker's low end, close by.
        let whiskerLow = try XCTUnwrap(drawing.lines(role: .errorBar)[0].map(\.x).min())
        XCTAssertLessThanOrEqual(labels[0].bounds.maxX, min(bars[0].x, whiskerLow))
        XCTAssertGreaterThan(labels[0].bounds.maxX, min(bars[0].x, whiskerLow) - 10)
        XCTAssertEqual((labels[0].bounds.y + labels[0].bounds.height / 2), bars[0].y + bars[0].height / 2, accuracy: 1)
        // Nor does it run into the category labels.
        XCTAssertGreaterThan(labels[0].bounds.x, drawing.texts(role: .category).map(\.bounds.maxX).max() ?? 0)
        // The positive bar's label starts right of its bar and whisker.
        let whiskerHigh = try XCTUnwrap(drawing.lines(role: .errorBar)[3].map(\.x).max())
        XCTAssertGreaterThanOrEqual(labels[1].bounds.x, max(bars[1].x + bars[1].width, whiskerHigh))
        XCTAssertLessThan(labels[1].bounds.x, max(bars[1].x + bars[1].width, whiskerHigh) + 10)
    }

    func testOneCategoryDoesNotFillThePlotWithBars() {
        let horizontal = HorizontalBarLayout.layout(
            gainChart([.init(value: 40, interval: 30...50, label: "+40%", muted: false)], categories: ["aes-xts-plain"]),
            theme: .light, measurer: measurer)
        XCTAssertEqual(horizontal.rects(role: .bar).count, 1)
        for bar in horizontal.rects(role: .bar) { XCTAssertLessThanOrEqual(bar.height, HorizontalBarLayout.maximumBarHeight) }
        var chart = twoRoundChart()
        chart.categories = ["aes-xts-plain"]
        chart.series = [BarSeries(name: "without", color: Theme.light.withoutAESNI, values: [10e9]),
                        BarSeries(name: "with", color: Theme.light.withAESNI, values: [20e9])]
        let grouped = GroupedBarLayout.layout(chart, theme: .light, measurer: measurer)
        XCTAssertEqual(grouped.rects(role: .bar).count, 2)
        for bar in grouped.rects(role: .bar) { XCTAssertLessThanOrEqual(bar.width, GroupedBarLayout.maximumBarWidth) }
    }

    func testAFleetBandSitsOnItsValue() throws {
        let chart = DistributionChart(
            title: "Spread", subtitle: "3 hosts", caption: "c", categories: ["ecb"],
            columns: [.init(values: [0, 50, 50, 50, 80], median: 50, lowerQuartile: 50, upperQuartile: 50,
                            highlighted: [])],
            valueAxisTitle: "gain", color: Theme.light.read, highlightColor: Color(hex: 0xD55E00))
        let drawing = DistributionLayout.layout(chart, theme: .light, measurer: measurer)
        let tick = try XCTUnwrap(drawing.texts(role: .tick).first { $0.text == "50%" })
        // The widest band holds the three hosts at 50%: its middle is on the 50% grid line.
        let band = try XCTUnwrap(drawing.rects(role: .bin).max { $0.width < $1.width })
        XCTAssertEqual(band.y + band.height / 2, tick.position.y, accuracy: 0.01)
    }
}
