import AESReportCairo
import AESReportCharts
import AESReportOutput
import ArgumentParser

/// How the charts of `report` and `compare` look.
struct ChartOptionGroup: ParsableArguments {
    @Option(help: "Chart theme: light or dark.")
    var theme: ChartThemeName = .light

    @Option(help: "Language of chart titles and captions: en or zh.")
    var lang: ChartLanguage = .en

    @Option(help: "What error bars show: ci95 (95% confidence interval of the mean) or stdev.")
    var errorBars: ErrorBars = .ci95

    @Option(help: "Value axes across a page's hosts: shared (one maximum per chart kind, so equal heights mean equal throughput; the default) or per-host.")
    var yScale: YScale = .shared

    @Option(help: "Chart width in CSS pixels.")
    var width = 880.0

    @Option(help: "Chart height in CSS pixels.")
    var height = 500.0

    @Option(help: "PNG pixels per CSS pixel (2 for sharp images on high-density screens).")
    var scale = 1.0

    @Option(help: ArgumentHelp(
        "How SVG charts carry text: text (selectable <text> elements, a few KB a chart) or paths (glyph outlines, exactly as in the PNG).",
        valueName: "text|paths"))
    var svgText: SVGTextMode = .text

    @Option(help: ArgumentHelp(
        "Which of each host's charts to draw, comma-separated (default: every chart the results allow): "
            + ChartKind.allCases.map(\.rawValue).joined(separator: ", ") + ". The page shows only these.",
        valueName: "kind,..."))
    var charts: ChartKindList?

    func validate() throws {
        guard width >= 200, height >= 150, width <= 10_000, height <= 10_000 else {
            throw ValidationError("--width and --height must be between 200x150 and 10000x10000.")
        }
        guard scale > 0, scale <= 8 else { throw ValidationError("--scale must be above 0 and at most 8.") }
    }

    var chartOptions: ChartOptions {
        ChartOptions(language: lang, errorBars: errorBars, theme: theme.theme, yScale: yScale, kinds: charts?.kinds)
    }

    var size: ChartSize { ChartSize(width: width, height: height) }
}

extension YScale: ExpressibleByArgument {}

/// `--charts read,write,speedup`: a set of chart kinds, each name checked.
struct ChartKindList: ExpressibleByArgument {
    var kinds: Set<ChartKind>

    init?(argument: String) {
        let names = argument.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let kinds = names.compactMap { ChartKind(rawValue: $0) }
        guard !names.isEmpty, kinds.count == names.count else { return nil }
        self.kinds = Set(kinds)
    }

    static var defaultCompletionKind: CompletionKind { .list(ChartKind.allCases.map(\.rawValue)) }
}
