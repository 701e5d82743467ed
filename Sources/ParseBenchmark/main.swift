// Measures dd-log parse throughput on a generated corpus (release build):
//
//   swift run -c release parse-benchmark [--megabytes 128] [--repetitions 5] [--corpus DIR] [--reuse]
//
// The corpus is SYNTHETIC and deterministic: seed-style result files (10 rounds each) in the coreutils 8.22,
// 9.x English, German and Chinese forms, with a failed round now and then. It prints the median wall time of
// reading every file with one thread and with all cores, as MB/s of input.
import AESReportIngest
import AESReportModel
import CAllocatorTuning
import Dispatch
import Foundation

aesreport_tune_allocator()

struct Generator {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15

    mutating func next() -> UInt64 {
        // splitmix64: deterministic on every platform.
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * Double(next() >> 11) / Double(1 << 53)
    }

    mutating func round(style: Int) -> String {
        let seconds = uniform(8, 22)
        let secondsText = String(format: "%.6g", seconds)
        let rate = 21_474_836_480 / seconds / 1e9
        let rateText = String(format: "%.1f", rate)
        if next() % 97 == 0 {
            return "dd: error writing '/dev/mapper/crypt0': No space left on device\n20+0 records in\n19+0 records out\n"
                + "20401094656 bytes (20 GB, 19 GiB) copied, \(secondsText) s, \(rateText) GB/s\n"
        }
        switch style {
        case 0:
            return "20+0 records in\n20+0 records out\n21474836480 bytes (21 GB) copied, \(secondsText) s, \(rateText) GB/s\n"
        case 1:
            return "20+0 records in\n20+0 records out\n"
                + "21474836480 bytes (21 GB, 20 GiB) copied, \(secondsText) s, \(rateText) GB/s\n"
        case 2:
            let comma = { (s: String) in s.replacingOccurrences(of: ".", with: ",") }
            return "20+0 Datensätze ein\n20+0 Datensätze aus\n21474836480 Bytes (21 GB, 20 GiB) kopiert, "
                + "\(comma(secondsText)) s, \(comma(rateText)) GB/s\n"
        default:
            return "输入了 20+0 块记录\n输出了 20+0 块记录\n21474836480 字节 (21 GB, 20 GiB) 已复制，\(secondsText) s，\(rateText) GB/s\n"
        }
    }
}

func generate(into folder: String, megabytes: Int) throws -> [String] {
    let manager = FileManager.default
    try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
    var generator = Generator()
    var files: [String] = []
    var total = 0
    let ciphers = ["aes-ecb-plain", "aes-cbc-plain", "aes-ctr-plain", "aes-lrw-plain", "aes-pcbc-plain", "aes-xts-plain"]
    var index = 0
    while total < megabytes * 1_000_000 {
        // 100 runs of 10 rounds appended per file: larger files, like a long-running campaign.
        let style = index % 4
        var text = ""
        for _ in 0..<1000 { text += generator.round(style: style) }
        let path = "\(folder)/host\(index / 12)-\(ciphers[index % 6])-\(index % 12 < 6 ? "read" : "write").txt"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        files.append(path)
        total += text.utf8.count
        index += 1
    }
    return files
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

var megabytes = 128
var repetitions = 5
var corpus = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-parse-corpus").path
var reuse = false
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--megabytes": megabytes = Int(arguments.next() ?? "") ?? megabytes
    case "--repetitions": repetitions = Int(arguments.next() ?? "") ?? repetitions
    case "--corpus": corpus = arguments.next() ?? corpus
    case "--reuse": reuse = true
    default:
        print("usage: parse-benchmark [--megabytes N] [--repetitions N] [--corpus DIR] [--reuse]")
        exit(64)
    }
}

let files: [String]
if reuse, let names = try? FileManager.default.contentsOfDirectory(atPath: corpus), !names.isEmpty {
    files = names.sorted().map { corpus + "/" + $0 }
} else {
    try? FileManager.default.removeItem(atPath: corpus)
    files = try generate(into: corpus, megabytes: megabytes)
}
let bytes = files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
print("corpus: \(files.count) files, \(bytes) bytes in \(corpus)")

var rounds = 0
var failed = 0
for file in files.prefix(4) {
    let log = DDLogParser.parse(file: file).value!
    rounds += log.rounds.count
    failed += log.failedRounds.count
}
print("check: first 4 files hold \(rounds) rounds, \(failed) failed")

for (name, parallel) in [("1 thread", false), ("all cores (\(ProcessInfo.processInfo.activeProcessorCount))", true)] {
    var times: [Double] = []
    for _ in 0..<repetitions {
        times.append(seconds {
            if parallel {
                let counts = ParallelMap.map(files) { DDLogParser.parse(file: $0).value?.rounds.count ?? 0 }
                precondition(counts.reduce(0, +) > 0)
            } else {
                var count = 0
                for file in files { count += DDLogParser.parse(file: file).value?.rounds.count ?? 0 }
                precondition(count > 0)
            }
        })
    }
    let m = median(times)
    print("\(name): median \(String(format: "%.3f", m)) s over \(repetitions) runs, "
          + "\(String(format: "%.0f", Double(bytes) / m / 1e6)) MB/s")
}
