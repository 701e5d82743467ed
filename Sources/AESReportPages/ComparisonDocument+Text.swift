import AESReportModel
import AESReportStats

extension ComparisonDocument {
    /// The inputs, one line each: `A: dc1`.
    func inputLines() -> [String] {
        comparison.sideNames.enumerated().map { "\(Comparison.sideLetter($0)): \($1)" }
    }

    /// What `compare` prints: the inputs and how they were paired, then per pair its aligned, benchstat-like table
    /// of series and its gains side by side (openssl and tcrypt at their largest block size; every size is in the
    /// files), what differs between the machines, and what `~`, `n/a` and `±` mean.
    public func terminalTable() -> String {
        var lines = inputLines().map(TerminalText.escape)
        if !pairingLine.isEmpty { lines.append(TerminalText.escape(pairingLine)) }
        lines.append("method: " + method.summaryLine())
        for pair in comparison.pairs.indices {
            lines.append("")
            if comparison.pairs.count > 1 || comparison.pairs[pair].kind == .aesniStates {
                lines.append(TerminalText.escape(pairTitle(pair)))
            }
            let table = rowsTable(pair: pair)
            if !table.cells.isEmpty {
                lines.append(Self.terminalTable(table))
                lines += geometricMeanLines(pair: pair)
            } else {
                lines.append("no dm-crypt series (dd or fio) measured by both columns")
            }
            let stateGains = stateGainsTable(pair: pair, largestBlockOnly: true, aesOnly: true)
            if !stateGains.cells.isEmpty {
                lines.append("")
                lines.append(TextTable.render([stateGains.header] + stateGains.cells, rightAligned: [1]))
            }
            let gains = gainsTable(pair: pair, largestBlockOnly: true, aesOnly: true)
            if gains.cells.isEmpty, comparison.pairs[pair].kind == .hosts {
                lines.append("no AES-NI gains side by side: " + noGainsReason(pair))
            }
            if !gains.cells.isEmpty {
                lines.append("")
                lines.append(Self.terminalTable(gains))
                if gains.cells.count < comparison.gains.filter({ $0.pair == pair }).count {
                    lines.append("(openssl and tcrypt at their largest block size, cryptsetup's AES ciphers only; "
                        + "every row is in comparison.md, comparison.json and comparison-gains.csv, written with -o)")
                }
            }
            let machineLines = machineDifferenceLines(pair: pair)
            if !machineLines.isEmpty {
                lines.append("")
                lines.append("the machines differ in:")
                lines += machineLines.map { "  " + TerminalText.escape($0) }
            }
        }
        if comparison.pairs.isEmpty {
            lines.append("")
            let empty = comparison.sideNames.indices.filter { side in !comparison.columns.contains { $0.side == side } }
            lines.append("nothing to compare: " + (empty.isEmpty ? "no pair of columns"
                : empty.map { "\(Comparison.sideLetter($0)) (\(comparison.sideNames[$0])) has no runs" }
                    .joined(separator: ", ")))
        }
        let unmatched = unmatchedLines
        if !unmatched.isEmpty {
            lines.append("")
            lines += unmatched.prefix(Self.terminalUnmatched).map(TerminalText.escape)
            if unmatched.count > Self.terminalUnmatched {
                lines.append("and \(unmatched.count - Self.terminalUnmatched) more series on one side only")
            }
        }
        lines.append("")
        lines.append(method.comparisonLegend)
        if let note = missingIntervalNote { lines.append(note) }
        if !comparison.gains.isEmpty { lines.append("gain ratio: " + method.gainComparisonMethod) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A table for the terminal: aligned, each cell's control characters shown escaped (by `TextTable`).
    static func terminalTable(_ table: (header: [String], cells: [[String]])) -> String {
        TextTable.render([table.header] + table.cells, rightAligned: [1, 2, 3])
    }

    /// Series-on-one-side lines the terminal prints before counting the rest.
    static let terminalUnmatched = 8
}
