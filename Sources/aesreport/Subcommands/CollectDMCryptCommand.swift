import AESReportCollect
import AESReportFiles
import AESReportIngest
import AESReportModel
import ArgumentParser
import Foundation

struct CollectDMCryptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dmcrypt",
        abstract: "Measure dm-crypt read and write throughput per cipher (the seed chapter's procedure).",
        discussion: """
        Creates a file of --size MiB on a tmpfs (--backing-folder, /dev/shm by default; or with --backing ramdisk \
        loads the kernel's brd ramdisk of that size, /dev/ram0, unloaded at the end), then per cipher opens a \
        plain dm-crypt mapping on it (`cryptsetup open --type plain`, a random key), and runs --rounds rounds of a \
        dd read and a dd write of the whole mapping, appending each dd's report to <cipher>-read.txt and \
        <cipher>-write.txt in DIR: the files of the seed's script, so old and new results read alike. The mapping \
        and the file are removed on every exit, Ctrl-C included.

        It checks first that it runs as root, that cryptsetup, dd, device-mapper, dm-crypt and loop devices are \
        there and that the tmpfs has room, and says what is missing. As root it loads the kernel modules dm_mod, \
        dm_crypt and loop itself when they are missing (modprobe -a), and says so. --dry-run prints the commands without those checks.

        --tool fio measures each round with fio instead (fio --direct=1 --output-format=json over the whole \
        mapping, --fio-block-size 1M and --fio-iodepth 16 by default, the libaio engine or psync where fio lacks it), \
        one file per round: fio-<cipher>-read-r<N>.json and fio-<cipher>-write-r<N>.json; the fio options are \
        recorded in DIR/aesreport.manifest (comment lines, added to a manifest already there).

        dd uses iflag=direct/oflag=direct so every round measures the cipher, not the page cache (--no-direct \
        for the seed's exact commands). Whether the run had AES-NI is recorded from /proc/cpuinfo (DIR/cpuinfo.txt). \
        For the other half, start the guest again with or without AES-NI (QEMU: -cpu host or -cpu qemu64,+aes; \
        without: -cpu qemu64,-aes) and collect into a sibling folder; `aesreport report` pairs the two.

        Example:
          sudo aesreport collect dmcrypt -o results/guest/with-aesni --size 2048 --rounds 10
          sudo aesreport collect dmcrypt --tool fio --fio-iodepth 32 -o results/guest/with-aesni --size 1024
        """
    )

    @Option(name: .shortAndLong, help: "Folder for the run's result files.")
    var output: String

    @OptionGroup var dmcrypt: DMCryptOptionGroup

    @Option(help: "Read and write rounds per cipher.")
    var rounds = 10

    // Unconditional, so that `--size -1` reaches validate() and gets its own message.
    @Option(parsing: .unconditional, help: ArgumentHelp("Size of the backing file and of each transfer, MiB.",
                                                        valueName: "MiB"))
    var size = 1024

    @Option(help: "A tmpfs folder for the backing file.")
    var backingFolder = "/dev/shm"

    @Option(help: "Name of the device-mapper mapping.")
    var mappingName = "aesreport-crypt0"

    @Flag(help: "Replace the ciphers' result files and cpuinfo.txt already in DIR (each when its cipher is done).")
    var replace = false

    @OptionGroup var lock: LockOption
    @OptionGroup var preview: DryRunOption
    @OptionGroup var progress: QuietOption

    func validate() throws {
        guard rounds >= 1, rounds <= 1000 else { throw ValidationError("--rounds must be between 1 and 1000") }
        guard size >= 1 else { throw ValidationError("--size must be at least 1 MiB (got \(size))") }
        if let problem = RawArguments.nonUTF8Problem(backingFolder, option: "--backing-folder") {
            throw ValidationError(problem)
        }
        try validateOutputFolder(output, option: "-o")
        let problems = settings.nameProblems
        guard problems.isEmpty else {
            throw ValidationError(TerminalText.escape(problems.joined(separator: "; ")) + " (--ciphers, --mapping-name, --size).")
        }
    }

    /// The settings; fio's engine, when `auto`, is `engine()`.
    func settings(engine: () -> String) -> DMCryptCollector.Settings {
        var settings = DMCryptCollector.Settings(
            output: output, ciphers: dmcrypt.cipherList, rounds: rounds, sizeMiB: size, backingFolder: backingFolder,
            mappingName: mappingName, direct: dmcrypt.direct, replace: replace, backing: dmcrypt.backing)
        settings.lockTimeout = lock.lockTimeout
        settings.tool = dmcrypt.tool
        if dmcrypt.tool == .fio {
            settings.fio = dmcrypt.fioOptions(chooseEngine: engine)
        }
        return settings
    }

    /// What validation checks: the settings without asking fio for its engines.
    var settings: DMCryptCollector.Settings { settings(engine: { "libaio" }) }

    func run() throws {
        let runner = SystemCommandRunner(interrupted: { InterruptFlag.isSet })
        let collector = DMCryptCollector(settings: settings(engine: { DMCryptCollector.FioOptions.engine(runner: runner) }),
                                         runner: runner)
        let cpuText = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let cpu = CPUInfoParser.parse(text: cpuText, path: "/proc/cpuinfo").value
        let state = cpu.map { $0.hasHardwareAES ? "has AES-NI ('aes' flag)" : "has no AES-NI (no 'aes' flag)" }
            ?? "could not be read"
        let shown = TerminalText.escape(output)
        if preview.dryRun {
            print(TerminalText.escape("# This CPU \(state); cpuinfo.txt would be written to \(output)."))
            for line in collector.dryRunPreamble { print(TerminalText.escape(line)) }
            if dmcrypt.tool == .fio {
                print(TerminalText.escape("# aesreport adds to \(output)/\(RunManifest.fileName) (written if missing): "
                    + collector.settings.fio.manifestLines(sizeMiB: size, fioVersion: nil)
                        .map { String($0.dropFirst(2)) }.joined(separator: "; ")))
            }
            for step in collector.plan() {
                // dd's report is appended from its standard error; fio's JSON is its standard output, a file a round.
                let redirection = step.reportsOnStandardOutput ? " > " : " 2>> "
                print(TerminalText.escape(step.command.shellText
                                          + (step.appendTo.map { redirection + ExternalCommand.quoted($0) } ?? "")))
            }
            for line in collector.dryRunEpilogue { print(TerminalText.escape(line)) }
            return
        }
        InterruptFlag.install()
        for line in collector.loadMissingModules() { printError(TerminalText.escape(line)) }
        let missing = collector.missingPrerequisites()
        guard missing.isEmpty else {
            printError("error: cannot run the dm-crypt benchmark here:\n" + missing.map { "  - " + TerminalText.escape($0) }
                .joined(separator: "\n") + "\n(`--dry-run` prints the commands without running them)")
            throw ExitCode(1)
        }
        // Nothing is replaced without --replace: refused before anything runs or is written.
        let existing = collector.existingFiles()
        if !replace, !existing.isEmpty {
            printError(TerminalText.escape("error: \(output) already holds " + existing.joined(separator: ", ")
                                           + "; nothing was run or written. Choose another folder, or pass --replace"))
            throw ExitCode(1)
        }
        if InterruptFlag.isSet {
            printError("interrupted by \(InterruptFlag.signalName) before anything ran; nothing was written")
            throw InterruptFlag.exitCode
        }
        do {
            try AtomicFileWriter.write(cpuText, to: output + "/cpuinfo.txt")
            if dmcrypt.tool == .fio {
                let manifest = output + "/" + RunManifest.fileName
                let version = (try? runner.runToCompletion(ExternalCommand("fio", ["--version"])))?.standardOutput
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                try AtomicFileWriter.write(collector.fioManifest(earlier: DMCryptCollector.existingManifest(manifest),
                                                                 fioVersion: version), to: manifest)
            }
        } catch {
            printError(TerminalText.escape("error: \(error); nothing was run"))
            throw ExitCode(1)
        }
        let outcome = collector.run(progress: { line in if !progress.quiet { printError(TerminalText.escape(line)) } },
                                    interrupted: { InterruptFlag.isSet })
        let written = Set(outcome.files).count + 1
        print("this CPU \(state); wrote \(written) file\(written == 1 ? "" : "s") to \(shown)")
        print(TerminalText.escape("for the other half, run the guest \(cpu?.hasHardwareAES == true ? "without" : "with") AES-NI "
              + "(QEMU -cpu qemu64,\(cpu?.hasHardwareAES == true ? "-aes" : "+aes") or -cpu host) and collect into a "
              + "sibling folder; then: aesreport report \(ExternalCommand.quoted(output + "/..")) -o report"))
        Output.printDiagnostics(outcome.diagnostics)
        for line in outcome.cutOff { printError(TerminalText.escape("note: " + line)) }
        if outcome.interrupted {
            let cleanup = outcome.cleanupFailed
                ? "the cleanup did not finish (see the errors above)"
                : (outcome.cleanup.isEmpty ? "nothing was left to clean up" : outcome.cleanup.joined(separator: "; "))
            printError(TerminalText.escape("interrupted by \(InterruptFlag.signalName): \(cleanup)"))
            throw InterruptFlag.exitCode
        }
        try Output.exitOnErrors(outcome.diagnostics)
    }
}
