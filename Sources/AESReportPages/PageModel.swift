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

struct HostView {
    var name: String
    var anchor: String
    var centre: String
    var alpha: String
    var speedups: [SpeedupView]
    var hasSpeedups: Bool
    var opensslSpeedups: [OpenSSLSpeedupView]
    var hasOpenSSLSpeedups: Bool
    /// openssl outputs are averaged by their mean unless the median is asked for (no total bytes / total time).
    var opensslCentre: String
    var runs: [RunView]
    /// The method's words (`Method`): the caption's one-line method, what `~` and n/a mean, the column headers; for
    /// dd and for openssl outputs (`Method.forSamples`).
    var method: String
    var legend: String
    var ratioIntervalHeader: String
    var pHeader: String
    var opensslMethod: String
    var opensslLegend: String
    var opensslRatioIntervalHeader: String
    var opensslPHeader: String
}

struct OpenSSLSpeedupView {
    var algorithm: String
    var direction: String
    var block: String
    /// Rounds without / with AES-NI.
    var rounds: String
    var without: String
    var with: String
    var gain: String
    var ci: String
    var p: String
    var rowClass: String
}

struct SpeedupView {
    var cipher: String
    var operation: String
    var without: String
    var with: String
    var gain: String
    var ci: String
    var p: String
    var rowClass: String
}

struct RunView {
    var label: String
    var state: String
    var source: String
    var stateSource: String?
    var series: [SeriesView]
    /// Header of the series' interval column: the interval of the centre (`Method.centreIntervalHeader`).
    var intervalHeader: String
}

struct SeriesView {
    var cipher: String
    var operation: String
    var n: String
    var failed: String
    var mean: String
    var median: String
    var stdev: String
    var ci: String
    var cv: String
    var noisy: Bool
    var noisyThreshold: String
    var outliers: String
    var rowClass: String
}

struct MachinesView {
    struct Machine {
        var label: String
        var model: String
        var cpus: String
        var kind: String
        /// Why the kind was decided: `hypervisor flag`, `aarch64/ARM has no hypervisor flag and ...`.
        var guestEvidence: String
        var source: String
    }

    struct Feature {
        struct Cell {
            var text: String
            var `class`: String
        }

        var name: String
        var cells: [Cell]
    }

    struct Diff {
        var title: String
        /// What the two sides are called in the sentence ("host" and "guest", or "run with AES-NI" and "run without").
        var first: String
        var second: String
        var missingRelevant: String
        var missingCount: Int
        var missing: String
        var extra: String
    }

    var runs: [Machine]
    var columns: [String]
    var features: [Feature]
    var diffs: [Diff]
}

struct ComparisonView {
    struct Row {
        var cipher: String
        var operation: String
        var aesni: String
        var a: String
        var b: String
        var change: String
        var ci: String
        var pMannWhitney: String
        var pWelch: String
        var n: String
        var rowClass: String
    }

    var a: String
    var b: String
    var note: String
    var rows: [Row]
    var geometricMeans: [String]
    var onlyOneSide: [String]
}

struct DiagnosticView {
    var text: String
    var severity: String
}

struct FleetView {
    struct Row {
        var cipher: String
        var operation: String
        var hosts: String
        var median: String
        var quartiles: String
        var range: String
        var low: String
    }

    struct Standout {
        var host: String
        var reasons: String
    }

    var hosts: String
    var rows: [Row]
    var standouts: [Standout]
    var hasStandouts: Bool
    var standoutsNote: String?
}
