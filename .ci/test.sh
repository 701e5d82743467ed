#!/usr/bin/env bash
# Runs the whole test suite from a fresh clone: installs what is missing, builds, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-dependencies.sh
swift build --build-tests
swift test --disable-swift-testing
