#!/usr/bin/env bash
# End-to-end timings of the command line: wall time and peak RSS (GNU time) of whole runs.
# Usage: bench/run_end_to_end.sh [build/bin/metacf]. MovieLens 100K is read from
# ../shared/datasets/ml-100k (skipped when absent); the Amazon-sized set is generated in /tmp.
set -euo pipefail
cd "$(dirname "$0")/.."
metacf=${1:-build/bin/metacf}
ml100k=../shared/datasets/ml-100k/u.data
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() {  # name, then the command
  local name=$1
  shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>/dev/null
  read -r wall rss <"$work/time"
  awk -v n="$name" -v w="$wall" -v r="$rss" 'BEGIN { printf "%-52s wall %7.2f s   peak RSS %7.1f MiB\n", n, w, r / 1024 }'
}

if [ -f "$ml100k" ]; then
  measure "ML-100K Table 2, all learners, K=5, 1 seed" \
    "$metacf" run --data "$ml100k" --k 5 --seeds 1 --db "$work/s.sqlite"
  measure "ML-100K Tables 2+3, all learners, K=1..5, 1 seed" \
    "$metacf" run --data "$ml100k" --k 1,2,3,4,5 --seeds 1 --db "$work/s.sqlite"
  measure "ML-100K all learners, K=1,5, 5 seeds" \
    "$metacf" run --data "$ml100k" --k 1,5 --seeds 1,2,3,4,5 --db "$work/s.sqlite"
else
  echo "MovieLens 100K not found at $ml100k: skipped"
fi
"$metacf" generate-sample --out "$work/amazon" --users 75000 --items 57750 --records 530000 >/dev/null
measure "Amazon-sized synthetic: load + info" \
  "$metacf" info --data "$work/amazon/ratings.csv"
measure "Amazon-sized synthetic, all learners but melu, K=5, 1 seed" \
  "$metacf" run --data "$work/amazon/ratings.csv" --k 5 --seeds 1 --db "$work/s.sqlite" \
  --learners pop,itemknn,bpr,metacf_g,metacf_p_linear,metacf_p_neural
# MeLU scores every item through its 64 x 64 decision layer for every user (validation and
# test): minutes on its own. METACF_SKIP_MELU=1 leaves this run out.
if [ "${METACF_SKIP_MELU:-0}" != 1 ]; then
  measure "Amazon-sized synthetic, all seven learners, K=5, 1 seed" \
    "$metacf" run --data "$work/amazon/ratings.csv" --k 5 --seeds 1 --db "$work/s.sqlite" \
    --learners pop,itemknn,bpr,melu,metacf_g,metacf_p_linear,metacf_p_neural
fi
