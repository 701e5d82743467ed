import AESReportFiles
import AESReportModel
import AESReportOutput
import AESReportPages
import ArgumentParser

/// What `report` and `compare` write, and where.
struct OutputOptionGroup: ParsableArguments {
    @Option(name: .shortAndLong, help: "Folder to write the summary files and charts into.")
    var output: String?

    @Option(help: ArgumentHelp("Comma-separated list of what to write: html, json, csv, md, png, svg, pdf.",
                               valueName: "formats"))
    var format = OutputFormatList()

    @Option(help: ArgumentHelp("Folder of Mustache templates to render the HTML page with (start from `aesreport templates DIR`).",
                               valueName: "dir"))
    var template: String?

    @Option(help: ArgumentHelp("Whether summary.json lists every series' per-round samples and their round numbers "
                               + "(all, the default) or leaves them out (none: a smaller file for fleets; every "
                               + "statistic stays).",
                               valueName: "all|none"))
    var summarySamples: SummarySamples = .all

    @Flag(help: "Put the time of the run in the HTML page (off by default, so output is reproducible).")
    var timestamp = false

    @Flag(help: "Allow the output folder to lie inside a folder that is read (refused by default).")
    var allowOutputInInput = false

    @OptionGroup var lock: LockOption
    @OptionGroup var progress: QuietOption

    func validate() throws {
        if let output { try validateOutputFolder(output, option: "-o", escapingProblem: false) }
        if let template { try validateOutputFolder(template, option: "--template", escapingProblem: false) }
        let known = OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")
        guard !format.isEmpty else { throw ValidationError("--format is empty: name what to write (\(known)).") }
        guard format.unknown.isEmpty else {
            throw ValidationError("Unknown format \(format.unknown.joined(separator: ", ")); use \(known).")
        }
    }

    /// Refuses an output folder inside one of `inputs` unless `--allow-output-in-input`.
    func checkOutput(inputs: [String]) throws {
        guard let output, !allowOutputInInput, let input = OutputLocation.inputContaining(output: output, inputs: inputs)
        else { return }
        throw ValidationError(TerminalText.escape("The output folder \(output) is inside the input folder \(input): the report would be "
                              + "mixed with the results it reads. Choose another -o, or pass --allow-output-in-input."))
    }
}

extension SummarySamples: ExpressibleByArgument {}
