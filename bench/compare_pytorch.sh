#!/usr/bin/env bash
# The MetaCF learners here against their PyTorch twin (bench/pytorch_twin/metacf_twin.py, CPU,
# 2 threads), back to back on the authors' MovieLens-1M split with their item embeddings (no
# pretraining on either side), at the same settings (the defaults: alpha 0.1, beta 1e-3 falling
# linearly, 100 meta-epochs, meta-batch 32, K = 5): wall time and peak RSS of the whole job
# (read, meta-train, evaluate 1,510 new users), meta-training tasks/s, and HR@10, so that the
# race is between equals. Then the twin's tasks/s at a larger meta-batch, its faster setting.
# Usage: bench/compare_pytorch.sh [build/bin/metacf]   (bench/setup-pytorch.sh installs torch)
set -euo pipefail
cd "$(dirname "$0")/.."
metacf=${1:-build/bin/metacf}
split=../shared/datasets/metacf-ml1m
py=/usr/bin/python3
[ -d "$split" ] || { echo "the authors' split is not at $split: skipped"; exit 0; }
$py -c 'import torch' 2>/dev/null || { echo "no python3-torch: run bench/setup-pytorch.sh"; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
q=$split/item_pretrained.npy

timed() {  # output file, then the command; appends "wall rss_kib" to the file's .time
  local out=$1
  shift
  /usr/bin/time -f "%e %M" -o "$out.time" "$@" >"$out" 2>/dev/null
}

printf '| learner | side | wall s | peak RSS MiB | meta-train tasks/s | HR@10 |\n|---|---|---:|---:|---:|---:|\n'
for learner in g p_linear p_neural; do
  timed "$work/ours.$learner" "$metacf" run --presplit "$split" --item-embeddings "$q" --k 5 \
    --seeds 1 --learners "metacf_$learner" --json --db "$work/runs.sqlite"
  timed "$work/twin.$learner" env OMP_NUM_THREADS=2 $py bench/pytorch_twin/metacf_twin.py \
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
  OMP_NUM_THREADS=2 $py bench/pytorch_twin/metacf_twin.py --presplit "$split" --item-embeddings "$q" \
    --learner p_neural --threads 2 --quiet --batch-size "$batch" --meta-epochs 10 |
    $py -c "import json,sys; r=json.loads(sys.stdin.read()); print(f'  meta-batch $batch: {r[\"tasks_per_s\"]:,.0f}')"
done
