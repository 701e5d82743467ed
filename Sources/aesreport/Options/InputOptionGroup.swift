import AESReportIngest
import ArgumentParser

/// Options shared by every command that reads result files (`report`, `runs`, `parse`, `compare`).
struct InputOptionGroup: ParsableArguments {
    @Option(name: .customLong("max-file-size"),
            help: ArgumentHelp("Refuse input files larger than this when opened: bytes, or a number with K, M, G or T "
                               + "(powers of 1024).", valueName: "size"))
    var maxFileSize = ByteSize(bytes: ReadPolicy.defaultMaxFileSize)

    /// How files named on the command line are read: kernel files (`/proc/cpuinfo`) allowed, never waited on.
    var namedFilePolicy: ReadPolicy {
        ReadPolicy(maxFileSize: maxFileSize.bytes, allowsKernelFiles: true, roots: nil)
    }
}

/// A size in bytes as a person writes it: `1048576`, `512K`, `64M`, `1G`, `2T` (also `1GiB`, `1g`).
struct ByteSize: ExpressibleByArgument, Equatable, CustomStringConvertible {
    var bytes: Int64

    init(bytes: Int64) {
        self.bytes = bytes
    }

    init?(argument: String) {
        var text = Substring(argument.lowercased())
        if text.hasSuffix("ib") { text = text.dropLast(2) } else if text.hasSuffix("b") { text = text.dropLast() }
        var shift: Int64 = 0
        if let unit = text.last, let index = "kmgt".firstIndex(of: unit) {
            shift = Int64("kmgt".distance(from: "kmgt".startIndex, to: index) + 1) * 10
            text = text.dropLast()
        }
        guard let number = Int64(text), number > 0, number <= Int64.max >> shift else { return nil }
        bytes = number << shift
    }

    var description: String {
        for (unit, shift) in [("T", 40), ("G", 30), ("M", 20), ("K", 10)] as [(String, Int64)]
            where bytes >= 1 << shift && bytes % (1 << shift) == 0 {
            return "\(bytes >> shift)\(unit)"
        }
        return String(bytes)
    }

    var defaultValueDescription: String { description }
}
