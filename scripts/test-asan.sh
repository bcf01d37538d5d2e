#!/usr/bin/env bash
# Runs end-to-end tests with the generated modules and the native runtime built under
# AddressSanitizer and UBSan (BRIDGEGEN_SANITIZE), libasan preloaded into node: by default the
# subset CI runs (.ci/run, README "Safety"); arguments are passed to jest (more test files, --json).
# Leak checking is off: Node itself does not free everything at exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Each covers argument kinds the others do not; together ~15 min on a quiet 2-core machine.
SUITES=(
  test/e2e/calls.test.ts            # scalars, arrays, outputs, async calls, errors
  test/e2e/callbacks.test.ts        # callbacks, sync and async
  test/e2e/records.test.ts          # derived types
  test/e2e/intent-c.test.ts         # intent(c), C sources
  test/e2e/char_arrays.test.ts      # CHARACTER arrays
  test/e2e/optional-arrays.test.ts  # absent optional assumed-shape arrays
  test/e2e/property.test.ts         # every argument kind, arbitrary arguments
  test/e2e/workers.test.ts          # worker threads, terminated mid-call
  test/e2e/c-headers.test.ts        # C headers (cblas.h, lapacke.h)
)

bash scripts/setup.sh
export BRIDGEGEN_SANITIZE=address,undefined
LD_PRELOAD="$(gcc -print-file-name=libasan.so)"
export LD_PRELOAD
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

# The compilers of each module build run without libasan: preloaded, they take twice as long.
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
for tool in gcc g++ cc c++ gfortran; do
  printf '#!/bin/sh\nunset LD_PRELOAD\nexec %s "$@"\n' "$(command -v "$tool")" >"$tools/$tool"
  chmod +x "$tools/$tool"
done
export PATH="$tools:$PATH"

npx jest --runInBand --testTimeout=900000 "${SUITES[@]}" "$@"
