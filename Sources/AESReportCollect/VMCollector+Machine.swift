import AESReportFiles
import AESReportIngest
import AESReportModel
import Foundation

/// What the host offers: the kernel to boot, KVM or TCG, QEMU, memory.
extension VMCollector {
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
}
