import AESReportCharts
import Dispatch

/// Renders named charts to files' bytes in every requested format, on all cores.
public enum ChartFiles {
    public struct File: Sendable {
        public var name: String
        public var bytes: [UInt8]

        public init(name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
        }
    }

    /// `read.png`, `read.svg`, ... in chart order then format order. Each worker lays out with its own Pango
    /// measurer (Pango contexts are per thread).
    public static func render(_ charts: [NamedChart], formats: [ImageFormat], theme: Theme, size: ChartSize,
                              renderer: CairoRenderer) throws -> [File] {
        let results = UnsafeMutableBufferPointer<Result<[File], Error>?>.allocate(capacity: charts.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let box = ResultsBox(results)
        let chartsBox = ChartsBox(charts)
        DispatchQueue.concurrentPerform(iterations: charts.count) { index in
            let chart = chartsBox.charts[index]
            box.results[index] = Result {
                let drawing = chart.layout(theme: theme, measurer: PangoTextMeasurer(), size: size)
                return try formats.map { File(name: "\(chart.name).\($0.rawValue)", bytes: try renderer.render(drawing, as: $0)) }
            }
        }
        return try results.flatMap { try $0!.get() }
    }
}

private struct ResultsBox: @unchecked Sendable {
    let results: UnsafeMutableBufferPointer<Result<[ChartFiles.File], Error>?>
    init(_ results: UnsafeMutableBufferPointer<Result<[ChartFiles.File], Error>?>) { self.results = results }
}

private struct ChartsBox: @unchecked Sendable {
    let charts: [NamedChart]
    init(_ charts: [NamedChart]) { self.charts = charts }
}
