import AESReportModel
import AESReportStats

extension ComparisonDocument {
    /// What `significance_test` says: the rule for `significant` and `~`.
    static let significanceTest = "Mann-Whitney U, two-sided (Welch's t-test also given)"

    /// The document as JSON (keys sorted, as summary.json), written by `JSONWriter`.
    public func json() throws -> String {
        var w = JSONWriter()
        w.object { w in
            w.key("a"); w.value(comparison.nameA)
            w.key("alpha"); w.value(comparison.alpha)
            w.key("b"); w.value(comparison.nameB)
            w.key("centre"); w.value(method.centre.rawValue)
            diagnostics.writeJSON(to: &w)
            w.key("geometric_means")
            w.array { w in
                for g in comparison.geometricMeans { g.writeJSON(to: &w) }
            }
            w.key("only_in_a"); w.value(comparison.onlyInA)
            w.key("only_in_b"); w.value(comparison.onlyInB)
            w.key("rows")
            w.array { w in
                for r in comparison.rows { r.writeJSON(to: &w) }
            }
            w.key("significance_test"); w.value(Self.significanceTest)
            w.tool(version: version)
        }
        return String(decoding: w.bytes, as: UTF8.self) + "\n"
    }
}

extension ComparisonRow {
    /// The change from A to B as percentages, with its interval: what the tables show.
    var changeInterval: ClosedInterval? {
        change.confidenceInterval.map { ClosedInterval(low: ($0.low - 1) * 100, high: ($0.high - 1) * 100) }
    }

    /// One entry of `rows[]` in comparison.json.
    func writeJSON(to w: inout JSONWriter) {
        w.object { w in
            w.key("a"); a.writeJSON(to: &w)
            w.key("aesni"); w.value(aesni)
            w.key("b"); b.writeJSON(to: &w)
            w.key("change_ci95"); w.value(pair: changeInterval.map { ($0.low, $0.high) })
            w.key("change_ci95_method"); w.value(change.intervalMethod)
            w.key("change_percent"); w.value(change.percent)
            w.key("cipher"); w.value(cipher)
            w.key("operation"); w.value(operation.rawValue)
            w.key("p_value_mann_whitney"); w.value(mannWhitney.pValue)
            w.key("p_value_welch"); w.value(welch.pValue)
            w.key("ratio"); w.value(change.ratio)
            w.key("significant"); w.value(significant)
        }
    }
}

extension ComparedSide {
    /// `rows[].a` and `rows[].b`; `ci95` is the mean's t interval, whatever the centre.
    func writeJSON(to w: inout JSONWriter) {
        w.object { w in
            w.key("centre"); w.value(centre)
            w.key("ci95"); w.value(pair: summary.confidenceInterval.map { ($0.low, $0.high) })
            w.key("mean"); w.value(summary.mean)
            w.key("median"); w.value(summary.median)
            w.key("n"); w.value(n)
            w.key("runs"); w.value(runs)
            w.key("stdev"); w.value(summary.standardDeviation)
        }
    }
}

extension GeometricMeanRow {
    /// One entry of `geometric_means[]`: per operation and AES-NI state, then over every row (both null).
    func writeJSON(to w: inout JSONWriter) {
        w.object { w in
            w.key("aesni"); w.value(aesni)
            w.key("operation"); w.value(operation?.rawValue)
            w.key("percent"); w.value(percent)
            w.key("ratio"); w.value(ratio)
            w.key("rows"); w.value(rows)
        }
    }
}
