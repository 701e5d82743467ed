import AESReportFiles
import AESReportIngest
import AESReportModel
import Foundation

/// `aesreport collect openssl`: runs `openssl speed -evp` for each algorithm, direction and block size, with the
/// CPU's AES instructions and with them masked, and writes what the report reads:
///
///     DIR/cpuinfo.txt                 the machine's CPU description (/proc/cpuinfo)
///     DIR/with-aesni/aesreport.manifest, openssl-<algorithm>-<encrypt|decrypt>-<bytes>-r<round>.txt
///     DIR/no-aesni/  (the same, run with the mask)
///
/// Rounds alternate the two states, so drift of the machine's speed (turbo, neighbours) hits both alike.
public struct OpenSSLCollector {
    public struct Settings: Sendable {
        public var output: String
        public var algorithms: [String]
        public var rounds: Int
        public var seconds: Int
        public var blockSizes: [Int]
        public var openssl: String
        /// Replace earlier openssl outputs in the run folders (otherwise their presence is an error).
        public var replace: Bool
        /// Seconds to wait for another run holding the folder (nil: for ever).
        public var lockTimeout: Double? = OutputFolder.defaultLockTimeout

        /// Algorithms named twice (case does not matter: openssl reads `AES-128-CBC` as `aes-128-cbc`), each once.
        public var duplicateAlgorithms: [String] {
            var seen = Set<String>()
            var twice: [String] = []
            for name in algorithms.map({ $0.lowercased() }) where !seen.insert(name).inserted && !twice.contains(name) {
                twice.append(name)
            }
            return twice
        }

        public static let defaultAlgorithms = ["aes-128-cbc", "aes-256-cbc", "aes-128-ctr", "aes-256-ctr",
                                               "aes-128-gcm", "aes-256-gcm", "aes-128-xts", "aes-256-xts"]

        public init(output: String, algorithms: [String] = defaultAlgorithms, rounds: Int = 1, seconds: Int = 1,
                    blockSizes: [Int] = [16384], openssl: String = "openssl", replace: Bool = false) {
            self.output = output
            self.algorithms = algorithms
            self.rounds = rounds
            self.seconds = seconds
            self.blockSizes = blockSizes
            self.openssl = openssl
            self.replace = replace
        }
    }

    /// One state of the machine: a run folder.
    public struct State: Sendable, Equatable {
        public var folder: String
        public var aesni: Bool
        public var environment: [String: String]
        public var label: String
    }

    /// One `openssl speed` invocation and the file its output goes to.
    public struct Step: Sendable, Equatable {
        public var state: State
        public var algorithm: String
        public var direction: CipherDirection
        public var blockSize: Int
        public var round: Int
        public var file: String
        public var command: ExternalCommand
    }

    public struct Plan: Sendable {
        public var states: [State]
        public var steps: [Step]
        /// What the user must know before it runs: masking impossible, algorithms unsupported.
        public var notes: [String]
        public var skippedAlgorithms: [String]
    }

    public enum CollectError: Error, CustomStringConvertible {
        case opensslMissing(String)
        case existingFiles([String])
        case nothingToRun(String)

        public var description: String {
            switch self {
            case let .opensslMissing(program): "\(program) not found on PATH: install openssl (apt-get install openssl)"
            case let .existingFiles(paths):
                "already there: " + paths.joined(separator: ", ") + "; nothing was run or written. Choose another "
                    + "folder, or pass --replace (it replaces only the files this command writes)"
            case let .nothingToRun(reason): reason
            }
        }
    }

    public let settings: Settings
    public let runner: any CommandRunner
    /// The CPU this runs on, as read from `cpuText`.
    public let cpu: CPUDescription?
    /// `/proc/cpuinfo` (or lscpu) text, copied into the result folder.
    public let cpuText: String
    public let mask: AESNIMask

    public init(settings: Settings, runner: any CommandRunner, cpuText: String, machine: String) {
        self.settings = settings
        self.runner = runner
        self.cpuText = cpuText
        cpu = CPUInfoParser.parse(text: cpuText, path: "/proc/cpuinfo").value
        mask = AESNIMask(machine: machine)
    }

    /// The states, steps and notes, without running anything. `supported` lists the cipher names the local
    /// openssl knows (lower case); nil when it could not be asked.
    public func plan(supported: Set<String>?) -> Plan {
        var notes: [String] = []
        let hasAES = cpu?.hasHardwareAES
        var states: [State] = []
        let with = State(folder: settings.output + "/with-aesni", aesni: true, environment: [:],
                         label: "openssl speed, AES instructions in use")
        switch (hasAES, mask) {
        case (false?, _):
            notes.append("this CPU has no 'aes' flag: only the run without AES-NI is measured. For the other half, "
                         + "run the same command on a host, or a guest started with -cpu host or +aes, into a "
                         + "sibling folder")
            states = [State(folder: settings.output + "/no-aesni", aesni: false, environment: [:],
                            label: "openssl speed, CPU without AES instructions")]
        case (_, .unavailable):
            notes.append(mask.explanation + ": only the run with AES instructions is measured")
            states = [with]
        default:
            if hasAES == nil {
                notes.append("the CPU description could not be read; assuming the CPU has AES instructions")
            }
            states = [with, State(folder: settings.output + "/no-aesni", aesni: false, environment: mask.environment,
                                  label: "openssl speed, " + mask.explanation)]
        }
        var algorithms: [String] = []
        for name in settings.algorithms.map({ $0.lowercased() }) where !algorithms.contains(name) { algorithms.append(name) }
        let skipped = supported.map { known in algorithms.filter { !known.contains($0) } } ?? []
        if !skipped.isEmpty {
            notes.append("this openssl does not offer " + skipped.joined(separator: ", ") + "; skipped")
        }
        var steps: [Step] = []
        for round in 1...max(1, settings.rounds) {
            for algorithm in algorithms where !skipped.contains(algorithm) {
                for direction in [CipherDirection.encrypt, .decrypt] {
                    for size in settings.blockSizes {
                        for state in states {
                            var arguments = ["speed", "-seconds", String(settings.seconds), "-bytes", String(size),
                                             "-evp", algorithm]
                            if direction == .decrypt { arguments.append("-decrypt") }
                            let name = "openssl-\(algorithm)-\(direction.rawValue)-\(size)-r\(round).txt"
                            steps.append(Step(state: state, algorithm: algorithm, direction: direction, blockSize: size,
                                              round: round, file: state.folder + "/" + name,
                                              command: ExternalCommand(settings.openssl, arguments,
                                                                       environment: state.environment)))
                        }
                    }
                }
            }
        }
        return Plan(states: states, steps: steps, notes: notes, skippedAlgorithms: skipped)
    }

    /// Cipher names the local openssl lists (`openssl list -cipher-algorithms`), lower case; nil if it cannot say.
    public func supportedAlgorithms() -> Set<String>? {
        guard let result = try? runner.run(ExternalCommand(settings.openssl, ["list", "-cipher-algorithms"])),
              result.status == 0 else { return nil }
        var names = Set<String>()
        for token in result.standardOutput.split(whereSeparator: { " ,{}\n\t".contains($0) }) {
            names.insert(token.lowercased())
        }
        return names.isEmpty ? nil : names
    }

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
