import AESReportIngest
import AESReportModel
import XCTest

final class CPUInfoParserTests: XCTestCase {
    private func cpu(_ fixture: String, file: StaticString = #filePath, line: UInt = #line) throws -> CPUDescription {
        let parsed = CPUInfoParser.parse(file: Fixture.path("cpuinfo/" + fixture))
        XCTAssertEqual(parsed.diagnostics.filter { $0.severity != .note }, [], file: file, line: line)
        return try XCTUnwrap(parsed.value, file: file, line: line)
    }

    func testRealProcCpuinfoOfThisKVMGuest() throws {
        let cpu = try cpu("real-proc-cpuinfo-x86-guest.txt")
        XCTAssertEqual(cpu.format, .procCpuinfo)
        XCTAssertEqual(cpu.architecture, .x86)
        XCTAssertEqual(cpu.vendor, "AuthenticAMD")
        XCTAssertEqual(cpu.modelName, "AMD EPYC")
        XCTAssertEqual(cpu.logicalCPUs, 2)
        XCTAssertEqual(cpu.flags.count, 92)
        XCTAssertTrue(cpu.isGuest)
        XCTAssertEqual(cpu.guest, GuestDecision(fact: .yes, evidence: "hypervisor flag"))
        let f = cpu.features
        XCTAssertEqual([CPUFeature.aes, .vaes, .carrylessMultiply, .vectorCarrylessMultiply, .avx, .avx2].map { f[$0].value },
                       [.yes, .yes, .yes, .yes, .yes, .yes])
        XCTAssertEqual(f[.avx512].value, .no)
        XCTAssertEqual([CPUFeature.xsave, .xsaveopt, .xsavec, .xsaves].map { f[$0].value }, [.yes, .yes, .yes, .yes])
        XCTAssertEqual(f[.sha].flags, ["sha_ni"])
        XCTAssertEqual([f[.rdrand].value, f[.rdseed].value], [.yes, .yes])
    }

    func testRealLscpuAgreesWithProcCpuinfo() throws {
        let lscpu = try cpu("real-lscpu-x86-guest.txt")
        let proc = try cpu("real-proc-cpuinfo-x86-guest.txt")
        XCTAssertEqual(lscpu.format, .lscpu)
        XCTAssertEqual(lscpu.flags, proc.flags)
        XCTAssertEqual(lscpu.modelName, proc.modelName)
        XCTAssertEqual(lscpu.vendor, "AuthenticAMD")
        XCTAssertEqual(lscpu.logicalCPUs, 2)
        XCTAssertEqual(lscpu.hypervisorVendor, "KVM")
        XCTAssertEqual(lscpu.architecture, .x86)
    }

    func testSeedHostListingWithLostLineBreaks() throws {
        let cpu = try cpu("seed-host-broadwell-pasted.txt")
        XCTAssertEqual(cpu.format, .procCpuinfo)
        XCTAssertEqual(cpu.modelName, "Intel(R) Xeon(R) CPU E5-2699 v4 @ 2.20GHz")
        XCTAssertEqual(cpu.vendor, "GenuineIntel")
        XCTAssertEqual(cpu.logicalCPUs, 88, "the excerpt shows processor 87, so at least 88")
        XCTAssertEqual(cpu.flags.count, 104)
        XCTAssertTrue(cpu.hasFlag("cqm_mbm_local"))
        XCTAssertFalse(cpu.flags.contains { $0.contains("bogomips") })
        XCTAssertFalse(cpu.isGuest)
        XCTAssertEqual(cpu.guest.fact, .no, "a whole x86 flag list without 'hypervisor'")
        XCTAssertEqual([CPUFeature.xsave, .xsaveopt, .xsavec, .xsaves].map { cpu.features[$0].value },
                       [.yes, .yes, .no, .no])
        XCTAssertEqual(cpu.features[.avx2].value, .yes)
        XCTAssertEqual(cpu.features[.avx512].value, .no)
        XCTAssertEqual(cpu.features.text(.avx512), "no")
    }

    func testSeedGuestListingIsAGuestWithTheHostModel() throws {
        let cpu = try cpu("seed-guest-cpu-host-pasted.txt")
        XCTAssertEqual(cpu.modelName, "Intel(R) Xeon(R) CPU E5-2699 v4 @ 2.20GHz")
        XCTAssertEqual(cpu.logicalCPUs, 1)
        XCTAssertEqual(cpu.flags.count, 70)
        XCTAssertTrue(cpu.isGuest)
        XCTAssertTrue(cpu.hasHardwareAES)
    }

    func testGrepFragmentsAndAPromptGluedToTheFlags() throws {
        let host = try cpu("seed-host-grep-fragment.txt")
        XCTAssertEqual(host.format, .fragment)
        XCTAssertEqual(host.flags.count, 104)
        XCTAssertNil(host.logicalCPUs)
        let guest = try cpu("seed-guest-grep-fragment.txt")
        XCTAssertEqual(guest.flags.count, 70)
        XCTAssertTrue(guest.isGuest)
        let glued = try cpu("seed-host-aes-lsmod-pasted.txt")
        XCTAssertEqual(glued.flags, host.flags, "the prompt glued to the last flag is not a flag")
    }

    func testHostGuestDiffMatchesTheSeed() throws {
        let diff = CPUDiff(try cpu("seed-host-broadwell-pasted.txt"), try cpu("seed-guest-cpu-host-pasted.txt"))
        // Computed independently: set(host flags) - set(guest flags), split on whitespace in Python.
        XCTAssertEqual(diff.onlyInFirst, [
            "acpi", "aperfmperf", "bts", "cqm", "cqm_llc", "cqm_mbm_local", "cqm_mbm_total", "cqm_occup_llc", "dca",
            "ds_cpl", "dtes64", "dtherm", "dts", "epb", "ept", "est", "flexpriority", "ht", "ida", "intel_pt",
            "monitor", "nonstop_tsc", "pbe", "pdcm", "pebs", "pln", "pts", "smx", "tm", "tm2", "tpr_shadow", "vmx",
            "vnmi", "vpid", "xtpr",
        ])
        XCTAssertEqual(diff.onlyInSecond, ["hypervisor"])
        XCTAssertEqual(diff.relevantOnlyInFirst, [])
        XCTAssertEqual(diff.relevantOnlyInSecond, ["hypervisor"])
    }

    func testDefaultQemu64GuestLacksAESAndTheDiffSaysSo() throws {
        let host = try cpu("seed-host-broadwell-pasted.txt")
        let qemu64 = CPUInfoParser.parse(text: "flags\t\t: fpu de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov "
                                             + "pat pse36 clflush mmx fxsr sse sse2 syscall nx lm rep_good nopl pni "
                                             + "cx16 x2apic hypervisor lahf_lm\n", path: "qemu64.txt").value!
        XCTAssertFalse(qemu64.hasHardwareAES)
        XCTAssertEqual(CPUDiff(host, qemu64).relevantOnlyInFirst,
                       ["aes", "avx", "avx2", "pclmulqdq", "rdrand", "rdseed", "xsave", "xsaveopt"])
    }

    func testAarch64CpuinfoWithCryptoExtensions() throws {
        let cpu = try cpu("synthetic-aarch64-neoverse-n1.txt")
        XCTAssertEqual(cpu.architecture, .arm)
        XCTAssertEqual(cpu.format, .procCpuinfo)
        XCTAssertEqual(cpu.modelName, "ARM Neoverse-N1")
        XCTAssertEqual(cpu.logicalCPUs, 4)
        XCTAssertEqual(cpu.features[.aes].value, .yes)
        XCTAssertEqual(cpu.features[.carrylessMultiply].value, .yes)
        XCTAssertEqual(cpu.features[.sha].flags, ["sha1", "sha2"])
        XCTAssertFalse(cpu.isGuest)
        XCTAssertEqual(cpu.guest.fact, .unknown, "aarch64 has no hypervisor flag: no evidence either way")
    }

    func testAarch64LscpuWithoutCryptoExtensions() throws {
        let cpu = try cpu("synthetic-lscpu-aarch64-no-crypto.txt")
        XCTAssertEqual(cpu.architecture, .arm)
        XCTAssertEqual(cpu.format, .lscpu)
        XCTAssertEqual(cpu.modelName, "Cortex-A72")
        XCTAssertEqual(cpu.logicalCPUs, 4)
        XCTAssertFalse(cpu.hasHardwareAES)
        XCTAssertEqual(cpu.features[.carrylessMultiply].value, .no)
        XCTAssertEqual(cpu.features[.avx].value, .notApplicable)
        XCTAssertEqual(cpu.guest.fact, .unknown)
    }

    func testTextWithoutFlagsIsAnErrorNotAnEmptyCPU() {
        let parsed = CPUInfoParser.parse(file: Fixture.path("malformed/garbage.txt"))
        XCTAssertNil(parsed.value)
        XCTAssertEqual(parsed.diagnostics.map(\.severity), [.error])
        let binary = CPUInfoParser.parse(file: Fixture.path("malformed/binary.bin"))
        XCTAssertNil(binary.value)
        XCTAssertFalse(binary.diagnostics.isEmpty)
    }

    func testDifferingProcessorsAreUnitedWithANote() {
        let parsed = CPUInfoParser.parse(text: "processor : 0\nflags : fpu aes\n\nprocessor : 1\nflags : fpu\n",
                                         path: "mixed.txt")
        XCTAssertEqual(parsed.value?.flags, ["aes", "fpu"])
        XCTAssertEqual(parsed.value?.logicalCPUs, 2)
        XCTAssertEqual(parsed.diagnostics.map(\.severity), [.note])
    }

    // MARK: - Guest yes / no / unknown, features n/a

    func testRealAarch64QEMUGuestCpuinfoIsUnknownNotAHost() throws {
        let cpu = try cpu("real-proc-cpuinfo-aarch64-qemu-a57.txt")
        XCTAssertEqual(cpu.architecture, .arm)
        XCTAssertEqual(cpu.format, .procCpuinfo)
        XCTAssertEqual(cpu.modelName, "ARM Cortex-A57")
        XCTAssertEqual(cpu.logicalCPUs, 2)
        XCTAssertEqual(cpu.guest.fact, .unknown)
        XCTAssertEqual(cpu.guest.text, "unknown")
        XCTAssertEqual(cpu.guest.evidence,
                       "aarch64/ARM has no hypervisor flag and no lscpu or DMI line names a hypervisor")
        XCTAssertFalse(cpu.isGuest)
        let f = cpu.features
        XCTAssertEqual(CPUFeature.allCases.map { f.text($0) }, [
            "yes", "no", "yes", "no", // AES, SVE2-AES (absent on a Cortex-A57), PMULL, SVE2-PMULL
            "n/a", "n/a", "n/a", "n/a", "n/a", "n/a", "n/a", // AVX, AVX2, AVX-512, XSAVE family: x86 only
            "sha1 sha2", "n/a", "n/a", // SHA; RDRAND and RDSEED are x86 only
        ])
    }

    func testRealAarch64QEMUGuestLscpuWithoutFirmwareSaysNothingEither() throws {
        let lscpu = try cpu("real-lscpu-aarch64-qemu-a57.txt")
        let proc = try cpu("real-proc-cpuinfo-aarch64-qemu-a57.txt")
        XCTAssertEqual(lscpu.format, .lscpu)
        XCTAssertEqual(lscpu.architecture, .arm)
        XCTAssertEqual(lscpu.modelName, "Cortex-A57", "the indented `  Model name:` of lscpu 2.38")
        XCTAssertEqual(lscpu.logicalCPUs, 2)
        XCTAssertEqual(lscpu.flags, proc.flags)
        XCTAssertNil(lscpu.hypervisorVendor)
        XCTAssertNil(lscpu.firmwareVendor)
        XCTAssertEqual(lscpu.guest.fact, .unknown)
    }

    func testRealAarch64QEMUGuestUnderUEFIIsAGuestByItsDMIVendor() throws {
        let cpu = try cpu("real-lscpu-aarch64-qemu-a57-uefi.txt")
        XCTAssertEqual(cpu.architecture, .arm)
        XCTAssertNil(cpu.hypervisorVendor, "lscpu prints no Hypervisor vendor on aarch64")
        XCTAssertEqual(cpu.firmwareVendor, "QEMU")
        XCTAssertEqual(cpu.guest, GuestDecision(fact: .yes, evidence: "DMI names QEMU"))
        XCTAssertEqual(cpu.guest.text, "yes (DMI names QEMU)")
        XCTAssertTrue(cpu.isGuest)
    }

    func testRealAarch64QEMUMaxCPUHasTheSVE2VectorForms() throws {
        let cpu = try cpu("real-proc-cpuinfo-aarch64-qemu-max.txt")
        XCTAssertEqual(cpu.architecture, .arm)
        XCTAssertEqual(cpu.modelName, "implementer 0x00 part 0x051")
        let f = cpu.features
        XCTAssertEqual(f.text(.vaes), "yes")
        XCTAssertEqual(f[.vaes].flags, ["sveaes"])
        XCTAssertEqual(f[.vectorCarrylessMultiply].flags, ["svepmull"])
        XCTAssertEqual(f.text(.sha), "sha1 sha2 sha3 sha512")
        XCTAssertEqual(f.text(.rdrand), "n/a", "ARM's `rng` (RNDR) is not RDRAND")
        XCTAssertEqual(cpu.guest.fact, .unknown)
    }

    func testRealX86GuestOfThisMachineIsAGuestInEveryForm() throws {
        let proc = try cpu("real-proc-cpuinfo-x86-xeon-guest.txt")
        XCTAssertEqual(proc.format, .procCpuinfo)
        XCTAssertEqual(proc.modelName, "Intel(R) Xeon(R) Processor")
        XCTAssertEqual(proc.guest, GuestDecision(fact: .yes, evidence: "hypervisor flag"))
        XCTAssertEqual(proc.guest.text, "yes (hypervisor flag)")
        XCTAssertEqual(proc.features.text(.avx512), "bitalg vbmi2 vnni vpopcntdq bw cd dq f ifma vbmi vl")
        XCTAssertEqual(proc.features.text(.vaes), "yes")
        let lscpu = try cpu("real-lscpu-x86-xeon-guest.txt")
        XCTAssertEqual(lscpu.flags, proc.flags)
        XCTAssertEqual(lscpu.virtualizationType, "full")
        XCTAssertEqual(lscpu.guest, GuestDecision(fact: .yes, evidence: "lscpu Hypervisor vendor: KVM"))
        XCTAssertEqual(lscpu.guest.text, "yes (KVM)")
        let grep = try cpu("real-grep-aes-x86-xeon-guest.txt")
        XCTAssertEqual(grep.format, .fragment)
        XCTAssertEqual(grep.flags, proc.flags)
        XCTAssertEqual(grep.guest.fact, .yes)
    }

    func testX86FragmentWithoutAFlagsLineIsRefusedAsUnknown() {
        let parsed = CPUInfoParser.parse(file: Fixture.path("cpuinfo/real-grep-model-x86-xeon-guest.txt"))
        XCTAssertNil(parsed.value, "no flag list: neither 'no AES' nor 'not a guest' may be concluded")
        XCTAssertEqual(parsed.diagnostics.map(\.severity), [.error])
        XCTAssertEqual(parsed.diagnostics.first?.message,
                       "no 'flags' or 'Features' line found: not a CPU description, its features and guest status "
                           + "are unknown (expected /proc/cpuinfo, lscpu output or a flags line)")
    }

    func testVirtualizationTypeAndDMILinesMakeAGuestAndVTxDoesNot() throws {
        let arm = "Architecture: aarch64\nFlags: fp asimd aes pmull\n"
        let typed = try XCTUnwrap(CPUInfoParser.parse(text: arm + "  Virtualization type: full\n", path: "a").value)
        XCTAssertEqual(typed.guest, GuestDecision(fact: .yes, evidence: "lscpu Virtualization type: full"))
        let sysfs = try XCTUnwrap(CPUInfoParser.parse(text: arm + "/sys/class/dmi/id/sys_vendor:QEMU\n", path: "b").value)
        XCTAssertEqual(sysfs.guest.fact, .yes)
        let dmidecode = try XCTUnwrap(CPUInfoParser.parse(
            text: arm + "\tManufacturer: Ampere(R)\n\tManufacturer: VMware, Inc.\n", path: "c").value)
        XCTAssertEqual(dmidecode.guest, GuestDecision(fact: .yes, evidence: "DMI names VMware, Inc."))
        let metal = try XCTUnwrap(CPUInfoParser.parse(text: arm + "\tManufacturer: Ampere(R)\n", path: "d").value)
        XCTAssertEqual(metal.guest.fact, .unknown, "a hardware vendor in DMI is no evidence of a host")
        // `Virtualization: VT-x` is the CPU's own support, printed on hosts.
        let host = try XCTUnwrap(CPUInfoParser.parse(
            text: "Architecture: x86_64\nVirtualization: VT-x\nFlags: fpu sse2 aes vmx\n", path: "e").value)
        XCTAssertEqual(host.guest, GuestDecision(fact: .no, evidence: "no hypervisor flag in the x86 flag list"))
    }

    func testUnknownArchitectureLeavesAbsentFeaturesUnknown() throws {
        let cpu = try XCTUnwrap(CPUInfoParser.parse(text: "flags : aes\n", path: "odd.txt").value)
        XCTAssertEqual(cpu.architecture, .x86, "a `flags` line is x86's")
        let odd = CPUDescription(format: .fragment, architecture: .unknown, vendor: nil, modelName: nil,
                                 logicalCPUs: nil, flags: ["aes"], hypervisorVendor: nil)
        XCTAssertEqual(odd.features.text(.aes), "yes")
        XCTAssertEqual(odd.features.text(.avx), "unknown")
        XCTAssertEqual(odd.guest.fact, .unknown)
    }
}
