@testable import AESReportCollect
import AESReportModel
import Foundation
import XCTest

/// `collect vm`'s plan (CPU models, vng commands, memory, limits, manifests) and `collect dmcrypt`'s module loading,
/// without booting anything. The real guests are booted by `aesreportTests.CollectVMTests`.
final class VMCollectorTests: XCTestCase {
    private func plan(_ accelerator: VirtualMachineAccelerator, seedModels: Bool = false, hostFlags: Set<String> = [],
                      asRoot: Bool = true, size: Int? = nil) -> GuestLaunchPlan {
        let settings = VMCollector.Settings(output: "/r/h", ciphers: ["aes-cbc-plain", "aes-xts-plain"], rounds: 2,
                                            sizeMiB: size, seedModels: seedModels)
        return GuestLaunchPlan.make(settings: settings, accelerator: accelerator, kernel: "/boot/vmlinuz-6.1.0-56-amd64",
                                    kernelRelease: "6.1.0-56-amd64", qemuVersion: "QEMU emulator version 7.2.22",
                                    hostFlags: hostFlags, aesreport: "/usr/local/bin/aesreport", asRoot: asRoot)
    }

    func testUnderKVMBothGuestsAreTheHostModelAndOnlyTheAESInstructionsAreRemoved() {
        let models = GuestLaunchPlan.cpuModels(accelerator: .kvm, seedModels: false, hostFlags: ["aes", "avx2"])
        XCTAssertEqual(models.with, "host")
        XCTAssertEqual(models.without, "host,-aes,-pclmulqdq")
        let vaes = GuestLaunchPlan.cpuModels(accelerator: .kvm, seedModels: false,
                                             hostFlags: ["aes", "vaes", "vpclmulqdq"])
        XCTAssertEqual(vaes.without, "host,-aes,-pclmulqdq,-vaes,-vpclmulqdq")
        let seed = GuestLaunchPlan.cpuModels(accelerator: .kvm, seedModels: true, hostFlags: [])
        XCTAssertEqual([seed.with, seed.without], ["host", "qemu64"])
    }

    func testUnderTCGTheModelsAreQemu64WithTheFlagsTheAESNIDriverNeeds() {
        let models = GuestLaunchPlan.cpuModels(accelerator: .tcg, seedModels: false, hostFlags: ["vaes"])
        XCTAssertEqual(models.with, "qemu64,+aes,+pclmulqdq,+ssse3,+sse4.1,+sse4.2")
        XCTAssertEqual(models.without, "qemu64,+ssse3,+sse4.1,+sse4.2")
        let seed = GuestLaunchPlan.cpuModels(accelerator: .tcg, seedModels: true, hostFlags: [])
        XCTAssertEqual([seed.with, seed.without], ["qemu64,+aes", "qemu64"])
    }

    func testTheVngCommandForcesTCGOnlyUnderTCGAndPutsTheCPUModelInOneEqualsArgument() {
        let tcg = plan(.tcg)
        XCTAssertEqual(tcg.guests.map(\.name), ["with-aesni", "no-aesni"])
        XCTAssertEqual(tcg.guests.map(\.folder), ["/r/h/with-aesni", "/r/h/no-aesni"])
        let arguments = tcg.guests[0].command.arguments
        XCTAssertEqual(tcg.guests[0].command.executable, "vng")
        XCTAssertEqual(Array(arguments.prefix(3)), ["--run", "/boot/vmlinuz-6.1.0-56-amd64", "--disable-kvm"])
        XCTAssertTrue(arguments.contains("--force-9p"))
        XCTAssertEqual(arguments[arguments.firstIndex(of: "--rwdir")! + 1], "/r/h", "only the output folder is writable")
        XCTAssertTrue(arguments.contains("--qemu-opts=-cpu qemu64,+aes,+pclmulqdq,+ssse3,+sse4.1,+sse4.2"), "\(arguments)")
        XCTAssertEqual(Array(arguments.suffix(2)), ["--exec", tcg.guests[0].guestCommand])
        XCTAssertEqual(tcg.guests[0].guestCommand,
                       "/usr/local/bin/aesreport collect dmcrypt -o /r/h/with-aesni --size 64 --rounds 2 "
                       + "--ciphers aes-cbc-plain,aes-xts-plain --backing-folder /dev/shm")
        XCTAssertFalse(arguments.contains("--user"), "root on the host is root in the guest")
        XCTAssertFalse(plan(.kvm).guests[0].command.arguments.contains("--disable-kvm"))
        XCTAssertEqual(plan(.tcg, asRoot: false).guests[1].command.arguments.drop { $0 != "--user" }.prefix(2),
                       ["--user", "root"])
    }

    func testSanitizerOptionsReachTheCollectorInsideTheGuest() {
        var settings = VMCollector.Settings(output: "/r/h", ciphers: ["aes-cbc-plain"], rounds: 2)
        settings.guestEnvironment = [("LSAN_OPTIONS", "suppressions=/repo/.ci/lsan.supp:print_suppressions=0")]
        let plan = GuestLaunchPlan.make(settings: settings, accelerator: .tcg, kernel: "/boot/vmlinuz-6.1.0-56-amd64",
                                        kernelRelease: "6.1.0-56-amd64", qemuVersion: nil, hostFlags: [],
                                        aesreport: "/usr/local/bin/aesreport", asRoot: true)
        XCTAssertTrue(plan.guests[0].guestCommand.hasPrefix(
            "env LSAN_OPTIONS=suppressions=/repo/.ci/lsan.supp:print_suppressions=0 /usr/local/bin/aesreport collect "),
            plan.guests[0].guestCommand)
    }

    func testDefaultsAndMemoryFollowTheAcceleratorAndTheSize() {
        let settings = VMCollector.Settings(output: "/r")
        XCTAssertEqual(settings.sizeMiB(for: .kvm), 1024)
        XCTAssertEqual(settings.rounds(for: .kvm), 10)
        XCTAssertEqual(settings.sizeMiB(for: .tcg), 64)
        XCTAssertEqual(settings.rounds(for: .tcg), 5)
        XCTAssertEqual(GuestLaunchPlan.memoryMiB(sizeMiB: 16), 512)
        XCTAssertEqual(GuestLaunchPlan.memoryMiB(sizeMiB: 1024), 2432, "twice the file (tmpfs is half the memory) + 384")
        XCTAssertEqual(plan(.kvm, size: 2048).guests[0].memoryMiB, 4480)
        XCTAssertTrue(plan(.kvm, size: 2048).guests[0].command.arguments.contains("4480M"))
        // 2 ciphers x 2 rounds x 2 operations x 17 MiB at 2 MiB/s, plus the boot allowance and a minute.
        XCTAssertEqual(GuestLaunchPlan.timeoutSeconds(accelerator: .tcg, ciphers: 2, rounds: 2, sizeMiB: 16), 428)
        XCTAssertEqual(plan(.tcg).timeoutSeconds,
                       GuestLaunchPlan.timeoutSeconds(accelerator: .tcg, ciphers: 2, rounds: 2, sizeMiB: 64))
    }

    func testTheManifestRecordsModelAcceleratorKernelQEMUAndTheCollectorButNotTheState() {
        let manifest = plan(.tcg).guests[1].manifest
        XCTAssertTrue(manifest.contains("\naccelerator = tcg "), manifest)
        XCTAssertTrue(manifest.contains("\ncpu_model = qemu64,+ssse3,+sse4.1,+sse4.2\n"), manifest)
        XCTAssertTrue(manifest.contains("\nguest_kernel = 6.1.0-56-amd64 (/boot/vmlinuz-6.1.0-56-amd64)\n"), manifest)
        XCTAssertTrue(manifest.contains("\nqemu = QEMU emulator version 7.2.22\n"), manifest)
        XCTAssertTrue(manifest.contains("\ncollector = /usr/local/bin/aesreport collect dmcrypt -o /r/h/no-aesni "), manifest)
        XCTAssertFalse(manifest.contains("\naesni"), "the state comes from the guest's own cpuinfo")
        XCTAssertTrue(plan(.kvm).guests[0].manifest.contains("\naccelerator = kvm\n"))
    }

    func testKVMIsRefusedWithoutVMXOrSVMEvenWhenDevKVMOpens() throws {
        guard FileManager.default.fileExists(atPath: "/dev/kvm") else {
            XCTAssertEqual(VMCollector.kvmUnusableReason(hostFlags: ["vmx"]), "there is no /dev/kvm")
            return
        }
        XCTAssertEqual(VMCollector.kvmUnusableReason(hostFlags: ["aes", "hypervisor"], openKVM: { true }),
                       "/dev/kvm exists but the CPU has neither vmx nor svm (a nested or paravirtual hypervisor)")
        XCTAssertNil(VMCollector.kvmUnusableReason(hostFlags: ["svm"], openKVM: { true }))
        XCTAssertTrue(VMCollector.kvmUnusableReason(hostFlags: ["vmx"], openKVM: { false })!.contains("cannot be opened"))
    }

    func testTheCaveatIsSaidOnlyForTCGRuns() {
        func run(_ accelerator: VirtualMachineAccelerator?) -> Run {
            var run = Run(path: "/h/r", label: "r", host: "h", aesni: true, aesniSource: .cpuDump, cpu: nil, cpuPath: nil,
                          ddLogs: [], openssl: [], cryptsetup: [])
            run.accelerator = accelerator
            return run
        }
        XCTAssertEqual(VirtualMachineAccelerator.caveat(for: [run(.kvm), run(.tcg)]), "emulated CPU (QEMU TCG)")
        XCTAssertNil(VirtualMachineAccelerator.caveat(for: [run(.kvm), run(nil)]))
        XCTAssertEqual(VirtualMachineAccelerator(manifestValue: "TCG  # emulated"), .tcg)
        XCTAssertNil(VirtualMachineAccelerator(manifestValue: "hvf"))
    }
}

/// `collect dmcrypt` loads what a fresh guest lacks: device-mapper, dm-crypt and loop devices.
final class DMCryptModuleTests: XCTestCase {
    func testOnlyTheMissingModulesAreLoadedWithOneModprobeAndItIsSaid() {
        let runner = RecordingRunner { _ in CommandResult(status: 0, standardOutput: "", standardError: "") }
        let collector = DMCryptCollector(settings: .init(output: "/tmp/x"), runner: runner)
        let present: Set<String> = ["/sys/module/dm_mod"]
        let said = collector.loadMissingModules(isRoot: true, exists: { present.contains($0) })
        XCTAssertEqual(runner.commands.map(\.shellText), ["modprobe -a dm_crypt loop"])
        XCTAssertEqual(said, ["loaded the kernel modules dm_crypt (dm-crypt), loop (loop devices): modprobe -a dm_crypt loop"])
    }

    func testNothingIsLoadedWhenAllArePresentOrWhenNotRoot() {
        let runner = RecordingRunner { _ in CommandResult(status: 0, standardOutput: "", standardError: "") }
        let collector = DMCryptCollector(settings: .init(output: "/tmp/x"), runner: runner)
        XCTAssertEqual(collector.loadMissingModules(isRoot: true, exists: { _ in true }), [])
        XCTAssertEqual(collector.loadMissingModules(isRoot: false, exists: { _ in false }), [])
        XCTAssertEqual(runner.commands, [])
        XCTAssertEqual(DMCryptCollector.missingModules(exists: { $0 == "/dev/loop-control" }).map(\.name),
                       ["dm_mod", "dm_crypt"])
    }

    func testARamdiskBackingLoadsBrdOpensRam0AndUnloadsItAndNeedsNoLoop() {
        let settings = DMCryptCollector.Settings(output: "/r", ciphers: ["aes-xts-plain"], rounds: 1, sizeMiB: 16,
                                                 backing: .ramdisk)
        let runner = RecordingRunner { _ in CommandResult(status: 0, standardOutput: "", standardError: "") }
        let plan = DMCryptCollector(settings: settings, runner: runner).plan().map(\.command.shellText)
        XCTAssertEqual(plan.first, "modprobe brd rd_nr=1 rd_size=16384 max_part=0")
        XCTAssertEqual(plan[1], "cryptsetup open --type plain --cipher aes-xts-plain --key-file /dev/urandom "
                       + "--key-size 256 -- /dev/ram0 aesreport-crypt0")
        XCTAssertEqual(plan.last, "rmmod brd")
        XCTAssertEqual(DMCryptCollector.missingModules(backing: .ramdisk, exists: { _ in false }).map(\.name),
                       ["dm_mod", "dm_crypt"])
        var vm = VMCollector.Settings(output: "/r", ciphers: ["aes-xts-plain"])
        vm.backing = .ramdisk
        let guest = GuestLaunchPlan.make(settings: vm, accelerator: .tcg, kernel: "/k", kernelRelease: "k",
                                         qemuVersion: nil, hostFlags: [], aesreport: "/a", asRoot: true).guests[0]
        XCTAssertTrue(guest.guestCommand.hasSuffix(" --backing-folder /dev/shm --backing ramdisk"), guest.guestCommand)
    }

    func testAFailedModprobeIsSaidWithItsMessage() {
        let runner = RecordingRunner { _ in
            CommandResult(status: 1, standardOutput: "",
                          standardError: "modprobe: FATAL: Module dm_mod not found in directory /lib/modules/6.18\n")
        }
        let collector = DMCryptCollector(settings: .init(output: "/tmp/x"), runner: runner)
        let said = collector.loadMissingModules(isRoot: true, exists: { _ in false })
        XCTAssertEqual(said.count, 1)
        XCTAssertTrue(said[0].hasPrefix("could not load dm_mod (device-mapper), dm_crypt (dm-crypt), loop (loop devices): "
                                        + "`modprobe -a dm_mod dm_crypt loop` exited with status 1: modprobe: FATAL"), said[0])
    }
}
