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
            /// `✓`, `–` (absent), `n/a`, `unknown`; for a group of flags (AVX-512, ARM's SHA) `✓ 11`.
            var text: String
            var `class`: String
            /// What the mark means in words (`present`, `absent`), for the cell's title.
            var title: String
            /// A group's flags present, full names (`avx512f`, `avx512_bf16`), listed under the mark; empty otherwise.
            var flags: [String]
            var hasFlags: Bool

            init(text: String, class: String, title: String, flags: [String] = []) {
                self.text = text
                self.class = `class`
                self.title = title
                self.flags = flags
                hasFlags = !flags.isEmpty
            }
        }

        var name: String
        var cells: [Cell]
    }

    /// Two machines' flags compared. Flags are lists, each shown as its own element that never breaks inside a name.
    struct Diff {
        var title: String
        /// The three labels, in the page's language: `Relevant flags the guest lacks:`, `Only the host has 12 flags:`,
        /// `Only the guest has:`.
        var lacksLabel: String
        var onlyFirstLabel: String
        var onlySecondLabel: String
        var missingRelevant: [String]
        var missing: [String]
        var extra: [String]
    }

    var runs: [Machine]
    var columns: [String]
    var features: [Feature]
    var diffs: [Diff]
}
