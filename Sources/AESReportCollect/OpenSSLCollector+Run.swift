import AESReportFiles
import AESReportIngest
import AESReportModel
import Foundation

/// Running a plan: each measurement in turn, then every file written together.
extension OpenSSLCollector {
    /// What a finished collection did.
    public struct Outcome: Sendable {
        public var files: [String]
        public var diagnostics: [Diagnostic]
        /// Set when a signal stopped the run: then nothing was written.
        public var interrupted = false
    }

    /// Whether `name` is one of the files a run writes into a state's folder (`openssl-<algorithm>-<encrypt|
    /// decrypt>-<bytes>-r<round>.txt`): only those are removed by `--replace`.
    public static func isResultName(_ name: String) -> Bool {
        guard name.hasPrefix("openssl-"), name.hasSuffix(".txt") else { return false }
        let parts = name.dropFirst("openssl-".count).dropLast(".txt".count).split(separator: "-")
        guard parts.count >= 4, let round = parts.last, round.hasPrefix("r"), Int(round.dropFirst()) != nil,
              Int(parts[parts.count - 2]) != nil, ["encrypt", "decrypt"].contains(String(parts[parts.count - 3])) else {
            return false
        }
        return CollectorNames.algorithmProblem(parts.dropLast(3).joined(separator: "-")) == nil
    }

    /// Files a run would replace: cpuinfo.txt, the manifests, and earlier openssl outputs in the state folders.
    public func existingFiles(_ plan: Plan) -> [String] {
        var found: [String] = []
        var info = stat()
        let cpuFile = settings.output + "/cpuinfo.txt"
        if lstat(cpuFile, &info) == 0 { found.append(cpuFile) }
        for state in plan.states {
            let manifest = state.folder + "/" + RunManifest.fileName
            if lstat(manifest, &info) == 0 { found.append(manifest) }
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: state.folder)) ?? []).sorted()
            found += names.filter(Self.isResultName).map { state.folder + "/" + $0 }
        }
        return found
    }

    /// Runs `plan`, then writes every output, the manifests and cpuinfo.txt together (each folder locked, every
    /// file staged, then renamed into place): an interrupted or failed run leaves earlier files as they were.
    /// Existing files are refused (`CollectError.existingFiles`) unless `replace`; then only the files this
    /// collector writes are replaced, and earlier openssl outputs this run did not write are removed at the end.
    /// `interrupted` is polled between measurements. `progress` gets one line per step.
    public func run(_ plan: Plan, interrupted: () -> Bool = { false }, progress: (String) -> Void) throws -> Outcome {
        guard runner.locate(settings.openssl) != nil else { throw CollectError.opensslMissing(settings.openssl) }
        guard !plan.steps.isEmpty else {
            throw CollectError.nothingToRun("nothing to measure: no algorithm left (see the notes above)")
        }
        let existing = existingFiles(plan)
        if !existing.isEmpty, !settings.replace { throw CollectError.existingFiles(existing) }
        // Locked for the whole run, so two collections into one folder cannot interleave. The state folders are
        // made only when there is something to write, under the top folder's descriptor and never through a link
        // (a `with-aesni` link planted by another user would lead the writes elsewhere).
        let top = try OutputFolder(path: settings.output, lockTimeout: settings.lockTimeout)
        var folders: [String: OutputFolder] = [:]
        func stopped(_ diagnostics: [Diagnostic]) -> Outcome {
            top.removeCreatedFoldersIfEmpty()
            return Outcome(files: [], diagnostics: diagnostics, interrupted: true)
        }
        var outputs: [(folder: String, name: String, text: String)] = [(settings.output, "cpuinfo.txt", cpuText)]
        for state in plan.states {
            outputs.append((state.folder, RunManifest.fileName, manifestText(state, plan: plan)))
        }
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        var unmasked: IA32Capabilities?
        for (index, step) in plan.steps.enumerated() {
            if interrupted() { return stopped(diagnostics) }
            let result = try runner.run(step.command)
            if interrupted() { return stopped(diagnostics) }
            let text = result.standardError + result.standardOutput
            outputs.append((step.state.folder, URL(fileURLWithPath: step.file).lastPathComponent, text))
            let parsed = OpenSSLSpeedParser.parse(text: text, path: step.file)
            diagnostics += parsed.diagnostics
            var line = "[\(index + 1)/\(plan.steps.count)] \(step.algorithm) \(step.direction.rawValue) "
                + "\(step.blockSize) B, \(step.state.aesni ? "AES-NI" : "masked"), round \(step.round): "
            if result.status != 0 {
                diagnostics.append(Diagnostic(file: step.file, line: nil, severity: .error,
                                              message: "openssl exited with status \(result.status): "
                                                  + (result.standardError.split(separator: "\n").first.map(String.init) ?? "")))
                line += "failed"
            } else if let rate = parsed.value?.results.first?.bytesPerSecond {
                line += ThroughputFormat.si(rate)
            } else {
                // A cut-off output (openssl killed, or stopped before its table) is an error, not a quiet gap.
                diagnostics.append(Diagnostic(file: step.file, line: nil, severity: .error,
                                              message: "openssl printed no result (its output was cut off?)"))
                line += "no result"
            }
            // openssl's CPUINFO line says what it will use: unmasked, the reference; masked, exactly the AES bits
            // cleared and every other bit as in the reference.
            let capabilities = IA32Capabilities(output: text)
            let masked = !step.state.environment.isEmpty
            if let capabilities, !masked { unmasked = capabilities }
            if let capabilities, masked, mask == .x86 {
                for problem in mask.problems(masked: capabilities, unmasked: unmasked) {
                    diagnostics.append(Diagnostic(file: step.file, line: nil, severity: .error, message: problem))
                }
            } else if let seen = parsed.value?.aesni, seen != step.state.aesni {
                diagnostics.append(Diagnostic(
                    file: step.file, line: nil, severity: .error,
                    message: step.state.aesni ? "openssl reports no AES-NI although nothing was masked"
                        : "the mask had no effect: openssl still reports AES-NI (\(mask.explanation))"))
            }
            progress(line)
        }
        for state in plan.states {
            do {
                folders[state.folder] = try OutputFolder(in: top, name: URL(fileURLWithPath: state.folder).lastPathComponent,
                                                         lockTimeout: settings.lockTimeout)
            } catch {
                diagnostics.append(Diagnostic(file: state.folder, line: nil, severity: .error,
                                              message: "\(error); its files were not written"))
            }
        }
        for output in outputs {
            guard let folder = output.folder == settings.output ? top : folders[output.folder] else { continue }
            _ = try? folder.stage(output.name, bytes: Array(output.text.utf8))
        }
        let written = Set(outputs.map { $0.folder + "/" + $0.name })
        for (path, folder) in [(settings.output, top)] + folders.sorted(by: { $0.key < $1.key }) {
            let result = folder.commit()
            for name in result.written where !files.contains(path + "/" + name) { files.append(path + "/" + name) }
            for failure in result.failed {
                diagnostics.append(Diagnostic(file: path + "/" + failure.name, line: nil, severity: .error,
                                              message: "not written: \(failure.reason)"))
            }
        }
        // Earlier outputs of this collector that this run did not write would mix two runs: removed.
        for path in existing where !written.contains(path) {
            let url = URL(fileURLWithPath: path)
            let name = url.lastPathComponent
            if Self.isResultName(name), let folder = folders[url.deletingLastPathComponent().path] {
                folder.removeOwnFile(name)
            }
        }
        return Outcome(files: files, diagnostics: diagnostics)
    }

    func manifestText(_ state: State, plan: Plan) -> String {
        var lines = ["# Written by aesreport collect openssl.", "# \(state.label)."]
        if let step = plan.steps.first(where: { $0.state == state }) {
            lines.append("# Example command: " + step.command.shellText)
        }
        if !state.environment.isEmpty {
            lines += mask.manifestLines.map { "# " + $0 }
        } else if state.aesni {
            lines.append("# No mask: openssl uses every capability the CPU reports.")
        }
        lines += ["# Rounds: \(settings.rounds); seconds per measurement: \(settings.seconds); block sizes: "
                  + settings.blockSizes.map(String.init).joined(separator: ", ") + ".",
                  "aesni = \(state.aesni ? "yes" : "no")",
                  "label = \(state.aesni ? "with AES-NI" : "without AES-NI") (openssl speed)"]
        return lines.joined(separator: "\n") + "\n"
    }
}
