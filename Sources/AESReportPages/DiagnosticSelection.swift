import AESReportModel

/// Chooses which diagnostics a bounded list shows.
enum DiagnosticSelection {
    /// At most `limit` of `diagnostics`, in their order, the most severe first to claim a place.
    static func kept(_ diagnostics: [Diagnostic], limit: Int) -> [Diagnostic] {
        guard diagnostics.count > limit else { return diagnostics }
        var places = limit
        var take = [Bool](repeating: false, count: diagnostics.count)
        for severity in [Severity.error, .warning, .note] where places > 0 {
            for (index, diagnostic) in diagnostics.enumerated() where places > 0 && diagnostic.severity == severity {
                take[index] = true
                places -= 1
            }
        }
        return diagnostics.indices.filter { take[$0] }.map { diagnostics[$0] }
    }
}
