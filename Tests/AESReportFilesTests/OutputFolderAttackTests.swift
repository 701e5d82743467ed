@testable import AESReportFiles
import Foundation
import XCTest

/// The writer against the attacks of the review after issue 12 (defects 3, 4, 5, 6, 10). Run as root, the tests
/// hand files to the users alice and mallory (or any other uid) as the attacker would own them.
final class OutputFolderAttackTests: XCTestCase {
    private var base: String!
    private var folder: String!

    override func setUpWithError() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-attack-\(UUID().uuidString)").path
        folder = base + "/shared"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        chmod(folder, 0o1777)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: base)
    }

    /// Another user's uid (alice's or mallory's where they exist); skipped unless root, who can hand files over.
    private func otherUser(_ name: String) throws -> uid_t {
        guard geteuid() == 0 else { throw XCTSkip("needs root to create files of another user") }
        return getpwnam(name)?.pointee.pw_uid ?? 4242
    }

    private func plant(_ name: String, _ text: String = "x", owner: uid_t, mode: mode_t = 0o644) throws {
        try text.write(toFile: folder + "/" + name, atomically: false, encoding: .utf8)
        XCTAssertEqual(chown(folder + "/" + name, owner, owner), 0)
        XCTAssertEqual(chmod(folder + "/" + name, mode), 0)
    }

    /// Defect 3: in a shared sticky folder, other users' files are never removed: not as "stale temporaries"
    /// (`.thesis.tmp-4000000`, `.aesreport-tmp-alice-draft`, even `.aesreport-tmp-<dead pid>-<hex>` of alice), not
    /// as names in a listing alice wrote, not as names in our own listing. Our own dead temporaries and our own
    /// stale charts go.
    func testOnlyOwnFilesOfTheToolsOwnNamesAreRemoved() throws {
        let alice = try otherUser("alice")
        try plant(".thesis.tmp-4000000", owner: alice)
        try plant(".aesreport-tmp-alice-draft", owner: alice)
        try plant(".aesreport-tmp-4000000-abc", owner: alice)
        try plant("alice-notes.md", owner: alice)
        try plant("read-alice.png", owner: alice)
        try plant(".aesreport-tmp-4000000-dead1", owner: geteuid())
        try plant(".aesreport-tmp-\(getpid())x-1", owner: geteuid())
        // A listing alice wrote, naming her files and ours.
        try plant(OutputFolder.listingName, "alice-notes.md\nread-alice.png\nindex.html\nmy-notes.md\n", owner: alice)
        try plant("my-notes.md", owner: geteuid())
        do {
            let run = try OutputFolder(path: folder, listing: true)
            try run.stage("summary.json", bytes: [1])
            XCTAssertEqual(run.commit().removed, [], "alice's listing is not trusted")
        }
        var info = stat()
        XCTAssertEqual(lstat(folder + "/" + OutputFolder.listingName, &info), 0)
        XCTAssertEqual(info.st_uid, geteuid(), "the listing is ours now, not alice's")
        // Our own listing, with names alice wants gone added (as if she could write it): only our chart goes.
        try "alice-notes.md\nread-alice.png\nmy-notes.md\nread-old.png\n".write(
            toFile: folder + "/" + OutputFolder.listingName, atomically: false, encoding: .utf8)
        try plant("read-old.png", owner: geteuid())
        let second = try OutputFolder(path: folder, listing: true)
        try second.stage("summary.json", bytes: [2])
        XCTAssertEqual(second.commit().removed, ["read-old.png"])
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
        for kept in [".thesis.tmp-4000000", ".aesreport-tmp-alice-draft", ".aesreport-tmp-4000000-abc", "alice-notes.md",
                     "read-alice.png", "my-notes.md", ".aesreport-tmp-\(getpid())x-1"] {
            XCTAssertTrue(left.contains(kept), kept)
        }
        XCTAssertFalse(left.contains(".aesreport-tmp-4000000-dead1"), "our own temporary of a dead run stays")
        XCTAssertFalse(OutputFolder.isReportName("alice-notes.md"))
        XCTAssertTrue(OutputFolder.isReportName("speedup-host-a_0123456789ab.svg"))
    }

    /// Defect 4: files mallory planted (summary.json 0666, index.html 4777) are replaced by root's own files with
    /// the usual mode; our own file keeps its permission bits but never setuid/setgid/sticky.
    func testAnotherUsersFileIsReplacedByOursWithTheUsualMode() throws {
        let mallory = try otherUser("mallory")
        try plant("summary.json", owner: mallory, mode: 0o666)
        try plant("index.html", owner: mallory, mode: 0o4777)
        try plant("summary.md", owner: geteuid(), mode: 0o4750)
        let mask = umask(0)
        umask(mask)
        let run = try OutputFolder(path: folder, listing: true)
        for name in ["summary.json", "index.html", "summary.md"] { try run.stage(name, bytes: [1]) }
        XCTAssertEqual(run.commit().written.count, 3)
        var info = stat()
        for name in ["summary.json", "index.html"] {
            XCTAssertEqual(lstat(folder + "/" + name, &info), 0)
            XCTAssertEqual(info.st_uid, geteuid(), name)
            XCTAssertEqual(info.st_mode & 0o7777, 0o666 & ~mask, name)
        }
        XCTAssertEqual(lstat(folder + "/summary.md", &info), 0)
        XCTAssertEqual(info.st_mode & 0o7777, 0o750)
    }

    /// A folder another user made at the lock's name (`mkdir -p .aesreport.lock/x`) stopped every root run into the
    /// folder (found by an adversarial review): it is moved aside, kept with what it holds, and the run goes on.
    func testAFolderPlantedAtTheLocksNameIsMovedAsideAndDoesNotStopTheRun() throws {
        let mallory = try otherUser("mallory")
        let planted = folder + "/" + OutputFolder.lockName
        try FileManager.default.createDirectory(atPath: planted + "/x", withIntermediateDirectories: true)
        XCTAssertEqual(chown(planted + "/x", mallory, mallory), 0)
        XCTAssertEqual(chown(planted, mallory, mallory), 0)
        let run = try OutputFolder(path: folder, listing: true)
        try run.stage("summary.json", bytes: [1])
        XCTAssertEqual(run.commit().written, ["summary.json"])
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        let aside = try XCTUnwrap(names.first { $0.hasPrefix(OutputFolder.lockName + ".foreign-\(mallory)-") }, "\(names)")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder + "/" + aside), ["x"], "hers, kept")
    }

    /// Defect 5: on a full disk, a file that fails gives its blocks back, so a smaller one after it is written.
    func testAFileThatFillsTheDiskDoesNotKeepTheOthersOut() throws {
        guard geteuid() == 0 else { throw XCTSkip("needs root to mount a small tmpfs") }
        let small = base + "/small"
        try FileManager.default.createDirectory(atPath: small, withIntermediateDirectories: true)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=400k", "tmpfs", small]
        try mount.run()
        mount.waitUntilExit()
        guard mount.terminationStatus == 0 else { throw XCTSkip("mount -t tmpfs is not allowed here") }
        defer {
            let umount = Process()
            umount.executableURL = URL(fileURLWithPath: "/bin/umount")
            umount.arguments = [small]
            try? umount.run()
            umount.waitUntilExit()
        }
        let run = try OutputFolder(path: small, listing: true)
        XCTAssertThrowsError(try run.stage("index.html", bytes: [UInt8](repeating: 0x41, count: 931 * 1024)))
        try run.stage("summary.md", bytes: [UInt8](repeating: 0x42, count: 14 * 1024))
        let result = run.commit()
        XCTAssertEqual(result.written, ["summary.md"])
        XCTAssertEqual(result.failed.map(\.name), ["index.html"])
    }

    /// Defect 6: another user's link on the way to the output folder is not followed (root would write where it
    /// points); the running user's own link is; a subfolder the tool makes never follows a link.
    func testAnotherUsersLinkOnTheWayIsNotFollowed() throws {
        let mallory = try otherUser("mallory")
        let victim = base + "/victimdir"
        try FileManager.default.createDirectory(atPath: victim, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/lnk", withDestinationPath: victim)
        XCTAssertEqual(lchown(folder + "/lnk", mallory, mallory), 0)
        XCTAssertThrowsError(try OutputFolder(path: folder + "/lnk/out")) { error in
            XCTAssertTrue("\(error)".contains("symbolic link of another user"), "\(error)")
        }
        XCTAssertThrowsError(try OutputFolder(path: folder + "/lnk"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: victim), [])
        try FileManager.default.createSymbolicLink(atPath: folder + "/mine", withDestinationPath: victim)
        let mine = try OutputFolder(path: folder + "/mine/out", lock: false)
        try mine.stage("summary.json", bytes: [1])
        XCTAssertEqual(mine.commit().written, ["summary.json"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: victim + "/out/summary.json"), "our own link is followed")
        try FileManager.default.createSymbolicLink(atPath: folder + "/with-aesni", withDestinationPath: victim)
        let top = try OutputFolder(path: folder, lock: false)
        XCTAssertThrowsError(try OutputFolder(in: top, name: "with-aesni"))
    }

    /// Defect 6: `..` after a link is the link target's parent, as the kernel reads it: `x/lnk/../out` with lnk
    /// pointing into the input is inside the input.
    func testDotDotAfterALinkIsResolvedAsTheKernelDoes() throws {
        let input = base + "/t1/in"
        try FileManager.default.createDirectory(atPath: input + "/guest-aesni", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: base + "/t1/x", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: base + "/t1/x/lnk", withDestinationPath: input + "/guest-aesni")
        XCTAssertEqual(OutputLocation.resolved(base + "/t1/x/lnk/../out"), URL(fileURLWithPath: input).resolvingSymlinksInPath().path + "/out")
        XCTAssertEqual(OutputLocation.inputContaining(output: base + "/t1/x/lnk/../out", inputs: [input]), input)
        XCTAssertNil(OutputLocation.inputContaining(output: base + "/t1/x/out", inputs: [input]))
    }

    /// Defect 10: a lock another process holds is waited for only up to the timeout, then an error names it.
    func testALockHeldPastTheTimeoutIsAnErrorNamingTheHolder() throws {
        let holder = try OutputFolder(path: folder)
        var said: [String] = []
        let started = Date()
        XCTAssertThrowsError(try OutputFolder(path: folder, lockTimeout: 0.3) { said.append($0) }) { error in
            XCTAssertTrue("\(error)".contains("is locked by pid \(getpid())"), "\(error)")
            XCTAssertTrue("\(error)".contains("--lock-timeout"), "\(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        XCTAssertTrue(said.first?.contains("at most 0.3 s") == true, "\(said)")
        _ = holder
    }

    /// A run that gave up waiting removed the holder's lock file on its way out (its deinit took the file for its
    /// own): a third run then made a new one, locked it at once and wrote beside the holder (found by
    /// CollectVMSignalTests: two `collect vm` into one folder). The holder's file stays, and the third run waits too.
    func testARunThatGivesUpLeavesTheHoldersLockFileInPlace() throws {
        let holder = try OutputFolder(path: folder)
        var held = stat()
        XCTAssertEqual(lstat(folder + "/" + OutputFolder.lockName, &held), 0)
        XCTAssertThrowsError(try OutputFolder(path: folder, lockTimeout: 0))
        var after = stat()
        XCTAssertEqual(lstat(folder + "/" + OutputFolder.lockName, &after), 0, "the holder's lock file is still there")
        XCTAssertEqual(after.st_ino, held.st_ino, "and it is the same file")
        XCTAssertThrowsError(try OutputFolder(path: folder, lockTimeout: 0), "a third run does not get the lock")
        _ = holder
    }
}
