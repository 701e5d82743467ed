import AESReportCollect
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

    /// The ciphers, trimmed, in the order given.
    var cipherList: [String] { ciphers.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }

    func validate() throws {
        guard !ciphers.split(separator: ",").isEmpty else { throw ValidationError("--ciphers is empty") }
    }
}
