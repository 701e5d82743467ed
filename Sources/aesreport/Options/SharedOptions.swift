import AESReportFiles
import ArgumentParser

/// `--quiet`, for every command that shows progress (`report`, `compare`, the collectors).
struct QuietOption: ParsableArguments {
    @Flag(name: .shortAndLong,
          help: "No progress lines on standard error (report and compare show theirs only on a terminal anyway).")
    var quiet = false
}

/// `--dry-run`, for the collectors.
struct DryRunOption: ParsableArguments {
    @Flag(help: "Print the commands (for vm the plan: CPU models, vng commands, manifests) and stop.")
    var dryRun = false
}

/// `--lock-timeout`, for every command that writes into a folder another run may hold.
struct LockOption: ParsableArguments {
    @Option(help: ArgumentHelp("Seconds to wait for another run that holds the output folder, then stop with an error naming it.",
                               valueName: "seconds"))
    var lockTimeout = OutputFolder.defaultLockTimeout

    func validate() throws {
        guard lockTimeout >= 0, lockTimeout <= 86_400 else {
            throw ValidationError("--lock-timeout must be between 0 and 86400 seconds.")
        }
    }
}

/// `--assume-aesni`, for every command that finds runs (`runs`, `report`, `compare`).
struct AESNIAssumptionOption: ParsableArguments {
    @Option(help: "AES-NI state for runs nothing else decides: on or off.")
    var assumeAESNI: OnOff?

    /// The state as the run discovery takes it: nil when not given.
    var assumed: Bool? { assumeAESNI?.bool }
}

/// `--json`, for the commands that print tables (`runs`, `parse`, `cpuinfo`).
struct JSONOption: ParsableArguments {
    @Flag(help: "Print JSON instead of tables.")
    var json = false
}
