#!/usr/bin/env bash
# The core and CLI tests a second time, built with AddressSanitizer and UndefinedBehaviorSanitizer
# into build-asan/ (from scratch, so a stale object cannot hide a report; ccache keeps that cheap).
# Any ASan or UBSan report fails the test it happens in: ASan stops at the first error, UBSan is
# built with -fno-sanitize-recover, and leak reports are on (third-party leaks only may be
# suppressed). METACF_SANITIZE_UI=1 builds and runs the studio's tests too (leak reports off
# there unless METACF_UI_LSAN=1: see tests/README.md, Sanitizers).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build-asan}
rm -rf "$build_dir"
ui=OFF
[ "${METACF_SANITIZE_UI:-0}" = 1 ] && ui=ON
# The benchmarks are not tests; leaving them out keeps the sanitizer build shorter. -O1 -g1
# compiles in about half the time of -O2 -g and still gives reports with file and line.
BUILD_DIR="$build_dir" BUILD_TYPE=RelWithDebInfo ./scripts/build.sh \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
  -DMETACF_SANITIZE=ON -DMETACF_BUILD_BENCH=OFF -DMETACF_BUILD_UI=$ui "$@"
supp="$PWD/tests/sanitizers"
export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
asan="halt_on_error=1:abort_on_error=1"
ASAN_OPTIONS="$asan:detect_leaks=1" \
  ctest --test-dir "$build_dir" --output-on-failure --parallel "$(nproc)" --timeout 1200 -E '^ui\.'
if [ "$ui" = ON ]; then
  ASAN_OPTIONS="$asan:detect_leaks=${METACF_UI_LSAN:-0}" \
    ctest --test-dir "$build_dir" --output-on-failure --parallel "$(nproc)" --timeout 1200 -R '^ui\.'
fi
