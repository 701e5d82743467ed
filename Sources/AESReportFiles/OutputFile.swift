/// One file a run writes, whole, into its output folder: a chart, a page, a summary. The generic output file of
/// every writer (charts, pages, summaries), staged by `OutputFolder.stage(_:)`.
public struct OutputFile: Sendable, Equatable {
    /// The file's name in the output folder (a plain name, no `/`).
    public var name: String
    /// Its contents.
    public var bytes: [UInt8]

    /// A file of these bytes.
    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    /// A text file, as UTF-8.
    public init(name: String, text: String) {
        self.init(name: name, bytes: Array(text.utf8))
    }
}

extension OutputFolder {
    /// Stages every file (see `stage(_:bytes:)`); a file that cannot be staged is recorded for `commit`, which
    /// names it, and the others go on.
    public func stage(_ files: [OutputFile]) {
        for file in files { _ = try? stage(file.name, bytes: file.bytes) }
    }
}
