import AESReportFiles
import AESReportIngest
import AESReportModel
import Foundation

extension VMCollector {
    /// The flags of the guest with AES-NI against the guest without, from their own cpuinfo.txt, as lines for the
    /// terminal (`only with AES-NI: aes pclmulqdq`), or nil when a dump is missing. Under the default models the
    /// two differ in the AES instructions alone; anything else listed here is a second difference to weigh.
    public static func guestFlagDiff(plan: GuestLaunchPlan) -> [String]? {
        let cpus = plan.guests.map { guest -> CPUDescription? in
            guard let text = try? String(contentsOfFile: guest.folder + "/cpuinfo.txt", encoding: .utf8) else { return nil }
            return CPUInfoParser.parse(text: text, path: guest.folder + "/cpuinfo.txt").value
        }
        guard cpus.count == 2, let with = cpus[0], let without = cpus[1] else { return nil }
        let diff = CPUDiff(with, without)
        let none = "(none)"
        return [
            "flags only with AES-NI (\(plan.guests[0].name)): " + (diff.onlyInFirst.isEmpty ? none : diff.onlyInFirst.joined(separator: " ")),
            "flags only without (\(plan.guests[1].name)): " + (diff.onlyInSecond.isEmpty ? none : diff.onlyInSecond.joined(separator: " ")),
            "AES-NI from the guests' own cpuinfo: \(plan.guests[0].name) \(with.hasHardwareAES ? "has" : "lacks") the aes flag, "
                + "\(plan.guests[1].name) \(without.hasHardwareAES ? "has" : "lacks") it",
        ]
    }
}
