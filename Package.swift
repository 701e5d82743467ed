// swift-tools-version:6.1
import PackageDescription

import class Foundation.ProcessInfo

let package = Package(
    name: "aesreport",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "aesreport", targets: ["aesreport"]),
        .library(name: "AESReportIngest", targets: ["AESReportIngest"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        // Value types shared by every stage. No I/O.
        .target(name: "AESReportModel"),
        // glibc malloc settings for the executables (see its header).
        .target(name: "CAllocatorTuning"),
        // One parser per input format, streaming line reader (gzip through zlib), run discovery.
        .target(name: "AESReportIngest", dependencies: ["AESReportModel", "CZlib"]),
        // zlib, for gzip-compressed logs (the library CCairo links already; no Cairo in the input half).
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Pure statistics: summaries, outliers, tests, ratio intervals; and the report's analysis of runs. No I/O.
        .target(name: "AESReportStats", dependencies: [
            "AESReportModel", .product(name: "RealModule", package: "swift-numerics"),
        ]),
        // The temporary files being written, removable from a signal handler (async-signal-safe C).
        .target(name: "CInterruptCleanup"),
        // Files written safely: atomic files, the locked output folder, where output may go. Foundation only, so
        // that the collectors write their results without linking the report's pages or Cairo.
        .target(name: "AESReportFiles", dependencies: ["CInterruptCleanup", "AESReportModel"]),
        // Writers of what the report produces: HTML (Templates/, embedded), JSON, CSV, Markdown.
        .target(name: "AESReportPages", dependencies: [
            "AESReportModel", "AESReportStats", "AESReportIngest", "AESReportFiles",
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        // Chart models, scales and layout into drawing primitives; knows nothing of Cairo.
        .target(name: "AESReportCharts", dependencies: [
            "AESReportModel", "AESReportStats", .product(name: "RealModule", package: "swift-numerics"),
        ]),
        // Cairo and Pango from the system (apt: libcairo2-dev, libpango1.0-dev).
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libcairo2-dev", "libpango1.0-dev", "zlib1g-dev"])]
        ),
        // The only Swift code that touches Cairo.
        .target(name: "AESReportCairo", dependencies: [
            "CCairo", "AESReportCharts", .product(name: "RealModule", package: "swift-numerics"),
        ]),
        // Writing a report: the outputs chosen, the charts rendered on all cores, the summaries and the page,
        // staged in the output folder.
        .target(name: "AESReportOutput", dependencies: [
            "AESReportModel", "AESReportIngest", "AESReportStats", "AESReportCharts", "AESReportCairo", "AESReportPages",
            "AESReportFiles",
        ]),
        // Collectors: run openssl speed or the dm-crypt procedure and write result folders the report reads.
        .target(name: "AESReportCollect", dependencies: ["AESReportModel", "AESReportIngest", "AESReportFiles"]),
        // The command-line tool: options, a call into a library, terminal output and exit status.
        .executableTarget(
            name: "aesreport",
            dependencies: [
                "AESReportModel", "AESReportIngest", "AESReportStats", "AESReportCharts", "AESReportPages",
                "AESReportCairo", "AESReportFiles", "AESReportOutput", "CAllocatorTuning", "CInterruptCleanup",
                "AESReportCollect",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `swift run -c release parse-benchmark`: dd-log parse throughput on a generated corpus.
        .executableTarget(name: "parse-benchmark", dependencies: ["AESReportIngest", "AESReportModel", "CAllocatorTuning"],
                          path: "Sources/ParseBenchmark"),
        // `swift run -c release render-benchmark`: layout and Cairo rendering time of a report's charts.
        .executableTarget(name: "render-benchmark",
                          dependencies: ["AESReportCairo", "AESReportCharts", "AESReportIngest", "AESReportStats",
                                         "AESReportOutput", "CAllocatorTuning"],
                          path: "Sources/RenderBenchmark"),
        .testTarget(
            name: "AESReportIngestTests",
            dependencies: ["AESReportIngest", "AESReportModel"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "AESReportCollectTests", dependencies: ["AESReportCollect", "AESReportModel"]),
        .testTarget(name: "AESReportStatsTests",
                    dependencies: ["AESReportStats", "AESReportModel", "AESReportIngest"],
                    exclude: ["Fixtures", "reference.py", "sampledata_reference.py", "gain_comparison_reference.py"]),
        .testTarget(name: "AESReportPagesTests",
                    dependencies: ["AESReportPages", "AESReportStats", "AESReportModel", "AESReportIngest",
                                   "AESReportFiles"]),
        .testTarget(name: "AESReportFilesTests", dependencies: ["AESReportFiles", "CInterruptCleanup", "AESReportModel"]),
        .testTarget(name: "AESReportOutputTests",
                    dependencies: ["AESReportOutput", "AESReportFiles", "AESReportCairo", "AESReportCharts",
                                   "AESReportModel", "AESReportIngest", "AESReportStats", "AESReportPages"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "AESReportModelTests", dependencies: ["AESReportModel"]),
        .testTarget(name: "AESReportChartsTests", dependencies: ["AESReportCharts"]),
        .testTarget(name: "AESReportCairoTests",
                    dependencies: ["AESReportCairo", "AESReportCharts", "AESReportStats", "AESReportModel"],
                    exclude: ["Golden"]),
        .testTarget(name: "aesreportTests", dependencies: ["aesreport"]),
    ],
    swiftLanguageModes: [.v6]
)

// In-process benchmarks with ordo-one's Benchmark package (`Benchmarks/AESReportBenchmarks`). Only when asked for:
//   AESREPORT_BENCHMARKS=1 swift package benchmark
// so that builds, tests and CI never resolve or build the benchmark package and its dependencies.
if ProcessInfo.processInfo.environment["AESREPORT_BENCHMARKS"] == "1" {
    package.dependencies.append(
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]))
    package.targets.append(.executableTarget(
        name: "AESReportBenchmarks",
        dependencies: [
            .product(name: "Benchmark", package: "benchmark"),
            "AESReportIngest", "AESReportStats", "AESReportPages", "AESReportModel", "CAllocatorTuning",
        ],
        path: "Benchmarks/AESReportBenchmarks",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ))
}
