import AESReportIngest
import AESReportModel
import Foundation

/// `collect dmcrypt --tool fio`: the same procedure with fio measuring each round, direct I/O, one JSON output per
/// round (`fio-<cipher>-<read|write>-r<N>.json`, the names the ingest reads).
extension DMCryptCollector {
    /// What measures each round on the mapping.
    public enum Tool: String, Sendable, CaseIterable {
        /// dd, as the seed's script: each report appended to `<cipher>-<read|write>.txt`.
        case dd
        /// fio with `--direct=1 --output-format=json`: one file per round.
        case fio
    }

    /// fio's settings for a run: block size, queue depth and I/O engine, recorded in the manifest.
    public struct FioOptions: Sendable, Equatable {
        /// fio's `--bs`, such as `1M` or `4k`.
        public var blockSize: String
        /// fio's `--iodepth`.
        public var iodepth: Int
        /// fio's `--ioengine`: `libaio` where fio has it, else `psync`.
        public var ioengine: String

        public static let defaultBlockSize = "1M"
        public static let defaultIodepth = 16

        public init(blockSize: String = defaultBlockSize, iodepth: Int = defaultIodepth, ioengine: String = "libaio") {
            self.blockSize = blockSize
            self.iodepth = iodepth
            self.ioengine = ioengine
        }

        /// Problems with the options, each a sentence; empty when all is well.
        public var problems: [String] {
            var problems: [String] = []
            if !Self.isBlockSize(blockSize) {
                problems.append("--fio-block-size must be a number of bytes with an optional k, m or g (4k, 1M), "
                                + "found '\(blockSize)'")
            }
            if iodepth < 1 || iodepth > 4096 { problems.append("--fio-iodepth must be between 1 and 4096") }
            if !["libaio", "psync", "io_uring", "sync"].contains(ioengine) {
                problems.append("--fio-ioengine must be libaio, io_uring, psync or sync, found '\(ioengine)'")
            }
            return problems
        }

        static func isBlockSize(_ text: String) -> Bool {
            let digits = text.prefix { $0.isASCII && $0.isNumber }
            let rest = text.dropFirst(digits.count).lowercased()
            return !digits.isEmpty && digits.count <= 12 && ["", "k", "m", "g"].contains(rest)
                && digits.contains { $0 != "0" }
        }

        /// The engine to use when none is asked for: libaio when `fio --enghelp` lists it, else psync (fio built
        /// without libaio, as some minimal builds are).
        public static func engine(enginesListing: String) -> String {
            enginesListing.split(whereSeparator: \.isNewline)
                .contains { $0.trimmingCharacters(in: .whitespaces) == "libaio" } ? "libaio" : "psync"
        }

        /// The engine where none is asked for, from `fio --enghelp` run by `runner`; libaio when fio is not there
        /// to ask (the prerequisites then say fio is missing).
        public static func engine(runner: any CommandRunner) -> String {
            guard runner.locate("fio") != nil,
                  let listing = try? runner.runToCompletion(ExternalCommand("fio", ["--enghelp"])),
                  listing.status == 0 else { return "libaio" }
            return engine(enginesListing: listing.standardOutput)
        }

        /// The comment lines the run adds to `aesreport.manifest`: how fio was run, for people (the keys the
        /// manifest reads are unchanged).
        public func manifestLines(sizeMiB: Int, fioVersion: String?) -> [String] {
            ["# collect dmcrypt --tool fio: \(fioVersion ?? "fio"), --direct=1 --bs=\(blockSize) "
                + "--iodepth=\(iodepth) --ioengine=\(ioengine) --size=\(sizeMiB)M, one job per round, "
                + "read before write"]
        }
    }

    /// The result file of one fio round.
    public static func fioFileName(cipher: String, operation: AESReportModel.Operation, round: Int) -> String {
        "fio-\(cipher)-\(operation.rawValue)-r\(round).json"
    }

    /// Round files of `cipher` in `names` (a folder's listing) that this run does not write: rounds beyond
    /// `--rounds` of an earlier, longer run, which would otherwise join the new rounds' series.
    func staleFioRounds(cipher: String, in names: [String]) -> [String] {
        guard settings.tool == .fio else { return [] }
        let written = Set(settings.resultFileNames(cipher: cipher))
        return names.filter { name in
            guard !written.contains(name), name.hasPrefix("fio-\(cipher)-"), name.hasSuffix(".json") else { return false }
            let middle = name.dropFirst("fio-\(cipher)-".count).dropLast(".json".count)
            return AESReportModel.Operation.allCases.contains { operation in
                guard middle.hasPrefix(operation.rawValue + "-r") else { return false }
                let number = middle.dropFirst(operation.rawValue.count + 2)
                return !number.isEmpty && number.allSatisfy { $0.isASCII && $0.isNumber }
            }
        }.sorted()
    }

    /// The fio command of one round: direct I/O over the whole mapping, JSON on standard output.
    func fioCommand(cipher: String, operation: AESReportModel.Operation) -> ExternalCommand {
        let fio = settings.fio
        return ExternalCommand("fio", [
            "--name=\(cipher)-\(operation.rawValue)", "--filename=\(settings.device)", "--rw=\(operation.rawValue)",
            "--bs=\(fio.blockSize)", "--iodepth=\(fio.iodepth)", "--ioengine=\(fio.ioengine)", "--direct=1",
            "--size=\(settings.sizeMiB)M", "--output-format=json",
        ])
    }

    /// The text of the manifest at `path` when it is a regular file of at most `RunManifest.maxSize` bytes, read
    /// without following a link (a link put there is not read through, as root); nil otherwise.
    public static func existingManifest(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
              Int64(info.st_size) <= RunManifest.maxSize else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count >= 0 else { return nil }
        return String(decoding: bytes.prefix(count), as: UTF8.self)
    }

    /// The manifest text a fio run leaves: `earlier` (a manifest already there, `collect vm`'s or a person's)
    /// with the fio lines added unless they are there already.
    public func fioManifest(earlier: String?, fioVersion: String?) -> String {
        var text = earlier ?? "# written by aesreport collect dmcrypt --tool fio\n"
        if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
        for line in settings.fio.manifestLines(sizeMiB: settings.sizeMiB, fioVersion: fioVersion)
            where !text.contains(line) {
            text += line + "\n"
        }
        return text
    }
}
