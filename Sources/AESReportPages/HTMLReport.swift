import AESReportIngest
import AESReportModel
import AESReportStats
import Foundation

/// A chart to put on the page: its SVG markup and the files written next to the page.
public struct InlineChart: Sendable {
    public var name: String
    public var caption: String
    public var svg: [UInt8]
    public var files: [String]

    public init(name: String, caption: String, svg: [UInt8], files: [String]) {
        self.name = name
        self.caption = caption
        self.svg = svg
        self.files = files
    }
}

/// Builds the self-contained HTML report (`index.html`) from a report's statistics, runs and charts.
public struct HTMLReport {
    /// Series whose coefficient of variation exceeds this are marked noisy.
    public static let noisyCV = 0.05

    public var analysis: ReportAnalysis
    public var hostCPUs: [HostCPU]
    public var diagnostics: [Diagnostic]
    public var charts: [InlineChart]
    public var options: AnalysisOptions
    public var version: String
    public var timestamp: String?
    public var comparison: Comparison?
    /// Set for reports of more hosts than `FleetAnalysis.hostThreshold`: the page shows the fleet's spread and the
    /// hosts that stand out instead of every host's tables.
    public var fleet: FleetAnalysis?

    /// Lists longer than this (files read, diagnostics, standouts) are cut, with a count of the rest.
    public static let listLimit = 200

    public init(analysis: ReportAnalysis, hostCPUs: [HostCPU], diagnostics: [Diagnostic], charts: [InlineChart],
                options: AnalysisOptions, version: String, timestamp: String? = nil, comparison: Comparison? = nil,
                fleet: FleetAnalysis? = nil) {
        self.fleet = fleet
        self.analysis = analysis
        self.hostCPUs = hostCPUs
        self.diagnostics = diagnostics
        self.charts = charts
        self.options = options
        self.version = version
        self.timestamp = timestamp
        self.comparison = comparison
    }

    /// The page. Charts' SVG (megabytes in all) does not pass through the template engine: the template gets a
    /// marker comment per chart, replaced afterwards by the markup.
    public func render(with templates: HTMLTemplates) -> String {
        // Control characters replaced and bidi controls confined to their element, in one pass over the page
        // (the charts' SVG, spliced in below, is sanitised when it is drawn).
        let page = Array(MarkupText.page(templates.render(model())).utf8)
        var out: [UInt8] = []
        out.reserveCapacity(page.count + charts.reduce(0) { $0 + $1.svg.count })
        var copied = 0
        let opener = Array(Self.markerPrefix.utf8)
        var i = 0
        while i + opener.count <= page.count {
            guard page[i] == opener[0], page[i..<(i + opener.count)].elementsEqual(opener) else {
                i += 1
                continue
            }
            var j = i + opener.count
            var index = 0
            while j < page.count, page[j] &- 0x30 < 10 {
                index = index * 10 + Int(page[j] &- 0x30)
                j += 1
            }
            let closer = Array("-->".utf8)
            guard j + closer.count <= page.count, page[j..<(j + closer.count)].elementsEqual(closer), index < charts.count
            else {
                i += 1
                continue
            }
            out.append(contentsOf: page[copied..<i])
            out.append(contentsOf: SVGBytes.inlined(charts[index].svg, prefix: "c\(index + 1)-"))
            i = j + closer.count
            copied = i
        }
        out.append(contentsOf: page[copied...])
        return String(decoding: out, as: UTF8.self)
    }

    static let markerPrefix = "<!--aesreport-chart-"

    func model() -> PageModel {
        let hosts = analysis.runs.map(\.run.host).uniqued()
        let anchors = HostFileNames.names(hosts)
        let title = comparison != nil ? "AES-NI benchmark comparison" : "AES-NI benchmark report"
        let subtitle = comparison.map { "\($0.nameA) compared with \($0.nameB)" }
            ?? "\(analysis.runs.count) run\(analysis.runs.count == 1 ? "" : "s") on \(hosts.count) host\(hosts.count == 1 ? "" : "s"): "
            + hosts.map(BidiText.isolate).joined(separator: ", ")
        let allFiles = files()
        let shownDiagnostics = Self.shownDiagnostics(diagnostics, fleet: fleet != nil)
        var page = PageModel(
            lang: "en", title: title, subtitle: subtitle, generator: "aesreport \(version)", timestamp: timestamp,
            headlines: fleet.map(fleetHeadlines) ?? headlines(hosts), warnings: fleet == nil ? warnings() : [],
            charts: charts.enumerated().map(chartView), comparison: comparison.map(comparisonView),
            fleet: fleet.map(fleetView), hosts: fleet == nil ? hosts.map { hostView($0, anchor: anchors[$0, default: HostFileNames.hash($0)]) } : [],
            machines: fleet == nil ? machines(hosts) : fleetMachines(),
            method: methodSentences(), files: Array(allFiles.prefix(Self.listLimit)),
            diagnostics: shownDiagnostics.map { DiagnosticView(text: $0.description, severity: $0.severity.rawValue) })
        if allFiles.count > page.files.count {
            page.filesNote = "and \(allFiles.count - page.files.count) more (summary.json lists every series' source)"
        }
        if diagnostics.count > shownDiagnostics.count {
            page.diagnosticsNote = "and \(diagnostics.count - shownDiagnostics.count) more on standard error"
                + (diagnostics.count > SummaryDocument.diagnosticLimit
                    ? " (summary.json lists \(SummaryDocument.diagnosticLimit))" : " and in summary.json")
        }
        return page.finished()
    }

    // MARK: - Fleet

    func fleetHeadlines(_ fleet: FleetAnalysis) -> [Headline] {
        let parts = Operation.allCases.compactMap { operation -> String? in
            let medians = fleet.spreads.filter { $0.operation == operation }.map(\.median)
            guard let low = medians.min(), let high = medians.max() else { return nil }
            let noun = operation == .read ? "reads" : "writes"
            return "\(noun) are \(ThroughputFormat.fixed(low, decimals: 0))% to \(ThroughputFormat.fixed(high, decimals: 0))% faster"
        }
        let text = parts.isEmpty ? "no host has runs with and without AES-NI."
            : "with AES-NI, " + parts.joined(separator: " and ") + " (the median host, per cipher)."
        let caveat = fleet.standouts.isEmpty ? nil : "\(fleet.standouts.count) hosts stand out; see the list below."
        return [Headline(host: "Across \(fleet.hosts) hosts", text: text, caveat: caveat)]
    }

    func fleetView(_ fleet: FleetAnalysis) -> FleetView {
        let rows = fleet.spreads.map { spread in
            FleetView.Row(cipher: spread.cipher, operation: spread.operation.rawValue, hosts: String(spread.gains.count),
                          median: NumberText.percent(spread.median),
                          quartiles: NumberText.percent(spread.lowerQuartile) + " .. " + NumberText.percent(spread.upperQuartile),
                          range: NumberText.percent(spread.minimum) + " .. " + NumberText.percent(spread.maximum),
                          low: String(spread.lowHosts.count))
        }
        let shown = fleet.standouts.prefix(Self.listLimit).map {
            FleetView.Standout(host: $0.host, reasons: $0.reasons.joined(separator: "; "))
        }
        return FleetView(hosts: String(fleet.hosts), rows: rows, standouts: shown, hasStandouts: !shown.isEmpty,
                         standoutsNote: fleet.standouts.count > shown.count
                             ? "and \(fleet.standouts.count - shown.count) more" : nil)
    }

    /// Distinct CPUs of the fleet, each once with how many runs and hosts show it.
    func fleetMachines() -> MachinesView {
        var seen: [String: (CPUDescription, Int, String)] = [:]
        var order: [String] = []
        for stats in analysis.runs {
            guard let cpu = stats.run.cpu else { continue }
            let key = (cpu.modelName ?? "?") + "|" + cpu.flags.joined(separator: " ")
            if seen[key] == nil {
                order.append(key)
                seen[key] = (cpu, 0, stats.run.cpuPath ?? "-")
            }
            seen[key]!.1 += 1
        }
        for hostCPU in hostCPUs {
            let key = (hostCPU.cpu.modelName ?? "?") + "|" + hostCPU.cpu.flags.joined(separator: " ")
            if seen[key] == nil {
                order.append(key)
                seen[key] = (hostCPU.cpu, 0, hostCPU.path)
            }
            seen[key]!.1 += 1
        }
        let kinds = order.prefix(Self.listLimit).map { key -> (String, CPUDescription, String?) in
            let (cpu, count, source) = seen[key]!
            let kind = cpu.guest.fact == .yes ? "guest CPU" : cpu.guest.fact == .no ? "host CPU" : "CPU (guest unknown)"
            return ("\(kind) ×\(count)", cpu, source)
        }
        return machinesView(kinds, diffs: [])
    }

    // MARK: - Findings

    func headlines(_ hosts: [String]) -> [Headline] {
        hosts.compactMap { host in
            let ranges = analysis.ranges.filter { $0.host == host }
            guard !ranges.isEmpty else {
                // A host measured with openssl speed only (`aesreport collect openssl`).
                let prefix = host + ": "
                return SpeedupText.opensslHostLines(analysis).first { $0.hasPrefix(prefix) }.map { line in
                    Headline(host: host, text: String(line.dropFirst(prefix.count)) + ".", caveat: nil)
                }
            }
            let parts = ranges.map { range -> String in
                let noun = range.operation == .read ? "reads" : "writes"
                let low = ThroughputFormat.fixed(abs(range.lowPercent), decimals: 0)
                let high = ThroughputFormat.fixed(abs(range.highPercent), decimals: 0)
                if range.lowPercent >= 0 {
                    return range.ciphers == 1 ? "\(noun) are \(high)% faster" : "\(noun) are \(low)% to \(high)% faster"
                }
                if range.highPercent < 0 {
                    return range.ciphers == 1 ? "\(noun) are \(low)% slower" : "\(noun) are \(high)% to \(low)% slower"
                }
                return "\(noun) change by \(NumberText.percent(range.lowPercent)) to \(NumberText.percent(range.highPercent))"
            }
            let runs = analysis.runs.filter { $0.run.host == host }
            let cpu = runs.compactMap(\.run.cpu).first { $0.hasHardwareAES }
            let place = cpu.map { " on \(BidiText.isolate($0.modelName ?? "this CPU"))" + ($0.isGuest ? " guests" : "") } ?? ""
            let emulated = VirtualMachineAccelerator.caveat(for: runs.map(\.run))
                .map { ", measured on an \($0): QEMU's emulation of the AES instructions, not the hardware" } ?? ""
            let text = "With AES-NI, " + parts.joined(separator: " and ") + place + emulated + "."
            let notSignificant = ranges.flatMap { range in
                range.notSignificant.map { "\($0) \(range.operation == .read ? "reads" : "writes")" }
            }
            let untested = ranges.flatMap { range in
                range.untested.map { "\($0) \(range.operation == .read ? "reads" : "writes")" }
            }
            var caveats: [String] = []
            if !notSignificant.isEmpty {
                caveats.append("Not significant at \(options.alpha) (\(statisticalMethod.testName())): "
                               + notSignificant.joined(separator: ", ") + ".")
            }
            if !untested.isEmpty {
                caveats.append("Untested (too few rounds for the test): " + untested.joined(separator: ", ") + ".")
            }
            if let noisy = NoisySeries.caveat(analysis, host: host) { caveats.append(noisy) }
            return Headline(host: host, text: text, caveat: caveats.isEmpty ? nil : caveats.joined(separator: " "))
        }
    }

    /// Findings' warnings: `ReportWarnings`, then the analysis' notes.
    func warnings() -> [String] {
        ReportWarnings.lines(analysis) + analysis.notes
    }

    /// Errors and warnings up to `problemLimit` (errors first), notes up to `noteLimit`: a folder of a thousand
    /// unread files, or a file of a million damaged rounds, must not bury the page (one once made it 353 MB).
    static func shownDiagnostics(_ diagnostics: [Diagnostic], fleet: Bool) -> [Diagnostic] {
        let problems = DiagnosticSelection.kept(diagnostics.filter { $0.severity != .note }, limit: problemLimit)
        var problemsLeft = problems.count
        var next = problems.makeIterator()
        var pending = next.next()
        var notes = 0
        // The kept problems are a subsequence of the problems: walk both in order.
        return diagnostics.filter { diagnostic in
            if diagnostic.severity == .note {
                notes += 1
                return notes <= noteLimit
            }
            guard problemsLeft > 0, let wanted = pending, wanted == diagnostic else { return false }
            problemsLeft -= 1
            pending = next.next()
            return true
        }
    }

    /// Notes shown on the page; the rest are counted, and all are on standard error.
    public static let noteLimit = 50
    /// Errors and warnings shown on the page, in fleet mode or not; the rest are counted.
    public static let problemLimit = listLimit * 5

    // MARK: - Charts

    func chartView(_ index: Int, _ chart: InlineChart) -> ChartView {
        ChartView(name: chart.name, caption: chart.caption, svg: "\(Self.markerPrefix)\(index)-->",
                  files: chart.files.map { file in
                      ChartView.FileLink(href: file, label: String(file.split(separator: ".").last ?? "").uppercased())
                  }, hasFiles: !chart.files.isEmpty)
    }

    // MARK: - Tables

    func hostView(_ host: String, anchor: String) -> HostView {
        let speedups = analysis.speedups.filter { $0.host == host }.map { s in
            SpeedupView(cipher: s.cipher, operation: s.operation.rawValue, without: ThroughputFormat.si(s.withoutAESNI),
                        with: ThroughputFormat.si(s.withAESNI),
                        gain: SpeedupText.gain(s.estimate, significant: s.significant),
                        ci: NumberText.percentInterval(s.estimate.confidenceInterval),
                        p: pText(s.test, roundsWith: s.roundsWith, roundsWithout: s.roundsWithout),
                        rowClass: SpeedupText.rowClass(s.significant))
        }
        let runs = analysis.runs.filter { $0.run.host == host }.map { stats in
            RunView(label: stats.run.label,
                    state: AESNIStateText.of(stats.run.aesni),
                    source: stats.run.path, stateSource: stats.run.aesniSource?.rawValue,
                    series: stats.series.map(seriesView), intervalHeader: statisticalMethod.centreIntervalHeader)
        }
        let openssl = analysis.opensslSpeedups.filter { $0.host == host }.map { s in
            OpenSSLSpeedupView(algorithm: s.algorithm, direction: s.direction.rawValue, block: String(s.blockSize),
                               rounds: "\(s.roundsWithout) / \(s.roundsWith)",
                               without: ThroughputFormat.si(s.withoutAESNI), with: ThroughputFormat.si(s.withAESNI),
                               gain: SpeedupText.gain(s.estimate, significant: s.significant),
                               ci: NumberText.percentInterval(s.estimate.confidenceInterval),
                               p: pText(s.test, roundsWith: s.roundsWith, roundsWithout: s.roundsWithout),
                               rowClass: SpeedupText.rowClass(s.significant))
        }
        let opensslMethod = statisticalMethod.forSamples
        return HostView(name: host, anchor: anchor, centre: options.centre.rawValue, alpha: "\(options.alpha)",
                        speedups: speedups, hasSpeedups: !speedups.isEmpty, opensslSpeedups: openssl,
                        hasOpenSSLSpeedups: !openssl.isEmpty,
                        opensslCentre: opensslMethod.centreName(), runs: runs, method: statisticalMethod.summaryLine(),
                        legend: statisticalMethod.significanceLegend(), ratioIntervalHeader: statisticalMethod.ratioIntervalHeader,
                        pHeader: statisticalMethod.pValueHeader, opensslMethod: opensslMethod.summaryLine(),
                        opensslLegend: opensslMethod.significanceLegend(),
                        opensslRatioIntervalHeader: opensslMethod.ratioIntervalHeader,
                        opensslPHeader: opensslMethod.pValueHeader)
    }

    /// The method of this report, which every header and sentence about the statistics reads.
    var statisticalMethod: Method { Method(options) }

    /// A p-value on the page: two significant digits, or why there is none (`n/a (1 round)`).
    func pText(_ test: TestResult, roundsWith: Int, roundsWithout: Int) -> String {
        test.pValue.map { ThroughputFormat.significant($0, digits: 2) }
            ?? SpeedupText.untestedReason(roundsWith: roundsWith, roundsWithout: roundsWithout)
    }

    func seriesView(_ s: SeriesStatistics) -> SeriesView {
        let summary = s.summary
        let cv = summary?.coefficientOfVariation
        return SeriesView(
            cipher: s.cipher, operation: s.operation.rawValue, n: String(s.n), failed: String(s.failed),
            mean: summary.map { ThroughputFormat.si($0.mean) } ?? "-",
            median: summary.map { ThroughputFormat.si($0.median) } ?? "-",
            stdev: summary?.standardDeviation.map { ThroughputFormat.si($0) } ?? "-",
            ci: s.centreInterval.map { ThroughputFormat.si($0.low) + " – " + ThroughputFormat.si($0.high) }
                ?? (s.centreIntervalNote ?? "no complete round"),
            cv: cv.map { NumberText.plainPercent($0 * 100) } ?? "-", noisy: (cv ?? 0) > Self.noisyCV,
            noisyThreshold: NumberText.plainPercent(Self.noisyCV * 100),
            outliers: s.outliers.isEmpty ? "-" : "rounds " + s.outliers.map(String.init).joined(separator: ", "),
            rowClass: s.n == 0 ? "failed" : "")
    }

    func comparisonView(_ c: Comparison) -> ComparisonView {
        let document = ComparisonDocument(comparison: c, options: options, diagnostics: [], version: version)
        let rows = zip(c.rows, document.rows).map { row, doc in
            ComparisonView.Row(
                cipher: row.cipher, operation: row.operation.rawValue,
                aesni: row.aesni.map { $0 ? "with" : "without" } ?? "?",
                a: ComparisonDocument.centreText(doc.a), b: ComparisonDocument.centreText(doc.b),
                change: row.significant ? NumberText.percent(row.change.percent) : "~",
                ci: NumberText.percentInterval(row.change.confidenceInterval),
                pMannWhitney: row.mannWhitney.pValue.map { ThroughputFormat.significant($0, digits: 2) } ?? "n/a",
                pWelch: row.welch.pValue.map { ThroughputFormat.significant($0, digits: 2) } ?? "n/a",
                n: "\(row.a.n)+\(row.b.n)", rowClass: row.significant ? "" : "not-significant")
        }
        return ComparisonView(
            a: c.nameA, b: c.nameB,
            note: "A change is shown where the Mann-Whitney U test finds it significant at \(c.alpha); ~ marks no "
                + "significant difference. ± is the half-width of the 95% interval of the mean.",
            rows: rows, geometricMeans: document.geometricMeanLines(),
            onlyOneSide: c.onlyInA.map { "only in A: \($0)" } + c.onlyInB.map { "only in B: \($0)" })
    }

    // MARK: - Machines

    func machines(_ hosts: [String]) -> MachinesView {
        var machines: [(String, CPUDescription, String?)] = []
        for host in hosts {
            if let hostCPU = hostCPUs.first(where: { $0.host == host }) {
                machines.append(("host \(host)", hostCPU.cpu, hostCPU.path))
            }
            for stats in analysis.runs where stats.run.host == host {
                if let cpu = stats.run.cpu { machines.append(("\(host): \(stats.run.label)", cpu, stats.run.cpuPath)) }
            }
        }
        var diffs: [MachinesView.Diff] = []
        for hostCPU in hostCPUs where hosts.contains(hostCPU.host) {
            for stats in analysis.runs where stats.run.host == hostCPU.host {
                guard let guest = stats.run.cpu else { continue }
                let diff = CPUDiff(hostCPU.cpu, guest)
                diffs.append(MachinesView.Diff(
                    title: "Host \(hostCPU.host) versus " + (guest.guest.fact == .yes ? "guest" : "run")
                        + " \(stats.run.label)" + (guest.guest.fact == .yes ? "" : " (guest: \(guest.guest.fact.rawValue))"),
                    first: "host", second: guest.guest.fact == .yes ? "guest" : "run",
                    missingRelevant: diff.relevantOnlyInFirst.isEmpty ? "none" : diff.relevantOnlyInFirst.joined(separator: " "),
                    missingCount: diff.onlyInFirst.count,
                    missing: diff.onlyInFirst.isEmpty ? "(none)" : diff.onlyInFirst.joined(separator: " "),
                    extra: diff.onlyInSecond.isEmpty ? "(none)" : diff.onlyInSecond.joined(separator: " ")))
            }
        }
        // The two states of one host side by side: everything but AES-NI should be alike (collect vm starts both
        // guests from one CPU model and removes only the AES instructions), and any other difference shows here.
        for host in hosts {
            let runs = analysis.runs.map(\.run).filter { $0.host == host }
            guard let with = runs.first(where: { $0.aesni == true && $0.cpu != nil }),
                  let without = runs.first(where: { $0.aesni == false && $0.cpu != nil }),
                  let withCPU = with.cpu, let withoutCPU = without.cpu else { continue }
            let diff = CPUDiff(withCPU, withoutCPU)
            diffs.append(MachinesView.Diff(
                title: "\(host): run with AES-NI \(with.label) versus run without \(without.label)",
                first: "run with AES-NI", second: "run without AES-NI",
                missingRelevant: diff.relevantOnlyInFirst.isEmpty ? "none" : diff.relevantOnlyInFirst.joined(separator: " "),
                missingCount: diff.onlyInFirst.count,
                missing: diff.onlyInFirst.isEmpty ? "(none)" : diff.onlyInFirst.joined(separator: " "),
                extra: diff.onlyInSecond.isEmpty ? "(none)" : diff.onlyInSecond.joined(separator: " ")))
        }
        return machinesView(machines, diffs: diffs)
    }

    func machinesView(_ machines: [(String, CPUDescription, String?)], diffs: [MachinesView.Diff]) -> MachinesView {
        let rows = machines.map { label, cpu, source in
            MachinesView.Machine(label: label, model: cpu.modelName ?? "(not given)",
                                 cpus: cpu.logicalCPUs.map(String.init) ?? "-",
                                 kind: Self.machineKind(cpu.guest), guestEvidence: cpu.guest.evidence,
                                 source: source ?? "-")
        }
        // yes ✓, no ·, and the two that are neither, spelled out: n/a (not on this architecture) and unknown.
        let features = CPUFeature.allCases.map { feature in
            MachinesView.Feature(name: feature.label, cells: machines.map { _, cpu, _ in
                let features = cpu.features
                switch features[feature].value {
                case .yes:
                    let text = features.text(feature)
                    return MachinesView.Feature.Cell(text: text == "yes" ? "✓" : text, class: "yes")
                case .no: return MachinesView.Feature.Cell(text: "·", class: "no")
                case .notApplicable: return MachinesView.Feature.Cell(text: "n/a", class: "na")
                case .unknown: return MachinesView.Feature.Cell(text: "unknown", class: "unknown")
                }
            })
        }
        return MachinesView(runs: rows, columns: machines.map(\.0), features: features, diffs: diffs)
    }

    /// `guest (KVM)`, `guest`, `host`, `unknown (guest or host)`.
    static func machineKind(_ guest: GuestDecision) -> String {
        switch guest.fact {
        case .yes: return guest.evidence.hasPrefix("lscpu Hypervisor vendor: ")
            ? "guest (\(guest.evidence.dropFirst("lscpu Hypervisor vendor: ".count)))" : "guest"
        case .no: return "host"
        case .unknown, .notApplicable: return "unknown (guest or host)"
        }
    }

    // MARK: - Method and provenance

    func methodSentences() -> [String] {
        [
            "Throughput of a round is bytes / seconds as dd printed them (not dd's rounded rate); failed rounds are "
                + "counted and never averaged.",
            "Outliers are flagged by Tukey's fences (1.5 IQR beyond the quartiles) and "
                + (options.dropOutliers ? "dropped" : "kept") + "; "
                + (options.skipWarmup > 0 ? "the first \(options.skipWarmup) rounds of each series are dropped as warm-up." : "no warm-up rounds are dropped."),
            "Method: " + statisticalMethod.summaryLine() + ".",
        ] + statisticalMethod.sentences + (statisticalMethod.centre == .total ? [
            "openssl speed outputs carry no bytes and seconds: they are compared by "
                + statisticalMethod.forSamples.summaryLine() + ".",
        ] : []) + [
            "Series with a coefficient of variation above \(NumberText.plainPercent(Self.noisyCV * 100)) are marked noisy.",
        ]
    }

    func files() -> [String] {
        var paths = Set<String>()
        for stats in analysis.runs {
            let run = stats.run
            run.ddLogs.forEach { paths.insert($0.path) }
            run.openssl.forEach { paths.insert($0.path) }
            run.cryptsetup.forEach { paths.insert($0.path) }
            if let cpuPath = run.cpuPath { paths.insert(cpuPath) }
        }
        hostCPUs.forEach { paths.insert($0.path) }
        return paths.sorted()
    }
}

extension String {
    func replacingPrefix(_ prefix: String, _ replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
