@testable import AESReportFiles
import Foundation
import XCTest

/// Issue 25, item 2: the output lock was a `flock` on the folder itself, so any user who could open the folder
/// read-only held it, and every root `report` or `collect` into it waited 60 s and failed, for as long as she liked.
/// The lock is now `.aesreport.lock`, a regular file of the running user with one link, opened `O_NOFOLLOW`; what
/// another user puts at that name is replaced (by root) or refused with the reason (by a user who cannot remove it),
/// never locked.
///
/// The second user is a process run as uid 4242 by `setpriv` (root only; CI runs as root): it takes its lock, says
/// `held`, and keeps it until the test kills it.
final class LockOwnershipTests: XCTestCase {
    private static let otherUID: uid_t = 4242
    private var base: String!
    private var folder: String!
    /// Process groups of the other user's holders (flock and its shell), killed whole at the end.
    private var holders: [pid_t] = []

    override func setUpWithError() throws {
        guard geteuid() == 0 else { throw XCTSkip("needs root to run a process as another user") }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
              FileManager.default.isExecutableFile(atPath: "/usr/bin/flock") else {
            throw XCTSkip("needs setpriv and flock (util-linux)")
        }
        base = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-lock-\(UUID().uuidString)").path
        folder = base + "/shared"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        chmod(base, 0o755)
        chmod(folder, 0o1777) // a shared sticky folder, as /tmp: the other user can create files in it
    }

    override func tearDownWithError() throws {
        for holder in holders {
            kill(-holder, SIGKILL)
            var status: Int32 = 0
            while waitpid(holder, &status, 0) < 0 && errno == EINTR {}
        }
        if let base { try? FileManager.default.removeItem(atPath: base) }
    }

    /// Runs `flock ARGUMENTS... sh -c 'echo held; sleep 600'` as the other user, in a process group of its own,
    /// and returns once it holds the lock (it says so on a pipe whose write end only it keeps).
    private func holdAsOtherUser(_ arguments: [String]) throws {
        var pipeEnds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&pipeEnds), 0)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
        posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        let argv = ["/usr/bin/setpriv", "--reuid", "\(Self.otherUID)", "--regid", "\(Self.otherUID)", "--clear-groups",
                    "/usr/bin/flock"] + arguments + ["sh", "-c", "echo held; exec sleep 600"]
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, &attributes, &cArguments, environ)
        close(pipeEnds[1])
        defer { close(pipeEnds[0]) }
        XCTAssertEqual(spawned, 0)
        guard spawned == 0 else { return }
        holders.append(pid)
        var said = [UInt8](repeating: 0, count: 5)
        var count = 0
        while count < 5 {
            let n = said.withUnsafeMutableBytes { read(pipeEnds[0], $0.baseAddress! + count, 5 - count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            count += n
        }
        XCTAssertEqual(String(decoding: said[..<count], as: UTF8.self), "held\n", "the other user holds the lock")
    }

    private func owner(_ path: String) -> (uid: uid_t, mode: mode_t, links: Int)? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return (info.st_uid, info.st_mode, Int(info.st_nlink))
    }

    func testALockOnTheFolderItselfByAnotherUserDoesNotStopRoot() throws {
        // The review's attack: `flock -s FOLDER` as another user (read-only access is enough).
        try holdAsOtherUser(["-s", folder])
        do {
            let run = try OutputFolder(path: folder, lockTimeout: 0.2)
            try run.stage("summary.json", bytes: [1])
            XCTAssertEqual(run.commit().written, ["summary.json"])
            let lock = try XCTUnwrap(owner(folder + "/" + OutputFolder.lockName))
            XCTAssertEqual(lock.uid, 0)
            XCTAssertEqual(lock.mode & 0o7777, 0o600)
            withExtendedLifetime(run) {}
        }
        XCTAssertNil(owner(folder + "/" + OutputFolder.lockName), "the lock file goes with the run")
    }

    func testALockFileOfAnotherUserIsReplacedByOursNotWaitedFor() throws {
        // She creates `.aesreport.lock` herself in the shared folder and holds a lock on it.
        try holdAsOtherUser(["-x", folder + "/" + OutputFolder.lockName])
        XCTAssertEqual(owner(folder + "/" + OutputFolder.lockName)?.uid, Self.otherUID)
        let run = try OutputFolder(path: folder, lockTimeout: 0.2)
        let lock = try XCTUnwrap(owner(folder + "/" + OutputFolder.lockName))
        XCTAssertEqual(lock.uid, 0, "ours now")
        XCTAssertEqual(lock.links, 1)
        // And a second run of ours waits for the first, as before.
        XCTAssertThrowsError(try OutputFolder(path: folder, lockTimeout: 0.1)) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(folder!) is locked by pid \(getpid())"), "\(error)")
        }
        _ = run
    }

    func testALinkOrAHardLinkAtTheLockNameIsReplacedAndWhatItNamesIsUntouched() throws {
        let target = base + "/precious"
        try "precious".write(toFile: target, atomically: false, encoding: .utf8)
        chmod(target, 0o666)
        for plant in ["symlink", "hardlink", "fifo", "folder"] {
            let lockPath = folder + "/" + OutputFolder.lockName
            switch plant {
            case "symlink": XCTAssertEqual(symlink(target, lockPath), 0)
            case "hardlink": XCTAssertEqual(link(target, lockPath), 0)
            case "fifo": XCTAssertEqual(mkfifo(lockPath, 0o666), 0)
            default: XCTAssertEqual(mkdir(lockPath, 0o777), 0)
            }
            if plant == "folder" {
                // A folder cannot be unlinked: moved aside (kept, with what it holds) and the lock taken.
                let run = try OutputFolder(path: folder, lockTimeout: 0.1)
                let names = try FileManager.default.contentsOfDirectory(atPath: folder)
                let aside = try XCTUnwrap(names.first { $0.hasPrefix(OutputFolder.lockName + ".foreign-") }, "\(names)")
                _ = run
                rmdir(folder + "/" + aside)
                continue
            }
            do {
                let run = try OutputFolder(path: folder, lockTimeout: 0.1)
                let lock = try XCTUnwrap(owner(lockPath))
                XCTAssertEqual(lock.mode & S_IFMT, S_IFREG, plant)
                XCTAssertEqual(lock.uid, 0, plant)
                XCTAssertEqual(lock.links, 1, plant)
                withExtendedLifetime(run) {}
            }
            XCTAssertNil(owner(lockPath), plant)
            XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "precious", plant)
            XCTAssertEqual(owner(target)?.links, 1, "\(plant): the other name is gone, the file kept")
        }
    }
}
