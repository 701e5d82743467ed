import AESReportFiles
import AESReportIngest
import AESReportModel
import Foundation

/// The plan of a collection: states, steps and notes, decided before anything runs.
extension OpenSSLCollector {
    /// The states, steps and notes, without running anything. `supported` lists the cipher names the local
    /// openssl knows (lower case); nil when it could not be asked.
    public func plan(supported: Set<String>?) -> Plan {
        var notes: [String] = []
        let hasAES = cpu?.hasHardwareAES
        var states: [State] = []
        let with = State(folder: settings.output + "/with-aesni", aesni: true, environment: [:],
                         label: "openssl speed, AES instructions in use")
        switch (hasAES, mask) {
        case (false?, _):
            notes.append("this CPU has no 'aes' flag: only the run without AES-NI is measured. For the other half, "
                         + "run the same command on a host, or a guest started with -cpu host or +aes, into a "
                         + "sibling folder")
            states = [State(folder: settings.output + "/no-aesni", aesni: false, environment: [:],
                            label: "openssl speed, CPU without AES instructions")]
        case (_, .unavailable):
            notes.append(mask.explanation + ": only the run with AES instructions is measured")
            states = [with]
        default:
            if hasAES == nil {
                notes.append("the CPU description could not be read; assuming the CPU has AES instructions")
            }
            states = [with, State(folder: settings.output + "/no-aesni", aesni: false, environment: mask.environment,
                                  label: "openssl speed, " + mask.explanation)]
        }
        var algorithms: [String] = []
        for name in settings.algorithms.map({ $0.lowercased() }) where !algorithms.contains(name) { algorithms.append(name) }
        let skipped = supported.map { known in algorithms.filter { !known.contains($0) } } ?? []
        if !skipped.isEmpty {
            notes.append("this openssl does not offer " + skipped.joined(separator: ", ") + "; skipped")
        }
        var steps: [Step] = []
        for round in 1...max(1, settings.rounds) {
            for algorithm in algorithms where !skipped.contains(algorithm) {
                for direction in [CipherDirection.encrypt, .decrypt] {
                    for size in settings.blockSizes {
                        for state in states {
                            var arguments = ["speed", "-seconds", String(settings.seconds), "-bytes", String(size),
                                             "-evp", algorithm]
                            if direction == .decrypt { arguments.append("-decrypt") }
                            let name = "openssl-\(algorithm)-\(direction.rawValue)-\(size)-r\(round).txt"
                            steps.append(Step(state: state, algorithm: algorithm, direction: direction, blockSize: size,
                                              round: round, file: state.folder + "/" + name,
                                              command: ExternalCommand(settings.openssl, arguments,
                                                                       environment: state.environment)))
                        }
                    }
                }
            }
        }
        return Plan(states: states, steps: steps, notes: notes, skippedAlgorithms: skipped)
    }

    /// Cipher names the local openssl lists (`openssl list -cipher-algorithms`), lower case; nil if it cannot say.
    public func supportedAlgorithms() -> Set<String>? {
        guard let result = try? runner.run(ExternalCommand(settings.openssl, ["list", "-cipher-algorithms"])),
              result.status == 0 else { return nil }
        var names = Set<String>()
        for token in result.standardOutput.split(whereSeparator: { " ,{}\n\t".contains($0) }) {
            names.insert(token.lowercased())
        }
        return names.isEmpty ? nil : names
    }
}
