#!/usr/bin/env bash
# Fuzzes every parser with libFuzzer (Swift's -sanitize=fuzzer, with AddressSanitizer).
#   bash .ci/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]      (default 60 s, all targets; two run at a time)
# `pipeline` (Tests/Fuzz/PipelineFuzzer.swift) drives parse -> analyse -> charts -> summaries with extreme values.
# Corpora live in Tests/Fuzz/corpus/<target> (seeded from the test fixtures, grown by each run); crashes are written
# to Tests/Fuzz/crashes/<target>/ and make the script fail: commit the reproducer and turn it into a test.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(dd cpuinfo openssl openssl_outputs sbc_bench cryptsetup manifest sniff names fio tcrypt pipeline)
scratch=.build-fuzz
swift build --scratch-path "$scratch" -c release --target AESReportIngest \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >/dev/null
modules="$scratch/release/Modules"
[ -d "$modules" ] || modules="$scratch/release"
objects=$(find "$scratch/release/AESReportModel.build" "$scratch/release/AESReportIngest.build" -name '*.o')
if [[ " ${targets[*]} " == *" pipeline "* ]]; then
  # The pipeline target links the statistics, the charts and the page writers (and what they use) too.
  for module in AESReportStats AESReportCharts AESReportPages; do
    swift build --scratch-path "$scratch" -c release --target "$module" \
      -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >/dev/null
  done
  pipelineObjects=$(find -H "$scratch/release" -path '*.build/*' -name '*.o' \
    \( -path '*/AESReport*' -o -path '*/RealModule.build/*' -o -path '*/_NumericsShims.build/*' \
       -o -path '*/Mustache.build/*' -o -path '*/CInterruptCleanup.build/*' \) \
    ! -path '*/AESReportCairo.build/*' ! -path '*/AESReportOutput.build/*' ! -path '*/AESReportCollect.build/*' \
    ! -path '*Tests.build/*')
fi
fixtures=Tests/AESReportIngestTests/Fixtures
for target in "${targets[@]}"; do
  define=$(echo "FUZZ_$target" | tr '[:lower:]' '[:upper:]')
  if [ "$target" = pipeline ]; then
    swiftc -O -sanitize=fuzzer,address -parse-as-library -I "$modules" $pipelineObjects \
      -I "$scratch/checkouts/swift-numerics/Sources/_NumericsShims/include" -I Sources/CInterruptCleanup/include \
      -Xcc -fmodule-map-file="$scratch/release/CInterruptCleanup.build/module.modulemap" \
      Tests/Fuzz/PipelineFuzzer.swift -lz -o "$scratch/fuzz-$target" 2>"$scratch/link-$target.log"
  else
    swiftc -O -sanitize=fuzzer,address -parse-as-library -D "$define" -I "$modules" $objects \
      Tests/Fuzz/ParserFuzzer.swift -lz -o "$scratch/fuzz-$target" 2>"$scratch/link-$target.log"
  fi
  corpus=Tests/Fuzz/corpus/$target
  mkdir -p "$corpus" "Tests/Fuzz/crashes/$target"
  if [ -z "$(ls -A "$corpus")" ]; then
    case $target in
      dd) cp $fixtures/dd/* $fixtures/malformed/* "$corpus"/ ;;
      sniff) cp $fixtures/dd/* $fixtures/malformed/* $fixtures/fio/*.txt $fixtures/tcrypt/* "$corpus"/ ;;
      fio) cp $fixtures/fio/* "$corpus"/ ;;
      tcrypt) cp $fixtures/tcrypt/* "$corpus"/ ;;
      pipeline) printf '\x7f\xff\xff\xff\xff\xff\xff\xff%.0s' 1 2 3 4 5 6 7 8 > "$corpus/extremes"
                head -c 512 /dev/zero | tr '\0' '\001' > "$corpus/ones" ;;
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
