import AESReportIngest
import AESReportModel
import ArgumentParser
import Foundation

struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Show what was read from each file.",
        discussion: """
        Each file's format is recognised by its name (<cipher>-read.txt, cpuinfo*, lscpu*, openssl*, \
        cryptsetup*) or else by its content; --kind forces one.

        For dd logs every round is listed with its records counts, bytes, seconds and the throughput computed \
        from them (not dd's rounded rate). Failed rounds are listed with the reason and are never averaged.

        Examples:
          aesreport parse SampleData/broadwell-e5-2699v4/guest-aesni/aes-xts-plain-read.txt
          aesreport parse --json results/*.txt > parsed.json
        """
    )

    @Argument(help: "Files to read.", completion: .file())
    var files: [String]

    @Option(help: "Read every file as this format instead of guessing it.")
    var kind: InputKind?

    @OptionGroup var input: InputOptionGroup

    @OptionGroup var printing: JSONOption

    func run() throws {
        var inputs: [ParsedInput] = []
        var diagnostics: [Diagnostic] = []
        let kinds: [InputKind?] = files.map { file in
            if let kind { return kind }
            do {
                guard let detected = try InputKind.detect(path: RawArguments.path(file), policy: input.namedFilePolicy)
                else {
                    let isEmpty = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) == 0
                    diagnostics.append(Diagnostic(file: file, line: nil, severity: .error,
                                                  message: isEmpty ? "empty file: nothing to read"
                                                      : "cannot tell the format of this file; use --kind"))
                    return nil
                }
                return detected
            } catch {
                diagnostics.append(Diagnostic(file: file, line: nil, severity: .error, message: "\(error)"))
                return nil
            }
        }
        let jobs = zip(files, kinds).compactMap { file, kind in kind.map { (file, $0) } }
        let policy = input.namedFilePolicy
        inputs = ParallelMap.map(jobs) { ParsedInput.parse(path: RawArguments.path($0.0), kind: $0.1, policy: policy) }
        for input in inputs { diagnostics.append(contentsOf: input.diagnostics) }
        if printing.json {
            try Output.printJSON(inputs)
        } else {
            print(inputs.map(InputDescription.text).joined(separator: "\n\n"))
        }
        Output.printDiagnostics(diagnostics)
        try Output.exitOnErrors(diagnostics)
    }
}
