import AESReportIngest
import AESReportModel
import AESReportStats

extension HTMLReport {
    func fleetHeadlines(_ fleet: FleetAnalysis) -> [Headline] {
        let parts = Operation.allCases.compactMap { operation -> String? in
            let medians = fleet.spreads.filter { $0.operation == operation }.map(\.median)
            guard let low = medians.min(), let high = medians.max() else { return nil }
            let noun = operation == .read ? "reads" : "writes"
            return "\(noun) are \(ThroughputFormat.fixed(low, decimals: 0))% to \(ThroughputFormat.fixed(high, decimals: 0))% faster"
        }
        let text = parts.isEmpty ? "no host has runs with and without AES-NI."
            : "with AES-NI, " + parts.joined(separator: " and ") + " (the median host, per cipher)."
        let caveat = fleet.standouts.isEmpty ? nil : "\(fleet.standouts.count) hosts stand out; see the list below."
        return [Headline(host: "Across \(fleet.hosts) hosts", text: text, caveat: caveat)]
    }

    func fleetView(_ fleet: FleetAnalysis) -> FleetView {
        let rows = fleet.spreads.map { spread in
            FleetView.Row(cipher: spread.cipher, operation: spread.operation.rawValue, hosts: String(spread.gains.count),
                          median: PercentText.signed(spread.median),
                          quartiles: NumberText.percentRange(spread.quartiles),
                          range: NumberText.percentRange(spread.range),
                          low: String(spread.lowHosts.count))
        }
        let shown = fleet.standouts.prefix(Self.listLimit).map {
            FleetView.Standout(host: $0.host, reasons: $0.reasons.joined(separator: "; "))
        }
        return FleetView(hosts: String(fleet.hosts), rows: rows, standouts: shown, hasStandouts: !shown.isEmpty,
                         standoutsNote: fleet.standouts.count > shown.count
                             ? "and \(fleet.standouts.count - shown.count) more" : nil)
    }

    /// Distinct CPUs of the fleet, each once with how many runs and hosts show it.
    func fleetMachines() -> MachinesView {
        var seen: [String: (CPUDescription, Int, String)] = [:]
        var order: [String] = []
        for stats in analysis.runs {
            guard let cpu = stats.run.cpu else { continue }
            let key = (cpu.modelName ?? "?") + "|" + cpu.flags.joined(separator: " ")
            if seen[key] == nil {
                order.append(key)
                seen[key] = (cpu, 0, stats.run.cpuPath ?? "-")
            }
            seen[key]!.1 += 1
        }
        for hostCPU in hostCPUs {
            let key = (hostCPU.cpu.modelName ?? "?") + "|" + hostCPU.cpu.flags.joined(separator: " ")
            if seen[key] == nil {
                order.append(key)
                seen[key] = (hostCPU.cpu, 0, hostCPU.path)
            }
            seen[key]!.1 += 1
        }
        let kinds = order.prefix(Self.listLimit).map { key -> (String, CPUDescription, String?) in
            let (cpu, count, source) = seen[key]!
            let kind = cpu.guest.fact == .yes ? "guest CPU" : cpu.guest.fact == .no ? "host CPU" : "CPU (guest unknown)"
            return ("\(kind) ×\(count)", cpu, source)
        }
        return machinesView(kinds, diffs: [])
    }
}
