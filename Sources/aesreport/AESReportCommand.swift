import AESReportCairo
import AESReportCharts
import CAllocatorTuning
import ArgumentParser

@main
struct AESReportCommand: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "aesreport",
        abstract: "Turn storage-encryption benchmark logs into numbers, charts and reports.",
        discussion: """
        aesreport reads the result folders of AES-NI benchmarks: dd output (any coreutils version or locale, \
        busybox, BSD), the <cipher>-read.txt / <cipher>-write.txt files of the dm-crypt benchmark script, \
        /proc/cpuinfo and lscpu dumps, `cryptsetup benchmark` and `openssl speed` output.

        Start with `aesreport runs SampleData` to see how a folder tree is read, `aesreport parse FILE` to see \
        what was read from one file, and `aesreport cpuinfo HOST GUEST` to compare two CPU dumps. `aesreport report \
        DIR -o out` writes the charts and the page; `aesreport compare A B` sets two hosts (or two trees of them) side \
        by side: their throughput, and whether AES-NI buys as much on B as on A. No results yet? \
        `aesreport collect openssl -o results/$(hostname)` measures this machine in about a minute, without root.

        Diagnostics go to standard error as `path:line: warning|error: message`; one bad file never stops the \
        others. Exit status: 0 when everything was read (warnings allowed), 1 when some input had errors (the \
        rest is still reported), 64 for a usage error, 130 when `collect dmcrypt` was interrupted (after its \
        clean-up).
        """,
        version: "\(version) (cairo \(CairoLibrary.cairoVersion), pango \(CairoLibrary.pangoVersion))",
        subcommands: [ReportCommand.self, CompareCommand.self, RunsCommand.self, ParseCommand.self, CPUInfoCommand.self,
                      CollectCommand.self,
                      TemplatesCommand.self]
    )

    static func main() {
        aesreport_tune_allocator()
        // The charts' set-up (10-15 ms) overlaps parsing, reading and the statistics when charts will be drawn; the
        // options are not parsed yet, so the PNG images are made for the default size.
        if let formats = RawArguments.chartFormats(CommandLine.arguments) {
            OutputOptionGroup.startChartWarmUp(formats: formats, theme: .light, size: ChartSize(), scale: 1)
        }
        main(nil)
    }
}
