import AESReportFiles
import AESReportIngest
import AESReportModel
import Foundation

/// `aesreport collect vm`: the seed chapter's whole experiment in one command. Boots two throwaway guests of this
/// machine's own system through virtme-ng (`vng`, over QEMU), one whose CPU model exposes AES-NI and one whose
/// does not, runs `aesreport collect dmcrypt` inside each (the guest sees the host's file system read-only, so
/// this very binary and cryptsetup are there at their host paths; only the output folder is writable), and leaves
///
/// ```
/// DIR/cpuinfo.txt                  the host's CPU
/// DIR/with-aesni/                  the seed's <cipher>-read.txt / -write.txt, the guest's cpuinfo.txt, a manifest
/// DIR/no-aesni/                    the same, from the guest without AES-NI
/// ```
///
/// Everything the experiment needs of the kernel (dm-crypt, loop devices, the backing file on a tmpfs) lives in
/// the guest, so stopping the guest removes it all: on an error, a time limit or Ctrl-C the guest's process group
/// is ended and waited for.
public struct VMCollector {
    public enum AcceleratorChoice: String, Sendable, CaseIterable {
        /// KVM when it really works (a usable /dev/kvm, a CPU with vmx or svm, a guest that boots in time), else TCG.
        case auto
        case kvm
        case tcg
    }

    public struct Settings: Sendable {
        /// The output folder, absolute.
        public var output: String
        /// The kernel image; nil: the newest `/boot/vmlinuz-*` whose modules are in `/lib/modules`.
        public var kernel: String?
        public var ciphers: [String]
        /// Rounds and size; nil: the defaults for the accelerator (`rounds(for:)`, `sizeMiB(for:)`).
        public var rounds: Int?
        public var sizeMiB: Int?
        public var direct: Bool
        /// Passed to `collect dmcrypt` in the guests: a file on the guest's /dev/shm, or its brd ramdisk.
        public var backing: DMCryptCollector.Backing
        public var seedModels: Bool
        public var accelerator: AcceleratorChoice
        public var cpus: Int
        /// The most a guest may take; nil: `GuestLaunchPlan.timeoutSeconds`.
        public var timeoutSeconds: Int?
        /// The most the KVM trial boot may take before KVM is declared unusable.
        public var kvmProbeSeconds: Int
        public var vng: String
        public var qemu: String
        /// Variables set for the collector inside each guest (vng starts it with a clean environment): the
        /// sanitizer options of a sanitized build, so its suppressions reach the guest side too.
        public var guestEnvironment: [(name: String, value: String)] = []

        public init(output: String, kernel: String? = nil, ciphers: [String] = DMCryptCollector.Settings.seedCiphers,
                    rounds: Int? = nil, sizeMiB: Int? = nil, direct: Bool = true, seedModels: Bool = false,
                    accelerator: AcceleratorChoice = .auto, cpus: Int = 2, timeoutSeconds: Int? = nil,
                    kvmProbeSeconds: Int = 90, vng: String = "vng", qemu: String = "qemu-system-x86_64",
                    backing: DMCryptCollector.Backing = .file) {
            self.backing = backing
            self.output = output
            self.kernel = kernel
            self.ciphers = ciphers
            self.rounds = rounds
            self.sizeMiB = sizeMiB
            self.direct = direct
            self.seedModels = seedModels
            self.accelerator = accelerator
            self.cpus = cpus
            self.timeoutSeconds = timeoutSeconds
            self.kvmProbeSeconds = kvmProbeSeconds
            self.vng = vng
            self.qemu = qemu
        }

        /// `--size`, else 1024 MiB under KVM (the seed used 20 GiB) and 64 MiB under TCG, where every AES
        /// instruction is emulated and a guest moves 15-50 MB/s.
        public func sizeMiB(for accelerator: VirtualMachineAccelerator) -> Int {
            sizeMiB ?? (accelerator == .kvm ? 1024 : 64)
        }

        /// `--rounds`, else 10 under KVM (the seed's count) and 5 under TCG.
        public func rounds(for accelerator: VirtualMachineAccelerator) -> Int {
            rounds ?? (accelerator == .kvm ? 10 : 5)
        }
    }

    public let settings: Settings
    /// The binary the guests run (this one, at its host path).
    public let aesreport: String

    public init(settings: Settings, aesreport: String) {
        self.settings = settings
        self.aesreport = aesreport
    }

    // MARK: - The machine

    /// The kernel to boot: `settings.kernel`, else the newest `/boot/vmlinuz-*` with a `/lib/modules/<release>`.
    /// Returns the image and its release, or a sentence saying what is missing.
    public func kernel() -> Result<(image: String, release: String), VMCollectError> {
        if let kernel = settings.kernel {
            guard FileManager.default.isReadableFile(atPath: kernel) else {
                return .failure(.missing(["the kernel \(kernel) does not exist or is not readable"]))
            }
            let name = URL(fileURLWithPath: kernel).lastPathComponent
            let release = name.hasPrefix("vmlinuz-") ? String(name.dropFirst("vmlinuz-".count)) : name
            return .success((kernel, release))
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/boot")) ?? []
        let releases = names.filter { $0.hasPrefix("vmlinuz-") }.map { String($0.dropFirst("vmlinuz-".count)) }
            .filter { FileManager.default.fileExists(atPath: "/lib/modules/\($0)") }
            .sorted { $0.compare($1, options: .numeric) == .orderedAscending }
        guard let newest = releases.last else {
            return .failure(.missing([
                "no kernel in /boot with its modules in /lib/modules: install one (apt-get install linux-image-amd64) "
                    + "or pass --kernel",
            ]))
        }
        return .success(("/boot/vmlinuz-" + newest, newest))
    }

    /// The host's CPU flags, from /proc/cpuinfo.
    public static func hostFlags(cpuText: String) -> Set<String> {
        Set(CPUInfoParser.parse(text: cpuText, path: "/proc/cpuinfo").value?.flags ?? [])
    }

    /// Why KVM cannot be used here without trying a boot, or nil when it may: `/dev/kvm` must open for reading
    /// and writing, and the CPU must show `vmx` (Intel VT-x) or `svm` (AMD-V). A nested hypervisor that offers a
    /// /dev/kvm without either flag (this project's test machine) hangs QEMU with -enable-kvm.
    public static func kvmUnusableReason(hostFlags: Set<String>, openKVM: () -> Bool = VMCollector.canOpenKVM)
        -> String? {
        if !FileManager.default.fileExists(atPath: "/dev/kvm") { return "there is no /dev/kvm" }
        if !openKVM() { return "/dev/kvm cannot be opened for reading and writing (add yourself to the kvm group)" }
        if !hostFlags.contains("vmx") && !hostFlags.contains("svm") {
            return "/dev/kvm exists but the CPU has neither vmx nor svm (a nested or paravirtual hypervisor)"
        }
        return nil
    }

    public static func canOpenKVM() -> Bool {
        let descriptor = open("/dev/kvm", O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        close(descriptor)
        return true
    }

    /// QEMU's version line (`QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18)`), or nil.
    public func qemuVersion() -> String? {
        guard let result = try? SystemCommandRunner().run(ExternalCommand(settings.qemu, ["--version"])),
              result.status == 0 else { return nil }
        return result.standardOutput.split(separator: "\n").first.map(String.init)
    }

    /// Everything missing for a run, each a sentence saying what to do.
    public func missingPrerequisites(kernelImage: String?, memoryMiB: Int) -> [String] {
        let runner = SystemCommandRunner()
        var missing: [String] = []
        if runner.locate(settings.vng) == nil {
            missing.append("virtme-ng is not installed (`vng` not on PATH): pip install virtme-ng")
        }
        if runner.locate(settings.qemu) == nil {
            missing.append("QEMU is not installed (\(settings.qemu) not on PATH): apt-get install qemu-system-x86")
        }
        if runner.locate("cryptsetup") == nil {
            missing.append("cryptsetup is not installed (the guests use the host's): apt-get install cryptsetup-bin")
        }
        if runner.locate("modprobe") == nil {
            missing.append("modprobe is not installed (the guests load dm_crypt and loop with it): apt-get install kmod")
        }
        if let kernelImage, kernelImage.contains("-cloud-") {
            missing.append("\(kernelImage) is a cloud kernel without the 9p modules virtme-ng needs: apt-get install "
                           + "linux-image-amd64, or pass --kernel")
        }
        if !FileManager.default.isExecutableFile(atPath: aesreport) {
            missing.append("cannot find this program's own binary (\(aesreport)) for the guests to run")
        }
        if let available = Self.availableMemoryMiB(), available < memoryMiB {
            missing.append("a guest needs \(memoryMiB) MiB of memory and \(available) MiB are available: pass a "
                           + "smaller --size")
        }
        return missing
    }

    static func availableMemoryMiB() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }),
              let kib = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return nil }
        return kib / 1024
    }

    /// Boots a guest under KVM that only runs `true`, to learn whether KVM works (a working KVM boots in seconds).
    public func kvmBootWorks(kernel: String, interrupted: () -> Bool) -> Bool {
        let probe = ExternalCommand(settings.vng, ["--run", kernel, "--force-9p", "--memory", "256M",
                                                   "--qemu-opts=-cpu host", "--exec", "true"])
        let ending = try? GuestProcess(command: probe).run(timeoutSeconds: settings.kvmProbeSeconds,
                                                           interrupted: interrupted, line: { _ in })
        return ending == .exited(0)
    }

    // MARK: - Running

    public struct Outcome: Sendable {
        public var plan: GuestLaunchPlan
        public var diagnostics: [Diagnostic]
        public var interrupted: Bool
        /// Seconds each guest took, boot included, by guest name.
        public var seconds: [String: Double]
    }

    /// Runs the plan: writes the host's cpuinfo, then per guest its manifest, then boots it and relays its
    /// progress; the flag diff of the two guests' cpuinfo goes to `progress` at the end.
    public func run(_ plan: GuestLaunchPlan, hostCPUText: String, progress: (String) -> Void,
                    interrupted: () -> Bool) -> Outcome {
        var outcome = Outcome(plan: plan, diagnostics: [], interrupted: false, seconds: [:])
        func fail(_ file: String, _ message: String) {
            outcome.diagnostics.append(Diagnostic(file: file, line: nil, severity: .error, message: message))
        }
        do {
            try FileManager.default.createDirectory(atPath: settings.output, withIntermediateDirectories: true)
            try AtomicFileWriter.write(hostCPUText, to: settings.output + "/cpuinfo.txt")
        } catch {
            fail(settings.output, "cannot write the host's cpuinfo.txt: \(error.localizedDescription)")
            return outcome
        }
        for guest in plan.guests {
            if interrupted() { outcome.interrupted = true; break }
            do {
                try FileManager.default.createDirectory(atPath: guest.folder, withIntermediateDirectories: true)
                try AtomicFileWriter.write(guest.manifest, to: guest.folder + "/" + RunManifest.fileName)
            } catch {
                fail(guest.folder, "cannot write the manifest: \(error.localizedDescription)")
                break
            }
            progress("\(guest.name): booting \(plan.kernelRelease) under \(plan.accelerator.rawValue.uppercased()), "
                     + "-cpu \(guest.cpuModel), \(guest.memoryMiB) MiB (limit \(plan.timeoutSeconds) s)")
            let start = Date()
            let ending: GuestProcess.Ending
            do {
                ending = try GuestProcess(command: guest.command).run(
                    timeoutSeconds: plan.timeoutSeconds, interrupted: interrupted,
                    line: { text in
                        // collect dmcrypt's advice to start the other guest by hand: this command does that.
                        if !text.hasPrefix("for the other half") { progress("\(guest.name): " + text) }
                    })
            } catch {
                fail(guest.folder, "\(error)")
                break
            }
            outcome.seconds[guest.name] = Date().timeIntervalSince(start)
            progress("\(guest.name): guest ended after \(Int(Date().timeIntervalSince(start).rounded())) s")
            switch ending {
            case .exited(0):
                continue
            case let .exited(status):
                fail(guest.folder, "the guest's `aesreport collect dmcrypt` ended with status \(status); its messages "
                     + "are above, prefixed with '\(guest.name):' (to look inside, run the vng command of the manifest "
                     + "without --exec and its argument)")
            case let .signalled(signal):
                fail(guest.folder, "the guest launcher was ended by signal \(signal)")
            case let .timedOut(seconds):
                fail(guest.folder, "the guest did not finish within \(seconds) s and was stopped (QEMU and vng ended); "
                     + "pass a longer --timeout or a smaller --size / --rounds")
            case .interrupted:
                outcome.interrupted = true
            }
            if outcome.interrupted { break }
        }
        return outcome
    }
}

extension VMCollector {
    /// The flags of the guest with AES-NI against the guest without, from their own cpuinfo.txt, as lines for the
    /// terminal (`only with AES-NI: aes pclmulqdq`), or nil when a dump is missing. Under the default models the
    /// two differ in the AES instructions alone; anything else listed here is a second difference to weigh.
    public static func guestFlagDiff(plan: GuestLaunchPlan) -> [String]? {
        let cpus = plan.guests.map { guest -> CPUDescription? in
            guard let text = try? String(contentsOfFile: guest.folder + "/cpuinfo.txt", encoding: .utf8) else { return nil }
            return CPUInfoParser.parse(text: text, path: guest.folder + "/cpuinfo.txt").value
        }
        guard cpus.count == 2, let with = cpus[0], let without = cpus[1] else { return nil }
        let diff = CPUDiff(with, without)
        let none = "(none)"
        return [
            "flags only with AES-NI (\(plan.guests[0].name)): " + (diff.onlyInFirst.isEmpty ? none : diff.onlyInFirst.joined(separator: " ")),
            "flags only without (\(plan.guests[1].name)): " + (diff.onlyInSecond.isEmpty ? none : diff.onlyInSecond.joined(separator: " ")),
            "AES-NI from the guests' own cpuinfo: \(plan.guests[0].name) \(with.hasHardwareAES ? "has" : "lacks") the aes flag, "
                + "\(plan.guests[1].name) \(without.hasHardwareAES ? "has" : "lacks") it",
        ]
    }
}

/// Why `collect vm` cannot start.
public enum VMCollectError: Error, CustomStringConvertible {
    case missing([String])

    public var description: String {
        switch self {
        case let .missing(reasons): reasons.joined(separator: "; ")
        }
    }
}
