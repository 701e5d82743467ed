import AESReportCairo
import AESReportCharts
import AESReportFiles
import AESReportModel

/// Renders named charts to files in every requested format, on all cores.
public enum ChartFiles {
    /// A file that could not be drawn, and why.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// The file's name (`read.png`).
        public var name: String
        /// What the renderer said.
        public var reason: String

        /// `cannot draw read.png: <reason>`, the message of the error diagnostic.
        public var description: String { "cannot draw \(name): \(reason)" }
    }

    /// `read.png`, `read.svg`, ... in chart order then format order; throws the first failure.
    public static func render(_ charts: [NamedChart], formats: [ImageFormat], theme: Theme, size: ChartSize,
                              renderer: CairoRenderer) throws -> [OutputFile] {
        let outcome = renderEach(charts, formats: formats, theme: theme, size: size, renderer: renderer)
        if let failure = outcome.failures.first { throw failure }
        return outcome.files
    }

    /// Every file that could be drawn, in chart order then format order, and every one that could not: one chart
    /// that fails (one host's) never costs the others. Layout happens on the calling thread; rendering on all cores
    /// (`ParallelMap`), every (chart, format) pair a task of its own, the costly formats first (`costRank`) so that
    /// no core idles at the end while the other encodes a PNG. Called from inside another `ParallelMap` task, it
    /// would run on that one thread (Dispatch divides the cores among nested pools). `whenDrawn` is called with each
    /// file as soon as it is drawn, on the thread that drew it (to write it while the others are drawn).
    public static func renderEach(_ charts: [NamedChart], formats: [ImageFormat], theme: Theme, size: ChartSize,
                                  renderer: CairoRenderer, whenDrawn: ((OutputFile) -> Void)? = nil)
        -> (files: [OutputFile], failures: [Failure]) {
        let measurer = PangoTextMeasurer()
        let drawings = charts.map { $0.layout(theme: theme, measurer: measurer, size: size) }
        let tasks = charts.indices.flatMap { chart in
            formats.map { (chart: chart, format: $0, name: "\(charts[chart].name).\($0.rawValue)") }
        }
        let order = tasks.indices.sorted { (costRank(tasks[$0].format), $0) < (costRank(tasks[$1].format), $1) }
        let rendered = ParallelMap.map(order) { index in
            let task = tasks[index]
            let result = Result { try renderer.render(drawings[task.chart], as: task.format) }
            if let whenDrawn, case let .success(bytes) = result { whenDrawn(OutputFile(name: task.name, bytes: bytes)) }
            return result
        }
        // Back in chart then format order (`order` is a permutation of the tasks).
        var results = rendered
        for (position, index) in order.enumerated() { results[index] = rendered[position] }
        var files: [OutputFile] = []
        var failures: [Failure] = []
        for (task, result) in zip(tasks, results) {
            switch result {
            case let .success(bytes): files.append(OutputFile(name: task.name, bytes: bytes))
            case let .failure(error): failures.append(Failure(name: task.name, reason: "\(error)"))
            }
        }
        return (files, failures)
    }

    /// Rendering cost, most costly first: a PNG is rasterised and compressed (a few milliseconds a chart), a PDF
    /// drawn through Cairo, an SVG with text written directly (a fraction of a millisecond).
    private static func costRank(_ format: ImageFormat) -> Int {
        switch format {
        case .png: 0
        case .pdf: 1
        case .svg: 2
        }
    }
}
