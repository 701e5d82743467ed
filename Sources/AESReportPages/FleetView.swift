/// The page's fleet section: the spread of gains across hosts and the hosts that stand out.
struct FleetView {
    struct Row {
        var cipher: String
        var operation: String
        var hosts: String
        var median: String
        var quartiles: String
        var range: String
        var low: String
    }

    struct Standout {
        var host: String
        var reasons: String
    }

    var hosts: String
    var rows: [Row]
    var standouts: [Standout]
    var hasStandouts: Bool
    var standoutsNote: String?
}
