import AESReportCollect
import AESReportIngest
import AESReportModel
import AESReportPages
import ArgumentParser
import Foundation

struct CollectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Run a benchmark and write result folders that `report` reads.",
        discussion: """
        `collect openssl` needs no root and takes well under a minute; `collect dmcrypt` is the seed chapter's \
        dm-crypt procedure and needs root, cryptsetup and device-mapper; `collect vm` boots two guests of this \
        machine's own system (with and without AES-NI) and runs `collect dmcrypt` in each. Both write the CPU description and an \
        aesreport.manifest beside the results, so `aesreport report DIR` knows which run had AES-NI.

        Examples:
          aesreport collect openssl -o results/$(hostname) && aesreport report results -o report
          sudo aesreport collect dmcrypt --dry-run -o results/guest-aesni
          sudo aesreport collect vm -o results/$(hostname)-vm && aesreport report results -o report
        """,
        subcommands: [CollectOpenSSLCommand.self, CollectDMCryptCommand.self, CollectVMCommand.self]
    )
}

struct CollectOpenSSLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openssl",
        abstract: "Measure openssl speed with the CPU's AES instructions and with them masked.",
        discussion: """
        For each algorithm (AES-128 and AES-256 in CBC, CTR, GCM and XTS by default; those the local openssl \
        lacks are skipped with a note), encrypt and decrypt, and each block size, runs \
        `openssl speed -seconds S -bytes B -evp ALGORITHM [-decrypt]` twice per round: once as is and once with \
        the AES instructions masked, and alternates the two states, so drift hits both alike. On x86 the mask is \
        OPENSSL_ia32cap=~0x200000200000000:~0x60000000000:~0:~0:~0, which clears exactly AES-NI (bit 57), \
        PCLMULQDQ (bit 33), VAES (bit 64+41) and VPCLMULQDQ (bit 64+42) and keeps AVX2, AVX-512, SHA and the rest; \
        openssl's CPUINFO line is checked after each masked run (an AES bit still set, or any other bit lost, is an \
        error). On aarch64 it is OPENSSL_armcap=0 (every ARMv8 extension, NEON too); elsewhere masking is \
        impossible and it says so.

        Writes DIR/cpuinfo.txt (the host CPU), DIR/with-aesni/ and DIR/no-aesni/, each with an \
        aesreport.manifest and one openssl-<algorithm>-<encrypt|decrypt>-<bytes>-r<round>.txt per measurement \
        (openssl's output as printed). The host in the report is DIR's name. At the defaults (8 algorithms, 2 \
        directions, 1 block size, 1 round, 1 s) it runs 32 measurements in about 35 s. One round gives the \
        gains but no interval or p-value; --rounds 3 (about 100 s) gives both.

        Example:
          aesreport collect openssl -o results/$(hostname) --rounds 3 && aesreport report results -o report
        """
    )

    @Option(name: .shortAndLong, help: "Folder for the host's results (its name is the host's name in reports).")
    var output: String

    @Option(help: "Measurements per algorithm, direction, block size and state (2 or more for intervals).")
    var rounds = 1

    @Option(help: "Seconds per measurement (openssl speed -seconds).")
    var seconds = 1

    @Option(help: ArgumentHelp("Block sizes in bytes, comma-separated.", valueName: "bytes"))
    var bytes = "16384"

    @Option(help: ArgumentHelp("EVP algorithms, comma-separated.", valueName: "names"))
    var algorithms = OpenSSLCollector.Settings.defaultAlgorithms.joined(separator: ",")

    @Option(help: "The openssl program.")
    var openssl = "openssl"

    @Flag(help: "Replace cpuinfo.txt, the manifests and the openssl outputs already in DIR (only files this command writes).")
    var replace = false

    @Option(help: ArgumentHelp("Seconds to wait for another run that holds DIR, then stop with an error naming it.",
                               valueName: "seconds"))
    var lockTimeout = OutputFolder.defaultLockTimeout

    @Flag(help: "Print the commands and stop.")
    var dryRun = false

    @Flag(name: .shortAndLong, help: "No progress lines.")
    var quiet = false

    var blockSizes: [Int] { bytes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func validate() throws {
        guard rounds >= 1, rounds <= 100 else { throw ValidationError("--rounds must be between 1 and 100") }
        guard seconds >= 1, seconds <= 60 else { throw ValidationError("--seconds must be between 1 and 60") }
        let sizes = bytes.split(separator: ",")
        guard !sizes.isEmpty, sizes.count == blockSizes.count, blockSizes.allSatisfy({ $0 >= 16 && $0 <= 1 << 24 }) else {
            throw ValidationError("--bytes takes block sizes from 16 to 16777216, comma-separated (e.g. 1024,16384)")
        }
        guard !algorithms.split(separator: ",").isEmpty else { throw ValidationError("--algorithms is empty") }
        if let problem = RawArguments.nonUTF8Problem(output, option: "-o") { throw ValidationError(problem) }
        if let problem = OutputLocation.problem(folder: output, option: "-o") {
            throw ValidationError(TerminalText.escape(problem) + ".")
        }
        guard lockTimeout >= 0, lockTimeout <= 86_400 else {
            throw ValidationError("--lock-timeout must be between 0 and 86400 seconds.")
        }
        let problems = algorithms.split(separator: ",").compactMap {
            CollectorNames.algorithmProblem($0.trimmingCharacters(in: .whitespaces))
        }
        guard problems.isEmpty else {
            throw ValidationError(TerminalText.escape(problems.joined(separator: "; ")) + " (--algorithms).")
        }
        let twice = settings(folder: output).duplicateAlgorithms
        guard twice.isEmpty else {
            throw ValidationError("--algorithms names " + twice.joined(separator: ", ") + " twice (case does not matter).")
        }
    }

    func settings(folder: String) -> OpenSSLCollector.Settings {
        var settings = OpenSSLCollector.Settings(
            output: folder, algorithms: algorithms.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
            rounds: rounds, seconds: seconds, blockSizes: blockSizes, openssl: openssl, replace: replace)
        settings.lockTimeout = lockTimeout
        return settings
    }

    func run() throws {
        // An absolute path: the folder's name becomes the host's name, so `-o .` must not make a host called ".".
        let folder = URL(fileURLWithPath: output).standardizedFileURL.path
        let settings = settings(folder: folder)
        let shown = TerminalText.escape(folder)
        let cpuText = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        InterruptFlag.install()
        let runner = SystemCommandRunner(interrupted: { InterruptFlag.isSet })
        let collector = OpenSSLCollector(settings: settings, runner: runner, cpuText: cpuText,
                                         machine: MachineName.current)
        let plan = collector.plan(supported: collector.supportedAlgorithms())
        for note in plan.notes { printError(TerminalText.escape("note: " + note)) }
        if dryRun {
            for step in plan.steps { print(TerminalText.escape(step.command.shellText + " > " + ExternalCommand.quoted(step.file))) }
            return
        }
        if !quiet, let masked = plan.states.first(where: { !$0.environment.isEmpty }) {
            printError("without AES-NI: " + masked.label.replacingOccurrences(of: "openssl speed, ", with: ""))
        }
        if !quiet {
            printError("\(plan.steps.count) measurements of \(seconds) s, about \(plan.steps.count * (seconds + 1)) s")
        }
        let outcome: OpenSSLCollector.Outcome
        do {
            outcome = try collector.run(plan, interrupted: { InterruptFlag.isSet }) { line in
                if !quiet { printError(TerminalText.escape(line)) }
            }
        } catch {
            printError(TerminalText.escape("error: \(error)"))
            throw ExitCode(1)
        }
        if outcome.interrupted {
            printError("interrupted by \(InterruptFlag.signalName): the running openssl was stopped; nothing was written "
                       + "to \(shown) (folders this run created are removed)")
            throw InterruptFlag.exitCode
        }
        print(TerminalText.escape("wrote \(Set(outcome.files).count) files to \(folder); next: aesreport report "
                                  + "\(ExternalCommand.quoted(folder)) -o \(ExternalCommand.quoted(folder + "-report"))"))
        Output.printDiagnostics(outcome.diagnostics)
        throw Output.exitCode(for: outcome.diagnostics)
    }
}

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

        dd uses iflag=direct/oflag=direct so every round measures the cipher, not the page cache (--no-direct \
        for the seed's exact commands). Whether the run had AES-NI is recorded from /proc/cpuinfo (DIR/cpuinfo.txt). \
        For the other half, start the guest again with or without AES-NI (QEMU: -cpu host or -cpu qemu64,+aes; \
        without: -cpu qemu64,-aes) and collect into a sibling folder; `aesreport report` pairs the two.

        Example:
          sudo aesreport collect dmcrypt -o results/guest/with-aesni --size 2048 --rounds 10
        """
    )

    @Option(name: .shortAndLong, help: "Folder for the run's result files.")
    var output: String

    @Option(help: ArgumentHelp("Ciphers in cryptsetup's notation, comma-separated.", valueName: "names"))
    var ciphers = DMCryptCollector.Settings.seedCiphers.joined(separator: ",")

    @Option(help: "Read and write rounds per cipher.")
    var rounds = 10

    // Unconditional, so that `--size -1` reaches validate() and gets its own message.
    @Option(parsing: .unconditional, help: ArgumentHelp("Size of the backing file and of each transfer, MiB.",
                                                        valueName: "MiB"))
    var size = 1024

    @Option(help: "A tmpfs folder for the backing file.")
    var backingFolder = "/dev/shm"

    @Option(help: ArgumentHelp("file: a file on a tmpfs, through a loop device; ramdisk: the kernel's brd ramdisk /dev/ram0.",
                               valueName: "file|ramdisk"))
    var backing = "file"

    @Option(help: "Name of the device-mapper mapping.")
    var mappingName = "aesreport-crypt0"

    @Flag(inversion: .prefixedNo, help: "Use O_DIRECT in dd (measure the cipher, not the page cache).")
    var direct = true

    @Flag(help: "Replace the ciphers' result files and cpuinfo.txt already in DIR (each when its cipher is done).")
    var replace = false

    @Option(help: ArgumentHelp("Seconds to wait for another run that holds DIR, then stop with an error naming it.",
                               valueName: "seconds"))
    var lockTimeout = OutputFolder.defaultLockTimeout

    @Flag(help: "Print the commands and stop.")
    var dryRun = false

    @Flag(name: .shortAndLong, help: "No progress lines.")
    var quiet = false

    func validate() throws {
        guard rounds >= 1, rounds <= 1000 else { throw ValidationError("--rounds must be between 1 and 1000") }
        guard size >= 1 else { throw ValidationError("--size must be at least 1 MiB (got \(size))") }
        guard !ciphers.split(separator: ",").isEmpty else { throw ValidationError("--ciphers is empty") }
        if let problem = RawArguments.nonUTF8Problem(output, option: "-o") { throw ValidationError(problem) }
        if let problem = RawArguments.nonUTF8Problem(backingFolder, option: "--backing-folder") {
            throw ValidationError(problem)
        }
        if let problem = OutputLocation.problem(folder: output, option: "-o") {
            throw ValidationError(TerminalText.escape(problem) + ".")
        }
        guard lockTimeout >= 0, lockTimeout <= 86_400 else {
            throw ValidationError("--lock-timeout must be between 0 and 86400 seconds.")
        }
        guard DMCryptCollector.Backing(rawValue: backing) != nil else {
            throw ValidationError("--backing must be file or ramdisk")
        }
        let problems = settings.nameProblems
        guard problems.isEmpty else {
            throw ValidationError(TerminalText.escape(problems.joined(separator: "; ")) + " (--ciphers, --mapping-name, --size).")
        }
    }

    var settings: DMCryptCollector.Settings {
        var settings = DMCryptCollector.Settings(
            output: output, ciphers: ciphers.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
            rounds: rounds, sizeMiB: size, backingFolder: backingFolder, mappingName: mappingName, direct: direct,
            replace: replace, backing: DMCryptCollector.Backing(rawValue: backing) ?? .file)
        settings.lockTimeout = lockTimeout
        return settings
    }

    func run() throws {
        let collector = DMCryptCollector(settings: settings,
                                         runner: SystemCommandRunner(interrupted: { InterruptFlag.isSet }))
        let cpuText = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let cpu = CPUInfoParser.parse(text: cpuText, path: "/proc/cpuinfo").value
        let state = cpu.map { $0.hasHardwareAES ? "has AES-NI ('aes' flag)" : "has no AES-NI (no 'aes' flag)" }
            ?? "could not be read"
        let shown = TerminalText.escape(output)
        if dryRun {
            print(TerminalText.escape("# This CPU \(state); cpuinfo.txt would be written to \(output)."))
            for line in collector.dryRunPreamble { print(TerminalText.escape(line)) }
            for step in collector.plan() {
                print(TerminalText.escape(step.command.shellText
                                          + (step.appendTo.map { " 2>> " + ExternalCommand.quoted($0) } ?? "")))
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
        } catch {
            printError(TerminalText.escape("error: \(error); nothing was run"))
            throw ExitCode(1)
        }
        let outcome = collector.run(progress: { line in if !quiet { printError(TerminalText.escape(line)) } },
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
        throw Output.exitCode(for: outcome.diagnostics)
    }
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
