import AESReportModel

/// What `aesreport collect vm` will start: two throwaway guests of this machine's own system, booted by virtme-ng
/// (`vng`) over QEMU, one with the AES instructions and one without, each running `aesreport collect dmcrypt`
/// into its own folder. A value, so that `--dry-run` prints it and tests inspect it without booting anything.
public struct GuestLaunchPlan: Sendable, Equatable {
    /// One guest: its run folder, its QEMU CPU model and the `vng` command that boots it.
    public struct Guest: Sendable, Equatable {
        /// `with-aesni` or `no-aesni`: the run folder's name under the output folder.
        public var name: String
        public var folder: String
        /// Whether the CPU model exposes AES-NI. The report takes the state from the guest's own cpuinfo, not from
        /// this: the manifest only records it as a comment.
        public var exposesAESNI: Bool
        /// The `-cpu` value: `host`, `host,-aes,-pclmulqdq`, `qemu64,+aes,...`.
        public var cpuModel: String
        public var memoryMiB: Int
        /// The shell line run inside the guest (root, the host's file system read-only, the output folder writable).
        public var guestCommand: String
        /// `vng --run KERNEL ... --exec GUESTCOMMAND`.
        public var command: ExternalCommand
        /// The `aesreport.manifest` written beside the guest's results.
        public var manifest: String
    }

    public var accelerator: VirtualMachineAccelerator
    /// The kernel image the guests boot, and its release (`6.1.0-56-amd64`).
    public var kernel: String
    public var kernelRelease: String
    /// `QEMU emulator version 7.2.22 (Debian ...)`, or nil when it could not be asked.
    public var qemuVersion: String?
    public var guests: [Guest]
    /// The most a guest may take, boot included, before it is stopped with an error.
    public var timeoutSeconds: Int

    /// The CPU flags the kernel's aesni driver and its helpers use, which QEMU's `qemu64` lacks: under TCG both
    /// guests get them, and the guest with AES-NI also gets `aes` and `pclmulqdq`.
    public static let tcgBaseFlags = ["+ssse3", "+sse4.1", "+sse4.2"]

    /// The two `-cpu` models, with AES-NI first.
    ///
    /// - KVM: `host` both times, the second with the AES instructions removed (`-aes,-pclmulqdq`, and
    ///   `-vaes,-vpclmulqdq` when the host has them), so AES-NI is the only difference; `seedModels` gives the
    ///   seed's `host` against `qemu64`.
    /// - TCG (`host` does not exist there): `qemu64` with the flags the aesni driver needs, plus or minus
    ///   `aes`/`pclmulqdq`; `seedModels` gives the seed's other pair, `qemu64,+aes` against `qemu64`.
    public static func cpuModels(accelerator: VirtualMachineAccelerator, seedModels: Bool,
                                 hostFlags: Set<String>) -> (with: String, without: String) {
        switch (accelerator, seedModels) {
        case (.kvm, true):
            return ("host", "qemu64")
        case (.kvm, false):
            var removed = ["-aes", "-pclmulqdq"]
            if hostFlags.contains("vaes") { removed.append("-vaes") }
            if hostFlags.contains("vpclmulqdq") { removed.append("-vpclmulqdq") }
            return ("host", (["host"] + removed).joined(separator: ","))
        case (.tcg, true):
            return ("qemu64,+aes", "qemu64")
        case (.tcg, false):
            return ((["qemu64", "+aes", "+pclmulqdq"] + tcgBaseFlags).joined(separator: ","),
                    (["qemu64"] + tcgBaseFlags).joined(separator: ","))
        }
    }

    /// Guest memory for a backing file of `sizeMiB` on the guest's `/dev/shm`, a tmpfs of half the memory by
    /// default: twice the file, plus room for the system (384 MiB), at least 512 MiB.
    public static func memoryMiB(sizeMiB: Int) -> Int {
        max(512, 2 * sizeMiB + 384)
    }

    /// The longest a guest may run: a boot allowance plus every dd transfer at a slow floor rate (2 MiB/s under
    /// TCG, where this machine measured 17-53 MB/s; 20 MiB/s under KVM).
    public static func timeoutSeconds(accelerator: VirtualMachineAccelerator, ciphers: Int, rounds: Int,
                                      sizeMiB: Int) -> Int {
        let boot = accelerator == .tcg ? 300 : 120
        let floorMiBPerSecond = accelerator == .tcg ? 2 : 20
        return boot + ciphers * rounds * 2 * (sizeMiB + 1) / floorMiBPerSecond + 60
    }

    /// Builds the plan: nothing is checked or started here.
    public static func make(settings: VMCollector.Settings, accelerator: VirtualMachineAccelerator, kernel: String,
                            kernelRelease: String, qemuVersion: String?, hostFlags: Set<String>,
                            aesreport: String, asRoot: Bool) -> GuestLaunchPlan {
        let models = cpuModels(accelerator: accelerator, seedModels: settings.seedModels, hostFlags: hostFlags)
        let size = settings.sizeMiB(for: accelerator)
        let rounds = settings.rounds(for: accelerator)
        let memory = memoryMiB(sizeMiB: size)
        var guests: [Guest] = []
        for (name, model, exposes) in [("with-aesni", models.with, true), ("no-aesni", models.without, false)] {
            let folder = settings.output + "/" + name
            var inner = [aesreport, "collect", "dmcrypt", "-o", folder, "--size", String(size), "--rounds",
                         String(rounds), "--ciphers", settings.ciphers.joined(separator: ","),
                         "--backing-folder", "/dev/shm"]
            if !settings.direct { inner.append("--no-direct") }
            if settings.backing == .ramdisk { inner += ["--backing", "ramdisk"] }
            inner += settings.toolArguments
            if !settings.guestEnvironment.isEmpty {
                inner = ["env"] + settings.guestEnvironment.map { "\($0.name)=\($0.value)" } + inner
            }
            let guestCommand = inner.map(ExternalCommand.quoted).joined(separator: " ")
            var arguments = ["--run", kernel]
            if accelerator == .tcg { arguments.append("--disable-kvm") }
            // 9p rather than virtiofs: it needs no virtiofsd on the host. The output folder is the only writable one.
            arguments += ["--force-9p", "--rwdir", settings.output, "--memory", "\(memory)M",
                          "--cpus", String(settings.cpus)]
            if !asRoot { arguments += ["--user", "root"] }
            // With `=`: a value starting with '-' would otherwise be read as an option. vng appends it last, so
            // this -cpu wins over its own.
            arguments.append("--qemu-opts=-cpu \(model)")
            arguments += ["--exec", guestCommand]
            let accelerationText = accelerator == .tcg
                ? "tcg    # QEMU's emulated CPU: the gains are QEMU's emulation of AES-NI, not the hardware"
                : "kvm"
            let manifest = """
            # written by aesreport collect vm: a throwaway guest of this machine's own system (virtme-ng over QEMU).
            # The AES-NI state comes from this guest's own cpuinfo.txt; the CPU model \(exposes ? "exposes" : "removes") AES-NI.
            label = guest \(exposes ? "with" : "without") AES-NI, -cpu \(model)
            accelerator = \(accelerationText)
            cpu_model = \(model)
            guest_kernel = \(kernelRelease) (\(kernel))
            qemu = \(qemuVersion ?? "unknown")
            collector = \(guestCommand)
            # memory \(memory) MiB, \(settings.cpus) vCPUs; started with: \(ExternalCommand(settings.vng, arguments).shellText)

            """
            guests.append(Guest(name: name, folder: folder, exposesAESNI: exposes, cpuModel: model, memoryMiB: memory,
                                guestCommand: guestCommand, command: ExternalCommand(settings.vng, arguments),
                                manifest: manifest))
        }
        let timeout = settings.timeoutSeconds
            ?? timeoutSeconds(accelerator: accelerator, ciphers: settings.ciphers.count, rounds: rounds, sizeMiB: size)
        return GuestLaunchPlan(accelerator: accelerator, kernel: kernel, kernelRelease: kernelRelease,
                               qemuVersion: qemuVersion, guests: guests, timeoutSeconds: timeout)
    }
}
