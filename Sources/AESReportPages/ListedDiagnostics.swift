import AESReportModel

/// The diagnostics summary.json and comparison.json list, and how many they leave out: at most `limit`, errors
/// first to claim the places, then warnings, then notes (`DiagnosticSelection`), so a thousand unread-file notes
/// never push out an error. A damaged tree must not make a document of hundreds of megabytes; every diagnostic is
/// on standard error anyway.
struct ListedDiagnostics {
    /// The most a document lists.
    static let limit = 1000

    /// The listed diagnostics, in their order.
    var kept: [Diagnostic]
    /// `diagnostics_omitted`.
    var omitted: Int

    init(_ diagnostics: [Diagnostic], limit: Int = Self.limit) {
        kept = DiagnosticSelection.kept(diagnostics, limit: limit)
        omitted = diagnostics.count - kept.count
    }

    /// `"diagnostics": [...]` and `"diagnostics_omitted": n` (the two keys sort together).
    func writeJSON(to w: inout JSONWriter) {
        w.key("diagnostics")
        w.array { w in
            for diagnostic in kept { diagnostic.writeJSON(to: &w) }
        }
        w.key("diagnostics_omitted"); w.value(omitted)
    }
}
