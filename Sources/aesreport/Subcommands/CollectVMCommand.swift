import AESReportCollect
import AESReportFiles
import AESReportIngest
import AESReportModel
import ArgumentParser
import Foundation

struct CollectVMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vm",
        abstract: "The seed's experiment in one command: boot guests with and without AES-NI and run collect dmcrypt in each.",
        discussion: """
        Boots two throwaway guests of this machine's own system with virtme-ng (vng) over QEMU, from --kernel \
        (default: the newest /boot/vmlinuz-* whose modules are in /lib/modules; Debian's linux-image-amd64 works, \
        its -cloud- flavour lacks the 9p modules vng needs). The guests see the host's file system read-only, so \
        they run this binary and the host's cryptsetup; only DIR is writable. Each runs `aesreport collect \
        dmcrypt` (root in the guest; dm_mod, dm_crypt and loop are loaded there) with the backing file on the \
        guest's /dev/shm; guest memory is sized from --size.

        Writes DIR/cpuinfo.txt (the host), DIR/with-aesni/ and DIR/no-aesni/, each with the seed's result files, \
        the guest's own cpuinfo.txt (the report takes the AES-NI state from it) and an aesreport.manifest \
        recording the -cpu model, the accelerator, the guest kernel, QEMU's version and the collector's options. \
        Then `aesreport report DIR` gives figures 9-5/9-6 and the flag diff of the two guests.

        CPU models. Under KVM: `host` with AES-NI, and `host,-aes,-pclmulqdq` (also -vaes,-vpclmulqdq where the \
        host has them) without, so that AES-NI is the only difference; --seed-models gives the seed's `host` \
        against `qemu64`. Under TCG, where `host` does not exist: qemu64,+aes,+pclmulqdq,+ssse3,+sse4.1,+sse4.2 \
        against qemu64,+ssse3,+sse4.1,+sse4.2 (--seed-models: qemu64,+aes against qemu64).

        KVM is used only when /dev/kvm opens, the CPU has vmx or svm, and a trial guest boots within \
        90 s; otherwise the guests run under QEMU's TCG, an emulated CPU, with a loud warning: such a run \
        measures QEMU's emulation of the AES instructions, not the hardware, and the manifest, the report's \
        Findings, the chart subtitles and the terminal line say "emulated CPU (QEMU TCG)".

        Defaults: under KVM --size 1024 --rounds 10; under TCG --size 64 --rounds 5. Ctrl-C stops the running \
        guest (its mapping, loop device and backing file exist only inside it) and exits with 130; a guest that \
        runs past --timeout is stopped with an error.

        Example:
          sudo aesreport collect vm -o results/$(hostname)-vm && aesreport report results/$(hostname)-vm -o report
        """
    )

    @Option(name: .shortAndLong, help: "Folder for the host's results (its name is the host's name in reports).")
    var output: String

    @Option(help: ArgumentHelp("Kernel image for the guests (default: the newest /boot/vmlinuz-*).", valueName: "path"))
    var kernel: String?

    @OptionGroup var dmcrypt: DMCryptOptionGroup

    @Option(help: "Read and write rounds per cipher (default: 10 under KVM, 5 under TCG).")
    var rounds: Int?

    @Option(help: ArgumentHelp("Size of the backing file and of each transfer, MiB (default: 1024 under KVM, 64 under TCG).",
                               valueName: "MiB"))
    var size: Int?

    @Option(help: "kvm, tcg, or auto: KVM when it really works, else TCG with a warning.")
    var accelerator: VMCollector.AcceleratorChoice = .auto

    @Flag(help: "The seed's exact CPU models (host against qemu64) instead of one model with and without AES.")
    var seedModels = false

    @Option(help: "Virtual CPUs per guest.")
    var cpus = 2

    @Option(help: ArgumentHelp("Seconds a guest may take, boot included, before it is stopped (default: from the work).",
                               valueName: "seconds"))
    var timeout: Int?

    @Flag(help: "Replace earlier results in DIR/with-aesni and DIR/no-aesni (only result files, cpuinfo and manifest).")
    var replace = false

    @OptionGroup var lock: LockOption
    @OptionGroup var preview: DryRunOption
    @OptionGroup var progress: QuietOption

    func validate() throws {
        if let rounds { guard rounds >= 1, rounds <= 1000 else { throw ValidationError("--rounds must be between 1 and 1000") } }
        if let size { guard size >= 1, size <= 1 << 20 else { throw ValidationError("--size must be between 1 and 1048576 MiB") } }
        guard cpus >= 1, cpus <= 64 else { throw ValidationError("--cpus must be between 1 and 64") }
        if let timeout { guard timeout >= 10 else { throw ValidationError("--timeout must be at least 10 s") } }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: output).standardizedFileURL.path
        var settings = VMCollector.Settings(
            output: folder, kernel: kernel, ciphers: dmcrypt.cipherList, rounds: rounds, sizeMiB: size,
            direct: dmcrypt.direct, seedModels: seedModels, accelerator: accelerator, cpus: cpus,
            timeoutSeconds: timeout, backing: dmcrypt.backing)
        settings.toolArguments = dmcrypt.toolArguments
        // A sanitized build's options (and their suppression files) reach the collector inside the guests.
        let environment = ProcessInfo.processInfo.environment
        settings.guestEnvironment = ["ASAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS"].compactMap { name in
            environment[name].map { (name, $0) }
        }
        let collector = VMCollector(settings: settings, aesreport: Self.ownBinary())
        let say: (String) -> Void = { line in if !progress.quiet { printError(line) } }
        let kernelImage: (image: String, release: String)
        switch collector.kernel() {
        case let .success(found): kernelImage = found
        case let .failure(error):
            printError("error: cannot run the guests: \(error)")
            throw ExitCode(1)
        }
        // The folder is locked on the host for the whole command, before --replace removes anything: a second
        // `collect vm` into it waits (saying so), then fails naming the holder; nothing of two runs is mixed.
        var held: OutputFolder?
        if !preview.dryRun {
            do {
                held = try OutputFolder(path: folder, lockTimeout: lock.lockTimeout) { say($0) }
            } catch {
                printError("error: \(error)")
                throw ExitCode(1)
            }
        }
        defer { withExtendedLifetime(held) {} }
        try checkEarlierResults(folder)
        InterruptFlag.install()

        let hostCPUText = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let hostFlags = VMCollector.hostFlags(cpuText: hostCPUText)
        var chosen = VirtualMachineAccelerator.kvm
        var tcgReason = "--accelerator tcg was given"
        if settings.accelerator == .tcg {
            chosen = .tcg
        } else if let reason = VMCollector.kvmUnusableReason(hostFlags: hostFlags) {
            guard settings.accelerator == .auto else {
                printError("error: --accelerator kvm, but KVM is not usable: \(reason)")
                throw ExitCode(1)
            }
            chosen = .tcg
            tcgReason = reason
        } else if !preview.dryRun {
            say("trying KVM: booting a guest that runs `true` (limit \(settings.kvmProbeSeconds) s)")
            if !collector.kvmBootWorks(kernel: kernelImage.image, interrupted: { InterruptFlag.isSet }) {
                if InterruptFlag.isSet {
                    printError("interrupted while trying KVM; no guest is left running")
                    throw InterruptFlag.exitCode
                }
                guard settings.accelerator == .auto else {
                    printError("error: --accelerator kvm, but a KVM guest did not boot within \(settings.kvmProbeSeconds) s")
                    throw ExitCode(1)
                }
                chosen = .tcg
                tcgReason = "a KVM guest did not boot within \(settings.kvmProbeSeconds) s"
            }
        }
        let plan = GuestLaunchPlan.make(settings: settings, accelerator: chosen, kernel: kernelImage.image,
                                        kernelRelease: kernelImage.release, qemuVersion: collector.qemuVersion(),
                                        hostFlags: hostFlags, aesreport: collector.aesreport, asRoot: geteuid() == 0)
        if chosen == .tcg {
            printError("""
            warning: KVM is not used (\(tcgReason)): the guests run under QEMU's TCG, an EMULATED CPU.
            warning: the gains measured are those of QEMU's emulation of the AES instructions, not of this machine's \
            hardware; the manifests, the report's Findings, its chart subtitles and its terminal line say so.
            """)
        }
        if preview.dryRun {
            print("# accelerator \(plan.accelerator.rawValue), kernel \(plan.kernel), \(plan.qemuVersion ?? "QEMU version unknown"), "
                  + "limit \(plan.timeoutSeconds) s per guest")
            print("# \(collector.aesreport) must be visible in the guests at that path (the host's file system is shared)")
            for guest in plan.guests {
                print("# \(guest.name): -cpu \(guest.cpuModel), \(guest.memoryMiB) MiB; \(guest.folder)/\(RunManifest.fileName):")
                print(guest.manifest.split(separator: "\n").map { "#   " + $0 }.joined(separator: "\n"))
                print(guest.command.shellText)
            }
            return
        }
        let missing = collector.missingPrerequisites(kernelImage: kernelImage.image,
                                                     memoryMiB: plan.guests.first?.memoryMiB ?? 512)
        guard missing.isEmpty else {
            printError("error: cannot run the guests here:\n" + missing.map { "  - " + $0 }.joined(separator: "\n")
                       + "\n(`--dry-run` prints the plan without running it)")
            throw ExitCode(1)
        }
        say("guest kernel \(plan.kernelRelease) (\(plan.kernel)); \(plan.qemuVersion ?? "QEMU version unknown")")
        guard let held else { return }
        let outcome = collector.run(plan, in: held, hostCPUText: hostCPUText, progress: say,
                                    interrupted: { InterruptFlag.isSet })
        if outcome.interrupted {
            Output.printDiagnostics(outcome.diagnostics)
            printError("interrupted: the guest was stopped (its mapping, loop device and backing file lived only in it); "
                       + "results so far are kept in \(folder)")
            throw InterruptFlag.exitCode
        }
        if let diff = VMCollector.guestFlagDiff(plan: plan) { for line in diff { print(line) } }
        let took = plan.guests.compactMap { guest in outcome.seconds[guest.name].map { "\(guest.name) \(Int($0.rounded())) s" } }
        print("wrote \(folder) (\(took.joined(separator: ", ")); \(plan.accelerator == .tcg ? "emulated CPU (QEMU TCG)" : "KVM")); "
              + "next: aesreport report \(ExternalCommand.quoted(folder)) -o \(ExternalCommand.quoted(folder + "-report"))")
        Output.printDiagnostics(outcome.diagnostics)
        try Output.exitOnErrors(outcome.diagnostics)
    }

    /// Earlier results in the two run folders are an error unless --replace, which removes only what a run writes.
    private func checkEarlierResults(_ folder: String) throws {
        var earlier: [String] = []
        for name in ["with-aesni", "no-aesni"] {
            let run = folder + "/" + name
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: run)) ?? []).sorted()
            let ours = files.filter {
                $0.hasSuffix("-read.txt") || $0.hasSuffix("-write.txt") || $0 == "cpuinfo.txt" || $0 == RunManifest.fileName
                    || ($0.hasPrefix("fio-") && $0.hasSuffix(".json"))
            }
            if replace {
                for file in ours { try FileManager.default.removeItem(atPath: run + "/" + file) }
            } else {
                earlier += ours.map { run + "/" + $0 }
            }
        }
        guard earlier.isEmpty else {
            printError("error: \(folder) holds earlier results (\(earlier.prefix(3).joined(separator: ", "))"
                       + (earlier.count > 3 ? " and \(earlier.count - 3) more" : "") + "): pass --replace or another -o")
            throw ExitCode(1)
        }
    }

    /// This program's own path, which the guests run (they see the host's file system).
    static func ownBinary() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}
