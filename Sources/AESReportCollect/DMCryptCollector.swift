import AESReportFiles
import AESReportIngest
import AESReportModel
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
        /// Seconds to wait for another run holding the output folder (nil: for ever).
        public var lockTimeout: Double? = OutputFolder.defaultLockTimeout

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

        /// The backing file as the plan shows it before a run: it lives in a new private folder
        /// (`mkdtemp`, 0700) whose random name is known only when the run starts.
        public var backingFile: String { backingFolder + "/aesreport-XXXXXX/" + PrivateBacking.fileName }
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

    public var createBackingFile: Step { createBackingFile(settings.backingFile) }

    /// What `cryptsetup open` is given: the backing file, or `/dev/ram0`.
    func backingDevice(_ file: String) -> String { settings.backing == .ramdisk ? "/dev/ram0" : file }

    /// dd fills the file the tool created (`conv=notrunc`: dd neither creates nor truncates it).
    func createBackingFile(_ file: String) -> Step {
        if settings.backing == .ramdisk {
            // One ramdisk of the size in KiB; brd's size is fixed when it is loaded, hence the prerequisite that it
            // is not loaded already.
            return Step(role: .createBackingFile,
                        command: ExternalCommand("modprobe", ["brd", "rd_nr=1", "rd_size=\(settings.sizeMiB * 1024)",
                                                              "max_part=0"]), appendTo: nil)
        }
        return Step(role: .createBackingFile,
                    command: ExternalCommand("dd", ["if=/dev/zero", "of=\(file)", "bs=1M",
                                                    "count=\(settings.sizeMiB)", "conv=notrunc"]), appendTo: nil)
    }

    /// `rmmod brd` for the ramdisk. A backing file is removed by the tool itself (with its private folder).
    public var removeBackingFile: Step {
        Step(role: .removeBackingFile, command: ExternalCommand("rmmod", ["brd"]), appendTo: nil)
    }

    /// What `--dry-run` says before and after the commands: the steps the tool does itself.
    public var dryRunPreamble: [String] {
        settings.backing == .ramdisk ? [] : [
            "# aesreport creates a private folder \(settings.backingFolder)/aesreport-XXXXXX (mkdtemp, mode 0700) and "
                + "in it \(PrivateBacking.fileName) (O_CREAT|O_EXCL|O_NOFOLLOW, mode 0600); dd only fills it.",
        ]
    }

    public var dryRunEpilogue: [String] {
        settings.backing == .ramdisk ? [] : [
            "# aesreport removes \(settings.backingFile) and its folder (also after an error or a signal).",
        ]
    }

    public func closeMapping(_ cipher: String) -> Step {
        Step(role: .closeMapping(cipher: cipher), command: ExternalCommand("cryptsetup", ["close", "--", settings.mappingName]),
             appendTo: nil)
    }

    /// Every command in order, as `--dry-run` prints them and `run` executes them.
    public func plan() -> [Step] { plan(backingFile: settings.backingFile) }

    func plan(backingFile: String) -> [Step] {
        var steps = [createBackingFile(backingFile)]
        for cipher in settings.ciphers {
            steps.append(Step(role: .openMapping(cipher: cipher),
                              command: ExternalCommand("cryptsetup", [
                                  "open", "--type", "plain", "--cipher", cipher, "--key-file", "/dev/urandom",
                                  "--key-size", "256", "--", backingDevice(backingFile), settings.mappingName,
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
        if settings.backing == .ramdisk { steps.append(removeBackingFile) }
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
        } else if let problem = PrivateBacking.folderProblem(settings.backingFolder) {
            missing.append(problem)
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
        /// What the cleanup did, in sentences ("the mapping aesreport-crypt0 was closed"); failures are errors in
        /// `diagnostics` and `cleanupFailed` is set.
        public var cleanup: [String] = []
        public var cleanupFailed = false
        /// Ciphers cut off before their last round, each with what became of its rounds.
        public var cutOff: [String] = []
    }

    /// Runs the plan. Mapping and backing file are removed whatever happens; `interrupted` is polled between
    /// commands (the caller's signal handler sets it and stops the running child). The cleanup (and
    /// `cryptsetup open`/`close`) runs through `runToCompletion`, so the signal that stopped the run cannot stop
    /// it; what it did is in `cleanup`, checked by exit status.
    public func run(progress: (String) -> Void, interrupted: () -> Bool) -> Outcome {
        var outcome = Outcome(files: [], diagnostics: [], interrupted: false)
        var openCipher: String?
        var ramdiskLoaded = false
        var backing: PrivateBacking?
        var failedCiphers = Set<String>()
        var roundsDone: [String: Int] = [:]
        func cleanUp() {
            if let cipher = openCipher {
                let command = closeMapping(cipher).command
                let result = try? runner.runToCompletion(command)
                if let result, result.status == 0 {
                    outcome.cleanup.append("the mapping \(settings.mappingName) was closed")
                } else {
                    outcome.cleanupFailed = true
                    outcome.diagnostics.append(Diagnostic(
                        file: settings.device, line: nil, severity: .error,
                        message: "the mapping is still open: `\(command.shellText)` "
                            + (result.map { "exited with status \($0.status): \(Self.lastLine($0.standardError))" }
                                ?? "could not be run") + "; close it by hand"))
                }
                openCipher = nil
            }
            if ramdiskLoaded {
                let result = try? runner.runToCompletion(removeBackingFile.command)
                if let result, result.status == 0 {
                    outcome.cleanup.append("the ramdisk was unloaded (rmmod brd)")
                } else {
                    outcome.cleanupFailed = true
                    outcome.diagnostics.append(Diagnostic(
                        file: "/dev/ram0", line: nil, severity: .error,
                        message: "the ramdisk is still loaded: `rmmod brd` "
                            + (result.map { "exited with status \($0.status): \(Self.lastLine($0.standardError))" }
                                ?? "could not be run")))
                }
                ramdiskLoaded = false
            }
            if let file = backing {
                if let problem = file.remove() {
                    outcome.cleanupFailed = true
                    outcome.diagnostics.append(Diagnostic(file: file.folder, line: nil, severity: .error, message: problem))
                } else {
                    outcome.cleanup.append("the backing file was removed with its folder \(file.folder)")
                }
                backing = nil
            }
        }
        // The folder is locked for the run; each cipher's two files are new temporary files, kept open across the
        // rounds (a link swapped in between rounds is never followed) and renamed into place when the cipher is
        // done, so earlier results stay whole until then.
        let folder: OutputFolder
        do {
            folder = try OutputFolder(path: settings.output, lockTimeout: settings.lockTimeout)
        } catch {
            outcome.diagnostics.append(Diagnostic(file: settings.output, line: nil, severity: .error, message: "\(error)"))
            return outcome
        }
        let existing = existingFiles().filter { !$0.hasSuffix("/cpuinfo.txt") }
        if !settings.replace, !existing.isEmpty {
            outcome.diagnostics.append(Diagnostic(file: settings.output, line: nil, severity: .error,
                                                  message: "already holds " + existing.joined(separator: ", ")
                                                      + "; choose another folder or pass --replace"))
            return outcome
        }
        let earlier = Set(existing.map { URL(fileURLWithPath: $0).lastPathComponent })
        var staged: [String: OutputFolder.StagedFile] = [:]
        func names(_ cipher: String) -> [String] {
            AESReportModel.Operation.allCases.map { "\(cipher)-\($0.rawValue).txt" }
        }
        func commit(_ cipher: String) {
            let done = names(cipher).compactMap { staged.removeValue(forKey: $0) }
            guard !done.isEmpty else { return }
            do {
                for file in done { try file.finish() }
            } catch {
                outcome.diagnostics.append(Diagnostic(file: settings.output, line: nil, severity: .error, message: "\(error)"))
                return
            }
            let result = folder.commit(done)
            for name in result.written where !outcome.files.contains(settings.output + "/" + name) {
                outcome.files.append(settings.output + "/" + name)
            }
            for failure in result.failed {
                outcome.diagnostics.append(Diagnostic(file: settings.output + "/" + failure.name, line: nil,
                                                      severity: .error, message: "not written: \(failure.reason)"))
            }
        }
        /// A cipher whose rounds were cut off (a signal, or a command that could not start): its rounds are kept
        /// only where they replace nothing; an earlier complete result is never replaced by a partial one.
        func cutOff(_ cipher: String) {
            let files = names(cipher).compactMap { staged[$0] }
            guard !files.isEmpty else { return }
            let rounds = roundsDone[cipher, default: 0]
            let what = "\(cipher) was cut off after \(rounds) of \(settings.rounds) round\(settings.rounds == 1 ? "" : "s")"
            if names(cipher).contains(where: earlier.contains) {
                for name in names(cipher) { if let file = staged.removeValue(forKey: name) { folder.discard(file) } }
                outcome.cutOff.append(what + ": its rounds were discarded and the earlier " + names(cipher)
                    .filter(earlier.contains).joined(separator: " and ") + " kept whole")
            } else {
                commit(cipher)
                outcome.cutOff.append(what + ": \(rounds == 1 ? "that round is" : "those rounds are") kept in "
                    + names(cipher).joined(separator: " and "))
            }
        }
        if settings.backing == .file {
            do {
                backing = try PrivateBacking(in: settings.backingFolder)
            } catch {
                outcome.diagnostics.append(Diagnostic(file: settings.backingFolder, line: nil, severity: .error,
                                                      message: "\(error)"))
                return outcome
            }
        }
        let steps = plan(backingFile: backing?.file ?? settings.backingFile)
        steps: for (index, step) in steps.enumerated() {
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
                switch step.role {
                case .openMapping, .closeMapping, .removeBackingFile:
                    // Short, and what they leave behind matters: never cut off half-way.
                    result = try runner.runToCompletion(step.command)
                default:
                    result = try runner.run(step.command)
                }
            } catch {
                outcome.diagnostics.append(Diagnostic(file: settings.output, line: nil, severity: .error, message: "\(error)"))
                break steps
            }
            // A command cut off by the signal is not a failure to report: the run ends with "interrupted".
            let cut = interrupted() && result.status != 0
            // A round cut off by Ctrl-C is not a round: its partial report is not kept.
            if let path = step.appendTo, !cut {
                let name = URL(fileURLWithPath: path).lastPathComponent
                do {
                    let file = try staged[name] ?? folder.create(name)
                    staged[name] = file
                    try file.append(Array(result.standardError.utf8)[...])
                } catch {
                    outcome.diagnostics.append(Diagnostic(file: path, line: nil, severity: .error, message: "\(error)"))
                    break steps
                }
            }
            let failed = result.status != 0
            switch step.role {
            case .createBackingFile:
                if settings.backing == .ramdisk { ramdiskLoaded = true }
                if failed {
                    if !cut { outcome.diagnostics.append(failure(step, result)) }
                    break steps
                }
            case let .openMapping(cipher):
                if failed {
                    // Like the seed, an unknown mode (pcbc is gone from recent kernels) stops only that cipher.
                    failedCiphers.insert(cipher)
                    if !cut { outcome.diagnostics.append(failure(step, result)) }
                } else {
                    openCipher = cipher
                }
            case let .round(cipher, operation, _):
                if failed, !cut { outcome.diagnostics.append(failure(step, result)) }
                if !cut, operation == AESReportModel.Operation.allCases.last { roundsDone[cipher, default: 0] += 1 }
            case let .closeMapping(cipher):
                openCipher = nil
                if failed {
                    outcome.cleanupFailed = true
                    outcome.diagnostics.append(failure(step, result))
                }
                commit(cipher)
            case .removeBackingFile:
                ramdiskLoaded = false
                if failed {
                    outcome.cleanupFailed = true
                    outcome.diagnostics.append(failure(step, result))
                }
            }
        }
        // Every exit from here on: a cut-off cipher's rounds kept or discarded, then mapping and backing removed.
        for cipher in settings.ciphers { cutOff(cipher) }
        cleanUp()
        outcome.interrupted = interrupted()
        return outcome
    }

    static func lastLine(_ text: String) -> String {
        text.split(separator: "\n").last.map(String.init) ?? "no message"
    }

    private func failure(_ step: Step, _ result: CommandResult) -> Diagnostic {
        let reason = Self.lastLine(result.standardError)
        return Diagnostic(file: step.appendTo ?? settings.output, line: nil, severity: .error,
                          message: "`\(step.command.shellText)` exited with status \(result.status): \(reason)")
    }
}

/// The backing file's own folder: `mkdtemp` in the tmpfs (mode 0700, a random name another user cannot guess or
/// plant), and in it `backing.img` created with `O_CREAT|O_EXCL|O_NOFOLLOW`, mode 0600, before dd or cryptsetup see
/// it. Nothing another user placed in the tmpfs is ever opened, truncated or removed.
public final class PrivateBacking {
    public static let fileName = "backing.img"
    public let folder: String
    public var file: String { folder + "/" + Self.fileName }
    private var descriptor: Int32

    public init(in parent: String) throws {
        var template = Array((parent + "/aesreport-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw WriteError.cannotCreateFolder(parent + "/aesreport-XXXXXX", String(cString: strerror(errno)))
        }
        folder = String(cString: made)
        descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            rmdir(folder)
            throw WriteError.cannotCreateFolder(folder, reason)
        }
        let fd = openat(descriptor, Self.fileName, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            descriptor = -1 // deinit runs after a throwing init: nothing left for it to close
            rmdir(folder)
            throw WriteError.cannotWrite(folder + "/" + Self.fileName, reason)
        }
        close(fd)
    }

    /// Removes the file and the folder; nil when done, else what is left and why.
    public func remove() -> String? {
        guard descriptor >= 0 else { return nil }
        var problem: String?
        if unlinkat(descriptor, Self.fileName, 0) != 0, errno != ENOENT {
            problem = "the backing file \(file) could not be removed: \(String(cString: strerror(errno)))"
        }
        close(descriptor)
        descriptor = -1
        if problem == nil, rmdir(folder) != 0 {
            problem = "the backing folder \(folder) could not be removed: \(String(cString: strerror(errno)))"
        }
        return problem.map { $0 + "; remove it by hand (rm -r \(ExternalCommand.quoted(folder)))" }
    }

    deinit { _ = remove() }

    /// Why `path` cannot hold the private folder: another user could rename it away (writable by others and not
    /// sticky, or owned by another user). Nil when it is fine.
    public static func folderProblem(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let writableByOthers = info.st_mode & (S_IWGRP | S_IWOTH) != 0
        if (info.st_uid != geteuid() && info.st_uid != 0) || (writableByOthers && info.st_mode & S_ISVTX == 0) {
            return "\(path) can be changed by other users (owner uid \(info.st_uid), mode "
                + String(info.st_mode & 0o7777, radix: 8) + "): pass a --backing-folder owned by root that only root can "
                + "write, or a sticky one such as /dev/shm"
        }
        return nil
    }
}
