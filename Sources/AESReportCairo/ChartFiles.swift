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

    /// A file that could not be drawn, and why.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var name: String
        public var reason: String

        public var description: String { "cannot draw \(name): \(reason)" }
    }

    /// `read.png`, `read.svg`, ... in chart order then format order; throws the first failure.
    public static func render(_ charts: [NamedChart], formats: [ImageFormat], theme: Theme, size: ChartSize,
                              renderer: CairoRenderer) throws -> [File] {
        let outcome = renderEach(charts, formats: formats, theme: theme, size: size, renderer: renderer)
        if let failure = outcome.failures.first { throw failure }
        return outcome.files
    }

    /// Every file that could be drawn, in chart order then format order, and every one that could not: one chart
    /// that fails (one host's) never costs the others. Layout happens on the calling thread with one Pango
    /// measurer; Cairo rendering on all cores (each render creates its own Pango context).
    public static func renderEach(_ charts: [NamedChart], formats: [ImageFormat], theme: Theme, size: ChartSize,
                                  renderer: CairoRenderer) -> (files: [File], failures: [Failure]) {
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
        var files: [File] = []
        var failures: [Failure] = []
        for (index, result) in results.enumerated() {
            switch result! {
            case let .success(file): files.append(file)
            case let .failure(error):
                let (chart, format) = tasks[index]
                failures.append(Failure(name: "\(charts[chart].name).\(format.rawValue)", reason: "\(error)"))
            }
        }
        return (files, failures)
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
