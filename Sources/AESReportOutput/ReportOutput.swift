import AESReportStats

/// Writes what `report` and `compare` produce into their output folder, following the outputs chosen: the
/// summaries or comparison documents, the charts (rendered on all cores), and the page. Files are staged in the
/// folder (`OutputFolder`); the caller commits them together. See `writeReport` and `writeComparison`.
public struct ReportOutput {
    /// What to write, and how the charts look.
    public var settings: ReportOutputSettings
    /// The analysis options the results were computed with (the summaries and the page state them).
    public var options: AnalysisOptions

    /// A writer with these settings, for results computed with `options`.
    public init(settings: ReportOutputSettings, options: AnalysisOptions) {
        self.settings = settings
        self.options = options
    }
}
