import AESReportModel

/// JSON form of one CPU description with its derived features.
/// `features` maps each feature to `{"value": "yes" | "no" | "n/a" | "unknown", "flags": [...]}`; `guest` is
/// `"yes"`, `"no"` or `"unknown"` and `guestEvidence` says why; `isGuest` is true, false, or null when unknown.
struct CPUReport: Encodable {
    var cpu: CPUDescription
    var features: CPUFeatures
    var guest: CPUFact
    var guestEvidence: String
    var isGuest: Bool?
    init(cpu: CPUDescription) {
        self.cpu = cpu
        features = cpu.features
        let decision = cpu.guest
        guest = decision.fact
        guestEvidence = decision.evidence
        isGuest = decision.fact.bool
    }

    enum CodingKeys: String, CodingKey {
        case cpu, features, guest, guestEvidence, isGuest
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(cpu, forKey: .cpu)
        try container.encode(features, forKey: .features)
        try container.encode(guest, forKey: .guest)
        try container.encode(guestEvidence, forKey: .guestEvidence)
        try container.encode(isGuest, forKey: .isGuest) // null, not absent, when unknown
    }
}

struct CPUDiffReport: Encodable {
    var first: CPUReport
    var second: CPUReport
    var diff: CPUDiff
}
