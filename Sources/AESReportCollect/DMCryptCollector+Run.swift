import AESReportFiles
import AESReportIngest
import AESReportModel
import Foundation

/// Running the plan: every step through the runner, results appended per cipher and operation, cleanup on every exit path.
extension DMCryptCollector {
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
        func names(_ cipher: String) -> [String] { settings.resultFileNames(cipher: cipher) }
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
            // With --replace, an earlier run's rounds beyond this run's would join the new series: removed.
            for name in staleFioRounds(cipher: cipher, in: earlier.sorted()) where !folder.removeOwnFile(name) {
                outcome.diagnostics.append(Diagnostic(file: settings.output + "/" + name, line: nil, severity: .error,
                                                      message: "a round of an earlier run, not removed: remove it by hand"))
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
                    let report = step.reportsOnStandardOutput ? result.standardOutput : result.standardError
                    try file.append(Array(report.utf8)[...])
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
