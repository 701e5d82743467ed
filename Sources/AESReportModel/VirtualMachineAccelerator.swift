/// How a QEMU guest ran its CPU: on the hardware through KVM, or emulated instruction by instruction by TCG.
///
/// The difference matters for every AES-NI figure: under TCG, an `aesenc` is a call into QEMU's C code and the
/// generic AES code is translated guest code, so a gain measured there is the gain of QEMU's emulation, not of
/// the processor. `caveat` is the one sentence that the terminal, the page and the charts show next to such gains.
public enum VirtualMachineAccelerator: String, Sendable, Codable, CaseIterable {
    case kvm
    case tcg

    /// The words shown next to gains measured under this accelerator, or nil when none are needed.
    public var caveat: String? {
        self == .tcg ? Self.emulatedCPUCaveat : nil
    }

    /// "emulated CPU (QEMU TCG)": what is said next to every gain measured without KVM.
    public static let emulatedCPUCaveat = "emulated CPU (QEMU TCG)"

    /// The longer explanation, for diagnostics and the manifest.
    public static let emulatedCPUExplanation = "measured on an emulated CPU (QEMU TCG, no KVM): the AES-NI gains are "
        + "those of QEMU's emulation of the AES instructions, not of the hardware"

    /// The caveat for a set of runs: present when any of them ran under TCG.
    public static func caveat(for runs: [Run]) -> String? {
        runs.contains { $0.isEmulatedCPU } ? emulatedCPUCaveat : nil
    }

    /// The hosts with a run under TCG, found in one pass (a fleet asks per host: filtering the runs per host was
    /// quadratic, 4 million run copies at 1,000 hosts).
    public static func emulatedHosts(_ runs: some Sequence<Run>) -> Set<String> {
        var hosts = Set<String>()
        for run in runs where run.isEmulatedCPU { hosts.insert(run.host) }
        return hosts
    }

    /// Reads `kvm`, `tcg` (any case, surrounding words allowed after a space: `tcg (no vmx/svm)`).
    public init?(manifestValue: String) {
        let word = manifestValue.split(separator: " ").first.map { $0.lowercased() } ?? ""
        self.init(rawValue: word)
    }
}
