#!/usr/bin/env bash
# `metacf run` against its PyTorch twin, back to back, CPU, 2 threads each (bench/setup-pytorch.sh
# installs Debian's python3-torch; nothing else in the repo needs it).
#
# Default: the whole MovieLens 100K Table 2 with the learners both sides have (pop, itemknn_q, bpr,
# metacf_g, metacf_p_linear, metacf_p_neural; K = 1 and 5; seed 1; pretraining included), the
# twin being bench/pytorch_twin/table2_twin.py. One table: end-to-end wall time and peak RSS,
# meta-training tasks/s of metacf_p_neural at K = 5 (ours inside the run, and the kernel alone
# from metacf_bench; the twin's at meta-batches 32, 256 and 1,024, its best taken), serving one
# new user (metacf_p_neural, K = 5), each with its ratio; then HR@10 of every learner and K on
# both sides, so that the race is between equals.
#
# --ml1m: the MetaCF learners alone on the authors' MovieLens-1M split with their item
# embeddings (no pretraining), bench/pytorch_twin/metacf_twin.py, as before.
# --rounds N (MovieLens 100K): N rounds, each both sides back to back; every ratio is taken
# within its round, and the table gives the median round's ratio with the range over rounds (a
# shared machine's speed can change by a third from one minute to the next).
# Usage: bench/compare_pytorch.sh [--ml1m] [--rounds N] [build/bin/metacf]
set -euo pipefail
cd "$(dirname "$0")/.."
mode=ml100k
rounds=3
while [ $# -gt 0 ]; do
  case "$1" in
    --ml1m) mode=ml1m ;;
    --rounds) rounds=$2; shift ;;
    *) break ;;
  esac
  shift
done
metacf=${1:-build/bin/metacf}
bench_bin=$(dirname "$metacf")/metacf_bench
py=/usr/bin/python3
$py -c 'import torch' 2>/dev/null || { echo "no python3-torch: run bench/setup-pytorch.sh"; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OMP_NUM_THREADS=2

timed() {  # output file, then the command; writes "wall rss_kib" to the file's .time
  local out=$1
  shift
  /usr/bin/time -f "%e %M" -o "$out.time" "$@" >"$out" 2>"$out.err"
}

ml100k() {
  local data=../shared/datasets/ml-100k/u.data
  [ -f "$data" ] || { echo "MovieLens 100K is not at $data: skipped"; exit 0; }
  local learners=pop,itemknn_q,bpr,metacf_g,metacf_p_linear,metacf_p_neural
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  for round in $(seq 1 "$rounds"); do
    local r="$work/round$round"
    mkdir -p "$r"
    rm -f "$work/runs.sqlite"*
    timed "$r/ours" "$metacf" run --data "$data" --learners "$learners" --k 1,5 --seeds 1 \
      --json --db "$work/runs.sqlite"
    echo 0 >"$r/kernel"
    if [ -x "$bench_bin" ]; then
      "$bench_bin" --benchmark_filter='BM_MetaTraining/2/5/0(/real_time)?$' --benchmark_format=json \
        2>/dev/null | $py -c 'import json,sys; print(json.load(sys.stdin)["benchmarks"][0]["items_per_second"])' \
        >"$r/kernel"
    fi
    timed "$r/twin" $py bench/pytorch_twin/table2_twin.py --data "$data" --learners "$learners" \
      --ks 1,5 --seed 1 --threads 2 --quiet --save-item-embeddings "$r/q.npy"
    # The twin's meta-training alone at three meta-batches, on its own pretrained Q, no validation.
    for batch in 32 256 1024; do
      $py bench/pytorch_twin/table2_twin.py --data "$data" --learners metacf_p_neural --ks 5 \
        --threads 2 --quiet --item-embeddings "$r/q.npy" --no-validation --meta-epochs 20 \
        --batch-size "$batch" >"$r/batch.$batch"
    done
  done
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  $py bench/compare_pytorch_table.py "$work" "$rounds"
}

ml1m() {
  local split=../shared/datasets/metacf-ml1m
  [ -d "$split" ] || { echo "the authors' split is not at $split: skipped"; exit 0; }
  local q=$split/item_pretrained.npy
  printf '| learner | side | wall s | peak RSS MiB | meta-train tasks/s | HR@10 |\n|---|---|---:|---:|---:|---:|\n'
  for learner in g p_linear p_neural; do
    timed "$work/ours.$learner" "$metacf" run --presplit "$split" --item-embeddings "$q" --k 5 \
      --seeds 1 --learners "metacf_$learner" --json --db "$work/runs.sqlite"
    timed "$work/twin.$learner" $py bench/pytorch_twin/metacf_twin.py \
      --presplit "$split" --item-embeddings "$q" --learner "$learner" --threads 2 --quiet
    $py - "$learner" "$work/ours.$learner" "$work/twin.$learner" <<'PY'
import json, sys
learner, ours, twin = sys.argv[1:]
o = [json.loads(l) for l in open(ours) if l.strip().startswith("{")][-1]
t = json.loads(open(twin).read().strip().splitlines()[-1])
ow, orss = map(float, open(ours + ".time").read().split())
tw, trss = map(float, open(twin + ".time").read().split())
name = "metacf_" + learner
print(f"| {name} | metacf | {ow:.2f} | {orss / 1024:.0f} | {o.get('tasks_per_s', 0):,.0f} | {o['hr10']:.4f} |")
print(f"| {name} | PyTorch | {tw:.2f} | {trss / 1024:.0f} | {t['tasks_per_s']:,.0f} | {t['hr']['5']:.4f} |")
print(f"| {name} | ratio | {tw / ow:.1f}x | {trss / orss:.1f}x | {o.get('tasks_per_s', 0) / t['tasks_per_s']:.1f}x | |")
PY
  done
  echo
  echo "PyTorch twin, metacf_p_neural, meta-train tasks/s by meta-batch (K = 5, 10 meta-epochs):"
  for batch in 32 256 1024; do
    $py bench/pytorch_twin/metacf_twin.py --presplit "$split" --item-embeddings "$q" \
      --learner p_neural --threads 2 --quiet --batch-size "$batch" --meta-epochs 10 |
      $py -c "import json,sys; r=json.loads(sys.stdin.read()); print(f'  meta-batch $batch: {r[\"tasks_per_s\"]:,.0f}')"
  done
}

"$mode"
