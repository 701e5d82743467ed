import AESReportCharts
import AESReportFiles
import AESReportIngest
import AESReportModel
import AESReportOutput
@testable import AESReportPages
import AESReportStats
import Foundation
import XCTest

/// `compare` in-process, on result folders arranged as people keep them: two trees with the same machine names
/// (dc1/node01 a Broadwell, dc2/node01 a Skylake, and node02 the other way round), one host's two state folders,
/// three inputs. The folders are copies of SampleData (synthetic, see SampleData/README.md).
final class CompareFrontendTests: XCTestCase {
    static let sampleData = ReportOutputTests.sampleData
    static let broadwell = sampleData + "/broadwell-e5-2699v4"
    static let skylake = sampleData + "/skylake-gold-6148"

    /// A fresh folder holding `layout` (destination under the folder → SampleData folder copied there).
    private func tree(_ layout: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-compare-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: root) }
        for (destination, source) in layout {
            let target = root.appendingPathComponent(destination)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: source, toPath: target.path)
        }
        return root.path
    }

    private func datacentres() throws -> String {
        try tree(["dc1/node01": Self.broadwell, "dc1/node02": Self.skylake,
                  "dc2/node01": Self.skylake, "dc2/node02": Self.broadwell])
    }

    private func compare(_ paths: [String], _ options: AnalysisOptions = AnalysisOptions()) -> CompareFrontend.Result {
        CompareFrontend(inputs: paths.map(InputPath.init), options: options, discovery: RunDiscovery(),
                        version: "test").analyse()
    }

    private func json(_ result: CompareFrontend.Result) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try result.document.json().utf8)) as? [String: Any])
    }

    func testSameNamedMachinesInTwoTreesArePairedByNameAndNeverPooled() throws {
        let root = try datacentres()
        let result = compare([root + "/dc1", root + "/dc2"])
        let c = result.comparison
        XCTAssertEqual(c.pairing, .hostNames)
        XCTAssertEqual(c.columns.map(\.label), ["dc1/node01", "dc1/node02", "dc2/node01", "dc2/node02"])
        XCTAssertEqual(c.pairs.map { [c.columns[$0.baseline].label, c.columns[$0.other].label] },
                       [["dc1/node01", "dc2/node01"], ["dc1/node02", "dc2/node02"]])
        XCTAssertEqual(c.rows.count, 48)
        // Ten rounds a side: one machine's series each, never two pooled.
        XCTAssertTrue(c.rows.allSatisfy { $0.a.n == 10 && $0.b.n == 10 })
        // node01 is a Broadwell in dc1 and a Skylake in dc2: B is faster, in every row of that pair.
        XCTAssertTrue(c.rows.filter { $0.pair == 0 }.allSatisfy { $0.change.ratio > 1.15 && $0.significant == true })
        XCTAssertTrue(c.rows.filter { $0.pair == 1 }.allSatisfy { $0.change.ratio < 0.87 && $0.significant == true })
        XCTAssertEqual(c.unmatched, [])
        XCTAssertEqual(c.unpairedHosts, [])

        // The distinct labels in every output.
        let terminal = result.document.terminalTable()
        XCTAssertTrue(terminal.contains("columns: hosts paired by their folder under each input: dc1/node01 with "
            + "dc2/node01, dc1/node02 with dc2/node02"), terminal)
        XCTAssertTrue(terminal.contains("dc1/node01 (A) against dc2/node01 (B)"), terminal)
        let json = try json(result)
        XCTAssertEqual((json["columns"] as? [[String: Any]])?.compactMap { $0["label"] as? String },
                       ["dc1/node01", "dc1/node02", "dc2/node01", "dc2/node02"])
        let csv = result.document.csv().split(separator: "\n")
        XCTAssertEqual(csv.dropFirst().filter { $0.hasPrefix("0,dc1/node01,dc2/node01,") }.count, 24)
        XCTAssertTrue(result.document.markdown().contains("## dc1/node02 (A) against dc2/node02 (B)"))
        let charts = ReportCharts.comparison(c, options: ChartOptions())
        XCTAssertEqual(charts.map(\.name), ["compare-read-dc2-node01", "compare-write-dc2-node01",
                                            "compare-gains-read-dc2-node01", "compare-gains-write-dc2-node01",
                                            "compare-read-dc2-node02", "compare-write-dc2-node02",
                                            "compare-gains-read-dc2-node02", "compare-gains-write-dc2-node02"])
        guard case .grouped(let read) = charts[0].model else { return XCTFail("compare-read is a bar chart") }
        XCTAssertEqual(read.subtitle, "A: dc1/node01 · B: dc2/node01")
        XCTAssertEqual(read.series.map(\.name), ["dc1/node01, without AES-NI", "dc2/node01, without AES-NI",
                                                 "dc1/node01, with AES-NI", "dc2/node01, with AES-NI"])
        // The machines differ, and say how.
        let host = try XCTUnwrap(result.machines.facts.first { $0.name == "host CPU" })
        XCTAssertTrue(host.differs)
        XCTAssertEqual(host.values, ["Intel(R) Xeon(R) CPU E5-2699 v4 @ 2.20GHz", "Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz",
                                     "Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz", "Intel(R) Xeon(R) CPU E5-2699 v4 @ 2.20GHz"])
    }

    func testTwoSameNamedHostFoldersGivenDirectlyAreLabelledByTheirDistinctSuffixes() throws {
        let root = try datacentres()
        let result = compare([root + "/dc1/node01", root + "/dc2/node01"])
        let c = result.comparison
        XCTAssertEqual(c.pairing, .sides)
        XCTAssertEqual(c.columns.map(\.label), ["dc1/node01", "dc2/node01"])
        let charts = ReportCharts.comparison(c, options: ChartOptions())
        XCTAssertEqual(charts.map(\.name), ["compare-read", "compare-write", "compare-gains-read", "compare-gains-write"])
        guard case .grouped(let read) = charts[0].model, case .horizontal(let gains) = charts[2].model else {
            return XCTFail("chart kinds")
        }
        XCTAssertEqual(read.subtitle, "A: dc1/node01 · B: dc2/node01")
        XCTAssertEqual(Set(read.series.map(\.name)).count, 4)
        XCTAssertEqual(gains.series.map(\.name), ["dc1/node01", "dc2/node01"])
        XCTAssertEqual(gains.series.map(\.hatched), [false, true])
    }

    static let realTrees = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/real-compare-tcg").path

    /// Real `collect vm` output of one machine, idle (dc-idle) and with both cores loaded (dc-loaded): two trees with
    /// a host of the same name. The gains and their ratio against `gain_comparison_reference.py` (SciPy, from the
    /// raw dd lines).
    func testARealComparisonOfAnIdleAndALoadedHost() throws {
        let result = compare([Self.realTrees + "/dc-idle", Self.realTrees + "/dc-loaded"])
        let c = result.comparison
        XCTAssertEqual(c.pairing, .sides)
        XCTAssertEqual(c.columns.map(\.label), ["dc-idle/tcg-host", "dc-loaded/tcg-host"])
        XCTAssertEqual(c.rows.count, 12)
        XCTAssertTrue(c.rows.allSatisfy { $0.a.n == 5 && $0.b.n == 5 })
        func close(_ actual: Double?, _ expected: Double, _ what: String) {
            XCTAssertLessThanOrEqual(abs((actual ?? .nan) - expected) / abs(expected), 1e-9, "\(what): \(actual ?? .nan)")
        }
        let xts = try XCTUnwrap(c.gains.first { $0.item == "aes-xts-plain" && $0.operation == "write" })
        // real aes-xts-plain write: a_ratio, b_ratio and log_ratio_t()
        close(xts.a.estimate.ratio, 1.6014913722424033, "a_ratio")
        close(xts.b.estimate.ratio, 1.1357385804600113, "b_ratio")
        close(xts.comparison.ratio, 0.7091755847986577, "ratio of ratios")
        close(xts.comparison.interval?.low, 0.5275835561156886, "low")
        close(xts.comparison.interval?.high, 0.9532708217392499, "high")
        close(xts.comparison.test.degreesOfFreedom, 11.210715838049792, "df")
        close(xts.comparison.test.pValue, 0.026589301748978732, "p")
        XCTAssertEqual(xts.comparison.significant, true)
        let cbc = try XCTUnwrap(c.gains.first { $0.item == "aes-cbc-plain" && $0.operation == "read" })
        close(cbc.comparison.ratio, 1.3836551499196617, "cbc ratio")
        close(cbc.comparison.interval?.low, 1.0218393881259833, "cbc low")
        close(cbc.comparison.test.pValue, 0.03759084501233754, "cbc p")
        // The machines are alike but for the load, which no file records: nothing is said to differ (the collector's
        // output folders are not settings), and the same benchmark ran on both.
        XCTAssertEqual(result.machines.facts.filter(\.differs).map(\.name), [])
        XCTAssertFalse(result.diagnostics.contains { $0.message.contains("different benchmarks") })
        XCTAssertEqual(result.machines.facts.first { $0.name == "collector" }?.values.first,
                       "collect dmcrypt --size 32 --rounds 5 --ciphers aes-ecb-plain,aes-cbc-plain,aes-xts-plain "
                           + "--backing-folder /dev/shm")
        XCTAssertTrue(result.document.terminalTable().contains(
            "dm-crypt aes-xts-plain write              +60%              +14% ~  -29% (-47% .. -5%)  p=0.027"),
            result.document.terminalTable())
    }

    /// A tree against one host folder: the host of the same name is its partner, the others are named as unpaired;
    /// an input with no runs leaves nothing to pair.
    func testATreeAgainstOneHostPairsTheSameNameAndNamesTheRest() throws {
        let root = try datacentres()
        let result = compare([root + "/dc1", root + "/dc2/node01"])
        let c = result.comparison
        XCTAssertEqual(c.pairing, .hostNames)
        XCTAssertEqual(c.pairs.map { [c.columns[$0.baseline].label, c.columns[$0.other].label] },
                       [["dc1/node01", "dc2/node01"]])
        XCTAssertEqual(c.unpairedHosts, ["host node02 (A) has no host of the same name on another input, so it is "
            + "compared with none"])
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .warning && $0.message.contains("no host of the same") }.count, 1)

        let missing = compare([root + "/dc1", root + "/nowhere"])
        XCTAssertEqual(missing.comparison.pairs, [])
        XCTAssertEqual(missing.comparison.rows, [])
        XCTAssertTrue(missing.document.terminalTable().contains("nothing to compare: B (\(root)/nowhere) has no runs"))
        XCTAssertTrue(missing.diagnostics.contains { $0.severity == .error })
    }

    /// `a_ratio` and `b_ratio` are each host's report gain, bit for bit: the same runs through `ReportAnalysis` as
    /// `report` on that host alone.
    func testEachSidesGainIsItsReportsGainBitForBit() throws {
        let root = try datacentres()
        for centre in Centre.allCases {
            let options = AnalysisOptions(centre: centre)
            let result = compare([root + "/dc1/node01", root + "/dc2/node01"], options)
            let reportA = ReportAnalysis(runs: RunDiscovery().discover(paths: [root + "/dc1/node01"]).runs, options: options)
            let reportB = ReportAnalysis(runs: RunDiscovery().discover(paths: [root + "/dc2/node01"]).runs, options: options)
            let dmcrypt = result.comparison.gains.filter { $0.source == .dmcrypt }
            XCTAssertEqual(dmcrypt.count, 12, "\(centre)")
            for gain in dmcrypt {
                let a = try XCTUnwrap(reportA.speedups.first { $0.cipher == gain.item && $0.operation.rawValue == gain.operation })
                let b = try XCTUnwrap(reportB.speedups.first { $0.cipher == gain.item && $0.operation.rawValue == gain.operation })
                XCTAssertEqual(gain.a.estimate.ratio.bitPattern, a.estimate.ratio.bitPattern, "\(centre) \(gain.item)")
                XCTAssertEqual(gain.b.estimate.ratio.bitPattern, b.estimate.ratio.bitPattern, "\(centre) \(gain.item)")
                XCTAssertEqual(gain.a.estimate, a.estimate)
                XCTAssertEqual(gain.comparison.ratio, b.estimate.ratio / a.estimate.ratio)
            }
            let openssl = result.comparison.gains.filter { $0.source == .openssl }
            XCTAssertEqual(openssl.count, reportA.opensslSpeedups.count)
            for gain in openssl {
                let a = try XCTUnwrap(reportA.opensslSpeedups.first {
                    $0.algorithm == gain.item && $0.direction.rawValue == gain.operation && $0.blockSize == gain.blockSize
                })
                XCTAssertEqual(gain.a.estimate.ratio.bitPattern, a.estimate.ratio.bitPattern)
            }
        }
    }

    /// The centre decides the whole method, and comparison.json names the test actually used.
    func testEachCentreUsesAndNamesItsOwnTest() throws {
        let root = try datacentres()
        let expected: [Centre: (String, String)] = [.mean: ("welch", "log-ratio-t"), .median: ("mann-whitney", "bootstrap"),
                                                    .total: ("permutation", "bootstrap")]
        for (centre, (test, gainTest)) in expected {
            let result = compare([root + "/dc1/node01", root + "/dc2/node01"], AnalysisOptions(centre: centre))
            let json = try json(result)
            XCTAssertEqual(json["significance_test"] as? String, test)
            let rows = try XCTUnwrap(json["rows"] as? [[String: Any]])
            XCTAssertEqual(Set(rows.compactMap { $0["test"] as? String }), [test])
            let gains = try XCTUnwrap(json["gains"] as? [[String: Any]])
            XCTAssertEqual(Set(gains.filter { $0["source"] as? String == "dmcrypt" }.compactMap { $0["test"] as? String }),
                           [gainTest])
            // openssl outputs are plain samples: their total falls back to the mean, as report's does.
            XCTAssertEqual(Set(gains.filter { $0["source"] as? String == "openssl" }.compactMap { $0["test"] as? String }),
                           [centre == .median ? "bootstrap" : "log-ratio-t"])
            // Each side's ci95 is the interval of the centre, the one the terminal's ± and the whiskers show.
            // (Compared as text: Foundation's JSON reader on Linux can be one bit off, the file is not.)
            let first = try XCTUnwrap(result.comparison.rows.first)
            let interval = try XCTUnwrap(first.a.centreInterval.interval)
            XCTAssertTrue(try result.document.json().contains("\"ci95\" : [\(interval.low), \(interval.high)]"),
                          "\(centre): \(interval)")
        }
    }

    func testOneHostsTwoStateFoldersGiveTheReportsGain() throws {
        for (a, b) in [("guest-aesni", "guest-noaesni"), ("guest-noaesni", "guest-aesni")] {
            let result = compare([Self.broadwell + "/" + a, Self.broadwell + "/" + b])
            let c = result.comparison
            XCTAssertEqual(c.pairs.map(\.kind), [.aesniStates])
            XCTAssertEqual(c.columns.map(\.label), ["broadwell-e5-2699v4/\(a)", "broadwell-e5-2699v4/\(b)"])
            XCTAssertEqual(c.rows.count, 12)
            XCTAssertEqual(c.unmatched, [])
            let report = ReportAnalysis(runs: RunDiscovery().discover(paths: [Self.broadwell]).runs,
                                        options: AnalysisOptions())
            for row in c.rows {
                let speedup = try XCTUnwrap(report.speedups.first { $0.cipher == row.cipher && $0.operation == row.operation })
                XCTAssertEqual(row.change, speedup.estimate, row.cipher)
                XCTAssertEqual(row.test, speedup.test)
                XCTAssertNil(row.aesni)
            }
        }
    }

    /// Found by a review as a user: one host's two state folders also give the openssl and cryptsetup gains, as
    /// report's; overlapping inputs are warned of; nothing in common is an error; dd against fio is a different
    /// benchmark.
    func testWhatAReviewFoundAsAUser() throws {
        let states = compare([Self.broadwell + "/guest-noaesni", Self.broadwell + "/guest-aesni"])
        let report = ReportAnalysis(runs: RunDiscovery().discover(paths: [Self.broadwell]).runs, options: AnalysisOptions())
        let openssl = states.comparison.stateGains.filter { $0.source == .openssl }
        XCTAssertEqual(openssl.count, report.opensslSpeedups.count)
        XCTAssertGreaterThan(openssl.count, 0)
        for gain in openssl {
            let expected = try XCTUnwrap(report.opensslSpeedups.first {
                $0.algorithm == gain.item && $0.direction.rawValue == gain.operation && $0.blockSize == gain.blockSize
            })
            XCTAssertEqual(gain.gain.estimate, expected.estimate)
        }
        XCTAssertEqual(states.comparison.stateGains.filter { $0.source == .cryptsetup }.count,
                       report.cryptsetupSpeedups.count)
        XCTAssertTrue(states.document.terminalTable().contains("openssl AES-128-CBC encrypt 8192 B  "))

        let root = try datacentres()
        let nested = compare([root + "/dc1", root + "/dc1/node01"])
        XCTAssertTrue(nested.diagnostics.contains { $0.severity == .warning
            && $0.message.hasPrefix("input B lies inside input A") }, "\(nested.diagnostics)")
        let same = compare([Self.broadwell, Self.broadwell])
        XCTAssertEqual(same.diagnostics.filter { $0.message.contains("is the same folder as input A") }.count, 1)

        let fio = ReportOutputTests.sampleData + "/../Tests/AESReportIngestTests/Fixtures/runs/real-fio-collect-vm-tcg"
        let tools = compare([fio, Self.broadwell])
        XCTAssertTrue(tools.diagnostics.contains { $0.message.contains("ran different benchmarks (measured with: ")
            && $0.message.contains("against dd") }, "\(tools.diagnostics)")
        XCTAssertTrue(tools.diagnostics.contains { $0.severity == .error && $0.message.hasPrefix("nothing to compare") },
                      "no series in common")
        XCTAssertTrue(tools.document.terminalTable().contains("no dm-crypt series (dd or fio) measured by both columns"))
    }

    func testThreeInputsAreEachComparedWithTheFirst() throws {
        let root = try datacentres()
        let result = compare([Self.broadwell, Self.skylake, root + "/dc2/node02"])
        let c = result.comparison
        XCTAssertEqual(c.pairing, .sides)
        XCTAssertEqual(c.pairs.map(\.baseline), [0, 0])
        XCTAssertEqual(c.pairs.map(\.other), [1, 2])
        XCTAssertEqual(c.rows.count, 48)
        // dc2/node02 is a copy of the Broadwell: nothing differs from the baseline.
        XCTAssertTrue(c.rows.filter { $0.pair == 1 }.allSatisfy { $0.change.ratio == 1 && $0.significant == false })
        XCTAssertTrue(result.document.terminalTable().contains("columns: one host per input; each compared with A"))
        let charts = ReportCharts.comparison(c, options: ChartOptions())
        XCTAssertEqual(charts.map(\.name).filter { $0.hasPrefix("compare-read") },
                       ["compare-read-skylake-gold-6148", "compare-read-node02"])
        // The third input is C everywhere its pair is named, never B.
        guard case .grouped(let third) = try XCTUnwrap(charts.first { $0.name == "compare-read-node02" }).model,
              case .horizontal(let gains) = try XCTUnwrap(charts.first { $0.name == "compare-gains-read-node02" }).model
        else { return XCTFail("chart kinds") }
        XCTAssertEqual(third.subtitle, "A: broadwell-e5-2699v4 · C: node02")
        XCTAssertTrue(third.caption.contains("Hatched: C.") && third.caption.contains("C's change from A"), third.caption)
        XCTAssertTrue(gains.categories.allSatisfy { $0.contains(" · C/A ") }, "\(gains.categories)")
        XCTAssertTrue(result.document.terminalTable().contains("gain C/A (95% CI)"))
    }

    func testSidesThatRanDifferentBenchmarksAreWarned() throws {
        let root = try tree(["a/node01": Self.broadwell, "b/node01": Self.broadwell])
        // B ran 3 rounds where A ran 10.
        let folder = root + "/b/node01/guest-aesni"
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasPrefix("aes-") {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            try text.split(separator: "\n", omittingEmptySubsequences: false).prefix(9).joined(separator: "\n")
                .appending("\n").write(toFile: folder + "/" + file, atomically: true, encoding: .utf8)
        }
        let result = compare([root + "/a/node01", root + "/b/node01"])
        let warnings = result.diagnostics.filter { $0.message.contains("ran different benchmarks") }
        XCTAssertEqual(warnings.count, 1, "\(result.diagnostics)")
        XCTAssertTrue(warnings.first?.message.contains("dd rounds per series: 10 against 3; 10") ?? false,
                      warnings.first?.message ?? "")
    }

    /// The charts carry the result: the change over each cipher, `~` and `n/a` where they apply, and a caption
    /// that explains only the marks that appear.
    func testCompareChartsCarryTheirChangeLabelsAndExplainOnlyTheMarksShown() throws {
        let same = compare([Self.broadwell, Self.broadwell]).comparison
        guard case .grouped(let flat) = ReportCharts.comparison(same, options: ChartOptions())[0].model else {
            return XCTFail("bar chart")
        }
        XCTAssertEqual(flat.annotations.compactMap { $0?.text }, Array(repeating: "+0.0% ~ / +0.0% ~", count: 6))
        XCTAssertTrue(flat.caption.contains("~: not significant (Welch's t-test, p ≥ 0.05)"), flat.caption)
        XCTAssertFalse(flat.caption.contains("n/a"), flat.caption)
        let hosts = compare([Self.broadwell, Self.skylake]).comparison
        guard case .grouped(let read) = ReportCharts.comparison(hosts, options: ChartOptions())[0].model,
              case .horizontal(let gains) = ReportCharts.comparison(hosts, options: ChartOptions())[3].model else {
            return XCTFail("chart kinds")
        }
        XCTAssertEqual(read.annotations.first??.text, "+28% / +28%")
        XCTAssertFalse(read.caption.contains("~:"), read.caption)
        XCTAssertTrue(read.series.allSatisfy { $0.intervals.allSatisfy { $0 != nil } }, "whiskers on every bar")
        XCTAssertEqual(gains.title, "What AES-NI buys on each host: writes")
        XCTAssertEqual(gains.categories.first, "aes-ecb-plain · B/A ~")
        XCTAssertTrue(gains.categories.contains("aes-lrw-plain · B/A +5%"), "\(gains.categories)")
        XCTAssertEqual(gains.series.map { $0.bars.compactMap { $0?.label }.count }, [6, 6])
        // Every gain drawn is significant, some ratios are not: the caption explains `~` for B/A only.
        XCTAssertFalse(gains.caption.contains("Pale bars"), gains.caption)
        XCTAssertTrue(gains.caption.contains("B/A ~: not significant (log-ratio t test, p ≥ 0.05)"), gains.caption)
    }
}

