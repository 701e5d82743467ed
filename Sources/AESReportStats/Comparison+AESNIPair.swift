import AESReportModel

extension Comparison {
    /// Two sides that are one host's runs with and without AES-NI: `compare` pairs series of the same AES-NI
    /// state, so it has nothing to set side by side, while `report` computes exactly that gain.
    public struct AESNIPair: Sendable, Equatable {
        public var host: String
        /// Whether side A is the run with AES-NI.
        public var aWithAESNI: Bool
    }

    /// The pair when every run of A and every run of B is of the same host, all of A in one known AES-NI state
    /// and all of B in the other; nil otherwise (including when a side is empty or a state unknown).
    public static func aesniPair(runsA: [Run], runsB: [Run]) -> AESNIPair? {
        guard let host = runsA.first?.host, let stateA = runsA.first?.aesni, !runsB.isEmpty,
              (runsA + runsB).allSatisfy({ $0.host == host }),
              runsA.allSatisfy({ $0.aesni == stateA }), runsB.allSatisfy({ $0.aesni == !stateA }) else { return nil }
        return AESNIPair(host: host, aWithAESNI: stateA)
    }
}
