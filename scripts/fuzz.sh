#!/usr/bin/env bash
# Builds the libFuzzer targets with clang into build-fuzz/ and runs each for SECONDS (default
# 300; 0 only builds), one after another, each in one process on one core. Seeds come from
# tests/fixtures and the first lines of sample_data; what the fuzzer learns is kept in
# build-fuzz/corpus/<target>, crashing inputs in build-fuzz/crashes/<target>. Exits non-zero when
# any target found a crash.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh fuzz
seconds=${1:-300}
shift || true
build_dir=${BUILD_DIR:-build-fuzz}
# -O1 -g1, as libFuzzer's own documentation builds: fast to compile, crashes with file and line.
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
  -DCMAKE_CXX_COMPILER=clang++ -DMETACF_BUILD_FUZZ=ON \
  -DMETACF_BUILD_UI=OFF -DMETACF_BUILD_TESTS=OFF -DMETACF_BUILD_BENCH=OFF ${FUZZ_CMAKE_ARGS:-}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for src in fuzz/*_fuzz.cpp; do targets+=("$(basename "$src" .cpp)"); done
fi
cmake --build "$build_dir" --parallel "$(nproc)" --target "${targets[@]}"
[ "$seconds" -gt 0 ] || exit 0

# Seeds: the fixtures each target reads, and the head of the sample data.
seed_files() {
  case "$1" in
    dataset_loader_fuzz)
      # The first byte of an input picks the load options; 0 is auto-detect, strict.
      for f in tests/fixtures/*.{csv,data,dat,inter,bin} tests/fixtures/fuzz/dataset_loader/*; do
        if [ -f "$f" ]; then { printf '\0'; cat "$f"; } > "$2/$(basename "$f")"; fi
      done
      { printf '\0'; head -n 50 sample_data/ratings.csv; } > "$2/sample_ratings.csv"
      { printf '\0'; cat tests/fixtures/fuzz_findings/latin1_bad_line.csv; } > "$2/latin1_bad_line.csv" ;;
    titles_loader_fuzz)
      for f in tests/fixtures/*.item tests/fixtures/movies_small.* sample_data/items.csv \
               tests/fixtures/fuzz/titles_loader/*; do
        if [ -f "$f" ]; then { printf '\0'; head -n 50 "$f"; } > "$2/$(basename "$f")"; fi
      done ;;
    text_encoding_fuzz) cp tests/fixtures/*.item tests/fixtures/movies_small.* "$2/" ;;
    item_embeddings_npy_fuzz | item_embeddings_csv_fuzz | presplit_fuzz | experiment_config_fuzz | \
      config_json_depth_fuzz | store_json_columns_fuzz)
      local kind=${1%_fuzz}
      cp tests/fixtures/fuzz/"$kind"/* "$2/" 2>/dev/null || true
      [ "$kind" != item_embeddings_npy ] || cp tests/fixtures/fuzz_findings/*.npy "$2/"
      [ "$kind" != experiment_config ] || cp tests/fixtures/fuzz_findings/*.json "$2/" ;;
    experiment_config_memory_fuzz)
      cp tests/fixtures/fuzz/experiment_config/* tests/fixtures/fuzz/experiment_config_memory/* \
        tests/fixtures/fuzz_findings/*.json "$2/" 2>/dev/null || true ;;
  esac
}

# ASan stops at the first error; UBSan reports are fatal too (-fno-sanitize-recover); leaks
# are checked as well.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
status=0
for t in "${targets[@]}"; do
  corpus="$build_dir/corpus/$t"
  crashes="$build_dir/crashes/$t"
  mkdir -p "$corpus" "$crashes"
  seed_files "$t" "$corpus"
  echo "== $t: ${seconds}s"
  if ! "$build_dir/bin/$t" "$corpus" -max_total_time="$seconds" \
        -rss_limit_mb=2048 -timeout=20 -print_final_stats=1 -artifact_prefix="$crashes/" \
        > "$build_dir/$t.log" 2>&1; then
    status=1
    echo "   FOUND A CRASH: see $build_dir/$t.log and $crashes/"
  fi
  grep -E "^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb)" "$build_dir/$t.log" \
    | sed 's/^/   /' || true
done
exit $status
