#!/usr/bin/env bash
# The memory estimate against measured peaks: each configuration's estimated peak (what
# `metacf run` refuses a run over, read from its refusal at a 1 MiB budget) beside the peak RSS
# of the same run under GNU time, over learners, hidden widths, dimensions and catalogue sizes
# on generated data sets. Targets: estimate >= measured peak on every row, and within 8x of it.
# Usage: bench/memory_sweep.sh [build/bin/metacf] [filter]. Exits 1 when a row misses a target.
# `filter` (a substring of the configuration's name) runs only the matching rows.
# OMP_NUM_THREADS is fixed at 2 so that the estimate counts the threads the run uses.
set -euo pipefail
cd "$(dirname "$0")/.."
metacf=${1:-build/bin/metacf}
filter=${2:-}
export OMP_NUM_THREADS=2 OMP_WAIT_POLICY=passive
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Catalogues: S shaped like MovieLens 100K, M and L with many more items than users rate, T
# with few users and short tasks, for the widest MeLU.
# The generator's users are heavy-tailed (L's largest user rates about 12,000 items), which is
# what the co-occurrence of ease grows with; not every generated item is rated, so each set's
# shape is printed as read.
gen() {  # name users items records
  "$metacf" generate-sample --out "$work/$1" --users "$2" --items "$3" --records "$4" >/dev/null
  "$metacf" info --data "$work/$1/ratings.csv" |
    awk -v n="$1" 'NF == 2 && ($1 == "users" || $1 == "items" || $1 == "records") { s = s " " $2 " " $1 }
      $1 == "records" && $3 == "user" && NF == 10 { s = s ", the largest user " $NF }
      END { print "data " n ":" s }'
}
gen S 800 1700 40000
gen M 1500 8000 60000
gen L 1000 60000 50000
gen T 300 1000 9000
echo

# Short runs: pretraining and meta-training a few epochs, one seed, one K.
common='"seeds": [1], "ks": [1], "support_sizes": [], "validate_every": 1,
  "pretrain": {"max_epochs": 2, "dim": DIM},
  "split": {"max_selected": 40}'

failures=0
printf '| configuration | data | estimate MiB | peak RSS MiB | estimate / peak |\n|---|---|---:|---:|---:|\n'
row() {  # name data learners learner_configs_json dim
  local name=$1 data=$2 learners=$3 own=$4 dim=$5
  case "$name" in *"$filter"*) ;; *) return 0 ;; esac
  local list
  list=$(printf '"%s",' ${learners//,/ })
  printf '{%s, "learners": [%s], "learner_configs": %s}\n' "${common//DIM/$dim}" "${list%,}" \
    "$own" >"$work/config.json"
  local estimate
  # The refusal exits 1 by design; the estimate is in its message.
  estimate=$("$metacf" run --data "$work/$data/ratings.csv" --config "$work/config.json" \
    --memory-budget 1 --db "$work/refused.sqlite" 2>&1 |
    sed -n 's/.*estimated peak memory \([0-9]*\) MiB.*/\1/p' | head -1 || true)
  if [ -z "$estimate" ]; then
    echo "$name: no estimate in the refusal" >&2
    failures=$((failures + 1))
    return 0
  fi
  rm -f "$work"/s.sqlite*
  if ! /usr/bin/time -f "%M" -o "$work/time" "$metacf" run --data "$work/$data/ratings.csv" \
    --config "$work/config.json" --db "$work/s.sqlite" >"$work/out" 2>"$work/err"; then
    echo "$name: the run failed: $(tail -1 "$work/err")" >&2
    failures=$((failures + 1))
    return 0
  fi
  local peak
  peak=$(awk '{ printf "%.0f", $1 / 1024 }' "$work/time")
  local mark
  mark=$(awk -v e="$estimate" -v p="$peak" 'BEGIN {
    r = e / (p > 0 ? p : 1); printf "%.1fx", r; if (e < p) printf " UNDER"; if (r > 8) printf " OVER 8x" }')
  case "$mark" in *UNDER* | *OVER*) failures=$((failures + 1)) ;; esac
  printf '| %s | %s | %s | %s | %s |\n' "$name" "$data" "$estimate" "$peak" "$mark"
}

meta() {  # hidden
  printf '{"meta_epochs": 1, "hidden": %s}' "$1"
}
for data in S M L; do
  row "pop $data" "$data" pop '{}' 32
  row "itemknn $data" "$data" itemknn '{}' 32
  # 60,000 items are past the dense solve's budget: L takes the sparse one, as auto would on
  # a machine with less memory.
  ease='{}'
  [ "$data" != L ] || ease='{"ease": {"mode": "sparse"}}'
  row "ease $data" "$data" ease "$ease" 32
  row "bpr $data" "$data" bpr '{}' 32
  row "itemknn_q $data" "$data" itemknn_q '{}' 32
  row "metacf_g $data" "$data" metacf_g "{\"metacf_g\": $(meta 64)}" 32
  row "metacf_p_linear $data" "$data" metacf_p_linear "{\"metacf_p_linear\": $(meta 64)}" 32
  row "metacf_p_neural $data" "$data" metacf_p_neural "{\"metacf_p_neural\": $(meta 64)}" 32
  row "melu $data" "$data" melu "{\"melu\": $(meta 64)}" 32
done
for dim in 8 512; do
  row "metacf_p_linear D=$dim" S metacf_p_linear "{\"metacf_p_linear\": $(meta 64)}" "$dim"
  row "metacf_p_neural D=$dim" S metacf_p_neural "{\"metacf_p_neural\": $(meta 64)}" "$dim"
  row "bpr D=$dim" S bpr '{}' "$dim"
done
for hidden in 512 4096; do
  row "metacf_g hidden=$hidden" S metacf_g "{\"metacf_g\": $(meta "$hidden")}" 32
  row "metacf_p_neural hidden=$hidden" S metacf_p_neural "{\"metacf_p_neural\": $(meta "$hidden")}" 32
done
v=metacf_p_linear+bias+msgd+cooc
row "$v S" S "$v" "{\"$v\": $(meta 64)}" 32
row "$v L" L "$v" "{\"$v\": $(meta 64)}" 32
row "melu hidden=512" S melu "{\"melu\": $(meta 512)}" 32
row "melu hidden=1024" T melu "{\"melu\": $(meta 1024)}" 16
row "melu hidden=4096" T melu "{\"melu\": $(meta 4096)}" 16
short="\"metacf_g\": $(meta 64), \"metacf_p_linear\": $(meta 64), \"metacf_p_neural\": $(meta 64)"
row "metacf_auto S" S metacf_auto "{\"metacf_auto\": {\"folds\": 3, \"candidate_configs\": {$short}}}" 32
row "metacf_auto M" M metacf_auto "{\"metacf_auto\": {\"folds\": 2, \"candidate_configs\": {$short}}}" 32
row "paper learners S" S pop,itemknn,bpr,melu,metacf_g,metacf_p_linear,metacf_p_neural \
  "{$short, \"melu\": $(meta 64)}" 32
row "paper learners D=128 M" M pop,itemknn,bpr,metacf_g,metacf_p_linear,metacf_p_neural "{$short}" 128
echo "load: $(uptime | sed 's/.*load average: //')"
if [ "$failures" -gt 0 ]; then
  echo "$failures configuration(s) missed a target" >&2
  exit 1
fi
