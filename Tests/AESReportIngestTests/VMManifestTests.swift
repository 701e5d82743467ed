import AESReportIngest
import AESReportModel
import XCTest

/// The manifest keys `collect vm` writes: how the guest ran, carried on the run.
final class VMManifestTests: XCTestCase {
    func testAcceleratorAndCPUModelAreReadAndTheOtherVMKeysAreKnown() {
        let text = """
        # written by aesreport collect vm
        label = guest without AES-NI, -cpu qemu64
        accelerator = tcg    # QEMU's emulated CPU
        cpu_model = qemu64,+ssse3,+sse4.1,+sse4.2
        guest_kernel = 6.1.0-56-amd64 (/boot/vmlinuz-6.1.0-56-amd64)
        qemu = QEMU emulator version 7.2.22
        collector = aesreport collect dmcrypt -o /r/no-aesni
        """
        let (manifest, diagnostics) = RunManifest.parse(text: text, path: "m")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(manifest.accelerator, .tcg)
        XCTAssertEqual(manifest.accelerationLine, 3)
        XCTAssertEqual(manifest.cpuModel, "qemu64,+ssse3,+sse4.1,+sse4.2")
        XCTAssertNil(manifest.aesni, "the state is the guest's cpuinfo's to say")
    }

    func testAnUnknownAcceleratorIsAWarningAndIgnored() {
        let (manifest, diagnostics) = RunManifest.parse(text: "accelerator = hvf\n", path: "m")
        XCTAssertNil(manifest.accelerator)
        XCTAssertEqual(diagnostics.map(\.message), ["accelerator must be kvm or tcg, found 'hvf'; ignored"])
        XCTAssertEqual(diagnostics.map(\.severity), [.warning])
    }
}
