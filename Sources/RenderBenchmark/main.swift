// Measures chart rendering for a report (release build):
//
//   swift run -c release render-benchmark [SampleData] [--repetitions 20]
//
// Reads the runs once, then times, over the repetitions: laying out and rendering every chart of the report as PNG
// and SVG on all cores (what `aesreport report` does), and the same on one thread; then, one thread, where the time
// goes: layout, PNG, SVG with real text (the default) and SVG as Cairo's glyph outlines (`--svg-text paths`).
// Prints medians and the SVG sizes of both kinds.
import AESReportCairo
import AESReportOutput
import AESReportCharts
import AESReportIngest
import AESReportStats
import Dispatch
import Foundation
import CAllocatorTuning

aesreport_tune_allocator()

var path = "SampleData"
var repetitions = 20
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    if argument == "--repetitions" {
        repetitions = Int(arguments.next() ?? "") ?? repetitions
    } else {
        path = argument
    }
}

let discovery = RunDiscovery().discover(paths: [path])
let analysis = ReportAnalysis(runs: discovery.runs, options: AnalysisOptions())
let charts = ReportCharts.charts(analysis, options: ChartOptions(), analysisOptions: AnalysisOptions())
print("\(path): \(discovery.runs.count) runs, \(charts.count) charts, PNG + SVG each")

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

var bytes = 0
var parallel: [Double] = []
var serial: [Double] = []
for _ in 0..<repetitions {
    parallel.append(try seconds {
        let files = try ChartFiles.render(charts, formats: [.png, .svg], theme: .light, size: ChartSize(),
                                          renderer: CairoRenderer())
        bytes = files.reduce(0) { $0 + $1.bytes.count }
    })
    serial.append(try seconds {
        let measurer = PangoTextMeasurer()
        for chart in charts {
            let drawing = chart.layout(theme: .light, measurer: measurer, size: ChartSize())
            _ = try CairoRenderer().render(drawing, as: .png)
            _ = try CairoRenderer().render(drawing, as: .svg)
        }
    })
}
print("output: \(bytes) bytes")
print(String(format: "all cores: median %.1f ms over %d runs", median(parallel) * 1000, repetitions))
print(String(format: "1 thread:  median %.1f ms over %d runs", median(serial) * 1000, repetitions))

// Where the time goes, one thread.
var layoutTimes: [Double] = []
var pngTimes: [Double] = []
var svgTimes: [Double] = []
var pathTimes: [Double] = []
var svgBytes = 0
var pathBytes = 0
let paths = CairoRenderer(svgText: .paths)
for _ in 0..<max(3, repetitions / 4) {
    let measurer = PangoTextMeasurer()
    var drawings: [Drawing] = []
    layoutTimes.append(seconds { drawings = charts.map { $0.layout(theme: .light, measurer: measurer, size: ChartSize()) } })
    pngTimes.append(try seconds { for d in drawings { _ = try CairoRenderer().render(d, as: .png) } })
    svgTimes.append(try seconds { svgBytes = try drawings.reduce(0) { $0 + (try CairoRenderer().render($1, as: .svg)).count } })
    pathTimes.append(try seconds { pathBytes = try drawings.reduce(0) { $0 + (try paths.render($1, as: .svg)).count } })
}
print(String(format: "1 thread, all charts: layout %.1f ms, PNG %.1f ms, SVG text %.1f ms, SVG paths %.1f ms (medians)",
             median(layoutTimes) * 1000, median(pngTimes) * 1000, median(svgTimes) * 1000, median(pathTimes) * 1000))
print("SVG, all charts: text \(svgBytes) bytes, paths \(pathBytes) bytes")
