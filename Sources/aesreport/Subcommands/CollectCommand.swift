import ArgumentParser

struct CollectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Run a benchmark and write result folders that `report` reads.",
        discussion: """
        `collect openssl` needs no root and takes well under a minute; `collect dmcrypt` is the seed chapter's \
        dm-crypt procedure and needs root, cryptsetup and device-mapper; `collect vm` boots two guests of this \
        machine's own system (with and without AES-NI) and runs `collect dmcrypt` in each. Both write the CPU description and an \
        aesreport.manifest beside the results, so `aesreport report DIR` knows which run had AES-NI.

        Examples:
          aesreport collect openssl -o results/$(hostname) && aesreport report results -o report
          sudo aesreport collect dmcrypt --dry-run -o results/guest-aesni
          sudo aesreport collect vm -o results/$(hostname)-vm && aesreport report results -o report
        """,
        subcommands: [CollectOpenSSLCommand.self, CollectDMCryptCommand.self, CollectVMCommand.self]
    )
}
