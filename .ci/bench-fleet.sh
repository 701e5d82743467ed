#!/usr/bin/env bash
# End-to-end `aesreport report` wall time and peak memory for SampleData and synthetic fleets of 100, 1,000 and
# 10,000 hosts (release build, process start included, median of RUNS runs, default 3).
#   bash .ci/bench-fleet.sh [SIZES...]        e.g. bash .ci/bench-fleet.sh 100 1000
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(SampleData 100 1000 10000)
runs=${RUNS:-3}
swift build -c release --static-swift-stdlib --product aesreport >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf '%-12s %8s %8s %12s %12s\n' corpus files MB "median s" "peak MB"
for size in "${sizes[@]}"; do
  if [ "$size" = SampleData ]; then
    corpus=SampleData
  else
    corpus=/tmp/aesreport-fleet-$size
    [ -d "$corpus" ] || python3 .ci/generate-fleet.py "$size" "$corpus"
  fi
  files=$(find -L "$corpus" -type f | wc -l)
  megabytes=$(du -smL "$corpus" | cut -f1)
  times=()
  peak=0
  for _ in $(seq "$runs"); do
    rm -rf "$out/report"
    /usr/bin/time -f '%e %M' -o "$out/time" .build/release/aesreport report "$corpus" -o "$out/report" --quiet \
      >/dev/null 2>&1 || true
    read -r seconds kilobytes < <(tail -1 "$out/time")
    times+=("$seconds")
    [ "$kilobytes" -gt "$peak" ] && peak=$kilobytes
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%-12s %8s %8s %12s %12s\n' "$size" "$files" "$megabytes" "$median" "$((peak / 1024))"
done
