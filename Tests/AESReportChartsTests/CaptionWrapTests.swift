@testable import AESReportCharts
import XCTest

/// Captions are wrapped by bisection (few measurements a line); the lines are those of adding words one by one.
final class CaptionWrapTests: XCTestCase {
    /// The word-by-word wrap the bisection replaced, as the reference.
    private func greedy(_ text: String, width: Double, measure: (String) -> Double) -> [String] {
        guard measure(text) > width else { return [text] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if !current.isEmpty, measure(candidate) > width {
                lines.append(current)
                current = String(word)
            } else {
                current = candidate
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    func testTheLinesAreThoseOfTheWordByWordWrapAndTheMeasurementsFewer() {
        let caption = "Bars: mean of the rounds; error bars: 95% t interval of the mean. ~: not significant (Welch's "
            + "t-test, p ≥ 0.05); n/a: untested (fewer than 2 rounds on a side). Same y axis on every host's chart of "
            + "this kind (--y-scale shared, the default). supercalifragilisticexpialidociousandthensome end"
        for width in [40.0, 120, 300, 600, 844, 2000] {
            var bisected = 0
            var wordByWord = 0
            let lines = ChartFrame.wrap(caption, width: width) { bisected += 1; return Double($0.count) * 6 }
            XCTAssertEqual(lines, greedy(caption, width: width) { wordByWord += 1; return Double($0.count) * 6 },
                           "width \(width)")
            if lines.count > 1, width >= 300 { XCTAssertLessThan(bisected, wordByWord, "width \(width)") }
        }
    }
}
