@testable import AESReportCollect
import AESReportModel
import Foundation
import XCTest

/// Stands in for openssl, cryptsetup and dd: records every command and answers from a table.
final class RecordingRunner: CommandRunner, @unchecked Sendable {
    private let lock = NSLock()
    private var log: [ExternalCommand] = []
    let answer: @Sendable (ExternalCommand) -> CommandResult
    let missing: Set<String>

    init(missing: Set<String> = [], answer: @escaping @Sendable (ExternalCommand) -> CommandResult) {
        self.answer = answer
        self.missing = missing
    }

    var commands: [ExternalCommand] { lock.lock(); defer { lock.unlock() }; return log }

    func run(_ command: ExternalCommand) throws -> CommandResult {
        lock.lock()
        log.append(command)
        lock.unlock()
        return answer(command)
    }

    func locate(_ program: String) -> String? { missing.contains(program) ? nil : "/usr/bin/" + program }
}

final class OpenSSLCollectorTests: XCTestCase {
    static let x86WithAES = "processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: fpu sse2 aes pclmulqdq\n"
    static let x86WithoutAES = "processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: fpu sse2\n"

    func collector(_ cpu: String, machine: String = "x86_64", rounds: Int = 2) -> OpenSSLCollector {
        let settings = OpenSSLCollector.Settings(output: "/out/h", algorithms: ["aes-128-cbc", "aes-256-xts"],
                                                 rounds: rounds, blockSizes: [1024, 16384])
        return OpenSSLCollector(settings: settings, runner: RecordingRunner { _ in
            CommandResult(status: 0, standardOutput: "", standardError: "")
        }, cpuText: cpu, machine: machine)
    }

    func testPlanAlternatesStatesAndMasksAESNIOnX86() {
        let plan = collector(Self.x86WithAES).plan(supported: nil)
        XCTAssertEqual(plan.states.map(\.folder), ["/out/h/with-aesni", "/out/h/no-aesni"])
        XCTAssertEqual(plan.notes, [])
        // 2 rounds x 2 algorithms x 2 directions x 2 sizes x 2 states
        XCTAssertEqual(plan.steps.count, 32)
        XCTAssertEqual(plan.steps[0].command.shellText,
                       "openssl speed -seconds 1 -bytes 1024 -evp aes-128-cbc")
        XCTAssertEqual(plan.steps[1].command.shellText,
                       "OPENSSL_ia32cap='~0x200000200000000:~0x60000000000:~0:~0:~0' openssl speed -seconds 1 -bytes 1024 -evp aes-128-cbc")
        XCTAssertEqual(plan.steps[1].file, "/out/h/no-aesni/openssl-aes-128-cbc-encrypt-1024-r1.txt")
        XCTAssertTrue(plan.steps.filter { $0.direction == .decrypt }.allSatisfy { $0.command.arguments.last == "-decrypt" })
        XCTAssertEqual(Set(plan.steps.map(\.file)).count, 32, "every measurement has its own file")
        XCTAssertEqual(plan.steps.last?.round, 2)
    }

    func testMaskPerArchitecture() {
        XCTAssertEqual(AESNIMask(machine: "aarch64").environment, ["OPENSSL_armcap": "0"])
        let arm = collector("processor\t: 0\nFeatures\t: fp asimd aes pmull\nCPU implementer\t: 0x41\n",
                            machine: "aarch64").plan(supported: nil)
        XCTAssertEqual(arm.steps[1].command.environment, ["OPENSSL_armcap": "0"])
        let riscv = collector(Self.x86WithAES, machine: "riscv64").plan(supported: nil)
        XCTAssertEqual(riscv.states.map(\.aesni), [true])
        XCTAssertEqual(riscv.notes.count, 1)
        XCTAssertTrue(riscv.notes[0].contains("no capability mask for riscv64"), riscv.notes[0])
    }

    func testCPUWithoutAESMeasuresOnlyTheRunWithoutAndSaysSo() {
        let plan = collector(Self.x86WithoutAES).plan(supported: nil)
        XCTAssertEqual(plan.states.map(\.aesni), [false])
        XCTAssertTrue(plan.states[0].environment.isEmpty, "nothing to mask")
        XCTAssertTrue(plan.notes[0].hasPrefix("this CPU has no 'aes' flag"))
        XCTAssertEqual(plan.steps.count, 16)
    }

    func testAlgorithmsTheLocalOpenSSLLacksAreSkippedWithANote() {
        let plan = collector(Self.x86WithAES).plan(supported: ["aes-128-cbc", "aes-256-cbc"])
        XCTAssertEqual(plan.skippedAlgorithms, ["aes-256-xts"])
        XCTAssertEqual(plan.notes, ["this openssl does not offer aes-256-xts; skipped"])
        XCTAssertTrue(plan.steps.allSatisfy { $0.algorithm == "aes-128-cbc" })
    }

    func testRunWritesManifestsAndFlagsAMaskWithoutEffect() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("collect-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // An openssl that ignores the mask: it reports AES-NI in both states.
        let output = "CPUINFO: OPENSSL_ia32cap=0x7ffaf3bfffebffff:0x0\n"
            + "Doing AES-128-CBC for 1s on 16384 size blocks: 100000 AES-128-CBC's in 1.00s\n"
        let runner = RecordingRunner { _ in CommandResult(status: 0, standardOutput: "", standardError: output) }
        let settings = OpenSSLCollector.Settings(output: folder, algorithms: ["aes-128-cbc"], rounds: 1)
        let collector = OpenSSLCollector(settings: settings, runner: runner, cpuText: Self.x86WithAES, machine: "x86_64")
        var lines: [String] = []
        let outcome = try collector.run(collector.plan(supported: nil)) { lines.append($0) }
        XCTAssertEqual(lines.count, 4)
        XCTAssertTrue(lines[0].hasSuffix("AES-NI, round 1: 1.64 GB/s"), lines[0])
        let manifest = try String(contentsOfFile: folder + "/no-aesni/aesreport.manifest", encoding: .utf8)
        XCTAssertTrue(manifest.contains("\naesni = no\n"))
        XCTAssertEqual(outcome.diagnostics.filter { $0.message.hasPrefix("the mask had no effect") }.count, 2)
        XCTAssertEqual(try String(contentsOfFile: folder + "/cpuinfo.txt", encoding: .utf8), Self.x86WithAES)
        XCTAssertEqual(runner.commands.count, 4)
    }

    /// openssl's CPUINFO lines captured on this project's machine (OpenSSL 3.0.19, an Intel Xeon KVM guest with AVX-512 and VAES).
    static let unmaskedLine = "CPUINFO: OPENSSL_ia32cap=0xfffa32034f8bffff:0x415f46f1bf2ffb\n"
    static let maskedLine = "CPUINFO: OPENSSL_ia32cap=0xfdfa32014f8bffff:0x415946f1bf2ffb "
        + "env:~0x200000200000000:~0x60000000000:~0:~0:~0\n"
    /// The same openssl under the former mask `~0x200000200000000`: the whole second word zeroed.
    static let formerMaskLine = "CPUINFO: OPENSSL_ia32cap=0xfdfa32014f8bffff:0x0 env:~0x200000200000000\n"

    func testCapabilityLineIsReadWordByWord() throws {
        let masked = try XCTUnwrap(IA32Capabilities(output: "version\n" + Self.maskedLine))
        XCTAssertEqual(masked.words, [0xfdfa_3201_4f8b_ffff, 0x41_5946_f1bf_2ffb])
        XCTAssertEqual(masked.text, "0xfdfa32014f8bffff:0x415946f1bf2ffb")
        XCTAssertFalse(masked.contains(.aesni))
        XCTAssertFalse(masked.contains(.pclmulqdq))
        XCTAssertFalse(masked.contains(.vaes))
        XCTAssertFalse(masked.contains(.vpclmulqdq))
        XCTAssertTrue(masked.contains(.avx2))
        XCTAssertTrue(masked.contains(.avx512f))
        XCTAssertTrue(masked.contains(.sha))
        XCTAssertNil(IA32Capabilities(output: "CPUINFO: OPENSSL_armcap=0x3f\n"))
        // OpenSSL 3.4 and later print five words.
        XCTAssertEqual(IA32Capabilities(output: "CPUINFO: OPENSSL_ia32cap=0x1:0x2:0x0:0x0:0x4 env:")?.words,
                       [1, 2, 0, 0, 4])
    }

    func testTheMaskClearsExactlyTheFourAESBits() throws {
        XCTAssertEqual(AESNIMask.x86.environment, ["OPENSSL_ia32cap": "~0x200000200000000:~0x60000000000:~0:~0:~0"])
        let unmasked = try XCTUnwrap(IA32Capabilities(output: Self.unmaskedLine))
        let masked = try XCTUnwrap(IA32Capabilities(output: Self.maskedLine))
        // What openssl printed is what the mask says: the reference minus exactly the four bits.
        XCTAssertEqual(masked.words[0], unmasked.words[0] & ~0x200000200000000)
        XCTAssertEqual(masked.words[1], unmasked.words[1] & ~0x60000000000)
        XCTAssertEqual(unmasked.lost(in: masked), ["PCLMULQDQ", "AES-NI", "VAES", "VPCLMULQDQ"])
        XCTAssertEqual(AESNIMask.x86.problems(masked: masked, unmasked: unmasked), [])
    }

    func testTheFormerMaskIsCaughtTurningOffAVX2AndTheRest() throws {
        let unmasked = try XCTUnwrap(IA32Capabilities(output: Self.unmaskedLine))
        let former = try XCTUnwrap(IA32Capabilities(output: Self.formerMaskLine))
        let problems = AESNIMask.x86.problems(masked: former, unmasked: unmasked)
        XCTAssertEqual(problems.count, 1, "\(problems)")
        XCTAssertTrue(problems[0].hasPrefix("the mask turned off more than the AES instructions: bit 64+0, bit 64+1, "),
                      problems[0])
        for name in ["AVX2", "AVX512F", "SHA"] { XCTAssertTrue(problems[0].contains(", \(name),"), problems[0]) }
        XCTAssertFalse(problems[0].contains("VAES"), "VAES is meant to be cleared")
        XCTAssertTrue(problems[0].hasSuffix("(without the mask OPENSSL_ia32cap=0xfffa32034f8bffff:0x415f46f1bf2ffb, "
                                            + "with it 0xfdfa32014f8bffff:0x0)"), problems[0])
    }

    func testRunChecksEachMaskedOutputAgainstTheUnmaskedOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("collect-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let speed = "Doing AES-128-CBC for 1s on 16384 size blocks: 100000 AES-128-CBC's in 1.00s\n"
        // An openssl that zeroes the second word under any mask (as the former mask made every openssl do).
        let runner = RecordingRunner { command in
            CommandResult(status: 0, standardOutput: "",
                          standardError: (command.environment.isEmpty ? Self.unmaskedLine : Self.formerMaskLine) + speed)
        }
        let settings = OpenSSLCollector.Settings(output: folder, algorithms: ["aes-128-cbc"], rounds: 1)
        let collector = OpenSSLCollector(settings: settings, runner: runner, cpuText: Self.x86WithAES, machine: "x86_64")
        let outcome = try collector.run(collector.plan(supported: nil)) { _ in }
        XCTAssertEqual(outcome.diagnostics.map(\.severity), [.error, .error])
        XCTAssertEqual(outcome.diagnostics.map(\.file), [folder + "/no-aesni/openssl-aes-128-cbc-encrypt-16384-r1.txt",
                                                        folder + "/no-aesni/openssl-aes-128-cbc-decrypt-16384-r1.txt"])
        XCTAssertTrue(outcome.diagnostics.allSatisfy { $0.message.contains("more than the AES instructions: ") })

        // The manifest of the masked run states the value and each part of it.
        let manifest = try String(contentsOfFile: folder + "/no-aesni/aesreport.manifest", encoding: .utf8)
        XCTAssertTrue(manifest.contains("\n# Mask: OPENSSL_ia32cap=~0x200000200000000:~0x60000000000:~0:~0:~0\n"),
                      manifest)
        XCTAssertTrue(manifest.contains("~0x200000200000000: clears bit 57 AES-NI and bit 33 PCLMULQDQ"), manifest)
        XCTAssertTrue(manifest.contains("~0x60000000000: clears bit 41 VAES and bit 42 VPCLMULQDQ"), manifest)
        XCTAssertTrue(manifest.contains("(AVX, AVX2, AVX-512, SHA, BMI, ...) stays as the CPU reports it"), manifest)
        let with = try String(contentsOfFile: folder + "/with-aesni/aesreport.manifest", encoding: .utf8)
        XCTAssertTrue(with.contains("# No mask: openssl uses every capability the CPU reports.\n"), with)
        XCTAssertFalse(with.contains("OPENSSL_ia32cap"), with)
    }

    /// The real openssl of this machine, with and without the mask: openssl's own CPUINFO line must show the AES
    /// bits clear and everything else, AVX2 in particular, as without the mask.
    func testRealOpenSSLUnderTheMaskKeepsAVX2AndLosesOnlyTheAESBits() throws {
        let runner = SystemCommandRunner()
        guard runner.locate("openssl") != nil else { throw XCTSkip("openssl is not installed (apt-get install openssl)") }
        guard AESNIMask(machine: MachineName.current) == .x86 else {
            throw XCTSkip("OPENSSL_ia32cap exists on x86 only; this machine is \(MachineName.current)")
        }
        let flags = ((try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? "")
            .split(separator: "\n").first { $0.hasPrefix("flags") }.map { Set($0.split(separator: " ").map(String.init)) } ?? []
        guard flags.contains("aes"), flags.contains("avx2") else {
            throw XCTSkip("this CPU lacks the aes or avx2 flag, so there is no AES bit to clear or AVX2 bit to keep")
        }
        let arguments = ["speed", "-elapsed", "-seconds", "1", "-bytes", "16384", "-evp", "aes-128-cbc"]
        var outputs: [String] = []
        for environment in [[:], AESNIMask.x86.environment] {
            let result = try runner.run(ExternalCommand("openssl", arguments, environment: environment))
            XCTAssertEqual(result.status, 0, result.standardError)
            outputs.append(result.standardError + result.standardOutput)
        }
        let unmasked = try XCTUnwrap(IA32Capabilities(output: outputs[0]), outputs[0])
        let masked = try XCTUnwrap(IA32Capabilities(output: outputs[1]), outputs[1])
        XCTAssertTrue(outputs[1].contains(" env:~0x200000200000000:~0x60000000000:~0:~0:~0"), outputs[1])
        XCTAssertTrue(unmasked.contains(.aesni))
        XCTAssertFalse(masked.contains(.aesni), masked.text)
        XCTAssertFalse(masked.contains(.pclmulqdq), masked.text)
        XCTAssertFalse(masked.contains(.vaes), masked.text)
        XCTAssertFalse(masked.contains(.vpclmulqdq), masked.text)
        XCTAssertTrue(masked.contains(.avx2), "AVX2 must survive the mask: \(masked.text)")
        XCTAssertEqual(flags.contains("sha_ni"), masked.contains(.sha), masked.text)
        XCTAssertEqual(flags.contains("avx512f"), masked.contains(.avx512f), masked.text)
        for word in 0..<min(unmasked.words.count, masked.words.count) {
            let cleared = AESNIMask.x86ClearedBits.filter { $0.word == word }
                .reduce(UInt64(0)) { $0 | (1 << UInt64($1.bit)) }
            XCTAssertEqual(masked.words[word], unmasked.words[word] & ~cleared, "word \(word)")
        }
        XCTAssertEqual(AESNIMask.x86.problems(masked: masked, unmasked: unmasked), [])
    }
}

final class DMCryptCollectorTests: XCTestCase {
    func settings(_ folder: String, ciphers: [String] = ["aes-xts-plain64", "aes-pcbc-plain"]) -> DMCryptCollector.Settings {
        DMCryptCollector.Settings(output: folder, ciphers: ciphers, rounds: 2, sizeMiB: 8, backingFolder: "/dev/shm")
    }

    var folder: String!

    override func setUp() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("dmcrypt-\(UUID().uuidString)").path
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    static let ddReport = "8+0 records in\n8+0 records out\n8388608 bytes (8.4 MB, 8.0 MiB) copied, 0.004 s, 2.1 GB/s\n"

    func testAFailingCipherIsSkippedTheRestRunsAndEverythingIsRemoved() throws {
        let runner = RecordingRunner { command in
            if command.executable == "cryptsetup", command.arguments.contains("aes-pcbc-plain") {
                return CommandResult(status: 1, standardOutput: "", standardError: "device-mapper: reload ioctl failed")
            }
            return CommandResult(status: 0, standardOutput: "", standardError: command.executable == "dd" ? Self.ddReport : "")
        }
        let collector = DMCryptCollector(settings: settings(folder), runner: runner)
        let outcome = collector.run(progress: { _ in }, interrupted: { false })
        XCTAssertFalse(outcome.interrupted)
        XCTAssertEqual(outcome.diagnostics.count, 1)
        XCTAssertTrue(outcome.diagnostics[0].message.contains("reload ioctl failed"))
        let read = try String(contentsOfFile: folder + "/aes-xts-plain64-read.txt", encoding: .utf8)
        XCTAssertEqual(read, Self.ddReport + Self.ddReport, "two rounds appended, as the seed's script does")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/aes-pcbc-plain-read.txt"))
        let texts = runner.commands.map(\.shellText)
        XCTAssertEqual(texts.filter { $0.hasPrefix("cryptsetup close") }.count, 1, "only the opened mapping is closed")
        XCTAssertTrue(outcome.cleanup.contains { $0.hasPrefix("the backing file was removed") }, "\(outcome.cleanup)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: Self.backingFolder(runner)))
    }

    /// The private folder the run's backing file was in (from the dd that filled it).
    static func backingFolder(_ runner: RecordingRunner) -> String {
        let of = runner.commands.first?.arguments.first { $0.hasPrefix("of=") } ?? "of=?"
        return URL(fileURLWithPath: String(of.dropFirst(3))).deletingLastPathComponent().path
    }

    func testAnInterruptStopsAndStillClosesTheMappingAndRemovesTheFile() {
        let runner = RecordingRunner { command in
            CommandResult(status: 0, standardOutput: "", standardError: command.executable == "dd" ? Self.ddReport : "")
        }
        let collector = DMCryptCollector(settings: settings(folder), runner: runner)
        // Interrupted while the first cipher's first read runs.
        let outcome = collector.run(progress: { _ in }, interrupted: { runner.commands.count >= 3 })
        XCTAssertTrue(outcome.interrupted)
        XCTAssertEqual(runner.commands.map(\.shellText).last, "cryptsetup close -- aesreport-crypt0")
        XCTAssertEqual(runner.commands.count, 4)
        XCTAssertEqual(outcome.cleanup.count, 2, "\(outcome.cleanup)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: Self.backingFolder(runner)))
    }

    func testAFailedBackingFileIsStillRemoved() {
        let runner = RecordingRunner { command in
            command.arguments.contains("if=/dev/zero") && command.arguments.contains { $0.hasPrefix("of=/dev/shm") }
                ? CommandResult(status: 1, standardOutput: "", standardError: "dd: error writing: No space left on device")
                : CommandResult(status: 0, standardOutput: "", standardError: "")
        }
        let outcome = DMCryptCollector(settings: settings(folder), runner: runner).run(progress: { _ in },
                                                                                        interrupted: { false })
        XCTAssertTrue(outcome.diagnostics[0].message.contains("No space left on device"))
        XCTAssertEqual(runner.commands.count, 1)
        XCTAssertTrue(runner.commands[0].shellText.hasPrefix("dd if=/dev/zero of=/dev/shm/aesreport-"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: Self.backingFolder(runner)), "removed after the failure")
    }

    func testPrerequisitesNameWhatIsMissing() {
        let runner = RecordingRunner(missing: ["cryptsetup"]) { _ in
            CommandResult(status: 0, standardOutput: "", standardError: "")
        }
        var s = settings(folder)
        s.backingFolder = "/nonexistent-tmpfs"
        let missing = DMCryptCollector(settings: s, runner: runner).missingPrerequisites()
        XCTAssertTrue(missing.contains { $0.hasPrefix("cryptsetup is not installed") }, "\(missing)")
        XCTAssertTrue(missing.contains { $0.hasPrefix("/nonexistent-tmpfs does not exist") }, "\(missing)")
        if geteuid() != 0 { XCTAssertTrue(missing.contains { $0.hasPrefix("root is needed") }) }
    }

    func testFileSystemTypeOfAFolder() {
        XCTAssertEqual(DMCryptCollector.fileSystemType(of: "/proc/self"), "proc")
    }
}
