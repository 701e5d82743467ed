import AESReportCollect
import AESReportModel
import ArgumentParser
import Foundation

/// The dm-crypt procedure's options that `collect dmcrypt` and `collect vm` (which runs it in each guest) share.
struct DMCryptOptionGroup: ParsableArguments {
    @Option(help: ArgumentHelp("Ciphers in cryptsetup's notation, comma-separated.", valueName: "names"))
    var ciphers = DMCryptCollector.Settings.seedCiphers.joined(separator: ",")

    @Option(help: ArgumentHelp("What the mapping sits on: file (a file on a tmpfs, through a loop device) or ramdisk "
                               + "(the kernel's brd ramdisk /dev/ram0).", valueName: "file|ramdisk"))
    var backing: DMCryptCollector.Backing = .file

    @Flag(inversion: .prefixedNo, help: "Use O_DIRECT in dd (measure the cipher, not the page cache).")
    var direct = true

    @Option(help: ArgumentHelp("What measures each round: dd (the seed's procedure, reports appended to "
                               + "<cipher>-read.txt/-write.txt) or fio (direct I/O, one JSON file per round, "
                               + "fio-<cipher>-<read|write>-r<N>.json).", valueName: "dd|fio"))
    var tool: DMCryptCollector.Tool = .dd

    @Option(help: ArgumentHelp("fio's block size (--bs), with --tool fio.", valueName: "size"))
    var fioBlockSize = DMCryptCollector.FioOptions.defaultBlockSize

    @Option(help: ArgumentHelp("fio's queue depth (--iodepth), with --tool fio.", valueName: "n"))
    var fioIodepth = DMCryptCollector.FioOptions.defaultIodepth

    @Option(help: ArgumentHelp("fio's I/O engine, with --tool fio: auto (libaio when fio has it, else psync), "
                               + "libaio, io_uring, psync or sync.", valueName: "engine"))
    var fioIoengine = "auto"

    /// The fio options; `auto` resolved by `chooseEngine` (which asks fio, when it is there).
    func fioOptions(chooseEngine: () -> String) -> DMCryptCollector.FioOptions {
        DMCryptCollector.FioOptions(blockSize: fioBlockSize, iodepth: fioIodepth,
                                    ioengine: fioIoengine == "auto" ? chooseEngine() : fioIoengine)
    }

    /// The tool options as `collect dmcrypt` takes them, for `collect vm` to pass to its guests (empty for dd, so
    /// the guests' command line stays the seed procedure's).
    var toolArguments: [String] {
        guard tool == .fio else { return [] }
        var arguments = ["--tool", "fio", "--fio-block-size", fioBlockSize, "--fio-iodepth", String(fioIodepth)]
        if fioIoengine != "auto" { arguments += ["--fio-ioengine", fioIoengine] }
        return arguments
    }

    /// The ciphers, trimmed, in the order given.
    var cipherList: [String] { ciphers.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }

    func validate() throws {
        guard !ciphers.split(separator: ",").isEmpty else { throw ValidationError("--ciphers is empty") }
        if tool == .fio {
            let problems = fioOptions(chooseEngine: { "libaio" }).problems
            guard problems.isEmpty else { throw ValidationError(TerminalText.escape(problems.joined(separator: "; "))) }
        }
    }
}

extension DMCryptCollector.Tool: ExpressibleByArgument {}
