import AESReportIngest
import Foundation
import XCTest

/// An adversarial review (second local user): `report results/*` followed uid 4242's link in a shared folder to a
/// root-only folder, and root's page published its labels; a result file named on the command line that was her
/// link to /etc/shadow put shadow lines into index.html. Such links are refused now.
final class ForeignLinkInputTests: XCTestCase {
    func testAnotherUsersLinkNamedOnTheCommandLineIsNotFollowed() throws {
        try XCTSkipUnless(geteuid() == 0, "needs root to give a link to another user (CI runs as root)")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-foreign-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let secret = root.appendingPathComponent("secret/run")
        try FileManager.default.createDirectory(at: secret, withIntermediateDirectories: true)
        try "20+0 records in\n20+0 records out\n21474836480 bytes (21 GB) copied, 11.0533 s, 1.9 GB/s\n"
            .write(to: secret.appendingPathComponent("aes-xts-plain-read.txt"), atomically: true, encoding: .utf8)
        let shared = root.appendingPathComponent("results")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        let folderLink = shared.appendingPathComponent("mallory-host").path
        let fileLink = shared.appendingPathComponent("aes-cbc-plain-read.txt").path
        try FileManager.default.createSymbolicLink(atPath: folderLink, withDestinationPath: secret.deletingLastPathComponent().path)
        try FileManager.default.createSymbolicLink(atPath: fileLink,
                                                   withDestinationPath: secret.appendingPathComponent("aes-xts-plain-read.txt").path)
        XCTAssertEqual(lchown(folderLink, 4242, 4242), 0)
        XCTAssertEqual(lchown(fileLink, 4242, 4242), 0)
        for path in [folderLink, fileLink] {
            let found = RunDiscovery().discover(paths: [path])
            XCTAssertEqual(found.runs.count, 0, path)
            XCTAssertTrue(found.diagnostics.contains {
                $0.file == path && $0.severity == .error && $0.message.hasPrefix("a link owned by another user (uid 4242)")
            }, "\(found.diagnostics)")
        }
        // The running user's own link is followed as before.
        XCTAssertEqual(lchown(folderLink, 0, 0), 0)
        XCTAssertEqual(RunDiscovery().discover(paths: [folderLink]).runs.count, 1)
    }
}
