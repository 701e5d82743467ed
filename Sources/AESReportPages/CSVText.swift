/// RFC 4180 CSV: fields with commas, quotes or line breaks are quoted, quotes doubled; lines end with CRLF-free `\n`.
public enum CSVText {
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }

    public static func field(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Exact numbers: the shortest decimal that reads back to the same double; empty for nil.
    public static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        return "\(value)"
    }

    public static func number(_ value: Int?) -> String {
        value.map(String.init) ?? ""
    }
}
