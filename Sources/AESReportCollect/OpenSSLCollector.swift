import AESReportFiles
import AESReportIngest
import AESReportModel
import Foundation

/// `aesreport collect openssl`: runs `openssl speed -evp` for each algorithm, direction and block size, with the
/// CPU's AES instructions and with them masked, and writes what the report reads:
///
///     DIR/cpuinfo.txt                 the machine's CPU description (/proc/cpuinfo)
///     DIR/with-aesni/aesreport.manifest, openssl-<algorithm>-<encrypt|decrypt>-<bytes>-r<round>.txt
///     DIR/no-aesni/  (the same, run with the mask)
///
/// Rounds alternate the two states, so drift of the machine's speed (turbo, neighbours) hits both alike.
public struct OpenSSLCollector {
    public struct Settings: Sendable {
        public var output: String
        public var algorithms: [String]
        public var rounds: Int
        public var seconds: Int
        public var blockSizes: [Int]
        public var openssl: String
        /// Replace earlier openssl outputs in the run folders (otherwise their presence is an error).
        public var replace: Bool
        /// Seconds to wait for another run holding the folder (nil: for ever).
        public var lockTimeout: Double? = OutputFolder.defaultLockTimeout

        /// Algorithms named twice (case does not matter: openssl reads `AES-128-CBC` as `aes-128-cbc`), each once.
        public var duplicateAlgorithms: [String] {
            var seen = Set<String>()
            var twice: [String] = []
            for name in algorithms.map({ $0.lowercased() }) where !seen.insert(name).inserted && !twice.contains(name) {
                twice.append(name)
            }
            return twice
        }

        public static let defaultAlgorithms = ["aes-128-cbc", "aes-256-cbc", "aes-128-ctr", "aes-256-ctr",
                                               "aes-128-gcm", "aes-256-gcm", "aes-128-xts", "aes-256-xts"]

        public init(output: String, algorithms: [String] = defaultAlgorithms, rounds: Int = 1, seconds: Int = 1,
                    blockSizes: [Int] = [16384], openssl: String = "openssl", replace: Bool = false) {
            self.output = output
            self.algorithms = algorithms
            self.rounds = rounds
            self.seconds = seconds
            self.blockSizes = blockSizes
            self.openssl = openssl
            self.replace = replace
        }
    }

    /// One state of the machine: a run folder.
    public struct State: Sendable, Equatable {
        public var folder: String
        public var aesni: Bool
        public var environment: [String: String]
        public var label: String
    }

    /// One `openssl speed` invocation and the file its output goes to.
    public struct Step: Sendable, Equatable {
        public var state: State
        public var algorithm: String
        public var direction: CipherDirection
        public var blockSize: Int
        public var round: Int
        public var file: String
        public var command: ExternalCommand
    }

    public struct Plan: Sendable {
        public var states: [State]
        public var steps: [Step]
        /// What the user must know before it runs: masking impossible, algorithms unsupported.
        public var notes: [String]
        public var skippedAlgorithms: [String]
    }

    public enum CollectError: Error, CustomStringConvertible {
        case opensslMissing(String)
        case existingFiles([String])
        case nothingToRun(String)

        public var description: String {
            switch self {
            case let .opensslMissing(program): "\(program) not found on PATH: install openssl (apt-get install openssl)"
            case let .existingFiles(paths):
                "already there: " + paths.joined(separator: ", ") + "; nothing was run or written. Choose another "
                    + "folder, or pass --replace (it replaces only the files this command writes)"
            case let .nothingToRun(reason): reason
            }
        }
    }

    public let settings: Settings
    public let runner: any CommandRunner
    /// The CPU this runs on, as read from `cpuText`.
    public let cpu: CPUDescription?
    /// `/proc/cpuinfo` (or lscpu) text, copied into the result folder.
    public let cpuText: String
    public let mask: AESNIMask

    public init(settings: Settings, runner: any CommandRunner, cpuText: String, machine: String) {
        self.settings = settings
        self.runner = runner
        self.cpuText = cpuText
        cpu = CPUInfoParser.parse(text: cpuText, path: "/proc/cpuinfo").value
        mask = AESNIMask(machine: machine)
    }
}
