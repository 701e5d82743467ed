import AESReportFiles
import Foundation
import XCTest

/// Issue 25, item 4: nothing locked `collect vm`'s folder on the host, so two `collect vm --replace` into one folder
/// left `with-aesni` from one run and `no-aesni` from the other. The folder is now locked for the whole command,
/// before `--replace` removes anything: a second run waits (`--lock-timeout`), then fails naming the holder, and
/// removes nothing. No guest is booted here: the lock is taken before the first one.
final class CollectVMLockTests: CommandLineTestCase {
    func testASecondCollectVMIntoAHeldFolderFailsCleanlyAndRemovesNothing() throws {
        let out = path("vm")
        let earlier = out + "/with-aesni/aes-xts-plain64-read.txt"
        try FileManager.default.createDirectory(atPath: out + "/with-aesni", withIntermediateDirectories: true)
        try "20+0 records in\n".write(toFile: earlier, atomically: false, encoding: .utf8)
        // The first run, holding the folder (as a `collect vm` does while its guests run).
        let first = try OutputFolder(path: out)
        let second = try aesreport(["collect", "vm", "-o", out, "--replace", "--lock-timeout", "0", "--quiet"])
        withExtendedLifetime(first) {}
        XCTAssertEqual(second.status, 1, second.stderr)
        if second.stderr.contains("cannot run the guests") {
            throw XCTSkip("no guest kernel here: \(second.stderr)")
        }
        XCTAssertTrue(second.stderr.contains("error: \(out) is locked by pid \(getpid())"), second.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: earlier), "--replace removed nothing under the lock")
    }
}
