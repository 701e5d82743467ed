import AESReportCharts
import AESReportModel
import AESReportStats

/// Deterministic, SYNTHETIC report data for the rendering tests: two runs (with and without AES-NI) of the seed's six
/// ciphers, read and write, 10 rounds each, plus openssl speed and cryptsetup benchmark results.
enum ChartFixtures {
    static let ciphers = ["aes-ecb-plain", "aes-cbc-plain", "aes-ctr-plain", "aes-lrw-plain", "aes-pcbc-plain",
                          "aes-xts-plain"]
    static let gains: [Operation: [Double]] = [.read: [0.91, 0.62, 0.78, 0.40, 0.45, 0.85],
                                               .write: [0.50, 0.16, 0.44, 0.22, 0.18, 0.005]]

    static func run(host: String, aesni: Bool, speed: Double = 1) -> Run {
        var logs: [DDLog] = []
        for operation in Operation.allCases {
            for (c, cipher) in ciphers.enumerated() {
                let base = (operation == .read ? 1.2e9 : 0.95e9) * speed * (1 - 0.04 * Double(c))
                let rate = base * (aesni ? 1 + gains[operation]![c] : 1)
                let rounds = (0..<10).map { r -> DDRound in
                    // A fixed wobble of about 2% that differs by round and cipher.
                    let wobble = 1 + 0.02 * Double((r * 7 + c * 3 + (aesni ? 5 : 0)) % 11 - 5) / 5
                    return DDRound(number: r + 1, line: 3 * r + 1, transfer: DDTransfer(
                        bytes: 21_474_836_480, seconds: 21_474_836_480 / (rate * wobble), printedRate: nil))
                }
                logs.append(DDLog(path: "/\(host)/\(cipher)-\(operation.rawValue).txt", cipher: cipher,
                                  operation: operation, rounds: rounds))
            }
        }
        let sizes = [16, 64, 256, 1024, 8192]
        let openssl = [128, 256].flatMap { bits in
            [CipherDirection.encrypt, .decrypt].map { direction in
                OpenSSLSpeed(path: "/\(host)/openssl-\(bits)-\(direction.rawValue).txt", version: "OpenSSL 1.0.2k",
                             direction: direction, aesni: aesni, capabilityMask: nil, machineReadable: false,
                             results: sizes.enumerated().map { i, size in
                                 let base = 160e6 * (bits == 128 ? 1 : 0.72) * (1 + 0.05 * Double(i))
                                 let factor = aesni ? (direction == .encrypt ? 5.2 : 19.0) : 1
                                 return OpenSSLSpeedResult(algorithm: "aes-\(bits)-cbc", blockSize: size,
                                                           bytesPerSecond: base * factor, operations: nil,
                                                           seconds: nil, line: i + 1)
                             })
            }
        }
        let ciphersTable = [("aes-cbc", 128, 1031.3, 3225.3), ("serpent-cbc", 128, 90.2, 573.0),
                            ("aes-xts", 256, 2039.5, 2041.1), ("aes-xts", 512, 1766.3, 1768.4)]
            .enumerated().map { i, row in
                let factor = aesni || !row.0.hasPrefix("aes") ? 1 : 1 / 4.2
                return CipherBenchmarkResult(algorithm: row.0, keyBits: row.1, encryption: row.2 * 1_048_576 * factor,
                                             decryption: row.3 * 1_048_576 * factor, line: i + 1)
            }
        let cryptsetup = CryptsetupBenchmark(path: "/\(host)/cryptsetup.txt", pbkdf: [], ciphers: ciphersTable,
                                             error: nil)
        let cpu = CPUDescription(format: .procCpuinfo, architecture: .x86, vendor: "GenuineIntel",
                                 modelName: "Intel(R) Xeon(R) CPU E5-2699 v4 @ 2.20GHz", logicalCPUs: 16,
                                 flags: aesni ? ["aes", "avx2", "hypervisor"] : ["hypervisor"], hypervisorVendor: nil)
        return Run(path: "/\(host)/\(aesni ? "with" : "without")", label: aesni ? "with" : "without", host: host,
                   aesni: aesni, aesniSource: .cpuDump, cpu: cpu, cpuPath: nil, ddLogs: logs, openssl: [openssl].flatMap { $0 },
                   cryptsetup: [cryptsetup])
    }

    static var analysis: ReportAnalysis {
        ReportAnalysis(runs: [run(host: "kvm-host", aesni: true), run(host: "kvm-host", aesni: false)],
                       options: AnalysisOptions())
    }

    static func charts(language: ChartLanguage = .en, theme: Theme = .light) -> [NamedChart] {
        ReportCharts.charts(analysis, options: ChartOptions(language: language, theme: theme),
                            analysisOptions: AnalysisOptions())
    }

    static var comparisonCharts: [NamedChart] {
        let a = [run(host: "host-a", aesni: true), run(host: "host-a", aesni: false)]
        let b = [run(host: "host-b", aesni: true, speed: 1.27), run(host: "host-b", aesni: false, speed: 1.27)]
        let comparison = Comparison(nameA: "host-a", runsA: a, nameB: "host-b", runsB: b, options: AnalysisOptions())
        return ReportCharts.comparison(comparison, options: ChartOptions())
    }

    /// Crafted charts of issue 15's defects (`RenderingTests.testTheFixedDefectsMatchTheirGoldenImages`).
    static var defectCharts: [NamedChart] {
        let clipped = GroupedBarChart(
            title: "Two rounds: an interval wider than the plot", subtitle: "crafted",
            caption: "Bars: mean of the rounds; error bars: 95% t interval of the mean.",
            categories: ["aes-xts-plain", "aes-cbc-plain"], categoryAxisTitle: "cipher",
            series: [BarSeries(name: "without AES-NI", color: Theme.light.withoutAESNI, values: [20e9, 14e9],
                               intervals: [18e9...22e9, 13e9...15e9]),
                     BarSeries(name: "with AES-NI", color: Theme.light.withAESNI, values: [27.5e9, 25e9],
                               intervals: [-316e9...371e9, 24e9...26e9])],
            annotations: [GroupAnnotation(text: "+38% ~", muted: true), GroupAnnotation(text: "+79%", muted: false)],
            valueAxisTitle: "Throughput",
            clippedNote: "An arrow ends a whisker whose interval runs on beyond the plot (below 0 or above the axis).")
        let loss = HorizontalBarChart(
            title: "What AES-NI buys, by cipher", subtitle: "crafted: one cipher, a loss", caption: "c",
            categories: ["aes-xts-plain"],
            series: [.init(name: "read", color: Theme.light.read,
                           bars: [.init(value: -9, interval: -20...99, label: "−9% ~", muted: true)]),
                     .init(name: "write", color: Theme.light.write,
                           bars: [.init(value: 40, interval: 30...50, label: "+40%", muted: false)])],
            valueAxisTitle: "gain with AES-NI")
        return [NamedChart(name: "clipped-whisker", model: .grouped(clipped)),
                NamedChart(name: "speedup-one-cipher-loss", model: .horizontal(loss))]
    }
}
