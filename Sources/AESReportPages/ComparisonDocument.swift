import AESReportModel
import AESReportStats

/// `comparison.json`, `.csv`, `comparison-gains.csv` and `.md`, and the aligned tables `compare` prints, each written
/// from the `Comparison` itself (`ComparisonDocument+JSON.swift`, `+CSV`, `+Text`, `+Markdown`): the schema exists
/// once, and the cells the terminal and comparison.md share are made here.
public struct ComparisonDocument: Sendable {
    var comparison: Comparison
    var machines: ComparisonMachines
    /// The method the comparison was made with: its words head the columns and explain `~`, `n/a` and `±`.
    var method: Method
    var version: String
    var diagnostics: ListedDiagnostics

    public init(comparison: Comparison, machines: ComparisonMachines = .none, options: AnalysisOptions,
                diagnostics: [Diagnostic], version: String) {
        self.comparison = comparison
        self.machines = machines
        method = Method(options)
        self.version = version
        self.diagnostics = ListedDiagnostics(diagnostics)
    }

    /// A column's label with its input's letter: `dc1/node01 (A)`.
    func columnName(_ index: Int) -> String {
        let column = comparison.columns[index]
        let letter = "(\(Comparison.sideLetter(column.side)))"
        return column.label.hasSuffix(" " + letter) ? column.label : "\(column.label) \(letter)"
    }

    /// How the columns were paired, in a sentence.
    var pairingLine: String {
        let columns = comparison.columns
        switch comparison.pairing {
        case .sides:
            return comparison.sideNames.count > 2
                ? "columns: one host per input; each compared with A, \(columns.first?.label ?? "")" : ""
        case .hostNames:
            return "columns: hosts paired by their folder under each input: "
                + comparison.pairs.map { "\(columns[$0.baseline].label) with \(columns[$0.other].label)" }
                    .joined(separator: ", ")
        case .hostOrder:
            return "columns: the inputs hold several hosts and no host name matches across them, so each host is a "
                + "column of its own, compared with the first, \(columns.first?.label ?? "")"
        }
    }

    /// `dc1/node01 (A) against dc2/node01 (B)`, and for a pair of AES-NI states which column is with AES-NI.
    func pairTitle(_ index: Int) -> String {
        let pair = comparison.pairs[index]
        guard pair.kind == .aesniStates else { return "\(columnName(pair.baseline)) against \(columnName(pair.other))" }
        let baseWith = comparison.columns[pair.baseline].states == [true]
        return "\(columnName(pair.baseline)) \(baseWith ? "with" : "without") AES-NI, \(columnName(pair.other)) "
            + "\(baseWith ? "without" : "with") AES-NI: each side holds one AES-NI state, so the rows are the AES-NI "
            + "gain, with over without, computed as the report computes it"
            + (comparison.columns[pair.baseline].host == comparison.columns[pair.other].host ? ""
                : " (across two hosts: the gain includes their difference)")
    }

    /// The change or gain of a row as the tables show it: `+27% (+20% .. +33%)`, `~` (not significant,
    /// benchstat's convention) or `+5% n/a` (untested: the value, never hidden, and the mark).
    static func changeText(_ estimate: RatioEstimate, significant: Bool?) -> String {
        switch significant {
        case true?:
            PercentText.signed(estimate.percent) + " (" + (estimate.confidenceInterval == nil ? "no interval"
                : NumberText.percentInterval(estimate.confidenceInterval)) + ")"
        case false?: "~"
        case nil: PercentText.signed(estimate.percent) + " n/a"
        }
    }

    /// A gain of one host as the gains table shows it: `+91%`, `+3% ~`, `+5% n/a`.
    static func gainText(_ gain: ReportedGain) -> String {
        PercentText.signed(gain.estimate.percent) + (gain.significant == true ? "" : gain.significant == false ? " ~" : " n/a")
    }

    /// `1.27 GB/s ± 2%`: the centre and its interval relative to it, `± 2%` when the interval is symmetric to the
    /// whole percent, else both sides (`107 MB/s +40% −10%`): an asymmetric interval is never shown as its half-width.
    static func centreText(_ side: ComparedSide) -> String {
        var text = ThroughputFormat.si(side.centre)
        guard let ci = side.centreInterval.interval, side.centre != 0 else { return text }
        let above = ThroughputFormat.fixed((ci.high - side.centre) / side.centre * 100, decimals: 0)
        let below = ThroughputFormat.fixed((side.centre - ci.low) / side.centre * 100, decimals: 0)
        text += above == below ? " ± \(above)%" : " +\(above)% −\(below)%"
        return text
    }

    /// `aes-cbc-plain read without AES-NI`; in a pair of states, `aes-cbc-plain read`.
    static func seriesName(_ row: ComparisonRow) -> String {
        "\(row.cipher) \(row.operation.rawValue)" + (row.aesni.map { " " + AESNIStateText.of($0) } ?? "")
    }

    /// What a gain row measures: `dm-crypt aes-xts-plain read`, `openssl AES-128-CBC encrypt 16384 B`.
    static func measurement(_ gain: some MeasuredGain) -> String {
        let source = gain.source == .dmcrypt ? "dm-crypt" : gain.source.rawValue
        return "\(source) \(gain.item) \(gain.operation)" + (gain.blockSize.map { " \($0) B" } ?? "")
    }

    /// The terminal's short form of a list of gains: with `aesOnly`, cryptsetup's AES ciphers only where it has any;
    /// with `largestBlockOnly`, openssl and tcrypt rows at their largest block size only.
    static func shortForm<Gain: MeasuredGain>(_ gains: [Gain], largestBlockOnly: Bool, aesOnly: Bool) -> [Gain] {
        var gains = gains
        func isAESCryptsetup(_ g: Gain) -> Bool { g.source == .cryptsetup && g.item.lowercased().hasPrefix("aes") }
        if aesOnly, gains.contains(where: isAESCryptsetup) {
            gains = gains.filter { $0.source != .cryptsetup || isAESCryptsetup($0) }
        }
        if largestBlockOnly {
            func key(_ g: Gain) -> String { "\(g.source.rawValue) \(g.item) \(g.operation)" }
            var largest: [String: Int] = [:]
            for g in gains { if let size = g.blockSize { largest[key(g)] = max(largest[key(g)] ?? 0, size) } }
            gains = gains.filter { $0.blockSize == nil || $0.blockSize == largest[key($0)] }
        }
        return gains
    }

    /// The throughput (or AES-NI gain) table of a pair: header and cells.
    func rowsTable(pair: Int) -> (header: [String], cells: [[String]]) {
        let p = comparison.pairs[pair]
        let changeHeader = p.kind == .aesniStates ? "AES-NI gain (\(method.confidenceText) CI)" : method.changeHeader
        let header = ["series", comparison.columns[p.baseline].label, comparison.columns[p.other].label, changeHeader,
                      method.testShortName]
        let cells = comparison.rows.filter { $0.pair == pair }.map { r in
            [Self.seriesName(r), Self.centreText(r.a), Self.centreText(r.b),
             Self.changeText(r.change, significant: r.significant),
             NumberText.pValue(r.test.pValue) + " n=\(r.a.n)+\(r.b.n)"]
        }
        return (header, cells)
    }

    /// The gains of a pair side by side: header and cells. `largestBlockOnly`: openssl and tcrypt rows at their
    /// largest block size only; `aesOnly`: cryptsetup's AES ciphers only, where it has any (the terminal's short form).
    func gainsTable(pair: Int, largestBlockOnly: Bool, aesOnly: Bool = false) -> (header: [String], cells: [[String]]) {
        let p = comparison.pairs[pair]
        let gains = Self.shortForm(comparison.gains.filter { $0.pair == pair }, largestBlockOnly: largestBlockOnly,
                                   aesOnly: aesOnly)
        let header = ["AES-NI gain", comparison.columns[p.baseline].label, comparison.columns[p.other].label,
                      "gain \(ratioName(pair)) (\(method.confidenceText) CI)", "p (\(method.gainTestName.replacingOccurrences(of: " test", with: "")))"]
        let cells = gains.map { g in
            [Self.measurement(g), Self.gainText(g.a), Self.gainText(g.b),
             Self.changeText(RatioEstimate(ratio: g.comparison.ratio, confidenceInterval: g.comparison.interval,
                                           intervalMethod: "", intervalNote: nil),
                             significant: g.comparison.significant),
             NumberText.pValue(g.comparison.test.pValue)]
        }
        return (header, cells)
    }

    /// The openssl, cryptsetup and tcrypt gains of a pair of AES-NI states: header and cells (`largestBlockOnly`
    /// and `aesOnly` as in `gainsTable`).
    func stateGainsTable(pair: Int, largestBlockOnly: Bool, aesOnly: Bool = false) -> (header: [String], cells: [[String]]) {
        let gains = Self.shortForm(comparison.stateGains.filter { $0.pair == pair },
                                   largestBlockOnly: largestBlockOnly, aesOnly: aesOnly)
        let header = ["AES-NI gain", "gain (\(method.confidenceText) CI)", method.forSamples.testShortName]
        let cells = gains.map { g in
            [Self.measurement(g),
             Self.changeText(g.gain.estimate, significant: g.gain.significant),
             NumberText.pValue(g.gain.test.pValue) + " n=\(g.gain.roundsWith)+\(g.gain.roundsWithout)"]
        }
        return (header, cells)
    }

    /// `geomean read without AES-NI: +27% over 6 series` for one pair.
    func geometricMeanLines(pair: Int) -> [String] {
        let gain = comparison.pairs[pair].kind == .aesniStates
        return comparison.geometricMeans.filter { $0.pair == pair }.map { g in
            let scope = g.operation.map { "\($0.rawValue)" + (g.aesni.map { " " + AESNIStateText.of($0) } ?? "") }
                ?? "all series"
            return "geomean \(scope): \(PercentText.signed(g.percent))\(gain ? " gain" : "") over \(g.rows) series"
        }
    }

    /// Series on one column of a pair only, and hosts with no partner.
    var unmatchedLines: [String] { comparison.unmatched + comparison.unpairedHosts }

    /// The machine facts in which the two columns of a pair differ: `host CPU: X | Y`.
    func machineDifferenceLines(pair: Int) -> [String] {
        let p = comparison.pairs[pair]
        return machines.differences(p).map { "\($0.name): \($0.values[p.baseline]) | \($0.values[p.other])" }
    }

    /// Why a pair of hosts has no gains side by side: which column lacks a state, or that they share no measurement.
    func noGainsReason(_ pair: Int) -> String {
        let p = comparison.pairs[pair]
        let lacking = [p.baseline, p.other].filter { comparison.columns[$0].states.count < 2 }.map { index in
            "\(comparison.columns[index].label) has runs "
                + (comparison.columns[index].states.first.map { $0 ? "with AES-NI only" : "without AES-NI only" }
                    ?? "of no known AES-NI state")
        }
        return lacking.isEmpty ? "the two hosts have no gain measured by both" : lacking.joined(separator: "; ")
    }

    /// Why some `±` are missing, once: `no ± where a side has too few rounds for an interval (...)`; nil when every
    /// side has its interval.
    var missingIntervalNote: String? {
        let notes = comparison.rows.flatMap { [$0.a, $0.b] }.filter { $0.centreInterval.interval == nil }
            .compactMap(\.centreInterval.note)
        guard let first = notes.first else { return nil }
        return "no ± on \(notes.count) side\(notes.count == 1 ? "" : "s"): \(first)"
    }

    /// `B/A`: the letters of a pair's other and baseline inputs, or `other/baseline` when both come from one input.
    func ratioName(_ pair: Int) -> String {
        let p = comparison.pairs[pair]
        let a = Comparison.sideLetter(comparison.columns[p.baseline].side)
        let b = Comparison.sideLetter(comparison.columns[p.other].side)
        return a == b ? "other/baseline" : "\(b)/\(a)"
    }
}

/// A gain row of one measurement (`GainComparisonRow`, `StateGainRow`): what the tables name and shorten it by.
protocol MeasuredGain {
    var source: GainSource { get }
    var item: String { get }
    var operation: String { get }
    var blockSize: Int? { get }
}

extension GainComparisonRow: MeasuredGain {}
extension StateGainRow: MeasuredGain {}
