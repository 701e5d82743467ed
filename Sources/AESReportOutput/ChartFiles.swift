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
    /// that fails (one host's) never costs the others. Layout happens on the calling thread with one Pango
    /// measurer; Cairo rendering on all cores (`ParallelMap`; each render creates its own Pango context).
    public static func renderEach(_ charts: [NamedChart], formats: [ImageFormat], theme: Theme, size: ChartSize,
                                  renderer: CairoRenderer) -> (files: [OutputFile], failures: [Failure]) {
        // Layout is cheap (well under a millisecond a chart); rendering is not, so every (chart, format) pair is
        // its own task and both cores stay busy to the end.
        let measurer = PangoTextMeasurer()
        let drawings = charts.map { $0.layout(theme: theme, measurer: measurer, size: size) }
        let tasks = charts.indices.flatMap { chart in formats.map { (chart: chart, format: $0) } }
        let results = ParallelMap.map(tasks) { task in
            Result { try renderer.render(drawings[task.chart], as: task.format) }
        }
        var files: [OutputFile] = []
        var failures: [Failure] = []
        for (task, result) in zip(tasks, results) {
            let name = "\(charts[task.chart].name).\(task.format.rawValue)"
            switch result {
            case let .success(bytes): files.append(OutputFile(name: name, bytes: bytes))
            case let .failure(error): failures.append(Failure(name: name, reason: "\(error)"))
            }
        }
        return (files, failures)
    }
}
