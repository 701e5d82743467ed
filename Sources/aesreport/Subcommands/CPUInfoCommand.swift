import AESReportIngest
import AESReportModel
import ArgumentParser

struct CPUInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cpuinfo",
        abstract: "Summarise the encryption-relevant features of a CPU dump, or diff two.",
        discussion: """
        Reads /proc/cpuinfo (x86 or aarch64), lscpu output, a `grep flags /proc/cpuinfo | uniq` fragment, or \
        text pasted into a document where the line breaks were lost.

        Guest is yes, no or unknown, with its evidence: lscpu's Hypervisor vendor or Virtualization type, the \
        x86 `hypervisor` flag, or a DMI vendor such as QEMU; an x86 flag list without `hypervisor` is no, and \
        an aarch64 dump without lscpu or DMI lines is unknown. Features that do not exist on the architecture \
        (AVX on aarch64) are n/a.

        With two files it lists what the first has that the second lacks and the reverse: give the host first \
        and the guest second to see what `-cpu host` or `+aes` would expose.

        Examples:
          aesreport cpuinfo /proc/cpuinfo
          aesreport cpuinfo host-cpuinfo.txt guest/cpuinfo.txt
        """
    )

    @Argument(help: "One CPU dump, or two to compare.", completion: .file())
    var files: [String]

    @OptionGroup var printing: JSONOption

    func validate() throws {
        guard (1...2).contains(files.count) else {
            throw ValidationError("Give one CPU dump to summarise or two to compare (got \(files.count)).")
        }
    }

    func run() throws {
        let parsed = files.map { CPUInfoParser.parse(file: $0) }
        let diagnostics = parsed.flatMap(\.diagnostics)
        let cpus = zip(files, parsed).compactMap { file, result in result.value.map { (file, $0) } }
        if cpus.count == files.count {
            if printing.json {
                if cpus.count == 1 {
                    try Output.printJSON(CPUReport(cpu: cpus[0].1))
                } else {
                    try Output.printJSON(CPUDiffReport(first: CPUReport(cpu: cpus[0].1),
                                                       second: CPUReport(cpu: cpus[1].1),
                                                       diff: CPUDiff(cpus[0].1, cpus[1].1)))
                }
            } else if cpus.count == 1 {
                print("\(TerminalText.escape(cpus[0].0)):\n" + CPUText.summary(cpus[0].1))
            } else {
                print(CPUText.diff(cpus[0], cpus[1]))
            }
        }
        Output.printDiagnostics(diagnostics)
        try Output.exitOnErrors(diagnostics)
    }
}
