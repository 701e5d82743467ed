import AESReportModel

/// One input of `compare` (`A`, `B`, `C`, ...): the path as given and its runs, already reduced.
public struct ComparisonSideInput: Sendable {
    public var name: String
    /// The input's absolute folder: a host folder's path under it is how hosts of two sides are matched.
    public var absolutePath: String
    public var runs: [RunStatistics]

    public init(name: String, absolutePath: String, runs: [RunStatistics]) {
        self.name = name
        self.absolutePath = absolutePath
        self.runs = runs
    }
}

/// A column of a comparison: one host's runs on one side.
public struct ComparisonColumn: Sendable, Codable, Equatable {
    /// The input it comes from: 0 is A.
    public var side: Int
    /// The host as discovery names it (as `report` names it given every input).
    public var host: String
    /// What every output calls it: the host, told apart from every other column's (see `Comparison.labels`).
    public var label: String
    /// The host's path under its input (`node01`, or empty when the input is the host itself): what matches hosts
    /// of two sides.
    public var key: String
    /// The runs' folders.
    public var runs: [String]
    /// The AES-NI states of the column's runs that have results (false before true).
    public var states: [Bool]
    /// Whether some run's state is unknown.
    public var hasUnknownState: Bool
}

/// How the columns of a comparison were paired.
public enum ComparisonPairing: String, Sendable, Codable {
    /// Each input holds one host: every input is a column, each compared with A.
    case sides
    /// Inputs hold several hosts: a host of A is compared with the host of the same name (its path under the input)
    /// on each other input.
    case hostNames = "host-names"
    /// Inputs hold several hosts and no name matches: each host is a column, each compared with the first.
    case hostOrder = "host-order"
}

/// Two columns compared: `other` against the baseline.
public struct ComparisonPair: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        /// The same AES-NI state compared across the two columns (throughput), and the gains side by side.
        case hosts
        /// The baseline in one AES-NI state only, the other in the other only: what is compared is the gain.
        case aesniStates = "aesni-states"
    }

    public var baseline: Int
    public var other: Int
    public var kind: Kind
}

extension Comparison {
    /// The letter of input `side`: A, B, ... Z, then S27, S28, ...
    public static func sideLetter(_ side: Int) -> String {
        side < 26 ? String(UnicodeScalar(UInt8(65 + side))) : "S\(side + 1)"
    }

    /// The columns of `sides`, how they are paired, the pairs, and what was left without a partner.
    static func columns(_ sides: [ComparisonSideInput])
        -> (columns: [ComparisonColumn], pairing: ComparisonPairing, pairs: [ComparisonPair], unpaired: [String]) {
        var columns: [ComparisonColumn] = []
        var columnsBySide: [[Int]] = []
        for (index, side) in sides.enumerated() {
            var indices: [Int] = []
            for host in side.runs.map(\.run.host).uniqued() {
                let runs = side.runs.map(\.run).filter { $0.host == host }
                let withResults = runs.filter { !$0.seriesLogs.isEmpty || !$0.openssl.isEmpty || !$0.cryptsetup.isEmpty
                    || !$0.tcrypt.isEmpty }
                let states = Set(withResults.compactMap(\.aesni)).sorted { !$0 && $1 }
                indices.append(columns.count)
                columns.append(ComparisonColumn(side: index, host: host, label: host,
                                                key: hostKey(runs: runs, host: host, sideRoot: side.absolutePath),
                                                runs: runs.map(\.path), states: states,
                                                hasUnknownState: withResults.contains { $0.aesni == nil }))
            }
            columnsBySide.append(indices)
        }
        labels(&columns, sides: sides)
        // An input without runs (its error already said) leaves nothing to pair: no columns of the others are paired
        // among themselves in its place.
        guard sides.count >= 2, columnsBySide.allSatisfy({ !$0.isEmpty }) else { return (columns, .sides, [], []) }
        var pairing = ComparisonPairing.sides
        var pairs: [(Int, Int)] = []
        var unpaired: [String] = []
        if columnsBySide.allSatisfy({ $0.count <= 1 }) {
            if let base = columnsBySide[0].first {
                pairs = columnsBySide.dropFirst().compactMap(\.first).map { (base, $0) }
            }
        } else {
            let keysOf = columnsBySide.map { Set($0.map { columns[$0].key }) }
            let matched = keysOf.dropFirst().contains { !$0.isDisjoint(with: keysOf[0]) }
            if matched {
                pairing = .hostNames
                for base in columnsBySide[0] {
                    for other in columnsBySide.dropFirst().flatMap({ $0 }) where columns[other].key == columns[base].key {
                        pairs.append((base, other))
                    }
                }
                let paired = Set(pairs.flatMap { [$0.0, $0.1] })
                for index in columns.indices where !paired.contains(index) {
                    let side = columns[index].side
                    unpaired.append("host \(columns[index].label) (\(sideLetter(side))) has no host of the same name "
                        + (side == 0 ? "on another input" : "in A") + ", so it is compared with none")
                }
            } else {
                pairing = .hostOrder
                pairs = columns.indices.dropFirst().map { (0, $0) }
            }
        }
        let compared = pairs.map { base, other in
            ComparisonPair(baseline: base, other: other,
                           kind: isStatePair(columns[base], columns[other]) ? .aesniStates : .hosts)
        }
        return (columns, pairing, compared, unpaired)
    }

    /// Each column in one AES-NI state only, the two states different.
    static func isStatePair(_ a: ComparisonColumn, _ b: ComparisonColumn) -> Bool {
        a.states.count == 1 && b.states.count == 1 && a.states != b.states && !a.hasUnknownState && !b.hasUnknownState
    }

    /// The host folder's path under the input (`node01`, `rack1/node01`), its own name when it is the input, or the
    /// host's name when the host folder is not under it (a manifest's `host`, or an input that is a run folder).
    static func hostKey(runs: [Run], host: String, sideRoot: String) -> String {
        guard let folder = runs.first?.hostFolder else { return host }
        // The input is the host folder itself: its own name is what a host of another input would share.
        if folder == sideRoot { return folder.split(separator: "/").last.map(String.init) ?? host }
        let prefix = sideRoot == "/" ? "/" : sideRoot + "/"
        return folder.hasPrefix(prefix) ? String(folder.dropFirst(prefix.count)) : host
    }

    /// Makes every column's label distinct. Discovery already names two host folders apart (`dc1/node01`,
    /// `dc2/node01`); what is left are columns of one host (the same folder given twice, or two states of one host
    /// given as two inputs) or hosts named alike by their manifests: these take the input's last component when that
    /// tells them apart (`node01/guest-aesni`), else the input's letter (`node01 (B)`).
    static func labels(_ columns: inout [ComparisonColumn], sides: [ComparisonSideInput]) {
        let counts = Dictionary(grouping: columns.indices) { columns[$0].label }
        for (label, indices) in counts where indices.count > 1 {
            let lasts = indices.map { index in
                sides[columns[index].side].absolutePath.split(separator: "/").last.map(String.init) ?? "/"
            }
            let useLast = Set(lasts).count == indices.count && !lasts.contains(label)
            for (index, last) in zip(indices, lasts) {
                columns[index].label = useLast ? "\(label)/\(last)" : "\(label) (\(sideLetter(columns[index].side)))"
            }
        }
    }
}
