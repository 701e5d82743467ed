/// Names made safe for file names and page anchors.
public enum Slug {
    /// Lower case letters and digits (any script), everything else one dash, no dash at either end:
    /// `Skylake Gold 6148` → `skylake-gold-6148`. May be empty when `text` has no letter or digit.
    public static func of(_ text: String) -> String {
        let allowed = text.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        return String(allowed).split(separator: "-").joined(separator: "-")
    }
}
