// The values the HTML templates see. Mustache reads stored properties only (through Mirror), so the `has...` flags
// that guard sections are stored, set by `PageModel.finished()`.
// Every string here is plain text: the templates' `{{name}}` escapes it.
// Only `ChartView.svg` is markup (Cairo's SVG, whose text is drawn as glyph outlines and whose title and
// description are escaped when it is made) and is inserted with `{{{svg}}}`.

struct PageModel {
    var lang: String
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
}

struct ChartView {
    struct FileLink {
        var href: String
        var label: String
    }

    var name: String
    var caption: String
    var svg: String
    var files: [FileLink]
    var hasFiles: Bool
}

struct DiagnosticView {
    var text: String
    var severity: String
}
