import AESReportFiles
import AESReportIngest
import AESReportModel
import Foundation

/// `aesreport collect dmcrypt`: the seed chapter's procedure made safe. A file on a tmpfs backs a plain dm-crypt
/// mapping per cipher; dd writes and reads the mapping `rounds` times; each dd's output is appended to
/// `<cipher>-write.txt` / `<cipher>-read.txt`, exactly the files of the seed's script. The mapping and the file are
/// removed on every exit path, errors and interrupts included.
///
/// Differences from the seed's script, on purpose: the key comes from /dev/urandom rather than a fixed passphrase
/// (the data are zeros either way; key sizes are cryptsetup's plain-mode default, as in the seed); dd uses
/// `iflag=direct` / `oflag=direct` so that rounds after the first measure decryption, not the page cache (turn off
/// with `direct: false` to match the seed exactly); the backing file is removed even when a step fails.
public struct DMCryptCollector {
    public struct Settings: Sendable {
        public var output: String
        public var ciphers: [String]
        public var rounds: Int
        /// Size of the backing file and of each dd transfer, in MiB.
        public var sizeMiB: Int
        /// The tmpfs folder that holds the backing file.
        public var backingFolder: String
        public var mappingName: String
        public var direct: Bool
        /// Replace result files (and cpuinfo.txt) already in `output`; otherwise their presence is an error.
        public var replace: Bool
        /// What the mapping sits on: a file on a tmpfs (through a loop device), or the kernel's `brd` ramdisk.
        public var backing: Backing
        /// Seconds to wait for another run holding the output folder (nil: for ever).
        public var lockTimeout: Double? = OutputFolder.defaultLockTimeout
        /// What measures each round: dd (the seed's procedure) or fio.
        public var tool: Tool = .dd
        /// fio's block size, queue depth and engine (used with `tool == .fio`).
        public var fio = FioOptions()

        /// The six modes of the seed chapter.
        public static let seedCiphers = ["aes-ecb-plain", "aes-cbc-plain", "aes-ctr-plain", "aes-lrw-plain",
                                         "aes-pcbc-plain", "aes-xts-plain"]

        public init(output: String, ciphers: [String] = seedCiphers, rounds: Int = 10, sizeMiB: Int = 1024,
                    backingFolder: String = "/dev/shm", mappingName: String = "aesreport-crypt0", direct: Bool = true,
                    replace: Bool = false, backing: Backing = .file) {
            self.backing = backing
            self.output = output
            self.ciphers = ciphers
            self.rounds = rounds
            self.sizeMiB = sizeMiB
            self.backingFolder = backingFolder
            self.mappingName = mappingName
            self.direct = direct
            self.replace = replace
        }

        /// Every cipher and the mapping name against their grammar (`CollectorNames`), and the size: each a
        /// sentence. Empty when all is well.
        public var nameProblems: [String] {
            var problems = ciphers.compactMap(CollectorNames.cipherProblem)
            if let problem = CollectorNames.mappingProblem(mappingName) { problems.append(problem) }
            if Set(ciphers).count != ciphers.count { problems.append("a cipher is named twice") }
            if sizeMiB < 1 { problems.append("--size must be at least 1 MiB") }
            if sizeMiB.multipliedReportingOverflow(by: 1 << 20).overflow {
                problems.append("--size \(sizeMiB) MiB is too large (more than 8 EiB)")
            }
            if tool == .fio { problems += fio.problems }
            return problems
        }

        /// The files a run writes into `output`: the result files of every cipher and cpuinfo.txt.
        public var resultFileNames: [String] {
            ciphers.flatMap(resultFileNames(cipher:)) + ["cpuinfo.txt"]
        }

        /// One cipher's result files: dd's two (`<cipher>-read.txt`, `<cipher>-write.txt`), or fio's one per
        /// round and operation (`fio-<cipher>-read-r1.json`, ...).
        public func resultFileNames(cipher: String) -> [String] {
            switch tool {
            case .dd:
                return AESReportModel.Operation.allCases.map { "\(cipher)-\($0.rawValue).txt" }
            case .fio:
                return (1...max(1, rounds)).flatMap { round in
                    AESReportModel.Operation.allCases.map {
                        DMCryptCollector.fioFileName(cipher: cipher, operation: $0, round: round)
                    }
                }
            }
        }

        /// The backing file as the plan shows it before a run: it lives in a new private folder
        /// (`mkdtemp`, 0700) whose random name is known only when the run starts.
        public var backingFile: String { backingFolder + "/aesreport-XXXXXX/" + PrivateBacking.fileName }
        public var device: String { "/dev/mapper/" + mappingName }
    }

    /// A step of the procedure: a command, and where its output goes (appended), if anywhere.
    public struct Step: Sendable, Equatable {
        public enum Role: Sendable, Equatable {
            case createBackingFile
            case openMapping(cipher: String)
            case round(cipher: String, operation: AESReportModel.Operation, round: Int)
            case closeMapping(cipher: String)
            case removeBackingFile
        }

        public var role: Role
        public var command: ExternalCommand
        /// File that receives the command's report, appended: dd's standard error, or fio's standard output.
        public var appendTo: String?
        /// The report is on standard output (fio's JSON) rather than standard error (dd's).
        public var reportsOnStandardOutput = false
    }

    public let settings: Settings
    public let runner: any CommandRunner

    public init(settings: Settings, runner: any CommandRunner) {
        self.settings = settings
        self.runner = runner
    }
}
