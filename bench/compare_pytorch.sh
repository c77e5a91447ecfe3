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
# Usage: bench/compare_pytorch.sh [--ml1m] [build/bin/metacf]
set -euo pipefail
cd "$(dirname "$0")/.."
mode=ml100k
if [ "${1:-}" = --ml1m ]; then
  mode=ml1m
  shift
fi
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
  timed "$work/ours" "$metacf" run --data "$data" --learners "$learners" --k 1,5 --seeds 1 \
    --json --db "$work/runs.sqlite"
  timed "$work/twin" $py bench/pytorch_twin/table2_twin.py --data "$data" --learners "$learners" \
    --ks 1,5 --seed 1 --threads 2 --quiet --save-item-embeddings "$work/q.npy"
  # The twin's meta-training alone at three meta-batches, on its own pretrained Q, no validation.
  for batch in 32 256 1024; do
    $py bench/pytorch_twin/table2_twin.py --data "$data" --learners metacf_p_neural --ks 5 \
      --threads 2 --quiet --item-embeddings "$work/q.npy" --no-validation --meta-epochs 20 \
      --batch-size "$batch" >"$work/batch.$batch"
  done
  local kernel=0
  if [ -x "$bench_bin" ]; then
    kernel=$("$bench_bin" --benchmark_filter='BM_MetaTraining/2/5/0(/real_time)?$' --benchmark_format=json \
      2>/dev/null | $py -c 'import json,sys; print(json.load(sys.stdin)["benchmarks"][0]["items_per_second"])')
  fi
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  $py - "$work" "$kernel" <<'PY'
import json, sys
work, kernel = sys.argv[1], float(sys.argv[2])
ours = [json.loads(l) for l in open(f"{work}/ours") if l.startswith("{")]
twin = [json.loads(l) for l in open(f"{work}/twin") if l.startswith("{")]
ow, orss = map(float, open(f"{work}/ours.time").read().split())
tw, trss = map(float, open(f"{work}/twin.time").read().split())
o = {(r["learner"], r["k"]): r for r in ours}
t = {(r["learner"], r["k"]): r for r in twin if "learner" in r}
summary = [r for r in twin if r.get("summary")][0]
rates = {b: json.loads(open(f"{work}/batch.{b}").readline())["tasks_per_s"] for b in (32, 256, 1024)}
best = max(rates, key=rates.get)
neural_o, neural_t = o[("metacf_p_neural", 5)], t[("metacf_p_neural", 5)]
print("| measure | metacf | PyTorch twin | ratio |\n|---|---:|---:|---:|")
print(f"| end to end, wall | {ow:.2f} s | {tw:.2f} s | {tw / ow:.1f}x |")
print(f"| end to end, peak RSS | {orss / 1024:.0f} MiB | {trss / 1024:.0f} MiB | {trss / orss:.1f}x |")
print(f"| pretraining (twin: {summary['pretrain_epochs']} epochs) | | {summary['pretrain_seconds']:.2f} s | |")
rate = neural_o["tasks_per_s"]
print(f"| meta-training tasks/s, metacf_p_neural K=5 (twin: meta-batch {best}) "
      f"| {rate:,.0f} | {rates[best]:,.0f} | {rate / rates[best]:.1f}x |")
if kernel > 0:
    print(f"| the kernel alone (metacf_bench), and in-run share | {kernel:,.0f} | | {rate / kernel:.0%} |")
print(f"| serving one user, metacf_p_neural K=5 (adapt, score, top-10) "
      f"| {neural_o['adapt_us_median']:.1f} us | {neural_t['serve_us_median']:.1f} us "
      f"| {neural_t['serve_us_median'] / neural_o['adapt_us_median']:.1f}x |")
print("\nThe twin's meta-training tasks/s by meta-batch: " +
      ", ".join(f"{b}: {r:,.0f}" for b, r in rates.items()))
print(f"\n| learner | K | HR@10 metacf | HR@10 twin | NDCG@10 metacf | NDCG@10 twin |\n"
      "|---|---:|---:|---:|---:|---:|")
for key in sorted(t, key=lambda k: (list(t).index(k))):
    if key in o:
        print(f"| {key[0]} | {key[1]} | {o[key]['hr10']:.4f} | {t[key]['hr10']:.4f} "
              f"| {o[key]['ndcg10']:.4f} | {t[key]['ndcg10']:.4f} |")
print(f"\n({summary['test_users']} meta-test users on each side, each side's own random split)")
PY
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
