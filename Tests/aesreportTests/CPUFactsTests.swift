import Foundation
import XCTest

/// Guest yes / no / unknown and features n/a, as `cpuinfo`, `runs`, the page and summary.json show them, from real
/// dumps: an aarch64 QEMU guest (no evidence either way), this machine's x86 KVM guest, a flagless grep fragment.
final class CPUFactsTests: XCTestCase {
    private static let cpuinfo = HTMLReportTests.repository
        .appendingPathComponent("Tests/AESReportIngestTests/Fixtures/cpuinfo").path

    private func run(_ arguments: [String]) throws -> HTMLReportTests.Output {
        try HTMLReportTests.run(HTMLReportTests.binary.path, arguments)
    }

    private func row(_ name: String, in text: String) -> String? {
        text.split(separator: "\n").first { $0.hasPrefix(name + " ") }
            .map { $0.dropFirst(name.count).trimmingCharacters(in: .whitespaces) }
    }

    func testCPUInfoOfARealAarch64QEMUGuestSaysUnknownAndNotApplicable() throws {
        let result = try run(["cpuinfo", Self.cpuinfo + "/real-proc-cpuinfo-aarch64-qemu-a57.txt"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(row("guest", in: result.stdout),
                       "unknown (aarch64/ARM has no hypervisor flag and no lscpu or DMI line names a hypervisor)")
        XCTAssertEqual(row("AVX", in: result.stdout), "n/a")
        XCTAssertEqual(row("XSAVES", in: result.stdout), "n/a")
        XCTAssertEqual(row("RDRAND", in: result.stdout), "n/a")
        XCTAssertEqual(row("AES", in: result.stdout), "yes")
        XCTAssertEqual(row("VAES / SVE2-AES", in: result.stdout), "no")
        XCTAssertEqual(row("SHA", in: result.stdout), "sha1 sha2")
    }

    func testCPUInfoJSONCarriesTheTriStateAndNullForUnknown() throws {
        let result = try run(["cpuinfo", "--json", Self.cpuinfo + "/real-proc-cpuinfo-aarch64-qemu-a57.txt"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["guest"] as? String, "unknown")
        XCTAssertTrue(json["isGuest"] is NSNull, "unknown is null, not false")
        let features = try XCTUnwrap(json["features"] as? [String: [String: Any]])
        XCTAssertEqual(features["avx"]?["value"] as? String, "n/a")
        XCTAssertEqual(features["aes"]?["value"] as? String, "yes")
        XCTAssertEqual(features["sha"]?["flags"] as? [String], ["sha1", "sha2"])
        let x86 = try run(["cpuinfo", "--json", Self.cpuinfo + "/real-proc-cpuinfo-x86-xeon-guest.txt"])
        let guest = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(x86.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(guest["guest"] as? String, "yes")
        XCTAssertEqual(guest["isGuest"] as? Bool, true)
        XCTAssertEqual(guest["guestEvidence"] as? String, "hypervisor flag")
    }

    func testCPUInfoOfThisMachineAndItsLscpuSayGuest() throws {
        let proc = try run(["cpuinfo", Self.cpuinfo + "/real-proc-cpuinfo-x86-xeon-guest.txt"])
        XCTAssertEqual(row("guest", in: proc.stdout), "yes (hypervisor flag)")
        XCTAssertEqual(row("AVX-512", in: proc.stdout), "bitalg vbmi2 vnni vpopcntdq bw cd dq f ifma vbmi vl")
        let lscpu = try run(["cpuinfo", Self.cpuinfo + "/real-lscpu-x86-xeon-guest.txt"])
        XCTAssertEqual(row("guest", in: lscpu.stdout), "yes (KVM)")
        let host = try run(["cpuinfo", HTMLReportTests.repository.path + "/SampleData/broadwell-e5-2699v4/cpuinfo-host.txt"])
        XCTAssertEqual(row("guest", in: host.stdout), "no (no hypervisor flag in the x86 flag list)")
    }

    func testAFragmentWithoutFlagsIsAnErrorThatSaysUnknown() throws {
        let path = Self.cpuinfo + "/real-grep-model-x86-xeon-guest.txt"
        let result = try run(["cpuinfo", path])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdout, "")
        XCTAssertTrue(result.stderr.contains(path + ": error: no 'flags' or 'Features' line found: not a CPU "
                                             + "description, its features and guest status are unknown"), result.stderr)
    }

    func testHostGuestDiffShowsNotApplicableAndTheGuestRow() throws {
        let result = try run(["cpuinfo", HTMLReportTests.repository.path + "/SampleData/broadwell-e5-2699v4/cpuinfo-host.txt",
                              Self.cpuinfo + "/real-proc-cpuinfo-aarch64-qemu-a57.txt"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("ARM Cortex-A57, guest unknown\n"), result.stdout)
        XCTAssertEqual(row("pmull", in: result.stdout), "n/a    yes")
        XCTAssertEqual(row("avx", in: result.stdout), "yes    n/a")
        XCTAssertEqual(row("guest", in: result.stdout), "no     unknown")
    }

    /// A run measured in an aarch64 QEMU guest, its real cpuinfo beside the dd logs.
    func testRunsPageAndSummaryJSONShowAnAarch64GuestAsUnknown() throws {
        let tree = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-arm-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tree) }
        let round = "20+0 records in\n20+0 records out\n21474836480 bytes (21 GB) copied, 10.2345 s, 2.1 GB/s\n"
        for (run, seconds) in [("with-aesni", ["10.2345", "10.1"]), ("no-aesni", ["15.2", "15.4"])] {
            let folder = tree.appendingPathComponent("armhost").appendingPathComponent(run)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let text = seconds.map { round.replacingOccurrences(of: "10.2345", with: $0) }.joined()
            try Data(text.utf8).write(to: folder.appendingPathComponent("aes-xts-plain-read.txt"))
        }
        try FileManager.default.copyItem(
            atPath: Self.cpuinfo + "/real-proc-cpuinfo-aarch64-qemu-a57.txt",
            toPath: tree.appendingPathComponent("armhost/with-aesni/cpuinfo.txt").path)

        let runs = try run(["runs", tree.path])
        XCTAssertEqual(runs.status, 0, runs.stderr)
        XCTAssertTrue(runs.stdout.contains("    CPU: ARM Cortex-A57, guest unknown, aes yes\n"), runs.stdout)

        let out = try HTMLReportTests.report([tree.path])
        defer { try? FileManager.default.removeItem(at: out) }
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<td title=\"aarch64/ARM has no hypervisor flag and no lscpu or DMI line names a "
                                    + "hypervisor\">unknown (guest or host)</td>"), "the machines table's kind")
        XCTAssertTrue(html.contains("<tr><th scope=\"row\">AVX</th><td class=\"na\" title=\"n/a\">n/a</td></tr>"))
        XCTAssertTrue(html.contains("<tr><th scope=\"row\">AES</th><td class=\"yes\" title=\"aes\">✓</td></tr>"))
        XCTAssertTrue(html.contains("<tr><th scope=\"row\">VAES / SVE2-AES</th><td class=\"no\" title=\"absent\">–</td></tr>"))

        let summary = try JSONSerialization.jsonObject(
            with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as? [String: Any]
        let cpus = try XCTUnwrap(summary?["runs"] as? [[String: Any]]).compactMap { $0["cpu"] as? [String: Any] }
        XCTAssertEqual(cpus.count, 1)
        XCTAssertTrue(cpus[0]["is_guest"] is NSNull, "unknown is null in summary.json")
        XCTAssertEqual(cpus[0]["guest_evidence"] as? String,
                       "aarch64/ARM has no hypervisor flag and no lscpu or DMI line names a hypervisor")
    }
}
