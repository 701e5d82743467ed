import AESReportIngest
import AESReportModel
import AESReportStats

extension HTMLReport {
    func machines(_ hosts: [String]) -> MachinesView {
        var machines: [(String, CPUDescription, String?)] = []
        for host in hosts {
            if let hostCPU = hostCPUs.first(where: { $0.host == host }) {
                machines.append(("host \(host)", hostCPU.cpu, hostCPU.path))
            }
            for stats in analysis.runs where stats.run.host == host {
                if let cpu = stats.run.cpu { machines.append(("\(host): \(stats.run.label)", cpu, stats.run.cpuPath)) }
            }
        }
        var diffs: [MachinesView.Diff] = []
        for hostCPU in hostCPUs where hosts.contains(hostCPU.host) {
            for stats in analysis.runs where stats.run.host == hostCPU.host {
                guard let guest = stats.run.cpu else { continue }
                let diff = CPUDiff(hostCPU.cpu, guest)
                diffs.append(MachinesView.Diff(
                    title: "Host \(hostCPU.host) versus " + (guest.guest.fact == .yes ? "guest" : "run")
                        + " \(stats.run.label)" + (guest.guest.fact == .yes ? "" : " (guest: \(guest.guest.fact.rawValue))"),
                    first: "host", second: guest.guest.fact == .yes ? "guest" : "run",
                    missingRelevant: diff.relevantOnlyInFirst.isEmpty ? "none" : diff.relevantOnlyInFirst.joined(separator: " "),
                    missingCount: diff.onlyInFirst.count,
                    missing: diff.onlyInFirst.isEmpty ? "(none)" : diff.onlyInFirst.joined(separator: " "),
                    extra: diff.onlyInSecond.isEmpty ? "(none)" : diff.onlyInSecond.joined(separator: " ")))
            }
        }
        // The two states of one host side by side: everything but AES-NI should be alike (collect vm starts both
        // guests from one CPU model and removes only the AES instructions), and any other difference shows here.
        for host in hosts {
            let runs = analysis.runs.map(\.run).filter { $0.host == host }
            guard let with = runs.first(where: { $0.aesni == true && $0.cpu != nil }),
                  let without = runs.first(where: { $0.aesni == false && $0.cpu != nil }),
                  let withCPU = with.cpu, let withoutCPU = without.cpu else { continue }
            let diff = CPUDiff(withCPU, withoutCPU)
            diffs.append(MachinesView.Diff(
                title: "\(host): run with AES-NI \(with.label) versus run without \(without.label)",
                first: "run with AES-NI", second: "run without AES-NI",
                missingRelevant: diff.relevantOnlyInFirst.isEmpty ? "none" : diff.relevantOnlyInFirst.joined(separator: " "),
                missingCount: diff.onlyInFirst.count,
                missing: diff.onlyInFirst.isEmpty ? "(none)" : diff.onlyInFirst.joined(separator: " "),
                extra: diff.onlyInSecond.isEmpty ? "(none)" : diff.onlyInSecond.joined(separator: " ")))
        }
        return machinesView(machines, diffs: diffs)
    }

    func machinesView(_ machines: [(String, CPUDescription, String?)], diffs: [MachinesView.Diff]) -> MachinesView {
        let rows = machines.map { label, cpu, source in
            MachinesView.Machine(label: label, model: cpu.modelName ?? "(not given)",
                                 cpus: cpu.logicalCPUs.map(String.init) ?? "-",
                                 kind: Self.machineKind(cpu.guest), guestEvidence: cpu.guest.evidence,
                                 source: source ?? "-")
        }
        // yes ✓, no ·, and the two that are neither, spelled out: n/a (not on this architecture) and unknown.
        let features = CPUFeature.allCases.map { feature in
            MachinesView.Feature(name: feature.label, cells: machines.map { _, cpu, _ in
                let features = cpu.features
                switch features[feature].value {
                case .yes:
                    let text = features.text(feature)
                    return MachinesView.Feature.Cell(text: text == "yes" ? "✓" : text, class: "yes")
                case .no: return MachinesView.Feature.Cell(text: "·", class: "no")
                case .notApplicable: return MachinesView.Feature.Cell(text: "n/a", class: "na")
                case .unknown: return MachinesView.Feature.Cell(text: "unknown", class: "unknown")
                }
            })
        }
        return MachinesView(runs: rows, columns: machines.map(\.0), features: features, diffs: diffs)
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
