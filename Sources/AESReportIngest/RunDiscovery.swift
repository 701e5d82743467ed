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
/// A *run* is a folder that directly holds result files (`<cipher>-read.txt`, `openssl*`, `cryptsetup*`). Its
/// AES-NI state comes, in this order, from `aesreport.manifest` in the folder, from a CPU dump in the folder
/// (`aes` flag present or not), from the folder name, or from `assumeAESNI`. Runs are grouped into hosts by the
/// manifest's `host`, else by the name of their parent folder. A CPU dump in a folder that holds no results but
/// whose subfolders are runs is the host's. Files are parsed on all cores; the order of everything reported is
/// the sorted order of paths, so output does not depend on scheduling.
public struct RunDiscovery: Sendable {
    /// State for runs nothing else decides; `nil` leaves them undecided (with a diagnostic).
    public var assumeAESNI: Bool?
    /// Called after each file is parsed with (files done, files in all), from any thread.
    public var progress: (@Sendable (Int, Int) -> Void)?

    public init(assumeAESNI: Bool? = nil, progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.assumeAESNI = assumeAESNI
        self.progress = progress
    }

    public func discover(paths: [String]) -> Discovery {
        discover(paths: paths) { $0 }
    }

    /// Discovers the runs under `paths` and hands each, once its files are parsed, to `reduce` on the thread that
    /// parsed it; only what `reduce` returns is kept. A fleet's rounds then never all sit in memory at once.
    /// Run folders are the unit of parallel work (a fleet has thousands; one run's files are read in turn).
    public func discover<Item: Sendable>(paths: [String], reduce: (Run) -> Item) -> FoundRuns<Item> {
        var diagnostics: [Diagnostic] = []
        var folders: [String: FolderContents] = [:]
        var visited = Set<String>()
        for path in paths {
            walk(path, into: &folders, visited: &visited, diagnostics: &diagnostics, isTop: true)
        }
        let runFolders = folders.keys.filter { folders[$0]!.hasResults }.sorted()
        if runFolders.isEmpty {
            diagnostics.append(Diagnostic(file: paths.joined(separator: ", "), line: nil, severity: .error,
                                          message: "no result files found (expected <cipher>-read.txt / "
                                              + "<cipher>-write.txt, openssl*.txt or cryptsetup*.txt)"))
        }
        let parentsOfRuns = Set(runFolders.compactMap(parent(of:)))
        let hostFolders = folders.keys.filter { folder in
            !folders[folder]!.hasResults && parentsOfRuns.contains(folder)
        }.sorted()
        let hostDumps = hostFolders.flatMap { folder in
            folders[folder]!.files.filter { $0.1 == .cpuDescription }.map { (folder: folder, file: $0.0) }
        }
        let fileCount = runFolders.reduce(hostDumps.count) { $0 + folders[$1]!.files.count }
        let counter = ProgressCounter(total: fileCount, report: progress)

        let found = ParallelMap.map(runFolders) { folder -> (item: Item, diagnostics: [Diagnostic]) in
            let contents = folders[folder]!
            let inputs = contents.files.map { file, kind in
                let parsed = ParsedInput.parse(path: file, kind: kind)
                counter.step()
                return parsed
            }
            var runDiagnostics = inputs.flatMap(\.diagnostics)
            let run = assemble(folder: folder, inputs: inputs, contents: contents, diagnostics: &runDiagnostics)
            return (reduce(run), runDiagnostics)
        }
        let hostInputs = ParallelMap.map(hostDumps) { dump in
            let parsed = ParsedInput.parse(path: dump.file, kind: .cpuDescription)
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
                hostCPUs.append(HostCPU(host: name(of: dump.folder), path: input.path, cpu: cpu))
            }
        }
        return FoundRuns(runs: runs, hostCPUs: hostCPUs, diagnostics: diagnostics)
    }

    private func assemble(folder: String, inputs: [ParsedInput], contents: FolderContents,
                          diagnostics: inout [Diagnostic]) -> Run {
        var manifest = RunManifest()
        let manifestPath = folder + "/" + RunManifest.fileName
        if contents.hasManifest {
            do {
                let text = try String(contentsOfFile: manifestPath, encoding: .utf8)
                let (parsed, problems) = RunManifest.parse(text: text, path: manifestPath)
                manifest = parsed
                diagnostics.append(contentsOf: problems)
            } catch {
                diagnostics.append(Diagnostic(file: manifestPath, line: nil, severity: .error,
                                              message: "cannot read manifest: \(error.localizedDescription)"))
            }
        }
        let cpuInput = inputs.first { $0.cpu != nil }
        let cpu = cpuInput?.cpu
        var aesni: Bool?
        var source: AESNISource?
        if let state = manifest.aesni {
            (aesni, source) = (state, .manifest)
        } else if let cpu {
            (aesni, source) = (cpu.hasHardwareAES, .cpuDump)
        } else if let state = FolderNameAESNI.state(of: name(of: folder)) {
            (aesni, source) = (state, .folderName)
        } else if let assumeAESNI {
            (aesni, source) = (assumeAESNI, .option)
        } else {
            diagnostics.append(Diagnostic(
                file: folder, line: nil, severity: .warning,
                message: "cannot tell whether this run had AES-NI: add its CPU dump "
                    + "(cat /proc/cpuinfo > \(folder)/cpuinfo.txt) or a manifest \(manifestPath) with "
                    + "'aesni = yes' or 'aesni = no', or rename the folder (with-aesni / no-aesni)"))
        }
        if let manifestState = manifest.aesni, let cpu, cpu.hasHardwareAES != manifestState {
            diagnostics.append(Diagnostic(
                file: cpuInput!.path, line: nil, severity: .warning,
                message: "the manifest says aesni = \(manifestState ? "yes" : "no") but this CPU dump "
                    + (cpu.hasHardwareAES ? "has" : "lacks") + " the 'aes' flag"))
        }
        let parentName = parent(of: folder).map(name(of:)) ?? name(of: folder)
        return Run(path: folder, label: manifest.label ?? name(of: folder), host: manifest.host ?? parentName,
                   aesni: aesni, aesniSource: source, cpu: cpu, cpuPath: cpuInput?.path,
                   ddLogs: inputs.compactMap(\.ddLog), openssl: inputs.compactMap(\.openssl),
                   cryptsetup: inputs.compactMap(\.cryptsetup))
    }

    // MARK: - Walking

    struct FolderContents {
        var files: [(String, InputKind)] = []
        var hasManifest = false
        var hasResults: Bool { files.contains { $0.1 != .cpuDescription } }
    }

    private func walk(_ path: String, into folders: inout [String: FolderContents], visited: inout Set<String>,
                      diagnostics: inout [Diagnostic], isTop: Bool) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
            diagnostics.append(Diagnostic(file: path, line: nil, severity: .error,
                                          message: "no such file or folder"))
            return
        }
        guard isDirectory.boolValue else {
            // A file named on the command line: its folder is the run.
            if let kind = InputKind.fromName(path) {
                folders[parent(of: path) ?? ".", default: FolderContents()].files.append((path, kind))
            } else {
                diagnostics.append(Diagnostic(file: path, line: nil, severity: .warning,
                                              message: "not a result file name this tool knows, skipped"))
            }
            return
        }
        let real = (try? manager.destinationOfSymbolicLink(atPath: path)).map { _ in
            URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        } ?? URL(fileURLWithPath: path).standardizedFileURL.path
        guard visited.insert(real).inserted else {
            diagnostics.append(Diagnostic(file: path, line: nil, severity: .note,
                                          message: "folder already visited (symbolic link loop?), skipped"))
            return
        }
        let entries: [(name: String, type: DirectoryListing.EntryType)]
        do {
            entries = try DirectoryListing.entries(of: path)
        } catch let error as DirectoryListing.ListingError {
            diagnostics.append(Diagnostic(file: path, line: nil, severity: .error,
                                          message: "cannot list folder: \(error.reason)"))
            return
        } catch {
            return
        }
        var contents = FolderContents()
        for (entry, type) in entries where !entry.hasPrefix(".") {
            let child = path.hasSuffix("/") ? path + entry : path + "/" + entry
            switch type {
            case .directory:
                walk(child, into: &folders, visited: &visited, diagnostics: &diagnostics, isTop: false)
            case .linkToDirectory:
                diagnostics.append(Diagnostic(file: child, line: nil, severity: .note,
                                              message: "symbolic link to a folder, not followed"))
            case .dangling:
                if InputKind.fromName(entry) != nil || entry == RunManifest.fileName {
                    diagnostics.append(Diagnostic(file: child, line: nil, severity: .warning,
                                                  message: "cannot be read: a dangling link, or removed while listed"))
                }
            case .file:
                if entry == RunManifest.fileName {
                    contents.hasManifest = true
                } else if let kind = InputKind.fromName(entry) {
                    contents.files.append((child, kind))
                }
            }
        }
        if !contents.files.isEmpty || contents.hasManifest {
            folders[path, default: FolderContents()].files.append(contentsOf: contents.files)
            folders[path]!.hasManifest = folders[path]!.hasManifest || contents.hasManifest
        }
    }

    private func parent(of path: String) -> String? {
        guard let slash = path.lastIndex(of: "/") else { return nil }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }

    private func name(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}

/// One parsed input file of any kind.
public struct ParsedInput: Sendable, Codable {
    public var path: String
    public var kind: InputKind
    public var ddLog: DDLog?
    public var cpu: CPUDescription?
    public var openssl: OpenSSLSpeed?
    public var cryptsetup: CryptsetupBenchmark?
    public var diagnostics: [Diagnostic]

    public static func parse(path: String, kind: InputKind) -> ParsedInput {
        var input = ParsedInput(path: path, kind: kind, diagnostics: [])
        func read<Parser: LineParser>(_: Parser.Type) -> Parser.Output? {
            let parsed = Parser.parse(file: path)
            input.diagnostics = parsed.diagnostics
            return parsed.value
        }
        switch kind {
        case .ddLog: input.ddLog = read(DDLogParser.self)
        case .cpuDescription: input.cpu = read(CPUInfoParser.self)
        case .opensslSpeed: input.openssl = read(OpenSSLSpeedParser.self)
        case .cryptsetupBenchmark: input.cryptsetup = read(CryptsetupBenchmarkParser.self)
        }
        return input
    }
}

/// Counts finished work from many threads and passes the count on.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private let total: Int
    private let report: (@Sendable (Int, Int) -> Void)?

    init(total: Int, report: (@Sendable (Int, Int) -> Void)?) {
        self.total = total
        self.report = report
    }

    func step() {
        guard let report else { return }
        lock.lock()
        done += 1
        let now = done
        lock.unlock()
        report(now, total)
    }
}
