import AESReportModel
import AESReportStats

extension ComparisonDocument {
    /// The document as JSON (keys sorted, as summary.json), written by `JSONWriter`. Every interval (`ci95`) is the
    /// method's: a side's is the interval of its centre, a change's the method's ratio interval, and
    /// `significance_test` names the test every `p_value` and `significant` of `rows` comes from.
    public func json() throws -> String {
        var w = JSONWriter()
        let columns = comparison.columns
        w.object { w in
            w.key("a"); w.value(comparison.nameA)
            w.key("alpha"); w.value(comparison.alpha)
            w.key("b"); w.value(comparison.nameB)
            w.key("centre"); w.value(method.centre.rawValue)
            w.key("change_interval_method"); w.value(method.ratioIntervalMethod)
            w.key("columns")
            w.array { w in
                for column in columns { column.writeJSON(to: &w) }
            }
            diagnostics.writeJSON(to: &w)
            w.key("gain_comparison_method"); w.value(method.gainComparisonMethod)
            w.key("gains")
            w.array { w in
                for g in comparison.gains { g.writeJSON(to: &w, columns: columns, pairs: comparison.pairs) }
            }
            w.key("geometric_means")
            w.array { w in
                for g in comparison.geometricMeans { g.writeJSON(to: &w) }
            }
            w.key("inputs"); w.value(comparison.sideNames)
            w.key("interval_of_centre"); w.value(method.centreIntervalMethod)
            w.key("machines")
            w.array { w in
                for fact in machines.facts {
                    w.object { w in
                        w.key("differs"); w.value(fact.differs)
                        w.key("fact"); w.value(fact.name)
                        w.key("values"); w.value(fact.values)
                    }
                }
            }
            w.key("only_in_one_column"); w.value(comparison.unmatched)
            w.key("pairing"); w.value(comparison.pairing.rawValue)
            w.key("pairs")
            w.array { w in
                for pair in comparison.pairs {
                    w.object { w in
                        w.key("baseline"); w.value(columns[pair.baseline].label)
                        w.key("kind"); w.value(pair.kind.rawValue)
                        w.key("other"); w.value(columns[pair.other].label)
                        if pair.kind == .aesniStates {
                            w.key("with_aesni"); w.value(columns[pair.baseline].states == [true] ? "baseline" : "other")
                        }
                    }
                }
            }
            w.key("rows")
            w.array { w in
                for r in comparison.rows { r.writeJSON(to: &w, columns: columns, pairs: comparison.pairs) }
            }
            w.key("significance_test"); w.value(method.test.rawValue)
            w.key("significance_test_method"); w.value(method.testMethod)
            w.key("state_gains")
            w.array { w in
                for g in comparison.stateGains {
                    w.object { w in
                        w.key("block_size"); w.value(g.blockSize)
                        w.key("ci95"); w.value(pair: g.gain.estimate.confidenceInterval.map { ($0.low, $0.high) })
                        w.key("cipher"); w.value(g.item)
                        w.key("operation"); w.value(g.operation)
                        w.key("p_value"); w.value(g.gain.test.pValue)
                        w.key("pair"); w.value(g.pair)
                        w.key("ratio"); w.value(g.gain.estimate.ratio)
                        w.key("significant"); w.value(g.gain.significant)
                        w.key("source"); w.value(g.source.rawValue)
                    }
                }
            }
            w.tool(version: version)
            w.key("unpaired_hosts"); w.value(comparison.unpairedHosts)
        }
        return String(decoding: w.bytes, as: UTF8.self) + "\n"
    }
}

extension ComparisonColumn {
    /// One entry of `columns[]`.
    func writeJSON(to w: inout JSONWriter) {
        w.object { w in
            w.key("aesni_states"); w.value(states.map { $0 ? "with" : "without" })
            w.key("host"); w.value(host)
            w.key("input"); w.value(Comparison.sideLetter(side))
            w.key("label"); w.value(label)
            w.key("runs"); w.value(runs)
        }
    }
}

extension RatioEstimate {
    /// The interval as percentages, what the tables show.
    var percentInterval: ClosedInterval? {
        confidenceInterval.map { ClosedInterval(low: ($0.low - 1) * 100, high: ($0.high - 1) * 100) }
    }
}

extension ComparisonRow {
    /// One entry of `rows[]` in comparison.json: in a pair of AES-NI states, `change` is the gain (with over
    /// without), which `gain_with_aesni` says.
    func writeJSON(to w: inout JSONWriter, columns: [ComparisonColumn], pairs: [ComparisonPair]) {
        let pairKind = pairs[pair]
        w.object { w in
            w.key("a"); a.writeJSON(to: &w, column: columns[pairKind.baseline].label)
            w.key("aesni"); w.value(aesni)
            w.key("b"); b.writeJSON(to: &w, column: columns[pairKind.other].label)
            w.key("change_ci95"); w.value(pair: change.percentInterval.map { ($0.low, $0.high) })
            w.key("change_ci95_method"); w.value(change.intervalMethod)
            w.key("change_percent"); w.value(change.percent)
            w.key("cipher"); w.value(cipher)
            w.key("gain_with_aesni"); w.value(pairKind.kind == .aesniStates)
            w.key("operation"); w.value(operation.rawValue)
            w.key("p_value"); w.value(test.pValue)
            w.key("pair"); w.value(pair)
            w.key("ratio"); w.value(change.ratio)
            w.key("significant"); w.value(significant)
            w.key("test"); w.value(testKind.rawValue)
            w.key("test_note"); w.value(test.note)
        }
    }
}

extension ComparedSide {
    /// `rows[].a` and `rows[].b`; `ci95` is the interval of the centre by the method.
    func writeJSON(to w: inout JSONWriter, column: String) {
        w.object { w in
            w.key("centre"); w.value(centre)
            w.key("ci95"); w.value(pair: centreInterval.interval.map { ($0.low, $0.high) })
            w.key("ci95_note"); w.value(centreInterval.note)
            w.key("column"); w.value(column)
            w.key("files"); w.value(files)
            w.key("mean"); w.value(summary.mean)
            w.key("median"); w.value(summary.median)
            w.key("n"); w.value(n)
            w.key("stdev"); w.value(summary.standardDeviation)
        }
    }
}

extension GainComparisonRow {
    /// One entry of `gains[]`: each host's gain exactly as its own report gives it (`a_ratio`, `b_ratio`), and
    /// their ratio with its interval and test.
    func writeJSON(to w: inout JSONWriter, columns: [ComparisonColumn], pairs: [ComparisonPair]) {
        w.object { w in
            w.key("a_ci95"); w.value(pair: a.estimate.confidenceInterval.map { ($0.low, $0.high) })
            w.key("a_column"); w.value(columns[pairs[pair].baseline].label)
            w.key("a_p_value"); w.value(a.test.pValue)
            w.key("a_ratio"); w.value(a.estimate.ratio)
            w.key("a_significant"); w.value(a.significant)
            w.key("b_ci95"); w.value(pair: b.estimate.confidenceInterval.map { ($0.low, $0.high) })
            w.key("b_column"); w.value(columns[pairs[pair].other].label)
            w.key("b_p_value"); w.value(b.test.pValue)
            w.key("b_ratio"); w.value(b.estimate.ratio)
            w.key("b_significant"); w.value(b.significant)
            w.key("block_size"); w.value(blockSize)
            w.key("cipher"); w.value(item)
            w.key("operation"); w.value(operation)
            w.key("p_value"); w.value(comparison.test.pValue)
            w.key("pair"); w.value(pair)
            w.key("ratio_of_ratios"); w.value(comparison.ratio)
            w.key("ratio_of_ratios_ci95"); w.value(pair: comparison.interval.map { ($0.low, $0.high) })
            w.key("significant"); w.value(comparison.significant)
            w.key("source"); w.value(source.rawValue)
            w.key("test"); w.value(comparison.kind.rawValue)
            w.key("test_note"); w.value(comparison.test.note)
        }
    }
}

extension GeometricMeanRow {
    /// One entry of `geometric_means[]`: per pair, operation and AES-NI state, then over the pair's rows (both null).
    func writeJSON(to w: inout JSONWriter) {
        w.object { w in
            w.key("aesni"); w.value(aesni)
            w.key("operation"); w.value(operation?.rawValue)
            w.key("pair"); w.value(pair)
            w.key("percent"); w.value(percent)
            w.key("ratio"); w.value(ratio)
            w.key("rows"); w.value(rows)
        }
    }
}
