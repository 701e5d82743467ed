#!/usr/bin/env bash
# fio JSON parse throughput, one core: builds AESReportIngest in release, makes a 64 MiB file of real fio 3.33 JSON
# documents (the json+ fixture repeated, as a long --status-interval run appends them; likewise terse and normal)
# and reads each three times, timing the process's CPU time.
#   bash .ci/fio-throughput.sh [SCRATCH]          (default /tmp/aesreport-fio-throughput)
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${1:-/tmp/aesreport-fio-throughput}
swift build -c release --target AESReportIngest --scratch-path "$scratch" >/dev/null
modules="$scratch/release/Modules"
[ -d "$modules" ] || modules="$scratch/release"
objects=$(find "$scratch/release/AESReportModel.build" "$scratch/release/AESReportIngest.build" -name '*.o')
cat > "$scratch/fio-throughput.swift" <<'SWIFT'
import AESReportIngest
import Foundation

let fixtures = CommandLine.arguments[1]
let corpus = CommandLine.arguments[2]
for (name, form) in [("real-jsonplus-write.json", "json+"), ("real-terse-v5-write.txt", "terse"),
                     ("real-normal-randrw.txt", "normal")] {
    let one = try Data(contentsOf: URL(fileURLWithPath: fixtures + "/" + name))
    var data = Data()
    while data.count < 64 << 20 { data.append(one) }
    try data.write(to: URL(fileURLWithPath: corpus))
    var best = Double.infinity
    var rounds = 0
    for _ in 0..<3 {
        // CPU time of this process (one thread): per core, whatever else the machine runs meanwhile.
        let start = clock()
        let parsed = FioOutputParser.parse(file: corpus)
        best = min(best, Double(clock() - start) / Double(CLOCKS_PER_SEC))
        rounds = parsed.value?.rounds.count ?? 0
    }
    print("\(form): \(data.count >> 20) MiB, \(rounds) reports, best of 3: "
        + String(format: "%.3f s, %.0f MB/s", best, Double(data.count) / best / 1e6))
}
SWIFT
swiftc -O -I "$modules" $objects "$scratch/fio-throughput.swift" -o "$scratch/fio-throughput"
"$scratch/fio-throughput" Tests/AESReportIngestTests/Fixtures/fio "$scratch/corpus.json"
