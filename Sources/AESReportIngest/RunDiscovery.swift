import AESReportModel
import Dispatch
import Foundation

/// A CPU dump found in a folder above the runs: the host that ran the guests.
public struct HostCPU: Sendable, Codable, Equatable {
    public var host: String
    public var path: String
    public var cpu: CPUDescription
}

/// What discovery found under the paths it was given.
public struct Discovery: Sendable {
    public var runs: [Run]
    public var hostCPUs: [HostCPU]
    public var diagnostics: [Diagnostic]
}

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
        // Parse every file of every run, and host CPU dumps, in parallel.
        var jobs: [(folder: String, file: String, kind: InputKind)] = []
        for folder in runFolders {
            for (file, kind) in folders[folder]!.files { jobs.append((folder, file, kind)) }
        }
        let parentsOfRuns = Set(runFolders.compactMap(parent(of:)))
        let hostFolders = folders.keys.filter { folder in
            !folders[folder]!.hasResults && parentsOfRuns.contains(folder)
        }.sorted()
        for folder in hostFolders {
            for (file, kind) in folders[folder]!.files where kind == .cpuDescription { jobs.append((folder, file, kind)) }
        }
        let counter = ProgressCounter(total: jobs.count, report: progress)
        let results = ParallelMap.map(jobs) { job in
            let parsed = ParsedInput.parse(path: job.file, kind: job.kind)
            counter.step()
            return parsed
        }

        var runs: [Run] = []
        var hostCPUs: [HostCPU] = []
        var byFolder: [String: [ParsedInput]] = [:]
        for (job, result) in zip(jobs, results) {
            diagnostics.append(contentsOf: result.diagnostics)
            byFolder[job.folder, default: []].append(result)
        }
        for folder in hostFolders {
            if let cpuInput = byFolder[folder]?.first(where: { $0.cpu != nil }) {
                hostCPUs.append(HostCPU(host: name(of: folder), path: cpuInput.path, cpu: cpuInput.cpu!))
            }
        }
        for folder in runFolders {
            let inputs = byFolder[folder] ?? []
            runs.append(assemble(folder: folder, inputs: inputs, contents: folders[folder]!,
                                 diagnostics: &diagnostics))
        }
        return Discovery(runs: runs, hostCPUs: hostCPUs, diagnostics: diagnostics)
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

/// `map` over all cores, results in input order.
public enum ParallelMap {
    public static func map<T, R: Sendable>(_ items: [T], _ transform: (T) -> R) -> [R] {
        guard items.count > 1 else { return items.map(transform) }
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer {
            // The results were copied out; their storage must be released before the memory is freed.
            results.deinitialize()
            results.deallocate()
        }
        let box = UncheckedBox(results)
        items.withUnsafeBufferPointer { input in
            let inputBox = UncheckedBox(input)
            withoutActuallyEscaping(transform) { transform in
                let transformBox = UncheckedBox(transform)
                DispatchQueue.concurrentPerform(iterations: items.count) { index in
                    box.value[index] = transformBox.value(inputBox.value[index])
                }
            }
        }
        return results.map { $0! }
    }
}

/// Carries a value into `concurrentPerform`, whose iterations write disjoint indexes.
private struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
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
