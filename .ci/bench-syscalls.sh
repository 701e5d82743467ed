#!/usr/bin/env bash
# System calls and CPU time per input file of `aesreport report FLEET --format csv` (release build):
#   bash .ci/bench-syscalls.sh [HOSTS]      (default 1000; the fleet comes from .ci/generate-fleet.py)
# Prints strace's count of every call made more than 1,000 times with the count per file, then the CPU seconds
# (user + system, GNU time) per file of RUNS runs (default 5) without strace.
set -euo pipefail
cd "$(dirname "$0")/.."
hosts=${1:-1000}
runs=${RUNS:-5}
bin=${AESREPORT:-.build/release/aesreport}
[ -n "${AESREPORT:-}" ] || swift build -c release --static-swift-stdlib --product aesreport >/dev/null
corpus=/tmp/aesreport-fleet-$hosts
[ -d "$corpus" ] || python3 .ci/generate-fleet.py "$hosts" "$corpus"
files=$(find "$corpus" -type f | wc -l)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
strace -c -f -o "$out/strace" "$bin" report "$corpus" -o "$out/report" --format csv --quiet >/dev/null 2>&1 || true
echo "$files files; system calls made more than 1,000 times:"
awk -v files="$files" '$4 ~ /^[0-9]+$/ && $4 > 1000 && $NF != "total" { total += $4; printf "  %-12s %8d  %.2f per file\n", $NF, $4, $4 / files }
  END { printf "  %-12s %8d  %.2f per file\n", "all these", total, total / files }' "$out/strace"
for _ in $(seq "$runs"); do
  rm -rf "$out/report"
  /usr/bin/time -f '%U %S' -o "$out/time" "$bin" report "$corpus" -o "$out/report" --format csv --quiet \
    >/dev/null 2>&1 || true
  # GNU time adds a "Command exited with non-zero status" line when a fleet's report ends with status 1 (hosts
  # that stand out): only the line of numbers counts.
  awk -v files="$files" '$1 ~ /^[0-9.]+$/ { printf "%.1f\n", ($1 + $2) * 1e6 / files }' "$out/time"
done | sort -n | awk '{ a[NR] = $1 } END { printf "CPU per file: median %s us (min %s, max %s) over %d runs\n", a[int((NR + 1) / 2)], a[1], a[NR], NR }'
