import AESReportCharts
import XCTest

/// The value axis and the whiskers are drawn by one piece each for every layout: these check that each layout gets
/// the same kind of axis (a grid line per tick label, one zero line, labels outside the plot, one title) and whiskers
/// with a cap at each end of the interval, centred on their bar.
final class ValueAxisAndWhiskerTests: XCTestCase {
    private let measurer = FixedMeasurer()

    private var grouped: Drawing {
        let chart = GroupedBarLayoutTests.chart(categories: ["ecb", "cbc", "xts"], series: 2) { s, i in
            Double(s + 1) * 1e9 + Double(i) * 2e8
        }
        return GroupedBarLayout.layout(chart, theme: .light, measurer: measurer)
    }

    private var horizontal: Drawing {
        let chart = HorizontalBarChart(
            title: "Gain", subtitle: "h", caption: "c", categories: ["ecb", "cbc"],
            series: [.init(name: "read", color: Theme.light.read, bars: [
                .init(value: 91, interval: 80...97, label: "+91%", muted: false),
                .init(value: -4, interval: -12...3, label: "−4% n/a", muted: true, untested: true),
            ])], valueAxisTitle: "gain")
        return HorizontalBarLayout.layout(chart, theme: .light, measurer: measurer)
    }

    private var distribution: Drawing {
        let chart = DistributionChart(
            title: "Spread", subtitle: "3 hosts", caption: "c", categories: ["ecb", "cbc"],
            columns: [.init(values: [80, 85, 90], median: 85, lowerQuartile: 82, upperQuartile: 88, highlighted: [80]),
                      .init(values: [10, 40, 45], median: 40, lowerQuartile: 25, upperQuartile: 43, highlighted: [])],
            valueAxisTitle: "gain", color: Theme.light.read, highlightColor: Theme.light.write)
        return DistributionLayout.layout(chart, theme: .light, measurer: measurer)
    }

    func testEveryLayoutHasAGridLinePerTickLabelOneZeroLineAndOneTitle() {
        for (name, drawing, valuesRunUp) in [("grouped", grouped, true), ("horizontal", horizontal, false),
                                              ("distribution", distribution, true)] {
            let ticks = drawing.texts(role: .tick)
            let lines = drawing.lines(role: .grid) + drawing.lines(role: .axis)
            XCTAssertGreaterThanOrEqual(ticks.count, 3, name)
            XCTAssertEqual(lines.count, ticks.count, name)
            XCTAssertEqual(drawing.lines(role: .axis).count, 1, "\(name): the zero line is the axis")
            XCTAssertEqual(drawing.texts(role: .axisTitle).filter { valuesRunUp == ($0.rotation == -90) }.count, 1, name)
            let zero = drawing.lines(role: .axis)[0]
            let zeroLabel = ticks.first { Double($0.text.replacingOccurrences(of: "%", with: "")) == 0 }
            XCTAssertNotNil(zeroLabel, name)
            if valuesRunUp {
                // Horizontal grid lines; the labels end left of the plot, level with their line.
                XCTAssertTrue(lines.allSatisfy { $0[0].y == $0[1].y }, name)
                XCTAssertTrue(ticks.allSatisfy { $0.bounds.maxX <= zero[0].x }, name)
                XCTAssertEqual(zeroLabel?.position.y, zero[0].y, name)
            } else {
                // Vertical grid lines; the labels sit under the plot, centred on their line.
                XCTAssertTrue(lines.allSatisfy { $0[0].x == $0[1].x }, name)
                XCTAssertTrue(ticks.allSatisfy { $0.bounds.y >= zero[1].y }, name)
                XCTAssertEqual(zeroLabel?.position.x, zero[0].x, name)
            }
        }
    }

    func testWhiskersSpanTheIntervalWithACapAtEachEndCentredOnTheBar() throws {
        // Grouped: vertical whiskers, one per bar with an interval.
        let drawing = grouped
        let bars = drawing.rects(role: .bar)
        let whiskers = drawing.lines(role: .errorBar)
        XCTAssertEqual(whiskers.count, 3 * bars.count, "a line and two caps per bar")
        for (bar, index) in zip(bars, stride(from: 0, to: whiskers.count, by: 3)) {
            let line = whiskers[index]
            let caps = [whiskers[index + 1], whiskers[index + 2]]
            XCTAssertEqual(line[0].x, bar.x + bar.width / 2, accuracy: 1e-9, "centred on the bar")
            XCTAssertEqual(line[0].x, line[1].x)
            XCTAssertGreaterThan(line[0].y, line[1].y, "from the low end (lower on screen) to the high end")
            for (cap, end) in zip(caps, line) {
                XCTAssertEqual(cap[0].y, end.y)
                XCTAssertEqual(cap[1].y, end.y)
                XCTAssertEqual((cap[0].x + cap[1].x) / 2, line[0].x, accuracy: 1e-9)
            }
            // The bar's value lies inside the whisker (the chart's intervals are ±3%).
            XCTAssertTrue((line[1].y...line[0].y).contains(bar.y))
        }

        // Horizontal: the same whisker turned, across the bar's middle.
        let gain = horizontal
        let gainBars = gain.rects(role: .bar)
        let gainWhiskers = gain.lines(role: .errorBar)
        XCTAssertEqual(gainWhiskers.count, 6)
        for (bar, index) in zip(gainBars, [0, 3]) {
            let line = gainWhiskers[index]
            XCTAssertEqual(line[0].y, line[1].y)
            XCTAssertEqual(line[0].y, bar.y - 0.5 + (bar.height + 1) / 2, accuracy: 1e-9)
            XCTAssertLessThan(line[0].x, line[1].x)
            for (cap, end) in zip([gainWhiskers[index + 1], gainWhiskers[index + 2]], line) {
                XCTAssertEqual(cap[0].x, end.x)
                XCTAssertEqual((cap[0].y + cap[1].y) / 2, line[0].y, accuracy: 1e-9)
            }
        }
    }

    func testStylesAreValuesChosenByTheLayoutFromTheTheme() throws {
        let theme = Theme.light
        // Grouped: the second (hatched) series is striped in the background colour at the theme's opacity.
        let paints = grouped.primitives.compactMap { if case let .rect(_, paint, .bar) = $0 { paint } else { nil } }
        XCTAssertEqual(paints.count, 6)
        XCTAssertEqual(paints[0], Paint(fill: Theme.okabeIto[0]))
        XCTAssertEqual(paints[1], Paint(fill: Theme.okabeIto[1], hatch: theme.background.withAlpha(theme.hatchOpacity)))
        let strokes = grouped.primitives.compactMap { if case let .line(_, stroke, .errorBar) = $0 { stroke } else { nil } }
        XCTAssertTrue(strokes.allSatisfy { $0 == Stroke(theme.errorBar, width: theme.errorBarWidth) })

        // Horizontal: an untested gain is pale and hatched in its series' colour.
        let gainPaints = horizontal.primitives.compactMap { if case let .rect(_, paint, .bar) = $0 { paint } else { nil } }
        XCTAssertEqual(gainPaints, [Paint(fill: theme.read),
                                    Paint(fill: theme.read.withAlpha(0.4), hatch: theme.read.withAlpha(theme.hatchOpacity))])

        // Distribution: the quartile box is an outline only.
        let box = distribution.primitives.first { if case .rect(_, _, .box) = $0 { true } else { false } }
        XCTAssertEqual(box.flatMap { if case let .rect(_, paint, _) = $0 { paint } else { nil } },
                       Paint(outline: Stroke(theme.text, width: theme.errorBarWidth)))
    }

    func testDarkThemeDiffersFromLightOnlyInColours() {
        var dark = Theme.dark
        XCTAssertNotEqual(dark.background, Theme.light.background)
        XCTAssertNotEqual(dark.withAESNI, Theme.light.withAESNI)
        for colour in [\Theme.background, \.text, \.mutedText, \.grid, \.axis, \.errorBar, \.withAESNI] {
            dark[keyPath: colour] = Theme.light[keyPath: colour]
        }
        dark.extra = Theme.light.extra
        dark.name = "light"
        XCTAssertEqual(dark, Theme.light)
    }
}
