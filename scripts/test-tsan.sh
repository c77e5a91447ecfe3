#!/usr/bin/env bash
# The studio's threading under ThreadSanitizer: the job worker and the run controller, where a
# QThread starts core jobs that fan out on OpenMP threads. Built with clang into build-tsan/ so
# that OpenMP is LLVM's libomp, whose Archer tool tells TSan about OpenMP's own synchronisation
# (GCC's libgomp is invisible to TSan and would report every parallel loop).
# Usage: scripts/test-tsan.sh [extra cmake arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh fuzz
build_dir=${BUILD_DIR:-build-tsan}
# -O1 -g1: half the compile time of -O2 -g, reports still with file and line.
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
  -DCMAKE_CXX_COMPILER=clang++ -DMETACF_TSAN=ON -DMETACF_BUILD_BENCH=OFF "$@" >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)" --target tst_job_worker tst_run_controller tst_store_reader
archer=$(ls /usr/lib/llvm-*/lib/libarcher.so 2>/dev/null | tail -n 1)
[ -n "$archer" ] || { echo "test-tsan.sh: libarcher.so (libomp-dev) is missing"; exit 2; }
export OMP_TOOL_LIBRARIES="$archer"
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tests/sanitizers/tsan.supp"
ctest --test-dir "$build_dir" --output-on-failure --timeout 1200 \
  -R '^ui\.(tst_job_worker|tst_run_controller|tst_store_reader)$'
