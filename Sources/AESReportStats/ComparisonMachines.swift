import AESReportModel

/// What the compared columns ran on and how they measured, fact by fact, so that a difference in the numbers can
/// be read beside a difference in the machines: CPU model, kernel, accelerator, AES-related flags, the collector's
/// settings, and the dd benchmark's own shape (bytes per round, block size, rounds per series).
public struct ComparisonMachines: Sendable, Codable, Equatable {
    public struct Fact: Sendable, Codable, Equatable {
        /// `host CPU`, `guest CPU`, `accelerator`, ...
        public var name: String
        /// One value per column, in the columns' order: `-` where the column says nothing of it.
        public var values: [String]
        /// Whether two columns that say something of it say different things.
        public var differs: Bool
    }

    public var facts: [Fact]

    /// Facts of the benchmark itself: a pair whose columns differ in one of these compares two experiments, and
    /// `compare` warns.
    public static let benchmarkFacts: Set<String> = ["measured with", "dd bytes per round", "dd block size",
                                                     "dd rounds per series", "fio bytes per round",
                                                     "fio rounds per series"]

    /// No facts (a comparison made without its runs' metadata).
    public static let none = ComparisonMachines(facts: [])

    init(facts: [Fact]) {
        self.facts = facts
    }

    /// `hostCPUs`: the CPU dump of each host folder, by host name. `runs`: each column's runs, whole (rounds
    /// included), in the columns' order.
    public init(columns: [ComparisonColumn], runs: [[Run]], hostCPUs: [String: CPUDescription]) {
        func distinct(_ values: [String?]) -> String {
            let present = values.compactMap { $0 }.uniqued()
            return present.isEmpty ? "-" : present.joined(separator: "; ")
        }
        func byState(_ runs: [Run], _ value: (Run) -> String?) -> String {
            let states = runs.compactMap(\.aesni).uniqued()
            guard states.count > 1 else { return distinct(runs.map(value)) }
            return [true, false].compactMap { state -> String? in
                let text = distinct(runs.filter { $0.aesni == state }.map(value))
                return text == "-" ? nil : (state ? "with: " : "without: ") + text
            }.joined(separator: "; ").nonEmpty ?? "-"
        }
        // Each column's runs walked once for each benchmark's shape, not once per fact.
        let dd = runs.map { Self.shape($0) }
        let fio = runs.map { Self.shape($0, fio: true) }
        let rows: [(String, (Int) -> String)] = [
            ("host CPU", { hostCPUs[columns[$0].host]?.modelName ?? "-" }),
            ("guest or run CPU", { distinct(runs[$0].map { $0.cpu?.modelName }) }),
            ("machine", { distinct(runs[$0].map(Self.machineKind)) }),
            ("QEMU -cpu", { distinct(runs[$0].map(\.qemuCPUModel)) }),
            ("guest kernel", { distinct(runs[$0].map(\.guestKernel)) }),
            ("QEMU", { distinct(runs[$0].map(\.qemuVersion)) }),
            ("AES-related flags", { byState(runs[$0], Self.aesFlags) }),
            ("collector", { distinct(runs[$0].map { $0.collector.map(Self.collectorSettings) }) }),
            ("measured with", { distinct(Self.tools(runs[$0])) }),
            ("dd bytes per round", { distinct(dd[$0].bytes.map { "\($0)" }) }),
            ("dd block size", { distinct(dd[$0].blockSizes.map { "\($0)" }) }),
            ("dd rounds per series", { distinct(dd[$0].rounds.map { "\($0)" }) }),
            ("fio bytes per round", { distinct(fio[$0].bytes.map { "\($0)" }) }),
            ("fio rounds per series", { distinct(fio[$0].rounds.map { "\($0)" }) }),
        ]
        facts = rows.map { name, value in
            let values = columns.indices.map(value)
            return Fact(name: name, values: values, differs: Set(values.filter { $0 != "-" }).count > 1)
        }.filter { fact in fact.values.contains { $0 != "-" } }
    }

    /// The collector's command without what names this run's place (the program's path, `-o`/`--output DIR`):
    /// `collect dmcrypt --size 32 --rounds 5 ...`, so that two hosts' settings compare equal when they are.
    static func collectorSettings(_ command: String) -> String {
        var words = command.split(separator: " ").map(String.init)
        if let first = words.first, first.contains("/") || first.hasSuffix("aesreport") { words.removeFirst() }
        var kept: [String] = []
        var skipNext = false
        for word in words {
            if skipNext { skipNext = false; continue }
            if word == "-o" || word == "--output" { skipNext = true; continue }
            if word.hasPrefix("--output=") || word.hasPrefix("-o=") { continue }
            kept.append(word)
        }
        return kept.joined(separator: " ")
    }

    /// `KVM guest`, `TCG guest (emulated CPU)`, `guest`, `bare metal`, or nil when nothing says.
    static func machineKind(_ run: Run) -> String? {
        switch run.accelerator {
        case .kvm?: return "KVM guest"
        case .tcg?: return "TCG guest (emulated CPU)"
        case nil:
            switch run.cpu?.guest.fact {
            case .yes?: return "guest"
            case .no?: return "bare metal"
            default: return nil
            }
        }
    }

    /// `aes pclmulqdq avx2` and the like: the AES-related features the CPU dump shows, or nil without a dump.
    static func aesFlags(_ run: Run) -> String? {
        guard let cpu = run.cpu else { return nil }
        let relevant: [CPUFeature] = [.aes, .vaes, .carrylessMultiply, .vectorCarrylessMultiply, .avx2, .avx512]
        let present = relevant.filter { cpu.features[$0].value == .yes }.map(\.label)
        return present.isEmpty ? "none" : present.joined(separator: " ")
    }

    /// What measured the dm-crypt series: `dd`, `fio 3.33` (the versions fio printed), both sorted.
    static func tools(_ runs: [Run]) -> [String?] {
        var tools = Set<String>()
        for run in runs {
            if !run.ddLogs.isEmpty { tools.insert("dd") }
            for output in run.fio { for round in output.rounds { tools.insert(round.result.version ?? "fio") } }
        }
        return tools.sorted()
    }

    /// The benchmark's shape over `runs` (dd's logs, or with `fio` fio's series): distinct bytes per complete round,
    /// block sizes (bytes over whole records, dd only) and rounds per series, each sorted.
    static func shape(_ runs: [Run], fio: Bool = false) -> (bytes: [UInt64], blockSizes: [UInt64], rounds: [Int]) {
        var bytes = Set<UInt64>(), blocks = Set<UInt64>(), rounds = Set<Int>()
        for run in runs {
            for log in fio ? FioSeries.logs(from: run.fio) : run.ddLogs {
                rounds.insert(log.rounds.count + log.failedRoundsNotKept)
                for round in log.rounds {
                    guard let transfer = round.transfer, round.isComplete else { continue }
                    bytes.insert(transfer.bytes)
                    if let records = round.recordsOut ?? round.recordsIn, records.partial == 0, records.full > 0,
                       transfer.bytes % records.full == 0 {
                        blocks.insert(transfer.bytes / records.full)
                    }
                }
            }
        }
        return (bytes.sorted(), blocks.sorted(), rounds.sorted())
    }

    /// The facts in which the two columns of `pair` differ (both saying something of it).
    public func differences(_ pair: ComparisonPair) -> [Fact] {
        facts.filter { fact in
            fact.values[pair.baseline] != "-" && fact.values[pair.other] != "-"
                && fact.values[pair.baseline] != fact.values[pair.other]
        }
    }

    /// A warning for each pair whose columns differ in the benchmark's shape.
    public func benchmarkWarnings(pairs: [ComparisonPair], columns: [ComparisonColumn]) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        for pair in pairs {
            var differing = differences(pair).filter { Self.benchmarkFacts.contains($0.name) }
            // dd against fio: the tools differ, and so does one side's silence on the other's shape.
            if let tool = facts.first(where: { $0.name == "measured with" }),
               tool.values[pair.baseline] != tool.values[pair.other],
               !differing.contains(where: { $0.name == tool.name }) {
                differing.insert(tool, at: 0)
            }
            guard !differing.isEmpty else { continue }
            let a = columns[pair.baseline], b = columns[pair.other]
            warnings.append(Diagnostic(
                file: a.runs.first ?? a.label, line: nil, severity: .warning,
                message: "\(a.label) and \(b.label) ran different benchmarks ("
                    + differing.map { "\($0.name): \($0.values[pair.baseline]) against \($0.values[pair.other])" }
                        .joined(separator: "; ")
                    + "): their throughputs are compared as given, but part of the difference may be the benchmark's"))
        }
        return warnings
    }
}

extension String {
    /// nil for the empty string.
    var nonEmpty: String? { isEmpty ? nil : self }
}
