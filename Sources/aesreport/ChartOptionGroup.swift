import AESReportCairo
import AESReportCharts
import AESReportModel
import AESReportPages
import ArgumentParser
import Foundation

/// What `report` and `compare` write, and how charts look.
struct OutputOptionGroup: ParsableArguments {
    @Option(name: .shortAndLong, help: "Folder to write the summary files and charts into.")
    var output: String?

    @Option(help: ArgumentHelp("Comma-separated list of what to write: html, json, csv, md, png, svg, pdf.",
                               valueName: "formats"))
    var format = "html,json,csv,md,png,svg"

    @Option(help: ArgumentHelp("Folder of Mustache templates to render the HTML page with (start from `aesreport templates DIR`).",
                               valueName: "dir"))
    var template: String?

    @Flag(help: "Put the time of the run in the HTML page (off by default, so output is reproducible).")
    var timestamp = false

    @Flag(help: "Allow the output folder to lie inside a folder that is read (refused by default).")
    var allowOutputInInput = false

    @Option(help: ArgumentHelp("Seconds to wait for another run that holds the output folder, then stop with an error naming it.",
                               valueName: "seconds"))
    var lockTimeout = OutputFolder.defaultLockTimeout

    @Flag(name: .shortAndLong, help: "No progress line on standard error (it appears only on a terminal anyway).")
    var quiet = false

    @Option(help: "Chart theme: light or dark.")
    var theme = "light"

    @Option(help: "Language of chart titles and captions: en or zh.")
    var lang: ChartLanguage = .en

    @Option(help: "What error bars show: ci95 (95% confidence interval of the mean) or stdev.")
    var errorBars: ErrorBars = .ci95

    @Option(help: "Chart width in CSS pixels.")
    var width = 880.0

    @Option(help: "Chart height in CSS pixels.")
    var height = 500.0

    @Option(help: "PNG pixels per CSS pixel (2 for sharp images on high-density screens).")
    var scale = 1.0

    static let known = ["html", "json", "csv", "md", "png", "svg", "pdf"]

    var formats: [String] {
        format.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    }

    var imageFormats: [ImageFormat] { formats.compactMap(ImageFormat.init(rawValue:)) }

    func validate() throws {
        if let output, let problem = RawArguments.nonUTF8Problem(output, option: "-o") { throw ValidationError(problem) }
        if let template, let problem = RawArguments.nonUTF8Problem(template, option: "--template") {
            throw ValidationError(problem)
        }
        guard lockTimeout >= 0, lockTimeout <= 86_400 else {
            throw ValidationError("--lock-timeout must be between 0 and 86400 seconds.")
        }
        if let output, let problem = OutputLocation.problem(folder: output, option: "-o") {
            throw ValidationError(problem + ".")
        }
        if let template, let problem = OutputLocation.problem(folder: template, option: "--template") {
            throw ValidationError(problem + ".")
        }
        guard !formats.filter({ !$0.isEmpty }).isEmpty else {
            throw ValidationError("--format is empty: name what to write (\(Self.known.joined(separator: ", "))).")
        }
        let unknown = formats.filter { !Self.known.contains($0) }
        guard unknown.isEmpty else {
            throw ValidationError("Unknown format \(unknown.joined(separator: ", ")); use \(Self.known.joined(separator: ", ")).")
        }
        guard Theme.named(theme) != nil else { throw ValidationError("--theme must be light or dark.") }
        guard width >= 200, height >= 150, width <= 10_000, height <= 10_000 else {
            throw ValidationError("--width and --height must be between 200x150 and 10000x10000.")
        }
        guard scale > 0, scale <= 8 else { throw ValidationError("--scale must be above 0 and at most 8.") }
    }

    var chartOptions: ChartOptions {
        ChartOptions(language: lang, errorBars: errorBars, theme: Theme.named(theme) ?? .light)
    }
}

extension ChartLanguage: ExpressibleByArgument {}
extension ErrorBars: ExpressibleByArgument {}

extension OutputOptionGroup {
    /// Renders the charts in the requested image formats, and as SVG for the HTML page when it is asked for.
    /// Returns the files to write, the charts to inline and the files that could not be drawn (the others are
    /// still returned).
    func renderCharts(_ charts: [NamedChart]) -> (files: [ChartFiles.File], inline: [InlineChart],
                                                  failures: [ChartFiles.Failure]) {
        let wantsHTML = formats.contains("html")
        var renderFormats = imageFormats
        if wantsHTML, !renderFormats.contains(.svg) { renderFormats.append(.svg) }
        guard !renderFormats.isEmpty, !charts.isEmpty else { return ([], [], []) }
        var renderer = CairoRenderer(scale: scale)
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = Int64(epoch) {
            renderer.pdfDate = CairoRenderer.isoDate(epochSeconds: seconds)
        }
        let (rendered, failures) = ChartFiles.renderEach(charts, formats: renderFormats, theme: chartOptions.theme,
                                                         size: ChartSize(width: width, height: height),
                                                         renderer: renderer)
        let written = rendered.filter { file in imageFormats.contains { file.name.hasSuffix("." + $0.rawValue) } }
        let inline = wantsHTML ? charts.map { chart in
            InlineChart(name: chart.name, caption: chart.caption,
                        svg: rendered.first { $0.name == chart.name + ".svg" }?.bytes ?? [],
                        files: written.map(\.name).filter { $0.hasPrefix(chart.name + ".") })
        } : []
        return (written, inline, failures)
    }

    /// The page's templates, compiled (partials checked) before anything is read or written; nil without html.
    /// A template that does not load ends the run here: an error on stderr, exit status 1, nothing written.
    func loadTemplates() throws -> HTMLTemplates? {
        guard formats.contains("html") else { return nil }
        // A folder that cannot be read is said in the tool's words, not Foundation's.
        if let template {
            let fd = open(template, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if fd < 0 {
                printError(TerminalText.escape("error: cannot read the template folder \(template): "
                                               + String(cString: strerror(errno)) + "; nothing was written"))
                throw ExitCode(1)
            }
            close(fd)
        }
        do {
            return try template.map { try HTMLTemplates.load(directory: $0) } ?? HTMLTemplates.embedded()
        } catch {
            printError("error: \(error); nothing was written")
            throw ExitCode(1)
        }
    }

    /// The HTML page, when asked for (`templates` from `loadTemplates`).
    func page(_ report: HTMLReport, templates: HTMLTemplates?) -> ChartFiles.File? {
        guard let templates else { return nil }
        return ChartFiles.File(name: "index.html", bytes: Array(report.render(with: templates).utf8))
    }

    /// Refuses an output folder inside one of `inputs` unless `--allow-output-in-input`.
    func checkOutput(inputs: [String]) throws {
        guard let output, !allowOutputInInput, let input = OutputLocation.inputContaining(output: output, inputs: inputs)
        else { return }
        throw ValidationError(TerminalText.escape("The output folder \(output) is inside the input folder \(input): the report would be "
                              + "mixed with the results it reads. Choose another -o, or pass --allow-output-in-input."))
    }

    /// Now, in UTC, for `--timestamp`.
    var timestampText: String? {
        timestamp ? CairoRenderer.isoDate(epochSeconds: Int64(Date().timeIntervalSince1970)) : nil
    }
}
