import AESReportCollect
import AESReportModel
import ArgumentParser
import Foundation

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

    @OptionGroup var lock: LockOption
    @OptionGroup var preview: DryRunOption
    @OptionGroup var progress: QuietOption

    var blockSizes: [Int] { bytes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func validate() throws {
        guard rounds >= 1, rounds <= 100 else { throw ValidationError("--rounds must be between 1 and 100") }
        guard seconds >= 1, seconds <= 60 else { throw ValidationError("--seconds must be between 1 and 60") }
        let sizes = bytes.split(separator: ",")
        guard !sizes.isEmpty, sizes.count == blockSizes.count, blockSizes.allSatisfy({ $0 >= 16 && $0 <= 1 << 24 }) else {
            throw ValidationError("--bytes takes block sizes from 16 to 16777216, comma-separated (e.g. 1024,16384)")
        }
        guard !algorithms.split(separator: ",").isEmpty else { throw ValidationError("--algorithms is empty") }
        try validateOutputFolder(output, option: "-o")
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
        settings.lockTimeout = lock.lockTimeout
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
        if preview.dryRun {
            for step in plan.steps { print(TerminalText.escape(step.command.shellText + " > " + ExternalCommand.quoted(step.file))) }
            return
        }
        if !progress.quiet, let masked = plan.states.first(where: { !$0.environment.isEmpty }) {
            printError("without AES-NI: " + masked.label.replacingOccurrences(of: "openssl speed, ", with: ""))
        }
        if !progress.quiet {
            printError("\(plan.steps.count) measurements of \(seconds) s, about \(plan.steps.count * (seconds + 1)) s")
        }
        let outcome: OpenSSLCollector.Outcome
        do {
            outcome = try collector.run(plan, interrupted: { InterruptFlag.isSet }) { line in
                if !progress.quiet { printError(TerminalText.escape(line)) }
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
        try Output.exitOnErrors(outcome.diagnostics)
    }
}
