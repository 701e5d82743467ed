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
        let f = cpu.features
        XCTAssertTrue(f.aes && f.vaes && f.carrylessMultiply && f.vectorCarrylessMultiply && f.avx && f.avx2)
        XCTAssertEqual(f.avx512, [])
        XCTAssertEqual(f.xsave, ["xsave", "xsaveopt", "xsavec", "xsaves"])
        XCTAssertEqual(f.sha, ["sha_ni"])
        XCTAssertTrue(f.rdrand && f.rdseed)
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
        XCTAssertEqual(cpu.features.xsave, ["xsave", "xsaveopt"])
        XCTAssertTrue(cpu.features.avx2)
        XCTAssertEqual(cpu.features.avx512, [])
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
        XCTAssertTrue(cpu.features.aes)
        XCTAssertTrue(cpu.features.carrylessMultiply)
        XCTAssertEqual(cpu.features.sha, ["sha1", "sha2"])
        XCTAssertFalse(cpu.isGuest)
    }

    func testAarch64LscpuWithoutCryptoExtensions() throws {
        let cpu = try cpu("synthetic-lscpu-aarch64-no-crypto.txt")
        XCTAssertEqual(cpu.architecture, .arm)
        XCTAssertEqual(cpu.format, .lscpu)
        XCTAssertEqual(cpu.modelName, "Cortex-A72")
        XCTAssertEqual(cpu.logicalCPUs, 4)
        XCTAssertFalse(cpu.hasHardwareAES)
        XCTAssertFalse(cpu.features.carrylessMultiply)
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
}
