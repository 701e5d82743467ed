import AESReportModel
import AESReportStats

/// Builds every chart of a report from its statistics.
public enum ReportCharts {
    /// `hostCPUs`: a host's own CPU dump by host name (a `collect openssl` folder's `cpuinfo.txt` beside its runs),
    /// named in the subtitles of its charts when its runs have no CPU of their own.
    public static func charts(_ analysis: ReportAnalysis, options: ChartOptions, analysisOptions: AnalysisOptions,
                              hostCPUs: [String: CPUDescription] = [:]) -> [NamedChart] {
        var charts: [(kind: ChartKind, chart: NamedChart)] = []
        let hosts = analysis.runs.map(\.run.host).uniqued()
        let fileNames = HostFileNames.names(hosts)
        let method = Method(analysisOptions)
        for host in hosts {
            let fileName = hosts.count > 1 ? fileNames[host, default: HostFileNames.hash(host)] : nil
            // Models are cheap to build; the rendering of a kind left out by `--charts` is what is saved.
            func add(_ kind: ChartKind, _ model: NamedChart.Model) {
                guard options.kinds?.contains(kind) ?? true else { return }
                charts.append((kind, NamedChart(kind: kind.output, host: fileName, model: model)))
            }
            let runs = analysis.runs.filter { $0.run.host == host }.map { statistics in
                var described = statistics
                if described.run.cpu == nil { described.run.cpu = hostCPUs[host] }
                return described
            }
            for operation in Operation.allCases {
                if let chart = throughput(runs, host: host, operation: operation, analysis: analysis, options: options,
                                          analysisOptions: analysisOptions) {
                    add(operation == .read ? .read : .write, .grouped(chart))
                }
            }
            if let chart = speedup(analysis.speedups.filter { $0.host == host }, host: host, runs: runs,
                                   options: options, method: method) {
                add(.speedup, .horizontal(chart))
            }
            if let chart = rounds(runs, host: host, options: options) {
                add(.rounds, .rounds(chart))
            }
            let opensslSpeedups = analysis.opensslSpeedups.filter { $0.host == host }
            for direction in [CipherDirection.encrypt, .decrypt] {
                if let chart = openssl(analysis.opensslPooled.filter { $0.host == host }, speedups: opensslSpeedups,
                                       runs: runs.map(\.run), host: host, direction: direction, options: options,
                                       method: method.forSamples) {
                    add(direction == .encrypt ? .opensslEncrypt : .opensslDecrypt, .grouped(chart))
                }
            }
            if let chart = opensslSpeedup(opensslSpeedups, runs: runs.map(\.run), host: host, options: options,
                                          method: method.forSamples) {
                add(.opensslSpeedup, .horizontal(chart))
            }
            if let chart = cryptsetup(analysis.cryptsetupPooled.filter { $0.host == host }, runs: runs.map(\.run),
                                     host: host, options: options) {
                add(.cryptsetup, .grouped(chart))
            }
            if let chart = tcryptSpeedup(analysis.tcryptSpeedups.filter { $0.host == host }, runs: runs.map(\.run),
                                         host: host, options: options, method: method.forSamples) {
                add(.tcryptSpeedup, .horizontal(chart))
            }
        }
        guard hosts.count > 1, options.yScale == .shared else { return charts.map(\.chart) }
        return sharingValueAxes(charts, language: options.language)
    }

    /// The fleet view: for read and write, the spread of AES-NI gains across hosts per cipher.
    public static func fleet(_ fleet: FleetAnalysis, options: ChartOptions) -> [NamedChart] {
        Operation.allCases.compactMap { operation in
            let spreads = fleet.spreads.filter { $0.operation == operation }
                .sorted { CipherOrder.areInIncreasingOrder($0.cipher, $1.cipher) }
            guard !spreads.isEmpty else { return nil }
            let columns = spreads.map { spread in
                DistributionChart.Column(values: spread.gains.map(\.percent), median: spread.median,
                                         lowerQuartile: spread.lowerQuartile, upperQuartile: spread.upperQuartile,
                                         highlighted: spread.gains.filter { spread.lowHosts.contains($0.host) }.map(\.percent))
            }
            let language = options.language
            let title = language == .en ? "AES-NI \(operation.rawValue) gain across \(fleet.hosts) hosts"
                : "\(fleet.hosts) 台主机上 AESNI 的\(operation == .read ? "读" : "写")性能提升分布"
            let caption = language == .en
                ? "Shaded: how many hosts have each gain; box: quartiles; bar: median; dots: hosts far below the fleet (Tukey)."
                : "阴影：各提升值的主机数；箱：四分位数；横线：中位数；点：远低于整体的主机（Tukey）。"
            let chart = DistributionChart(title: title, subtitle: "\(spreads.first?.gains.count ?? 0) hosts with both runs",
                                          caption: caption, categories: spreads.map(\.cipher), columns: columns,
                                          valueAxisTitle: language.gainAxis,
                                          color: operation == .read ? options.theme.read : options.theme.write,
                                          highlightColor: Color(hex: 0xD55E00))
            return NamedChart(kind: .fleet(operation), model: .distribution(chart))
        }
    }

    static func subtitle(host: String, runs: [Run], language: ChartLanguage) -> String {
        let cpu = runs.compactMap(\.cpu).first { $0.hasHardwareAES } ?? runs.compactMap(\.cpu).first
        let emulated = VirtualMachineAccelerator.caveat(for: runs).map { " · " + language.emulatedCPU($0) } ?? ""
        guard let cpu, let model = cpu.modelName else { return host + emulated }
        return "\(host) · \(model)" + (cpu.isGuest ? " (\(language.guest))" : "") + emulated
    }

    static func orderedCiphers(_ names: [String]) -> [String] {
        Array(Set(names)).sorted(by: CipherOrder.areInIncreasingOrder)
    }

    static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
