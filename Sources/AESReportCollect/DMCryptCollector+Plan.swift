import AESReportFiles
import AESReportIngest
import AESReportModel
import Foundation

/// The commands of a collection, in order: what `--dry-run` prints and `run` executes.
extension DMCryptCollector {
    /// One round's measurement: dd appending its report to `<cipher>-<operation>.txt`, or fio writing its JSON to
    /// `fio-<cipher>-<operation>-r<round>.json`.
    func roundStep(cipher: String, operation: AESReportModel.Operation, round: Int) -> Step {
        let role = Step.Role.round(cipher: cipher, operation: operation, round: round)
        if settings.tool == .fio {
            return Step(role: role, command: fioCommand(cipher: cipher, operation: operation),
                        appendTo: settings.output + "/" + Self.fioFileName(cipher: cipher, operation: operation,
                                                                            round: round),
                        reportsOnStandardOutput: true)
        }
        var arguments = operation == .read
            ? ["if=\(settings.device)", "of=/dev/null", "bs=1M", "count=\(settings.sizeMiB)"]
            : ["if=/dev/zero", "of=\(settings.device)", "bs=1M", "count=\(settings.sizeMiB)"]
        if settings.direct { arguments.append(operation == .read ? "iflag=direct" : "oflag=direct") }
        return Step(role: role, command: ExternalCommand("dd", arguments),
                    appendTo: settings.output + "/\(cipher)-\(operation.rawValue).txt")
    }

    public var createBackingFile: Step { createBackingFile(settings.backingFile) }

    /// What `cryptsetup open` is given: the backing file, or `/dev/ram0`.
    func backingDevice(_ file: String) -> String { settings.backing == .ramdisk ? "/dev/ram0" : file }

    /// dd fills the file the tool created (`conv=notrunc`: dd neither creates nor truncates it).
    func createBackingFile(_ file: String) -> Step {
        if settings.backing == .ramdisk {
            // One ramdisk of the size in KiB; brd's size is fixed when it is loaded, hence the prerequisite that it
            // is not loaded already.
            return Step(role: .createBackingFile,
                        command: ExternalCommand("modprobe", ["brd", "rd_nr=1", "rd_size=\(settings.sizeMiB * 1024)",
                                                              "max_part=0"]), appendTo: nil)
        }
        return Step(role: .createBackingFile,
                    command: ExternalCommand("dd", ["if=/dev/zero", "of=\(file)", "bs=1M",
                                                    "count=\(settings.sizeMiB)", "conv=notrunc"]), appendTo: nil)
    }

    /// `rmmod brd` for the ramdisk. A backing file is removed by the tool itself (with its private folder).
    public var removeBackingFile: Step {
        Step(role: .removeBackingFile, command: ExternalCommand("rmmod", ["brd"]), appendTo: nil)
    }

    /// What `--dry-run` says before and after the commands: the steps the tool does itself.
    public var dryRunPreamble: [String] {
        settings.backing == .ramdisk ? [] : [
            "# aesreport creates a private folder \(settings.backingFolder)/aesreport-XXXXXX (mkdtemp, mode 0700) and "
                + "in it \(PrivateBacking.fileName) (O_CREAT|O_EXCL|O_NOFOLLOW, mode 0600); dd only fills it.",
        ]
    }

    public var dryRunEpilogue: [String] {
        settings.backing == .ramdisk ? [] : [
            "# aesreport removes \(settings.backingFile) and its folder (also after an error or a signal).",
        ]
    }

    public func closeMapping(_ cipher: String) -> Step {
        Step(role: .closeMapping(cipher: cipher), command: ExternalCommand("cryptsetup", ["close", "--", settings.mappingName]),
             appendTo: nil)
    }

    /// Every command in order, as `--dry-run` prints them and `run` executes them.
    public func plan() -> [Step] { plan(backingFile: settings.backingFile) }

    func plan(backingFile: String) -> [Step] {
        var steps = [createBackingFile(backingFile)]
        for cipher in settings.ciphers {
            steps.append(Step(role: .openMapping(cipher: cipher),
                              command: ExternalCommand("cryptsetup", [
                                  "open", "--type", "plain", "--cipher", cipher, "--key-file", "/dev/urandom",
                                  "--key-size", "256", "--", backingDevice(backingFile), settings.mappingName,
                              ]), appendTo: nil))
            for round in 1...max(1, settings.rounds) {
                // The seed reads first, then writes, in each round.
                for operation in AESReportModel.Operation.allCases {
                    steps.append(roundStep(cipher: cipher, operation: operation, round: round))
                }
            }
            steps.append(closeMapping(cipher))
        }
        if settings.backing == .ramdisk { steps.append(removeBackingFile) }
        return steps
    }
}
