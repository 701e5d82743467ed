import Foundation
import AESReportCairo
import AESReportModel

/// What `report` and `compare` can write: the page, the summaries and the chart images.
public enum OutputFormat: String, Sendable, CaseIterable {
    case html, json, csv, md, png, svg, pdf

    /// The chart image format this is, if it is one.
    public var imageFormat: ImageFormat? { ImageFormat(rawValue: rawValue) }
}

/// A comma-separated list of formats as the user gave it (`html,json,png`): names trimmed and lowercased, in the
/// order given. Unknown names are kept, so that the command can name them in its own sentence.
public struct OutputFormatList: Sendable, Equatable {
    /// The text as given (the default value shown in help).
    public var text: String
    /// Each name, trimmed and lowercased, in order; an empty name where the list had only spaces between commas.
    public var names: [String]

    /// What `report` and `compare` write when not told: everything but PDF.
    public static let defaultText = "html,json,csv,md,png,svg"

    /// Reads `text`, a comma-separated list; never fails (see `unknown` and `isEmpty`).
    public init(_ text: String = OutputFormatList.defaultText) {
        self.text = text
        names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    }

    /// The known formats, in the order given, each once (`png,PNG` is one PNG per chart: a file is written once).
    public var formats: [OutputFormat] { names.compactMap(OutputFormat.init(rawValue:)).uniqued() }

    /// The chart image formats, in the order given (charts are written in this order).
    public var imageFormats: [ImageFormat] { formats.compactMap(\.imageFormat) }

    /// The names that are no format (an empty one included).
    public var unknown: [String] { names.filter { OutputFormat(rawValue: $0) == nil } }

    /// True when the list names nothing (`--format ""` or only spaces).
    public var isEmpty: Bool { names.allSatisfy(\.isEmpty) }

    /// Whether charts are drawn: an image format is asked for, or the page (which inlines them as SVG).
    public var drawsCharts: Bool { !imageFormats.isEmpty || contains(.html) }

    /// Whether `format` is asked for.
    public func contains(_ format: OutputFormat) -> Bool { formats.contains(format) }
}
