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
        /// `collect dmcrypt`'s tool options, passed to it in each guest as given (`--tool fio --fio-block-size 1M
        /// ...`); empty for dd, the seed's procedure.
        public var toolArguments: [String] = []

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
}
