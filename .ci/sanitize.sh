#!/usr/bin/env bash
# Runs the whole test suite under AddressSanitizer (default) or ThreadSanitizer (separate build folders).
# UndefinedBehaviorSanitizer is not offered: this toolchain rejects -sanitize=undefined on x86_64 Linux.
#   bash .ci/sanitize.sh [address|thread ...]
set -euo pipefail
cd "$(dirname "$0")/.."
sanitizers=("$@")
[ ${#sanitizers[@]} -gt 0 ] || sanitizers=(address)
# System libraries' font caches live until exit; our own code gets no suppression.
export LSAN_OPTIONS="suppressions=$PWD/.ci/lsan.supp:print_suppressions=0"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
for sanitizer in "${sanitizers[@]}"; do
  echo "== $sanitizer"
  export AESREPORT_SANITIZER="$sanitizer"
  swift test --disable-swift-testing --scratch-path ".build-$sanitizer" --sanitize="$sanitizer" 2>&1 \
    | grep -E "Executed [0-9]+ tests|error|ERROR|runtime error|Sanitizer" | tail -20
  status=${PIPESTATUS[0]}
  [ "$status" -eq 0 ] || { echo "$sanitizer: tests failed (exit $status)"; exit "$status"; }
done
