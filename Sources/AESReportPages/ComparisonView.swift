/// The page's comparison of two sets of runs (`aesreport compare`).
struct ComparisonView {
    struct Row {
        var cipher: String
        var operation: String
        var aesni: String
        var a: String
        var b: String
        var change: String
        var ci: String
        var pMannWhitney: String
        var pWelch: String
        var n: String
        var rowClass: String
    }

    var a: String
    var b: String
    var note: String
    /// Header of the change's interval column: `95% CI`.
    var changeIntervalHeader: String
    var rows: [Row]
    var geometricMeans: [String]
    var onlyOneSide: [String]
}
