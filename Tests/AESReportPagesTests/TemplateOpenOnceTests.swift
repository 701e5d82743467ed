@testable import AESReportPages
import Foundation
import XCTest

/// Issue 25, item 3: `HTMLTemplates.load` checked a template's resolved path, then opened the path again: swapping
/// a link between the two put `/etc/shadow` lines into 34 of 150 pages. `templates DIR` read what was there through
/// links with no bound (a 600 MB sparse file: 635 MB of memory). Each file is now opened once, relative to the
/// folder's descriptor, `O_NOFOLLOW`, and read from that descriptor with the size bound.
final class TemplateOpenOnceTests: XCTestCase {
    private var folder: String!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-tpl-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/t", withIntermediateDirectories: true)
        try "SECRET-LINE".write(toFile: folder + "/secret", atomically: false, encoding: .utf8)
        try "<html>{{> style}}</html>".write(toFile: folder + "/t/report.html.mustache", atomically: false, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func testALinkSwappedWhileLoadingNeverPutsAnOutsideFileIntoTheTemplates() throws {
        let style = folder + "/t/style.mustache"
        try "body{}".write(toFile: folder + "/plain", atomically: false, encoding: .utf8)
        let stop = ManagedAtomicFlag()
        let base: String = folder
        // The attacker: `style.mustache` is, in turn, a plain file inside and a link to the secret outside.
        let swapper = Thread {
            var flip = false
            while !stop.isSet {
                let staged = base + "/t/.swap"
                unlink(staged)
                if flip {
                    _ = symlink(base + "/secret", staged)
                } else {
                    _ = link(base + "/plain", staged)
                }
                _ = rename(staged, style)
                flip.toggle()
            }
        }
        swapper.start()
        var loaded = 0
        var refused = 0
        for _ in 0..<150 {
            do {
                let templates = try HTMLTemplates.load(directory: folder + "/t")
                XCTAssertFalse(templates.texts.values.contains { $0.contains("SECRET") }, "the secret in a template")
                loaded += 1
            } catch {
                // Refused (a link outside, or the name changed between the open and the readlink): never read.
                XCTAssertTrue(error is HTMLTemplates.LoadError, "\(error)")
                XCTAssertFalse("\(error)".contains("SECRET"))
                refused += 1
            }
        }
        stop.set()
        while !swapper.isFinished { usleep(1000) }
        XCTAssertEqual(loaded + refused, 150)
    }

    func testALinkToAFileBesideItIsFollowedAndOthersAreRefused() throws {
        try "dark{}".write(toFile: folder + "/t/style-dark.mustache", atomically: false, encoding: .utf8)
        XCTAssertEqual(symlink("style-dark.mustache", folder + "/t/style.mustache"), 0)
        XCTAssertEqual(try HTMLTemplates.load(directory: folder + "/t").texts["style"], "dark{}")
        unlink(folder + "/t/style.mustache")
        for target in [folder + "/secret", "../secret", "sub/x.mustache"] {
            XCTAssertEqual(symlink(target, folder + "/t/style.mustache"), 0)
            XCTAssertThrowsError(try HTMLTemplates.load(directory: folder + "/t")) { error in
                XCTAssertTrue("\(error)".contains("outside the template folder: refused"), "\(error)")
            }
            unlink(folder + "/t/style.mustache")
        }
    }

    func testTemplatesExportReadsNothingThroughALinkAndReplacesItAtomically() throws {
        let out = folder + "/export"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        // A 600 MB sparse file linked at the page's name: not read (reading it cost 635 MB before).
        let sparse = folder + "/sparse"
        XCTAssertTrue(FileManager.default.createFile(atPath: sparse, contents: nil))
        XCTAssertEqual(truncate(sparse, 600 << 20), 0)
        XCTAssertEqual(symlink(sparse, out + "/report.html.mustache"), 0)
        XCTAssertThrowsError(try HTMLTemplates.export(to: out)) { error in
            XCTAssertTrue("\(error)".contains(out + "/report.html.mustache"), "a link differs: \(error)")
        }
        let actions = try HTMLTemplates.export(to: out, force: true)
        XCTAssertEqual(actions.first { $0.path.hasSuffix("/report.html.mustache") }?.action, .replaced)
        var info = stat()
        XCTAssertEqual(lstat(out + "/report.html.mustache", &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFREG, "the link replaced by a file, not written through")
        XCTAssertEqual(stat(sparse, &info), 0)
        XCTAssertEqual(info.st_size, 600 << 20, "the linked file untouched")
        XCTAssertEqual(try HTMLTemplates.export(to: out).allSatisfy { $0.action == .unchanged }, true)
    }
}

/// A flag two threads share.
private final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
