#!/usr/bin/env bash
# Runs the end-to-end calling tests with the generated modules and the native runtime built under
# AddressSanitizer and UBSan (BRIDGEGEN_SANITIZE), libasan preloaded into node.
# Leak checking is off: Node itself does not free everything at exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
export BRIDGEGEN_SANITIZE=address,undefined
LD_PRELOAD="$(gcc -print-file-name=libasan.so)"
export LD_PRELOAD
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
npx jest --runInBand test/e2e/calls.test.ts "$@"
