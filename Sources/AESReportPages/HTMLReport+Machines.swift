import AESReportIngest
import AESReportModel
import AESReportStats

extension HTMLReport {
    func machines(_ hosts: [String]) -> MachinesView {
        var machines: [(String, CPUDescription, String?)] = []
        for host in hosts {
            if let hostCPU = hostCPUs.first(where: { $0.host == host }) {
                machines.append(("\(text.side(.host)) \(host)", hostCPU.cpu, hostCPU.path))
            }
            for stats in analysis.runs where stats.run.host == host {
                if let cpu = stats.run.cpu { machines.append(("\(host): \(stats.run.label)", cpu, stats.run.cpuPath)) }
            }
        }
        var diffs: [MachinesView.Diff] = []
        for hostCPU in hostCPUs where hosts.contains(hostCPU.host) {
            for stats in analysis.runs where stats.run.host == hostCPU.host {
                guard let guest = stats.run.cpu else { continue }
                let isGuest = guest.guest.fact == .yes
                let second = text.side(isGuest ? .guest : .run)
                let title = text.versus("\(text.host) \(hostCPU.host)", "\(second) \(stats.run.label)")
                    + (isGuest ? "" : " (guest: \(guest.guest.fact.rawValue))")
                diffs.append(flagDiff(title: title, first: text.side(.host), second: second,
                                      CPUDiff(hostCPU.cpu, guest)))
            }
        }
        // The two states of one host side by side: everything but AES-NI should be alike (collect vm starts both
        // guests from one CPU model and removes only the AES instructions), and any other difference shows here.
        for host in hosts {
            let runs = analysis.runs.map(\.run).filter { $0.host == host }
            guard let with = runs.first(where: { $0.aesni == true && $0.cpu != nil }),
                  let without = runs.first(where: { $0.aesni == false && $0.cpu != nil }),
                  let withCPU = with.cpu, let withoutCPU = without.cpu else { continue }
            let first = text.side(.runWith), second = text.side(.runWithout)
            diffs.append(flagDiff(title: "\(host): " + text.versus("\(first) \(with.label)", "\(second) \(without.label)"),
                                  first: first, second: second, CPUDiff(withCPU, withoutCPU)))
        }
        return machinesView(machines, diffs: diffs)
    }

    /// A comparison's labels in the page's language, and its flags as lists.
    func flagDiff(title: String, first: String, second: String, _ diff: CPUDiff) -> MachinesView.Diff {
        MachinesView.Diff(title: title, lacksLabel: text.lacks(second),
                          onlyFirstLabel: text.onlyHas(first, count: diff.onlyInFirst.count),
                          onlySecondLabel: text.onlyHas(second), missingRelevant: diff.relevantOnlyInFirst,
                          missing: diff.onlyInFirst, extra: diff.onlyInSecond)
    }

    func machinesView(_ machines: [(String, CPUDescription, String?)], diffs: [MachinesView.Diff]) -> MachinesView {
        let rows = machines.map { label, cpu, source in
            MachinesView.Machine(label: label, model: cpu.modelName ?? "(not given)",
                                 cpus: cpu.logicalCPUs.map(String.init) ?? "-",
                                 kind: Self.machineKind(cpu.guest), guestEvidence: cpu.guest.evidence,
                                 source: source ?? "-")
        }
        let features = CPUFeature.allCases.map { feature in
            MachinesView.Feature(name: feature.label, cells: machines.map { _, cpu, _ in
                featureCell(cpu.features[feature], feature: feature)
            })
        }
        return MachinesView(runs: rows, columns: machines.map(\.0), features: features, diffs: diffs)
    }

    /// yes ✓, no –, and the two that are neither, spelled out: n/a (not on this architecture) and unknown. A group of
    /// flags (AVX-512's subsets, ARM's SHA1/2/3/512) shows the mark and how many, with the full flag names under it;
    /// a feature of one flag (x86's `sha_ni`) shows the mark alone.
    func featureCell(_ entry: CPUFeatures.Entry, feature: CPUFeature) -> MachinesView.Feature.Cell {
        switch entry.value {
        case .yes:
            guard feature == .avx512 || entry.flags.count > 1 else {
                return MachinesView.Feature.Cell(text: "✓", class: "yes", title: entry.flags.joined(separator: " "))
            }
            return MachinesView.Feature.Cell(text: "✓ \(entry.flags.count)", class: "yes",
                                             title: "\(entry.flags.count) \(text.subsets)", flags: entry.flags)
        case .no: return MachinesView.Feature.Cell(text: "–", class: "no", title: text.absent)
        case .notApplicable: return MachinesView.Feature.Cell(text: "n/a", class: "na", title: "n/a")
        case .unknown: return MachinesView.Feature.Cell(text: "unknown", class: "unknown", title: "unknown")
        }
    }

    /// `guest (KVM)`, `guest`, `host`, `unknown (guest or host)`.
    static func machineKind(_ guest: GuestDecision) -> String {
        switch guest.fact {
        case .yes: return guest.evidence.hasPrefix("lscpu Hypervisor vendor: ")
            ? "guest (\(guest.evidence.dropFirst("lscpu Hypervisor vendor: ".count)))" : "guest"
        case .no: return "host"
        case .unknown, .notApplicable: return "unknown (guest or host)"
        }
    }
}
