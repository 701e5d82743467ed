import AESReportModel
import AESReportStats

/// The decisions a reader must see before the numbers, in the words the page's Findings and summary.md share:
/// runs whose sources disagree about their AES-NI state (with the state they got and what decided it), then the
/// analysis' warnings (runs pooled, every gain of a host negative).
public enum ReportWarnings {
    public static func lines(_ analysis: ReportAnalysis) -> [String] {
        var out: [String] = []
        for stats in analysis.runs {
            let run = stats.run
            guard let aesni = run.aesni, let source = run.aesniSource else { continue }
            let others = run.aesniEvidence.filter { $0.aesni != aesni && $0.source != .option }
            guard !others.isEmpty else { continue }
            let said = others.map { "\($0.source.rawValue) (\($0.place)) says \($0.aesni ? "with" : "without")" }
            out.append("Run \(BidiText.isolate(run.label)) (\(BidiText.isolate(run.path))) counts as \(aesni ? "with" : "without") AES-NI (from "
                + "\(source.rawValue)), but " + said.joined(separator: ", ") + ": see the diagnostics.")
        }
        return out + analysis.diagnostics.map(\.message)
    }
}
