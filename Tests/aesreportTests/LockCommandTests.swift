import Foundation
import XCTest

/// Issue 25, item 2, through the built binary and two users (root, and uid 4242 run by `setpriv`; CI runs as
/// root). The review's attack: `flock -s OUT sleep ...` by another user made every root `report -o OUT` wait 60 s
/// and fail. The lock is now `.aesreport.lock`, a file the running user owns: root writes regardless, and a user
/// who meets a lock file she cannot replace is told why instead of waiting.
final class LockCommandTests: CommandLineTestCase {
    private static let otherUID = "4242"
    private var holders: [pid_t] = []

    override func setUpWithError() throws {
        guard geteuid() == 0 else { throw XCTSkip("needs root to run processes as another user") }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
              FileManager.default.isExecutableFile(atPath: "/usr/bin/flock") else { throw XCTSkip("needs util-linux") }
        try super.setUpWithError()
        chmod(folder.path, 0o1777) // shared, sticky: as /tmp
    }

    override func tearDownWithError() throws {
        for holder in holders {
            kill(-holder, SIGKILL)
            var status: Int32 = 0
            while waitpid(holder, &status, 0) < 0 && errno == EINTR {}
        }
        try super.tearDownWithError()
    }

    /// Runs `arguments` as the other user in a process group of its own; with `untilSaid`, returns once its output
    /// says so (its stdout is a pipe whose write end only it keeps). Returns the exit status when it is waited for.
    @discardableResult
    private func asOtherUser(_ arguments: [String], untilSaid: String? = nil) throws -> (status: Int32, output: String) {
        var ends: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&ends), 0)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
        posix_spawn_file_actions_adddup2(&actions, ends[1], 2)
        posix_spawn_file_actions_addclose(&actions, ends[0])
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        let argv = ["/usr/bin/setpriv", "--reuid", Self.otherUID, "--regid", Self.otherUID, "--clear-groups"] + arguments
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, &attributes, &cArguments, environ)
        close(ends[1])
        defer { close(ends[0]) }
        guard spawned == 0 else { throw POSIXError(.init(rawValue: spawned) ?? .EIO) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while untilSaid.map({ !String(decoding: output, as: UTF8.self).contains($0) }) ?? true {
            let n = chunk.withUnsafeMutableBytes { read(ends[0], $0.baseAddress!, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            output += chunk[..<n]
        }
        if untilSaid != nil {
            holders.append(pid)
            return (0, String(decoding: output, as: UTF8.self))
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return ((status >> 8) & 0xff, String(decoding: output, as: UTF8.self))
    }

    /// Root holding the folder's lock as a run would: `.aesreport.lock` of root, locked, until the test ends.
    private func setpriv0Holder() throws -> Int32 {
        let fd = open(path(".aesreport.lock"), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        XCTAssertGreaterThanOrEqual(fd, 0)
        XCTAssertEqual(flock(fd, LOCK_EX), 0)
        addTeardownBlock { close(fd) }
        return fd
    }

    private let sample = HTMLReportTests.repository.appendingPathComponent("SampleData/broadwell-e5-2699v4").path

    func testALockHeldByAnotherUserOnTheOutputFolderDoesNotStopRoot() throws {
        let out = path("out")
        XCTAssertEqual(mkdir(out, 0o755), 0)
        // Her read-only lock on the folder, and her own `.aesreport.lock` beside it (the sticky folder lets her make
        // one in `folder`; in `out` root made it 0755, so she locks the folder itself).
        try asOtherUser(["/usr/bin/flock", "-s", out, "sh", "-c", "echo held; exec sleep 600"], untilSaid: "held")
        try asOtherUser(["/usr/bin/flock", "-x", path(".aesreport.lock"), "sh", "-c", "echo held; exec sleep 600"],
                        untilSaid: "held")
        for target in [out, folder.path] {
            let result = try aesreport(["report", sample, "-o", target, "--lock-timeout", "1", "--quiet"])
            XCTAssertEqual(result.status, 0, "\(target): \(result.stderr)")
            XCTAssertFalse(result.stderr.contains("locked"), result.stderr)
            XCTAssertTrue(FileManager.default.fileExists(atPath: target + "/index.html"))
            var info = stat()
            XCTAssertNotEqual(lstat(target + "/.aesreport.lock", &info), 0, "her lock file replaced, then ours removed")
        }
    }

    func testAUserWhoCannotReplaceRootsLockFileIsToldWhyAtOnce() throws {
        // Root's run holds the folder (a `collect` into it, say) while she runs `report` into it.
        let roots = try setpriv0Holder()
        defer { withExtendedLifetime(roots) {} }
        let result = try asOtherUser([HTMLReportTests.binary.path, "report", sample, "-o", folder.path,
                                      "--lock-timeout", "600", "--quiet"])
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.output.contains("\(folder.path) is locked by a lock file of root that is not ours and "
                                             + "cannot be removed (\(folder.path)/.aesreport.lock: Operation not "
                                             + "permitted); remove it, or write elsewhere"), result.output)
    }
}
