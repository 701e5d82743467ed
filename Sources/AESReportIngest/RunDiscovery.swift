import AESReportModel
import Dispatch
import Foundation

/// A CPU dump found in a folder above the runs: the host that ran the guests.
public struct HostCPU: Sendable, Codable, Equatable {
    public var host: String
    public var path: String
    public var cpu: CPUDescription
}

/// What discovery found under the paths it was given: its runs (or what the caller reduced each run to), the
/// hosts' CPU dumps, and diagnostics.
public struct FoundRuns<Item: Sendable>: Sendable {
    public var runs: [Item]
    public var hostCPUs: [HostCPU]
    public var diagnostics: [Diagnostic]
}

/// Discovery with every run whole, rounds included.
public typealias Discovery = FoundRuns<Run>

/// Walks folder trees into runs.
///
/// A *run* is a folder that directly holds result files (`<cipher>-read.txt`, `openssl*`, `cryptsetup*`, or any
/// file whose content is one of the formats). Its AES-NI state is decided by `AESNIDecision` from all the evidence
/// in the folder (openssl's own `CPUINFO` lines, `aesreport.manifest`, CPU dumps, the folder name, `assumeAESNI`),
/// with every disagreement reported. Runs are grouped into hosts by the manifest's `host`, else by their parent
/// folder, compared as an absolute path: same-named parents in two trees are two hosts, named by `HostNames`.
/// A CPU dump in a folder that holds no results but whose subfolders are runs is the host's. Every file of a run or
/// host folder that is not read is listed with its reason. Files are parsed on all cores; the order of everything
/// reported is the sorted order of paths, so output does not depend on scheduling.
public struct RunDiscovery: Sendable {
    /// State for runs nothing else decides; `nil` leaves them undecided (with a diagnostic).
    public var assumeAESNI: Bool?
    /// Called after each file is parsed with (files done, files in all), from any thread.
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// Files larger than this are refused unread (`--max-file-size`).
    public var maxFileSize: Int64

    public init(assumeAESNI: Bool? = nil, maxFileSize: Int64 = ReadPolicy.defaultMaxFileSize,
                progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.assumeAESNI = assumeAESNI
        self.maxFileSize = maxFileSize
        self.progress = progress
    }

    public func discover(paths: [String]) -> Discovery {
        discover(inputs: paths.map(InputPath.init)) { $0 }
    }

    /// The same for paths given as bytes (a command-line argument that is not UTF-8).
    public func discover(inputs: [InputPath]) -> Discovery {
        discover(inputs: inputs) { $0 }
    }

    public func discover<Item: Sendable>(paths: [String], reduce: (Run) -> Item) -> FoundRuns<Item> {
        discover(inputs: paths.map(InputPath.init), reduce: reduce)
    }

    /// Discovers the runs under `paths` and hands each, once its files are parsed, to `reduce` on the thread that
    /// parsed it; only what `reduce` returns is kept. A fleet's rounds then never all sit in memory at once.
    /// Run folders are the unit of parallel work (a fleet has thousands; one run's files are read in turn).
    public func discover<Item: Sendable>(inputs: [InputPath], reduce: (Run) -> Item) -> FoundRuns<Item> {
        let tree = walk(inputs)
        return assemble(tree, hostNames: HostNames.names(for: tree.hostFolders), reduce: reduce)
    }

    /// Discovers several trees that are compared with one another (`compare A B ...`), each on its own (its own
    /// confinement, its own runs), with one host naming over all of them: `dc1/node01` and `dc2/node01` are two
    /// hosts named apart, exactly as `report dc1 dc2` names them, and a host folder given on two sides has one name.
    public func discover(sides: [[InputPath]]) -> [Discovery] {
        let trees = sides.map(walk)
        let names = HostNames.names(for: trees.flatMap(\.hostFolders))
        return trees.map { assemble($0, hostNames: names) { $0 } }
    }

    /// What walking the trees under some inputs found, before any file is parsed.
    struct WalkedTree {
        var inputs: [InputPath]
        var folders: [String: FolderContents]
        var diagnostics: [Diagnostic]
        var policy: ReadPolicy
        /// Folders that directly hold result files, sorted.
        var runFolders: [String]
        /// Each run folder's host folder: its absolute parent.
        var absoluteHostFolder: [String: String?]

        var hostFolders: [String] { absoluteHostFolder.values.map { $0 ?? "/" } }
    }

    func walk(_ inputs: [InputPath]) -> WalkedTree {
        var diagnostics: [Diagnostic] = []
        var folders: [String: FolderContents] = [:]
        var visited = Set<[UInt8]>()
        // Every file read must lie inside one of the trees given (checked again on each open descriptor).
        let policy = ReadPolicy.confined(to: inputs, maxFileSize: maxFileSize)
        for path in inputs {
            walkTop(path, into: &folders, visited: &visited, diagnostics: &diagnostics, policy: policy)
        }
        let runFolders = folders.keys.filter { folders[$0]!.hasResults }.sorted()
        // Hosts by absolute folder; names tell same-named folders of different trees apart.
        let absoluteHostFolder = Dictionary(uniqueKeysWithValues: runFolders.map { ($0, HostNames.parent(of: $0)) })
        return WalkedTree(inputs: inputs, folders: folders, diagnostics: diagnostics, policy: policy,
                          runFolders: runFolders, absoluteHostFolder: absoluteHostFolder)
    }

    /// Parses a walked tree's files and assembles its runs, hosts named by `hostNames` (absolute host folder to
    /// name).
    func assemble<Item: Sendable>(_ tree: WalkedTree, hostNames: [String: String], reduce: (Run) -> Item)
        -> FoundRuns<Item> {
        let inputs = tree.inputs, folders = tree.folders, policy = tree.policy, runFolders = tree.runFolders
        let absoluteHostFolder = tree.absoluteHostFolder
        var diagnostics = tree.diagnostics
        if runFolders.isEmpty {
            diagnostics.append(Diagnostic(file: inputs.map(\.display).joined(separator: ", "), line: nil,
                                          severity: .error,
                                          message: "no result files found: no dd output, fio output, openssl speed, "
                                              + "cryptsetup benchmark or tcrypt output, by name (<cipher>-read.txt, "
                                              + "<cipher>-write.txt, fio-<cipher>-read.json, openssl*.txt, "
                                              + "cryptsetup*.txt, tcrypt*.txt) or by content"))
        }
        let parentsOfRuns = Set(runFolders.compactMap(parent(of:)))
        let hostFolders = folders.keys.filter { folder in
            !folders[folder]!.hasResults && parentsOfRuns.contains(folder)
        }.sorted()
        // Run and host folders: every file not read, with its reason. Other folders (the top folder's scripts, an
        // old report) only where it matters: a warning, such as a compressed result log in a folder of nothing else.
        let listed = Set(runFolders + hostFolders)
        for folder in folders.keys.sorted() {
            let unread = folders[folder]!.unread
            diagnostics.append(contentsOf: listed.contains(folder) ? unread : unread.filter { $0.severity > .note })
        }
        let hostDumps = hostFolders.flatMap { folder in
            folders[folder]!.files.filter { $0.1 == .cpuDescription }.map { (folder: folder, file: $0.0) }
        }
        let fileCount = runFolders.reduce(hostDumps.count) { $0 + folders[$1]!.files.count }
        let counter = ProgressCounter(total: fileCount, report: progress)

        let found = ParallelMap.map(runFolders) { folder -> (item: Item, diagnostics: [Diagnostic]) in
            let contents = folders[folder]!
            let inputs = contents.files.map { file, kind in
                let parsed = ParsedInput.parse(path: file, kind: kind, policy: policy)
                counter.step()
                return parsed
            }
            var runDiagnostics = inputs.flatMap(\.diagnostics)
            let hostFolder = absoluteHostFolder[folder] ?? nil
            let run = assemble(folder: folder, inputs: inputs, contents: contents, policy: policy,
                               hostFolder: hostFolder, hostName: hostNames[hostFolder ?? "/"] ?? name(of: folder),
                               diagnostics: &runDiagnostics)
            return (reduce(run), runDiagnostics)
        }
        let hostInputs = ParallelMap.map(hostDumps) { dump in
            let parsed = ParsedInput.parse(path: dump.file, kind: .cpuDescription, policy: policy)
            counter.step()
            return parsed
        }
        var runs: [Item] = []
        runs.reserveCapacity(found.count)
        for (item, runDiagnostics) in found {
            runs.append(item)
            diagnostics.append(contentsOf: runDiagnostics)
        }
        // A host's CPU is the first of its folder's dumps that reads as one.
        var hostCPUs: [HostCPU] = []
        var hostsWithCPU = Set<String>()
        for (dump, input) in zip(hostDumps, hostInputs) {
            diagnostics.append(contentsOf: input.diagnostics)
            if let cpu = input.cpu, hostsWithCPU.insert(dump.folder).inserted {
                let host = hostNames[HostNames.absolute(dump.folder)] ?? name(of: dump.folder)
                hostCPUs.append(HostCPU(host: host, path: input.path, cpu: cpu))
            }
        }
        return FoundRuns(runs: runs, hostCPUs: hostCPUs, diagnostics: diagnostics)
    }

    private func assemble(folder: String, inputs: [ParsedInput], contents: FolderContents, policy: ReadPolicy,
                          hostFolder: String?, hostName: String, diagnostics: inout [Diagnostic]) -> Run {
        var manifest = RunManifest()
        let manifestPath = contents.manifest?.display ?? folder + "/" + RunManifest.fileName
        if let file = contents.manifest {
            // Bounded (64 KiB) and read line by line: a bad line costs that line only.
            let (parsed, problems) = RunManifest.read(file: file, policy: policy)
            manifest = parsed
            diagnostics.append(contentsOf: problems)
        }
        let dumps = inputs.compactMap { input in input.cpu.map { (path: input.path, cpu: $0) } }
        for dump in dumps where dump.cpu.flagSet.isEmpty {
            diagnostics.append(Diagnostic(file: dump.path, line: nil, severity: .note,
                                          message: "this CPU dump lists no flags, so it says nothing of AES-NI"))
        }
        let ddLogs = inputs.compactMap(\.ddLog)
        let openssl = inputs.flatMap(\.opensslOutputs)
        let tcrypt = inputs.compactMap(\.tcrypt)
        let fio = inputs.compactMap(\.fio)
        // `.`, `./` and `run/.` name the folder they stand for.
        let folderName = name(of: HostNames.absolute(folder))
        let decision = AESNIDecision(folder: folder, folderName: folderName, manifest: manifest,
                                     manifestPath: manifestPath, dumps: dumps, openssl: openssl, tcrypt: tcrypt,
                                     hasDDLogs: !ddLogs.isEmpty || !fio.isEmpty, assume: assumeAESNI)
        diagnostics.append(contentsOf: decision.diagnostics)
        let (kept, duplicates) = Self.duplicateLogs(ddLogs)
        var run = Run(path: folder, label: manifest.label ?? folderName, host: manifest.host ?? hostName,
                   aesni: decision.aesni, aesniSource: decision.source, cpu: dumps.first?.cpu,
                   cpuPath: dumps.first?.path, ddLogs: kept, openssl: openssl,
                   cryptsetup: inputs.compactMap(\.cryptsetup), aesniEvidence: decision.evidence,
                   hostFolder: manifest.host == nil ? hostFolder : nil)
        run.fio = fio
        run.tcrypt = tcrypt
        run.accelerator = manifest.accelerator
        run.qemuCPUModel = manifest.cpuModel
        run.guestKernel = manifest.guestKernel
        run.qemuVersion = manifest.qemu
        run.collector = manifest.collector
        if decision.aesni == nil && run.needsRunState {
            diagnostics.append(Diagnostic(
                file: folder, line: nil, severity: .warning,
                message: "cannot tell whether this run had AES-NI: add its CPU dump "
                    + "(cat /proc/cpuinfo > \(folder)/cpuinfo.txt) or a manifest \(manifestPath) with "
                    + "'aesni = yes' or 'aesni = no', or rename the folder (with-aesni / no-aesni)"))
        }
        diagnostics.append(contentsOf: duplicates)
        if manifest.accelerator == .tcg {
            diagnostics.append(Diagnostic(file: manifestPath, line: manifest.accelerationLine, severity: .warning,
                                          message: VirtualMachineAccelerator.emulatedCPUExplanation))
        }
        return run
    }
}
