import AESReportFiles
import AESReportIngest
import AESReportModel
import AESReportPages
import AESReportStats

/// `aesreport compare A B ...` below the command line: discovers every input with one host naming (as `report`
/// given all of them), reduces the runs, pairs the columns, compares them by the method, and writes the outputs.
/// The command parses options, calls `analyse` and `write`, and prints.
public struct CompareFrontend: Sendable {
    /// The inputs as given (A first: the baseline).
    public var names: [String]
    public var inputs: [InputPath]
    public var options: AnalysisOptions
    public var discovery: RunDiscovery
    public var version: String

    public init(inputs: [InputPath], options: AnalysisOptions, discovery: RunDiscovery, version: String) {
        self.inputs = inputs
        names = inputs.map(\.display)
        self.options = options
        self.discovery = discovery
        self.version = version
    }

    /// What `analyse` found and computed.
    public struct Result: Sendable {
        public var comparison: Comparison
        public var machines: ComparisonMachines
        public var document: ComparisonDocument
        /// Every input's runs, whole, and the host folders' CPU dumps (for the page's per-host reports).
        public var runs: [Run]
        public var hostCPUs: [HostCPU]
        /// Discovery's, then the analysis' diagnostics (pooled runs, benchmark differences, pairing notes).
        public var diagnostics: [Diagnostic]
    }

    public func analyse() -> Result {
        let found = discovery.discover(sides: inputs.map { [$0] })
        let sides = zip(names, found).map { name, side in
            ComparisonSideInput(name: name, absolutePath: HostNames.absolute(name),
                                runs: ParallelMap.map(side.runs) { RunStatistics(run: $0, options: options) })
        }
        let comparison = Comparison(sides: sides, options: options)
        let wholeRuns = comparison.columns.map { column in
            found[column.side].runs.filter { $0.host == column.host }
        }
        var cpus: [String: CPUDescription] = [:]
        for hostCPU in found.flatMap(\.hostCPUs) where cpus[hostCPU.host] == nil { cpus[hostCPU.host] = hostCPU.cpu }
        let machines = ComparisonMachines(columns: comparison.columns, runs: wholeRuns, hostCPUs: cpus)
        var diagnostics = Self.overlapWarnings(names) + found.flatMap(\.diagnostics) + comparison.diagnostics
        diagnostics += machines.benchmarkWarnings(pairs: comparison.pairs, columns: comparison.columns)
        if comparison.rows.isEmpty && comparison.gains.isEmpty && found.allSatisfy({ !$0.runs.isEmpty }) {
            diagnostics.append(Diagnostic(
                file: names.joined(separator: ", "), line: nil, severity: .error,
                message: "nothing to compare: " + (comparison.pairs.isEmpty ? "no pair of hosts"
                    : "no series or gain was measured by both columns of any pair")
                    + " (see what each input holds with `aesreport runs`)"))
        }
        // The same problem found under two inputs (the same folder given twice) is said once.
        var seen = Set<String>()
        diagnostics = diagnostics.filter { seen.insert($0.description).inserted }
        let document = ComparisonDocument(comparison: comparison, machines: machines, options: options,
                                          diagnostics: diagnostics, version: version)
        // A folder given on two sides is one host's runs once on the page.
        var paths = Set<String>(), hosts = Set<String>()
        let runs = found.flatMap(\.runs).filter { paths.insert(HostNames.absolute($0.path)).inserted }
        let hostCPUs = found.flatMap(\.hostCPUs).filter { hosts.insert($0.host).inserted }
        return Result(comparison: comparison, machines: machines, document: document, runs: runs,
                      hostCPUs: hostCPUs, diagnostics: diagnostics)
    }

    /// A warning per input that is another input, or lies inside one: its runs are then compared with themselves.
    static func overlapWarnings(_ names: [String]) -> [Diagnostic] {
        let absolute = names.map(HostNames.absolute)
        var warnings: [Diagnostic] = []
        for (i, path) in absolute.enumerated() {
            for (j, other) in absolute.enumerated() where j < i {
                let inside = path == other ? "is the same folder as"
                    : path.hasPrefix(other == "/" ? "/" : other + "/") ? "lies inside"
                    : other.hasPrefix(path == "/" ? "/" : path + "/") ? "holds" : nil
                guard let relation = inside else { continue }
                warnings.append(Diagnostic(
                    file: names[i], line: nil, severity: .warning,
                    message: "input \(Comparison.sideLetter(i)) \(relation) input \(Comparison.sideLetter(j)) "
                        + "(\(names[j])): the same runs are on both sides and are compared with themselves"))
            }
        }
        return warnings
    }

    /// Stages the comparison's files in `folder` (comparison.json, .csv, .md, the charts, index.html); the caller
    /// commits them. Returns the diagnostics this adds.
    public func write(_ result: Result, settings: ReportOutputSettings, to folder: OutputFolder) -> [Diagnostic] {
        ReportOutput(settings: settings, options: options)
            .writeComparison(result.document, comparison: result.comparison, runs: result.runs,
                             hostCPUs: result.hostCPUs, diagnostics: result.diagnostics, to: folder)
    }
}
