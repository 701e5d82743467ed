// The values the HTML templates see. Mustache reads stored properties only (through Mirror), so the `has...` flags
// that guard sections are stored, set by `PageModel.finished()`.
// Every string here is plain text: the templates' `{{name}}` escapes it.
// Only `ChartView.svg` is markup (Cairo's SVG, whose title and description are escaped when it is made) and is
// inserted with `{{{svg}}}`.

struct PageModel {
    var lang: String
    /// The fixed words in the page's language (`{{t.findings}}`), as a dictionary: the templates read them inside
    /// every host and row, and a dictionary lookup is one hash where Mirror lists all of `PageText`'s words (a quarter
    /// of a SampleData report's CPU went to those lookups).
    var t: [String: String]
    var title: String
    var subtitle: String
    var generator: String
    var timestamp: String?
    var headlines: [Headline]
    var warnings: [String]
    var charts: [ChartView]
    var comparison: ComparisonView?
    var fleet: FleetView?
    var hosts: [HostView]
    var machines: MachinesView
    var method: [String]
    var files: [String]
    var diagnostics: [DiagnosticView]
    var hasWarnings = false
    var hasCharts = false
    var hasMachines = false
    var hasDiagnostics = false
    /// "and N more" when long lists were cut (fleets of thousands of hosts).
    var filesNote: String?
    var diagnosticsNote: String?

    /// The page with its section flags set.
    func finished() -> PageModel {
        var page = self
        page.hasWarnings = !warnings.isEmpty
        page.hasCharts = !charts.isEmpty
        page.hasMachines = !machines.runs.isEmpty
        page.hasDiagnostics = !diagnostics.isEmpty
        return page
    }
}

struct Headline {
    var host: String
    var text: String
    var caveat: String?
    /// The host's openssl speed gains in one sentence, when it has them beside dd's.
    var openssl: String? = nil
    /// The host's cryptsetup benchmark and tcrypt gains, a sentence each, when it has them beside the text's.
    var cryptsetup: String? = nil
    var tcrypt: String? = nil
}

struct ChartView {
    struct FileLink {
        var href: String
        var label: String
    }

    var name: String
    /// The chart's title (`Read throughput`), its entry in the contents.
    var title: String
    /// The chart's caption, drawn inside the chart (in every file format): the page does not repeat it.
    var caption: String
    var svg: String
    var files: [FileLink]
    var hasFiles: Bool
}

struct DiagnosticView {
    var text: String
    var severity: String
}
