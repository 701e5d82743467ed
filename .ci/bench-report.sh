#!/usr/bin/env bash
# Wall time of the whole SampleData report with the release binary, process start included:
# every chart as PNG and SVG, the HTML page and the summaries. Needs hyperfine (apt-get install hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib --product aesreport >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
hyperfine --warmup 3 --runs "${RUNS:-30}" --prepare "rm -rf $out/report" --export-json "$out/times.json" \
  ".build/release/aesreport report SampleData -o $out/report"
python3 - "$out/times.json" <<'PY'
import json, statistics, sys
times = json.load(open(sys.argv[1]))["results"][0]["times"]
print(f"median {statistics.median(times) * 1000:.0f} ms, mean {statistics.mean(times) * 1000:.0f} ms, "
      f"min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms over {len(times)} runs")
PY
