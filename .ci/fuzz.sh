#!/usr/bin/env bash
# Fuzzes every parser with libFuzzer (Swift's -sanitize=fuzzer, with AddressSanitizer).
#   bash .ci/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]      (default 60 s, all targets; two run at a time)
# Corpora live in Tests/Fuzz/corpus/<target> (seeded from the test fixtures, grown by each run); crashes are written
# to Tests/Fuzz/crashes/<target>/ and make the script fail: commit the reproducer and turn it into a test.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(dd cpuinfo openssl openssl_outputs sbc_bench cryptsetup manifest sniff names fio tcrypt)
scratch=.build-fuzz
swift build --scratch-path "$scratch" -c release --target AESReportIngest \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >/dev/null
modules="$scratch/release/Modules"
[ -d "$modules" ] || modules="$scratch/release"
objects=$(find "$scratch/release/AESReportModel.build" "$scratch/release/AESReportIngest.build" -name '*.o')
fixtures=Tests/AESReportIngestTests/Fixtures
for target in "${targets[@]}"; do
  define=$(echo "FUZZ_$target" | tr '[:lower:]' '[:upper:]')
  swiftc -O -sanitize=fuzzer,address -parse-as-library -D "$define" -I "$modules" $objects \
    Tests/Fuzz/ParserFuzzer.swift -lz -o "$scratch/fuzz-$target" 2>"$scratch/link-$target.log"
  corpus=Tests/Fuzz/corpus/$target
  mkdir -p "$corpus" "Tests/Fuzz/crashes/$target"
  if [ -z "$(ls -A "$corpus")" ]; then
    case $target in
      dd) cp $fixtures/dd/* $fixtures/malformed/* "$corpus"/ ;;
      sniff) cp $fixtures/dd/* $fixtures/malformed/* $fixtures/fio/*.txt $fixtures/tcrypt/* "$corpus"/ ;;
      fio) cp $fixtures/fio/* "$corpus"/ ;;
      tcrypt) cp $fixtures/tcrypt/* "$corpus"/ ;;
      cpuinfo) cp $fixtures/cpuinfo/* "$corpus"/ ;;
      openssl) cp $fixtures/openssl/* "$corpus"/ ;;
      openssl_outputs) cp $fixtures/openssl/* $fixtures/corpus/openssl/* "$corpus"/ ;;
      sbc_bench) cp $fixtures/corpus/sbc-bench/* "$corpus"/ ;;
      cryptsetup) cp $fixtures/cryptsetup/* "$corpus"/ ;;
      manifest) printf 'label = x\nhost = h\naesni = yes\n' > "$corpus/basic" ;;
      names)
        printf 'label = =HYPERLINK("x")\nhost = Host A\n' > "$corpus/basic"
        printf 'Host A\0host-a\0host_a\0!!!\0???\0a\033[31m\033]8;;x\007y\0b\r\n# h\0c\342\200\256d' > "$corpus/hostile" ;;
    esac
  fi
done
status=0
run() {
  local target=$1
  # sbc-bench logs are 25-190 KB, so its inputs sit at -max_len; instrumented and on a loaded machine one can take
  # seconds (a 10 s "timeout" there ran in 0.18 s alone): a minute before calling it a hang.
  local limit=10
  [ "$target" = sbc_bench ] && limit=60
  "$scratch/fuzz-$target" -max_total_time="$seconds" -max_len=65536 -timeout="$limit" -rss_limit_mb=2048 \
    -artifact_prefix="Tests/Fuzz/crashes/$target/" "Tests/Fuzz/corpus/$target" > "$scratch/fuzz-$target.log" 2>&1
  local rc=$?
  echo "$target: exit $rc, $(grep -c 'NEW ' "$scratch/fuzz-$target.log") new inputs, $(tail -1 "$scratch/fuzz-$target.log")"
  return $rc
}
pids=()
for target in "${targets[@]}"; do
  run "$target" &
  pids+=($!)
  if [ ${#pids[@]} -ge 2 ]; then
    wait "${pids[0]}" || status=1
    pids=("${pids[@]:1}")
  fi
done
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit $status
