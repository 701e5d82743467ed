#!/usr/bin/env bash
# aesreport against the scripts a user would write instead, paired and interleaved (paired.py: A B A B ...,
# median of the ratios peer / aesreport). Release build; fleets from .ci/generate-fleet.py (made when missing).
#   bash Benchmarks/peers/run.sh [SIZES...]      e.g. RUNS=5 bash Benchmarks/peers/run.sh 100 1000
# Needs python3-matplotlib (apt); PYTHON names the interpreter that has it (default /usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 10000)
runs=${RUNS:-11}
python=${PYTHON:-/usr/bin/python3}
bin=${AESREPORT:-.build/release/aesreport}
[ -n "${AESREPORT:-}" ] || swift build -c release --static-swift-stdlib --product aesreport >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
host=SampleData/broadwell-e5-2699v4
echo "one host ($host), charts PNG+SVG: aesreport report HOST -o OUT --format png,svg --charts read,write,speedup  vs  peers/charts.py"
"$python" Benchmarks/peers/paired.py "$runs" "$out/a" "$out/b" \
  -- "$bin" report "$host" -o "$out/a" --format png,svg --charts read,write,speedup --quiet \
  -- "$python" Benchmarks/peers/charts.py "$host" "$out/b"
for size in "${sizes[@]}"; do
  corpus=/tmp/aesreport-fleet-$size
  [ -d "$corpus" ] || python3 .ci/generate-fleet.py "$size" "$corpus"
  n=$runs
  [ "$size" -ge 10000 ] && n=$(( runs < 5 ? runs : 5 ))
  echo "$size hosts, summary JSON+CSV: aesreport report FLEET -o OUT --format json,csv  vs  peers/summary.py"
  "$python" Benchmarks/peers/paired.py "$n" "$out/a" "$out/b" \
    -- "$bin" report "$corpus" -o "$out/a" --format json,csv --quiet \
    -- "$python" Benchmarks/peers/summary.py "$corpus" "$out/b"
  # The peer writes no per-round samples; neither does aesreport with --summary-samples none (not the default).
  echo "$size hosts, the same with --summary-samples none"
  "$python" Benchmarks/peers/paired.py "$n" "$out/a" "$out/b" \
    -- "$bin" report "$corpus" -o "$out/a" --format json,csv --summary-samples none --quiet \
    -- "$python" Benchmarks/peers/summary.py "$corpus" "$out/b"
done
