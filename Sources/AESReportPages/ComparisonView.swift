/// The page's comparison of hosts (`aesreport compare`): per pair of columns its tables (series, then gains side by
/// side), each a header and rows of cells made by `ComparisonDocument` (the cells the terminal and comparison.md
/// print), then the machines fact by fact.
struct ComparisonView {
    struct Cell {
        var text: String
        /// A number: right-aligned.
        var num: Bool
    }

    struct Row {
        var cells: [Cell]
        var rowClass: String
    }

    struct Table {
        var caption: String
        var header: [Cell]
        var rows: [Row]
    }

    struct Pair {
        var title: String
        var tables: [Table]
        var notes: [String]
    }

    var a: String
    /// The other inputs, joined.
    var b: String
    var note: String
    var pairing: String?
    var pairs: [Pair]
    var machines: Table?
    /// Series on one column only, hosts with no partner.
    var unmatched: [String]
    var hasUnmatched: Bool { !unmatched.isEmpty }
}
