/// Shortening of category labels: cut to a width, or without the prefix and suffix they share (`aes-ecb-plain`,
/// `aes-cbc-plain`).
public enum CategoryLabels {
    /// `label` cut at the end, with `…`, to at most `width` as measured (unchanged when it fits).
    public static func cut(_ label: String, toWidth width: Double, font: FontSpec, measurer: TextMeasurer) -> String {
        guard measurer.size(of: label, font: font).width > width else { return label }
        var characters = Array(label)
        while !characters.isEmpty, measurer.size(of: String(characters) + "…", font: font).width > width {
            characters.removeLast(max(1, characters.count / 8))
        }
        return String(characters) + "…"
    }

    /// Labels without the prefix up to a shared `-` and the suffix from a shared `-`, and the pattern removed
    /// (`aes-…-plain`); nil when nothing is shared or a label would become empty.
    public static func strippingSharedAffixes(_ labels: [String]) -> ([String], String)? {
        guard labels.count >= 2 else { return nil }
        let parts = labels.map { $0.split(separator: "-", omittingEmptySubsequences: false).map(String.init) }
        var prefix = 0
        while parts.allSatisfy({ $0.count > prefix + 1 }) && Set(parts.map { $0[prefix] }).count == 1 { prefix += 1 }
        var suffix = 0
        while parts.allSatisfy({ $0.count > prefix + suffix + 1 })
            && Set(parts.map { $0[$0.count - 1 - suffix] }).count == 1 { suffix += 1 }
        guard prefix + suffix > 0 else { return nil }
        let stripped = parts.map { $0[prefix..<($0.count - suffix)].joined(separator: "-") }
        guard stripped.allSatisfy({ !$0.isEmpty }) else { return nil }
        let first = parts[0]
        let pattern = (first[..<prefix] + ["…"] + first[(first.count - suffix)...]).joined(separator: "-")
        return (stripped, pattern)
    }
}
