#!/usr/bin/env bash
# The MetaCF learners with `tune: true` against the paper's alpha and beta, on MovieLens 100K
# (K = 5, seeds 1-5): two runs over the same splits and item embeddings (both are the seed's),
# compared per meta-test user. Prints the per-learner means, the paired differences with 95%
# intervals, and each seed's chosen alpha and beta.
# Usage: bench/compare_tuned.sh [build/bin/metacf]   (needs python3 for the paired statistics)
set -euo pipefail
cd "$(dirname "$0")/.."
metacf=${1:-build/bin/metacf}
data=../shared/datasets/ml-100k/u.data
[ -f "$data" ] || { echo "MovieLens 100K not found at $data: skipped"; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/runs.sqlite

"$metacf" run --data "$data" --learners pop,metacf_g,metacf_p_linear,metacf_p_neural --k 5 \
  --seeds 1,2,3,4,5 --db "$db" >/dev/null 2>&1
"$metacf" run --data "$data" --config bench/configs/tuned_paper_learners.json --db "$db" \
  >/dev/null 2>&1
"$metacf" export 1 --what per-user --format csv --db "$db" >"$work/default.csv"
"$metacf" export 2 --what per-user --format csv --db "$db" >"$work/tuned.csv"
"$metacf" show 2 --db "$db" | grep 'tuned:' || true
python3 - "$work/default.csv" "$work/tuned.csv" <<'PY'
import csv, math, statistics, sys
def read(path):
    rows = {}
    for r in csv.DictReader(open(path)):
        if r["support_size"]:
            continue
        rows[(r["learner"], int(r["seed"]), int(r["position"]))] = (float(r["hr10"]), float(r["ndcg10"]))
    return rows
default, tuned = read(sys.argv[1]), read(sys.argv[2])
print("| learner | default HR@10 | tuned HR@10 | ΔHR@10 [95% CI] | default NDCG@10 | tuned NDCG@10 | ΔNDCG@10 [95% CI] |")
print("|---|---|---|---|---|---|---|")
for learner in ["metacf_g", "metacf_p_linear", "metacf_p_neural"]:
    keys = sorted(k for k in default if k[0] == learner and k in tuned)
    cells = []
    for m in (0, 1):
        a = [default[k][m] for k in keys]
        b = [tuned[k][m] for k in keys]
        d = [y - x for x, y in zip(a, b)]
        half = 1.96 * statistics.stdev(d) / math.sqrt(len(d))
        mean = statistics.mean(d)
        star = " *" if abs(mean) > half else ""
        cells += [f"{statistics.mean(a):.4f}", f"{statistics.mean(b):.4f}",
                  f"{mean:+.4f} [{mean - half:+.4f}, {mean + half:+.4f}]{star}"]
    print(f"| {learner} | " + " | ".join(cells) + f" |")
    per_seed = []
    for seed in sorted({k[1] for k in keys}):
        ks = [k for k in keys if k[1] == seed]
        per_seed.append(f"{seed}: {statistics.mean(tuned[k][0] - default[k][0] for k in ks):+.4f}")
    print(f"|   per seed ΔHR@10 | {', '.join(per_seed)} | | | | | |")
PY
