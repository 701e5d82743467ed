#if canImport(Glibc)
import Glibc
#endif
import AESReportModel
import Foundation

/// A program to run, with its arguments and the environment variables it gets on top of ours.
public struct ExternalCommand: Sendable, Equatable {
    public var executable: String
    public var arguments: [String]
    public var environment: [String: String]

    public init(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
    }

    /// The command as a shell line a person can paste: `OPENSSL_ia32cap='~0x200000200000000' openssl speed ...`.
    public var shellText: String {
        let assignments = environment.keys.sorted().map { "\($0)=\(Self.quoted(environment[$0]!))" }
        return (assignments + ([executable] + arguments).map(Self.quoted)).joined(separator: " ")
    }

    /// Single-quotes a word when the shell would otherwise read it differently (`ShellWord.quoted`).
    public static func quoted(_ word: String) -> String { ShellWord.quoted(word) }
}

/// What a finished command printed and how it ended.
public struct CommandResult: Sendable, Equatable {
    public var status: Int32
    public var standardOutput: String
    public var standardError: String

    public init(status: Int32, standardOutput: String, standardError: String) {
        self.status = status
        self.standardOutput = standardOutput
        self.standardError = standardError
    }
}

/// Runs external commands. The collectors take one, so tests can stand in for openssl or cryptsetup.
public protocol CommandRunner: Sendable {
    /// Runs `command` to its end. Throws only when it cannot be started.
    func run(_ command: ExternalCommand) throws -> CommandResult
    /// Runs `command` to its end even when an interrupt came: cleanup (`cryptsetup close`, `rmmod`) must not be
    /// cut off by the Ctrl-C that started it. The child is not published for the signal handler.
    func runToCompletion(_ command: ExternalCommand) throws -> CommandResult
    /// The full path of `program` on PATH, or nil.
    func locate(_ program: String) -> String?
}

extension CommandRunner {
    public func runToCompletion(_ command: ExternalCommand) throws -> CommandResult { try run(command) }
}

/// Why a command could not be started.
public struct CommandStartError: Error, CustomStringConvertible, Equatable {
    public var command: String
    public var reason: String
    public var description: String { "cannot run \(command): \(reason)" }
}

/// The child process that runs at this moment (0: none), for the tool's signal handler to forward SIGINT and
/// SIGTERM to it. Written only by `SystemCommandRunner`, one child at a time; read in a signal handler.
public enum RunningChild {
    nonisolated(unsafe) public static var pid: Int32 = 0
}

/// Runs commands as child processes (Foundation's `Process`), output captured whole. The running child is
/// published in `RunningChild`, so a signal handler can forward Ctrl-C to it; `interrupted` covers a signal that
/// came before it was published (the child is then sent SIGTERM). A child that a signal ended has status 128 + the
/// signal's number, as in the shell.
public struct SystemCommandRunner: CommandRunner {
    let interrupted: @Sendable () -> Bool

    public init(interrupted: @escaping @Sendable () -> Bool = { false }) {
        self.interrupted = interrupted
    }

    public func locate(_ program: String) -> String? {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) ? program : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"
        let folders = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin"]
        return folders.map { $0 + "/" + program }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public func run(_ command: ExternalCommand) throws -> CommandResult {
        try run(command, interruptible: true)
    }

    public func runToCompletion(_ command: ExternalCommand) throws -> CommandResult {
        try run(command, interruptible: false)
    }

    func run(_ command: ExternalCommand, interruptible: Bool) throws -> CommandResult {
        guard let executable = locate(command.executable) else {
            throw CommandStartError(command: command.executable, reason: "not found on PATH")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = command.arguments
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in command.environment { environment[key] = value }
        process.environment = environment
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw CommandStartError(command: command.shellText, reason: error.localizedDescription)
        }
        if interruptible {
            RunningChild.pid = process.processIdentifier
            if interrupted() { kill(process.processIdentifier, SIGTERM) }
        }
        defer { if interruptible { RunningChild.pid = 0 } }
        // Read both pipes while the child runs, so neither can fill up and block it.
        let errorData = DataBox()
        let errorRead = DispatchSemaphore(value: 0)
        let errorHandle = error.fileHandleForReading
        Thread {
            errorData.data = errorHandle.readDataToEndOfFile()
            errorRead.signal()
        }.start()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        errorRead.wait()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus
            : process.terminationStatus
        return CommandResult(status: status,
                             standardOutput: String(decoding: outputData, as: UTF8.self),
                             standardError: String(decoding: errorData.data, as: UTF8.self))
    }
}

/// Hands the bytes read on the other thread back; the semaphore orders the write before the read.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}
