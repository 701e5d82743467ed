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

    /// `read.png`, `read.svg`, ... in chart order then format order. Layout happens on the calling thread with
    /// one Pango measurer; Cairo rendering on all cores (each render creates its own Pango context).
    public static func render(_ charts: [NamedChart], formats: [ImageFormat], theme: Theme, size: ChartSize,
                              renderer: CairoRenderer) throws -> [File] {
        // Layout is cheap (well under a millisecond a chart); rendering is not, so every (chart, format) pair is
        // its own task and both cores stay busy to the end.
        let measurer = PangoTextMeasurer()
        let drawings = charts.map { $0.layout(theme: theme, measurer: measurer, size: size) }
        let tasks = charts.indices.flatMap { chart in formats.map { (chart, $0) } }
        let results = UnsafeMutableBufferPointer<Result<File, Error>?>.allocate(capacity: tasks.count)
        results.initialize(repeating: nil)
        defer {
            // The results were copied out; their storage must be released before the memory is freed.
            results.deinitialize()
            results.deallocate()
        }
        let box = ResultsBox(results)
        let input = TasksBox(drawings: drawings, names: charts.map(\.name), tasks: tasks)
        DispatchQueue.concurrentPerform(iterations: tasks.count) { index in
            let (chart, format) = input.tasks[index]
            box.results[index] = Result {
                File(name: "\(input.names[chart]).\(format.rawValue)",
                     bytes: try renderer.render(input.drawings[chart], as: format))
            }
        }
        return try results.map { try $0!.get() }
    }
}

/// Carries the output buffer into `concurrentPerform`, whose iterations write disjoint indexes.
private struct ResultsBox: @unchecked Sendable {
    let results: UnsafeMutableBufferPointer<Result<ChartFiles.File, Error>?>
    init(_ results: UnsafeMutableBufferPointer<Result<ChartFiles.File, Error>?>) { self.results = results }
}

private struct TasksBox: @unchecked Sendable {
    let drawings: [Drawing]
    let names: [String]
    let tasks: [(Int, ImageFormat)]
}
