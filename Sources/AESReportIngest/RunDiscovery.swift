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
        // Hosts by absolute folder; names tell same-named folders of different trees apart.
        let absoluteHostFolder = Dictionary(uniqueKeysWithValues: runFolders.map { ($0, HostNames.parent(of: $0)) })
        let hostNames = HostNames.names(for: absoluteHostFolder.values.map { $0 ?? "/" })
        // Files left unread in run and host folders, each with its reason.
        for folder in (runFolders + hostFolders).sorted() {
            diagnostics.append(contentsOf: folders[folder]!.unread)
        }
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
            let hostFolder = absoluteHostFolder[folder] ?? nil
            let run = assemble(folder: folder, inputs: inputs, contents: contents,
                               hostFolder: hostFolder, hostName: hostNames[hostFolder ?? "/"] ?? name(of: folder),
                               diagnostics: &runDiagnostics)
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
                let host = hostNames[HostNames.absolute(dump.folder)] ?? name(of: dump.folder)
                hostCPUs.append(HostCPU(host: host, path: input.path, cpu: cpu))
            }
        }
        return FoundRuns(runs: runs, hostCPUs: hostCPUs, diagnostics: diagnostics)
    }

    private func assemble(folder: String, inputs: [ParsedInput], contents: FolderContents, hostFolder: String?,
                          hostName: String, diagnostics: inout [Diagnostic]) -> Run {
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
        let dumps = inputs.compactMap { input in input.cpu.map { (path: input.path, cpu: $0) } }
        for dump in dumps where dump.cpu.flags.isEmpty {
            diagnostics.append(Diagnostic(file: dump.path, line: nil, severity: .note,
                                          message: "this CPU dump lists no flags, so it says nothing of AES-NI"))
        }
        let ddLogs = inputs.compactMap(\.ddLog)
        let openssl = inputs.compactMap(\.openssl)
        let decision = AESNIDecision(folder: folder, folderName: name(of: folder), manifest: manifest,
                                     manifestPath: manifestPath, dumps: dumps, openssl: openssl,
                                     hasDDLogs: !ddLogs.isEmpty, assume: assumeAESNI)
        diagnostics.append(contentsOf: decision.diagnostics)
        let needsState = !ddLogs.isEmpty || !inputs.allSatisfy { $0.cryptsetup == nil }
            || openssl.contains { $0.aesni == nil }
        if decision.aesni == nil && needsState {
            diagnostics.append(Diagnostic(
                file: folder, line: nil, severity: .warning,
                message: "cannot tell whether this run had AES-NI: add its CPU dump "
                    + "(cat /proc/cpuinfo > \(folder)/cpuinfo.txt) or a manifest \(manifestPath) with "
                    + "'aesni = yes' or 'aesni = no', or rename the folder (with-aesni / no-aesni)"))
        }
        diagnostics.append(contentsOf: Self.duplicateLogs(ddLogs))
        if manifest.accelerator == .tcg {
            diagnostics.append(Diagnostic(file: manifestPath, line: manifest.accelerationLine, severity: .warning,
                                          message: VirtualMachineAccelerator.emulatedCPUExplanation))
        }
        var run = Run(path: folder, label: manifest.label ?? name(of: folder), host: manifest.host ?? hostName,
                   aesni: decision.aesni, aesniSource: decision.source, cpu: dumps.first?.cpu,
                   cpuPath: dumps.first?.path, ddLogs: ddLogs, openssl: openssl,
                   cryptsetup: inputs.compactMap(\.cryptsetup), aesniEvidence: decision.evidence,
                   hostFolder: manifest.host == nil ? hostFolder : nil)
        run.accelerator = manifest.accelerator
        run.qemuCPUModel = manifest.cpuModel
        return run
    }

    /// Two logs of one cipher and operation in one run (`aes-xts-plain64-read.txt` beside
    /// `aes-xts-plain64-read.log`): both are kept as series, and their rounds are pooled for the run's centre and
    /// the gains, but never without this warning, which names both.
    static func duplicateLogs(_ logs: [DDLog]) -> [Diagnostic] {
        var seen: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        for log in logs {
            guard let cipher = log.cipher, let operation = log.operation else { continue }
            let key = cipher + "\u{0}" + operation.rawValue
            if let first = seen[key] {
                diagnostics.append(Diagnostic(
                    file: log.path, line: nil, severity: .warning,
                    message: "a second \(cipher) \(operation.rawValue) log in this run, beside \(first): both are "
                        + "read and their rounds pooled into one series; remove or rename one if it is a copy or "
                        + "belongs to another run"))
            } else {
                seen[key] = log.path
            }
        }
        return diagnostics
    }

    // MARK: - Walking

    struct FolderContents {
        var files: [(String, InputKind)] = []
        var hasManifest = false
        /// Files not read, or read by content, each with a note or warning saying so.
        var unread: [Diagnostic] = []
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
            let folder = parent(of: path) ?? "."
            if let kind = InputKind.fromName(path) {
                folders[folder, default: FolderContents()].files.append((path, kind))
            } else {
                switch UnrecognisedFile.classify(path: path, name: name(of: path)) {
                case let .read(kind, note):
                    folders[folder, default: FolderContents()].files.append((path, kind))
                    diagnostics.append(Diagnostic(file: path, line: nil, severity: .note, message: note))
                case let .unread(severity, reason):
                    // Named on the command line: at least a warning.
                    diagnostics.append(Diagnostic(file: path, line: nil, severity: max(severity, .warning),
                                                  message: reason))
                }
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
                } else {
                    switch UnrecognisedFile.classify(path: child, name: entry) {
                    case let .read(kind, note):
                        contents.files.append((child, kind))
                        contents.unread.append(Diagnostic(file: child, line: nil, severity: .note, message: note))
                    case let .unread(severity, reason):
                        contents.unread.append(Diagnostic(file: child, line: nil, severity: severity, message: reason))
                    }
                }
            }
        }
        if !contents.files.isEmpty || contents.hasManifest || !contents.unread.isEmpty {
            folders[path, default: FolderContents()].files.append(contentsOf: contents.files)
            folders[path]!.hasManifest = folders[path]!.hasManifest || contents.hasManifest
            folders[path]!.unread.append(contentsOf: contents.unread)
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
