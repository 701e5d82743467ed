/// The page's machines section: every run's CPU, its features, and the differences that matter.
struct MachinesView {
    struct Machine {
        var label: String
        var model: String
        var cpus: String
        var kind: String
        /// Why the kind was decided: `hypervisor flag`, `aarch64/ARM has no hypervisor flag and ...`.
        var guestEvidence: String
        var source: String
    }

    struct Feature {
        struct Cell {
            var text: String
            var `class`: String
        }

        var name: String
        var cells: [Cell]
    }

    struct Diff {
        var title: String
        /// What the two sides are called in the sentence ("host" and "guest", or "run with AES-NI" and "run without").
        var first: String
        var second: String
        var missingRelevant: String
        var missingCount: Int
        var missing: String
        var extra: String
    }

    var runs: [Machine]
    var columns: [String]
    var features: [Feature]
    var diffs: [Diff]
}
