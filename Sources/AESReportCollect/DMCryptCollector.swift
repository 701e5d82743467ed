import AESReportIngest
import AESReportModel
import AESReportPages
import Foundation

/// `aesreport collect dmcrypt`: the seed chapter's procedure made safe. A file on a tmpfs backs a plain dm-crypt
/// mapping per cipher; dd writes and reads the mapping `rounds` times; each dd's output is appended to
/// `<cipher>-write.txt` / `<cipher>-read.txt`, exactly the files of the seed's script. The mapping and the file are
/// removed on every exit path, errors and interrupts included.
///
/// Differences from the seed's script, on purpose: the key comes from /dev/urandom rather than a fixed passphrase
/// (the data are zeros either way; key sizes are cryptsetup's plain-mode default, as in the seed); dd uses
/// `iflag=direct` / `oflag=direct` so that rounds after the first measure decryption, not the page cache (turn off
/// with `direct: false` to match the seed exactly); the backing file is removed even when a step fails.
public struct DMCryptCollector {
    public struct Settings: Sendable {
        public var output: String
        public var ciphers: [String]
        public var rounds: Int
        /// Size of the backing file and of each dd transfer, in MiB.
        public var sizeMiB: Int
        /// The tmpfs folder that holds the backing file.
        public var backingFolder: String
        public var mappingName: String
        public var direct: Bool
        /// Replace result files (and cpuinfo.txt) already in `output`; otherwise their presence is an error.
        public var replace: Bool
        /// What the mapping sits on: a file on a tmpfs (through a loop device), or the kernel's `brd` ramdisk.
        public var backing: Backing

        /// The six modes of the seed chapter.
        public static let seedCiphers = ["aes-ecb-plain", "aes-cbc-plain", "aes-ctr-plain", "aes-lrw-plain",
                                         "aes-pcbc-plain", "aes-xts-plain"]

        public init(output: String, ciphers: [String] = seedCiphers, rounds: Int = 10, sizeMiB: Int = 1024,
                    backingFolder: String = "/dev/shm", mappingName: String = "aesreport-crypt0", direct: Bool = true,
                    replace: Bool = false, backing: Backing = .file) {
            self.backing = backing
            self.output = output
            self.ciphers = ciphers
            self.rounds = rounds
            self.sizeMiB = sizeMiB
            self.backingFolder = backingFolder
            self.mappingName = mappingName
            self.direct = direct
            self.replace = replace
        }

        /// Every cipher and the mapping name against their grammar (`CollectorNames`), and the size: each a
        /// sentence. Empty when all is well.
        public var nameProblems: [String] {
            var problems = ciphers.compactMap(CollectorNames.cipherProblem)
            if let problem = CollectorNames.mappingProblem(mappingName) { problems.append(problem) }
            if Set(ciphers).count != ciphers.count { problems.append("a cipher is named twice") }
            if sizeMiB < 1 { problems.append("--size must be at least 1 MiB") }
            if sizeMiB.multipliedReportingOverflow(by: 1 << 20).overflow {
                problems.append("--size \(sizeMiB) MiB is too large (more than 8 EiB)")
            }
            return problems
        }

        /// The files a run writes into `output`: the two result files per cipher and cpuinfo.txt.
        public var resultFileNames: [String] {
            ciphers.flatMap { cipher in AESReportModel.Operation.allCases.map { "\(cipher)-\($0.rawValue).txt" } }
                + ["cpuinfo.txt"]
        }

        public var backingFile: String { backingFolder + "/aesreport-dmcrypt-backing.img" }
        /// What `cryptsetup open` is given: the backing file, or `/dev/ram0`.
        public var backingDevice: String { backing == .ramdisk ? "/dev/ram0" : backingFile }
        public var device: String { "/dev/mapper/" + mappingName }
    }

    /// A step of the procedure: a command, and where its output goes (appended), if anywhere.
    public struct Step: Sendable, Equatable {
        public enum Role: Sendable, Equatable {
            case createBackingFile
            case openMapping(cipher: String)
            case round(cipher: String, operation: AESReportModel.Operation, round: Int)
            case closeMapping(cipher: String)
            case removeBackingFile
        }

        public var role: Role
        public var command: ExternalCommand
        /// File that receives the command's standard error (dd's report), appended.
        public var appendTo: String?
    }

    public let settings: Settings
    public let runner: any CommandRunner

    public init(settings: Settings, runner: any CommandRunner) {
        self.settings = settings
        self.runner = runner
    }

    // MARK: - Plan

    public var createBackingFile: Step {
        if settings.backing == .ramdisk {
            // One ramdisk of the size in KiB; brd's size is fixed when it is loaded, hence the prerequisite that it
            // is not loaded already.
            return Step(role: .createBackingFile,
                        command: ExternalCommand("modprobe", ["brd", "rd_nr=1", "rd_size=\(settings.sizeMiB * 1024)",
                                                              "max_part=0"]), appendTo: nil)
        }
        return Step(role: .createBackingFile,
                    command: ExternalCommand("dd", ["if=/dev/zero", "of=\(settings.backingFile)", "bs=1M",
                                                    "count=\(settings.sizeMiB)"]), appendTo: nil)
    }

    public var removeBackingFile: Step {
        settings.backing == .ramdisk
            ? Step(role: .removeBackingFile, command: ExternalCommand("rmmod", ["brd"]), appendTo: nil)
            : Step(role: .removeBackingFile, command: ExternalCommand("rm", ["-f", "--", settings.backingFile]),
                   appendTo: nil)
    }

    public func closeMapping(_ cipher: String) -> Step {
        Step(role: .closeMapping(cipher: cipher), command: ExternalCommand("cryptsetup", ["close", "--", settings.mappingName]),
             appendTo: nil)
    }

    /// Every command in order, as `--dry-run` prints them and `run` executes them.
    public func plan() -> [Step] {
        var steps = [createBackingFile]
        for cipher in settings.ciphers {
            steps.append(Step(role: .openMapping(cipher: cipher),
                              command: ExternalCommand("cryptsetup", [
                                  "open", "--type", "plain", "--cipher", cipher, "--key-file", "/dev/urandom",
                                  "--key-size", "256", "--", settings.backingDevice, settings.mappingName,
                              ]), appendTo: nil))
            for round in 1...max(1, settings.rounds) {
                // The seed reads first, then writes, in each round.
                var read = ["if=\(settings.device)", "of=/dev/null", "bs=1M", "count=\(settings.sizeMiB)"]
                var write = ["if=/dev/zero", "of=\(settings.device)", "bs=1M", "count=\(settings.sizeMiB)"]
                if settings.direct {
                    read.append("iflag=direct")
                    write.append("oflag=direct")
                }
                steps.append(Step(role: .round(cipher: cipher, operation: .read, round: round),
                                  command: ExternalCommand("dd", read),
                                  appendTo: settings.output + "/\(cipher)-read.txt"))
                steps.append(Step(role: .round(cipher: cipher, operation: .write, round: round),
                                  command: ExternalCommand("dd", write),
                                  appendTo: settings.output + "/\(cipher)-write.txt"))
            }
            steps.append(closeMapping(cipher))
        }
        steps.append(removeBackingFile)
        return steps
    }

    // MARK: - Prerequisites

    /// Everything missing for a real run, each a sentence saying what to do. Empty when all is in place.
    public func missingPrerequisites() -> [String] {
        var missing: [String] = []
        if geteuid() != 0 {
            missing.append("root is needed to create device-mapper devices: run it with sudo")
        }
        if runner.locate("cryptsetup") == nil {
            missing.append("cryptsetup is not installed (apt-get install cryptsetup-bin, or dnf install cryptsetup)")
        }
        if runner.locate("dd") == nil { missing.append("dd is not on PATH (coreutils)") }
        if !FileManager.default.fileExists(atPath: "/dev/mapper/control") {
            missing.append("device-mapper is not available (no /dev/mapper/control): load it with modprobe -a dm_mod "
                           + "dm_crypt loop (as root the tool does this itself), or run in a VM or container that has it")
        } else if !FileManager.default.fileExists(atPath: "/sys/module/dm_crypt") {
            missing.append("the dm_crypt module is not loaded: modprobe dm_crypt")
        }
        if settings.backing == .file && !FileManager.default.fileExists(atPath: "/dev/loop-control")
            && !FileManager.default.fileExists(atPath: "/sys/module/loop") {
            missing.append("loop devices are not available (no /dev/loop-control), and cryptsetup needs one to open a "
                           + "mapping on the backing file: modprobe loop")
        }
        var info = statvfs()
        if settings.backing == .ramdisk {
            missing += ramdiskProblems()
        } else if statvfs(settings.backingFolder, &info) != 0 {
            missing.append("\(settings.backingFolder) does not exist: mount a tmpfs there or pass --backing-folder")
        } else {
            let free = UInt64(info.f_bavail) * UInt64(info.f_frsize)
            let needed = UInt64(clamping: settings.sizeMiB).multipliedReportingOverflow(by: 1 << 20).partialValue
            if free < needed {
                missing.append("\(settings.backingFolder) has \(free >> 20) MiB free, \(settings.sizeMiB) MiB are "
                               + "needed: pass a smaller --size or a larger tmpfs")
            }
            if let type = Self.fileSystemType(of: settings.backingFolder), type != "tmpfs", type != "ramfs" {
                missing.append("\(settings.backingFolder) is on \(type), not a tmpfs, so that storage would be measured "
                               + "too: pass --backing-folder with a tmpfs (/dev/shm, /run)")
            }
        }
        if FileManager.default.fileExists(atPath: settings.device) {
            missing.append("\(settings.device) already exists: close it (cryptsetup close \(settings.mappingName)) "
                           + "or pass another --mapping-name")
        }
        return missing
    }

    /// Files of `resultFileNames` already in the output folder: a run without `replace` refuses to start over them.
    public func existingFiles() -> [String] {
        settings.resultFileNames.map { settings.output + "/" + $0 }.filter { path in
            var info = stat()
            return lstat(path, &info) == 0
        }
    }

    /// The type of the file system `path` is on, from /proc/self/mounts (the longest mount point that holds it).
    static func fileSystemType(of path: String) -> String? {
        guard let mounts = try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8) else { return nil }
        let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        var best: (length: Int, type: String)?
        for line in mounts.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3 else { continue }
            let point = fields[1].replacingOccurrences(of: "\\040", with: " ")
            let holds = point == "/" || real == point || real.hasPrefix(point + "/")
            if holds, point.count >= (best?.length ?? -1) { best = (point.count, String(fields[2])) }
        }
        return best?.type
    }

    // MARK: - Running

    public struct Outcome: Sendable {
        public var files: [String]
        public var diagnostics: [Diagnostic]
        /// Set when the run was stopped by a signal.
        public var interrupted: Bool
    }

    /// Runs the plan. Mapping and backing file are removed whatever happens; `interrupted` is polled between
    /// commands (the caller's signal handler sets it and stops the running child), and the cleanup still runs.
    public func run(progress: (String) -> Void, interrupted: () -> Bool) -> Outcome {
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        var openCipher: String?
        var backingExists = false
        var failedCiphers = Set<String>()
        let steps = plan()
        func cleanUp() {
            if let cipher = openCipher {
                _ = try? runner.run(closeMapping(cipher).command)
                openCipher = nil
            }
            if backingExists {
                _ = try? runner.run(removeBackingFile.command)
                backingExists = false
            }
        }
        defer { cleanUp() }
        // The folder is locked for the run; each cipher's two files are new temporary files, kept open across the
        // rounds (a link swapped in between rounds is never followed) and renamed into place when the cipher is
        // done, so earlier results stay whole until then.
        let folder: OutputFolder
        do {
            folder = try OutputFolder(path: settings.output)
        } catch {
            diagnostics.append(Diagnostic(file: settings.output, line: nil, severity: .error, message: "\(error)"))
            return Outcome(files: files, diagnostics: diagnostics, interrupted: false)
        }
        let existing = existingFiles().filter { !$0.hasSuffix("/cpuinfo.txt") }
        if !settings.replace, !existing.isEmpty {
            diagnostics.append(Diagnostic(file: settings.output, line: nil, severity: .error,
                                          message: "already holds " + existing.joined(separator: ", ")
                                              + "; choose another folder or pass --replace"))
            return Outcome(files: files, diagnostics: diagnostics, interrupted: false)
        }
        var staged: [String: OutputFolder.StagedFile] = [:]
        func commit(_ cipher: String) {
            let names = AESReportModel.Operation.allCases.map { "\(cipher)-\($0.rawValue).txt" }
            let done = names.compactMap { staged.removeValue(forKey: $0) }
            guard !done.isEmpty else { return }
            do {
                for file in done { try file.finish() }
            } catch {
                diagnostics.append(Diagnostic(file: settings.output, line: nil, severity: .error, message: "\(error)"))
                return
            }
            let result = folder.commit(done)
            files += result.written.map { settings.output + "/" + $0 }
            for failure in result.failed {
                diagnostics.append(Diagnostic(file: settings.output + "/" + failure.name, line: nil, severity: .error,
                                              message: "not written: \(failure.reason)"))
            }
        }
        defer { for cipher in settings.ciphers { commit(cipher) } }
        for (index, step) in steps.enumerated() {
            if interrupted() { break }
            if case let .round(cipher, _, _) = step.role, failedCiphers.contains(cipher) { continue }
            if case let .closeMapping(cipher) = step.role, failedCiphers.contains(cipher) { continue }
            // The cipher and round first, so a person watching (or `collect vm` relaying a guest) sees where it is.
            let what: String
            switch step.role {
            case let .round(cipher, operation, round): what = "\(cipher) \(operation.rawValue) round \(round)/\(settings.rounds): "
            case let .openMapping(cipher): what = "\(cipher): "
            default: what = ""
            }
            progress("[\(index + 1)/\(steps.count)] " + what + step.command.shellText)
            let result: CommandResult
            do {
                result = try runner.run(step.command)
            } catch {
                diagnostics.append(Diagnostic(file: settings.output, line: nil, severity: .error, message: "\(error)"))
                break
            }
            // A round cut off by Ctrl-C is not a round: its partial report is not kept.
            if let path = step.appendTo, !(interrupted() && result.status != 0) {
                let name = URL(fileURLWithPath: path).lastPathComponent
                do {
                    let file = try staged[name] ?? folder.create(name)
                    staged[name] = file
                    try file.append(Array(result.standardError.utf8)[...])
                } catch {
                    diagnostics.append(Diagnostic(file: path, line: nil, severity: .error, message: "\(error)"))
                    break
                }
            }
            let failed = result.status != 0
            switch step.role {
            case .createBackingFile:
                backingExists = true
                if failed {
                    diagnostics.append(failure(step, result))
                    return Outcome(files: files, diagnostics: diagnostics, interrupted: interrupted())
                }
            case let .openMapping(cipher):
                if failed {
                    // Like the seed, an unknown mode (pcbc is gone from recent kernels) stops only that cipher.
                    failedCiphers.insert(cipher)
                    diagnostics.append(failure(step, result))
                } else {
                    openCipher = cipher
                }
            case .round:
                if failed { diagnostics.append(failure(step, result)) }
            case let .closeMapping(cipher):
                openCipher = nil
                if failed { diagnostics.append(failure(step, result)) }
                commit(cipher)
            case .removeBackingFile:
                backingExists = false
                if failed { diagnostics.append(failure(step, result)) }
            }
        }
        for cipher in settings.ciphers { commit(cipher) }
        return Outcome(files: files, diagnostics: diagnostics, interrupted: interrupted())
    }

    private func failure(_ step: Step, _ result: CommandResult) -> Diagnostic {
        let reason = result.standardError.split(separator: "\n").last.map(String.init) ?? "no message"
        return Diagnostic(file: step.appendTo ?? settings.output, line: nil, severity: .error,
                          message: "`\(step.command.shellText)` exited with status \(result.status): \(reason)")
    }
}
