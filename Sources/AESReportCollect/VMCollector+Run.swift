import AESReportFiles
import AESReportIngest
import AESReportModel
import Foundation

/// Running both guests and checking what they wrote.
extension VMCollector {
    public struct Outcome: Sendable {
        public var plan: GuestLaunchPlan
        public var diagnostics: [Diagnostic]
        public var interrupted: Bool
        /// Seconds each guest took, boot included, by guest name.
        public var seconds: [String: Double]
    }

    /// Runs the plan: writes the host's cpuinfo, then per guest its manifest, then boots it and relays its
    /// progress; the flag diff of the two guests' cpuinfo goes to `progress` at the end.
    ///
    /// `folder` is the output folder, opened and locked by the caller for the whole command (before `--replace`
    /// removes earlier results): two `collect vm` into one folder cannot interleave (one waits, then fails naming
    /// the holder).
    public func run(_ plan: GuestLaunchPlan, in folder: OutputFolder, hostCPUText: String, progress: (String) -> Void,
                    interrupted: () -> Bool) -> Outcome {
        var outcome = Outcome(plan: plan, diagnostics: [], interrupted: false, seconds: [:])
        func fail(_ file: String, _ message: String) {
            outcome.diagnostics.append(Diagnostic(file: file, line: nil, severity: .error, message: message))
        }
        defer { withExtendedLifetime(folder) {} }
        do {
            try AtomicFileWriter.write(hostCPUText, to: settings.output + "/cpuinfo.txt")
        } catch {
            fail(settings.output, "cannot write the host's cpuinfo.txt: \(error.localizedDescription)")
            return outcome
        }
        for guest in plan.guests {
            if interrupted() { outcome.interrupted = true; break }
            do {
                try FileManager.default.createDirectory(atPath: guest.folder, withIntermediateDirectories: true)
                try AtomicFileWriter.write(guest.manifest, to: guest.folder + "/" + RunManifest.fileName)
            } catch {
                fail(guest.folder, "cannot write the manifest: \(error.localizedDescription)")
                break
            }
            progress("\(guest.name): booting \(plan.kernelRelease) under \(plan.accelerator.rawValue.uppercased()), "
                     + "-cpu \(guest.cpuModel), \(guest.memoryMiB) MiB (limit \(plan.timeoutSeconds) s)")
            let start = Date()
            let ending: GuestProcess.Ending
            do {
                ending = try GuestProcess(command: guest.command).run(
                    timeoutSeconds: plan.timeoutSeconds, interrupted: interrupted,
                    line: { text in
                        // collect dmcrypt's advice to start the other guest by hand: this command does that.
                        if !text.hasPrefix("for the other half") { progress("\(guest.name): " + text) }
                    })
            } catch {
                fail(guest.folder, "\(error)")
                break
            }
            outcome.seconds[guest.name] = Date().timeIntervalSince(start)
            progress("\(guest.name): guest ended after \(Int(Date().timeIntervalSince(start).rounded())) s")
            switch ending {
            case .exited(0):
                continue
            case let .exited(status):
                fail(guest.folder, "the guest's `aesreport collect dmcrypt` ended with status \(status); its messages "
                     + "are above, prefixed with '\(guest.name):' (to look inside, run the vng command of the manifest "
                     + "without --exec and its argument)")
            case let .signalled(signal):
                fail(guest.folder, "the guest launcher was ended by signal \(signal)")
            case let .timedOut(seconds):
                fail(guest.folder, "the guest did not finish within \(seconds) s and was stopped (QEMU and vng ended); "
                     + "pass a longer --timeout or a smaller --size / --rounds")
            case .interrupted:
                outcome.interrupted = true
            }
            if outcome.interrupted { break }
        }
        return outcome
    }
}
