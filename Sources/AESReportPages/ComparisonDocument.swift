import AESReportModel
import AESReportStats

/// `comparison.json`, `.csv` and `.md`, and the aligned table `compare` prints, each written from the `Comparison`
/// itself (`ComparisonDocument+JSON.swift`, `+CSV`, `+Text`): the schema exists once.
public struct ComparisonDocument {
    var comparison: Comparison
    /// The method the comparison was made with: its words head the columns and explain `~` and `±`.
    var method: Method
    var version: String
    var diagnostics: ListedDiagnostics

    public init(comparison: Comparison, options: AnalysisOptions, diagnostics: [Diagnostic], version: String) {
        self.comparison = comparison
        method = Method(options)
        self.version = version
        self.diagnostics = ListedDiagnostics(diagnostics)
    }
}
