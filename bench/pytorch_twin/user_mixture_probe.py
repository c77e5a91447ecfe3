#!/usr/bin/env python3
"""How much any scorer of a new user's clicks can add to ease on MovieLens 100K, measured on the
meta-training users only (issue #26; docs/reproduction.md says what it found).

Each meta-training user is scored as a new user against everyone the fit would count but her:
ease by removing her records from its solve (Sherman-Morrison, as metacf_ease does), the other
scorers by leaving her out of their counts. Each is scored on her task and on `--draws - 1`
redraws of her records into a support and a query of the protocol's sizes, so that a user's
gain is the mean over her draws and the standard error is over users. Scorers:

- ease (lambda 10,000), the reference;
- the one-click conditional: for a single click i, the exact probability that a random further
  record of a random training user who holds i is v, each user weighted as a task weights her
  (HR@10 of a user with m records counts each of her other records 1 / (m - 1)):
      score(v) = sum_u x_ui x_uv / (m_u (m_u - 1)),
  the best any scorer of one click can do on this population, up to its noise;
- the user mixture: the new user as one of the training users, her clicks random draws from
  that user's history (with probability NOISE a draw from popularity instead), tempered by a
  temperature T; score(v) = sum_u P(u | clicks) x_uv / m_u. Alone and blended with ease
  ((1 - a) ease + a mixture, each scaled to unit standard deviation over items), with every
  neighbour or the `--neighbours` most likely.

  /usr/bin/python3 bench/pytorch_twin/user_mixture_probe.py --data u.data --store run.sqlite \\
      --seeds 1,2,3,4,5 --draws 10
  /usr/bin/python3 bench/pytorch_twin/user_mixture_probe.py --data u.data --store run.sqlite \\
      --seeds 1,2,3,4,5 --lambdas 1000,2000,3000,5000,20000,40000,80000
  /usr/bin/python3 bench/pytorch_twin/user_mixture_probe.py --presplit metacf-ml1m \\
      [--pretraining-only]
  /usr/bin/python3 bench/pytorch_twin/user_mixture_probe.py --power run.sqlite --learner X

--store: a `metacf run` store holding those seeds' splits. --lambdas: ease itself at other
lambdas instead of the scorers. --presplit: the authors' split, its meta-training users' tasks
as written (their records there are their tasks: no redraws), the solve over the pretraining
users' records and the meta-training users' tasks as `metacf run --presplit` counts them;
--pretraining-only keeps those task records out of the mixture. --power: the spread of a stored
run's paired per-user differences against ease on the meta-test users, and the true gain the
run's 95% interval could tell from 0 (it reads their variance only and chooses nothing).
"""
import argparse
import json
import math
import os
import sqlite3
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from table2_twin import read_records  # noqa: E402
from weighted_ease_probe import indicator, read_folder  # noqa: E402

LAMBDA = 10000.0
NOISE = 0.1
TEMPERATURES = [0.5, 1.0]
BLENDS = [0.2, 0.3]


def draws_of(task, records, rng, draws):
    """Her task, then redraws of her records into a support and a query of its sizes."""
    _, s, q = task
    out = [(np.asarray(s), np.asarray(q))]
    for _ in range(draws - 1):
        pick = rng.permutation(records)[: len(s) + len(q)]
        out.append((pick[: len(s)], pick[len(s):]))
    return out


def hits(scores, support, query):
    scores = scores.copy()
    scores[support] = -np.inf
    top = np.argpartition(-scores, 10)[:10]
    return len(set(top.tolist()) & set(query.tolist())) / min(10, len(query))


def unit(v):
    sd = v.std()
    return v / sd if sd > 0 else v


def mixture(X, Xm, m, counts, total, support, neighbours, temperature, without):
    """P(u | clicks) over the rows of X but `without`, and the score it gives every item."""
    pop = np.maximum(counts[support] / total, 1e-12)
    held = X[:, support]
    # log P(clicks | u) up to a constant: a click the user holds is (1 - noise) / m_u + noise pop
    # instead of noise pop.
    ll = (held * (np.log(NOISE * pop[None, :] + (1 - NOISE) / m[:, None])
                  - np.log(NOISE * pop[None, :]))).sum(1) * temperature
    if without is not None:
        ll[without] = -np.inf
    if neighbours:
        keep = np.argpartition(-ll, neighbours)[:neighbours]
        w = np.zeros_like(ll)
        w[keep] = np.exp(ll[keep] - ll[keep].max())
    else:
        w = np.exp(ll - ll[np.isfinite(ll)].max())
    w /= w.sum()
    return w @ Xm


def probe_seed(records, n, split, draws, seed, neighbours, mixture_of_pretraining_only=False):
    pre = list(split["pretrain_users"])
    tasks = [(u, list(s), list(q)) for u, s, q in split["meta_train"]]
    users = pre + [t[0] for t in tasks]
    X = indicator([records[u] for u in users], n)
    # The mixture's rows (the solve always counts everyone): on the authors' split a
    # meta-training user's records are her task only, not a history.
    Xmix = X[: len(pre)] if mixture_of_pretraining_only else X
    m = Xmix.sum(1)
    Xm = Xmix / m[:, None]
    counts_all = Xmix.sum(0)
    P = np.linalg.inv(X.T @ X + LAMBDA * np.eye(n))
    rng = np.random.default_rng(seed)
    gains = {}
    sizes = []
    sharing = []  # training users the mixture reads for a task: those holding one of her clicks
    for j, task in enumerate(tasks):
        row = len(pre) + j
        x = X[row]
        own = np.flatnonzero(x)
        z = P[:, own].sum(1)
        c = 1.0 - z[own].sum()
        diagonal = np.diag(P) + z * z / c
        mine = row if row < Xmix.shape[0] else None
        counts = counts_all - (x if mine is not None else 0)
        total = counts.sum()
        # One-click conditional without her: users weighted 1 / (m (m - 1)).
        weights = 1.0 / np.maximum(m * (m - 1), 1)
        if mine is not None:
            weights[mine] = 0.0
        per_user = {}
        for support, query in draws_of(task, records[task[0]], rng, draws):
            ease = -(P[support].sum(0) + z * (z[support].sum() / c)) / diagonal
            base = hits(ease, support, query)
            got = {}
            if len(support) == 1:
                cond = Xmix.T @ (weights * Xmix[:, support[0]])
                got["one-click conditional"] = hits(cond, support, query)
            for t in TEMPERATURES:
                for k in [0, neighbours]:
                    mix = mixture(Xmix, Xm, m, counts, total, support, k, t, mine)
                    name = f"mixture T {t:g}" + (f", {k} neighbours" if k else "")
                    if not k:
                        got[name + ", alone"] = hits(mix, support, query)
                    for a in BLENDS:
                        got[f"{name}, a {a:g}"] = hits((1 - a) * unit(ease) + a * unit(mix),
                                                       support, query)
            for name, h in got.items():
                per_user.setdefault(name, []).append(h - base)
        sizes.append(min(len(task[1]), 5))
        sharing.append(int((Xmix[:, task[1]].sum(1) > 0).sum()))
        for name, d in per_user.items():
            gains.setdefault(name, {})[j] = float(np.mean(d))
    print(f"seed {seed}: {len(tasks)} meta-training users; the users holding one of a task's "
          f"clicks: median {int(np.median(sharing))} of {Xmix.shape[0]}", flush=True)
    return gains, sizes


def probe_lambdas(records, n, split, draws, seed, lambdas):
    """ease itself at other lambdas, each user left out of each solve by the same downdate."""
    pre = list(split["pretrain_users"])
    tasks = [(u, list(s), list(q)) for u, s, q in split["meta_train"]]
    X = indicator([records[u] for u in pre + [t[0] for t in tasks]], n)
    G = X.T @ X
    solves = {lam: np.linalg.inv(G + lam * np.eye(n)) for lam in [LAMBDA] + lambdas}
    rng = np.random.default_rng(seed)
    gains, sizes = {}, []
    for j, task in enumerate(tasks):
        own = np.flatnonzero(X[len(pre) + j])
        drawn = draws_of(task, records[task[0]], rng, draws)
        mean_hits = {}
        for lam, P in solves.items():
            z = P[:, own].sum(1)
            c = 1.0 - z[own].sum()
            diagonal = np.diag(P) + z * z / c
            mean_hits[lam] = np.mean([hits(-(P[sp].sum(0) + z * (z[sp].sum() / c)) / diagonal,
                                           sp, q) for sp, q in drawn])
        for lam in lambdas:
            gains.setdefault(f"ease lambda {lam:g}", {})[j] = mean_hits[lam] - mean_hits[LAMBDA]
        sizes.append(min(len(task[1]), 5))
    print(f"seed {seed}: {len(tasks)} meta-training users", flush=True)
    return gains, sizes


def power(store, learner):
    db = sqlite3.connect(store)
    diffs = []
    for (seed,) in db.execute("select distinct seed from results where metric = 'hr@10'"):
        def per_user(name):
            row = db.execute("select extra_json from results where learner = ? and seed = ? and "
                             "metric = 'hr@10' and support_size is null order by k desc limit 1",
                             (name, seed)).fetchone()
            return np.asarray(json.loads(row[0])["per_user"])
        diffs.append(per_user(learner) - per_user("ease"))
    d = np.concatenate(diffs)
    se = d.std(ddof=1) / math.sqrt(len(d))
    print(f"{learner} against ease on {len(d)} meta-test tasks: mean {d.mean():+.4f}, per-task "
          f"standard deviation {d.std(ddof=1):.4f}, standard error {se:.4f}; 95% interval "
          f"half-width {1.96 * se:.4f}; a true gain of {(1.96 + 0.84) * se:.4f} excludes 0 four "
          f"times in five")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data")
    ap.add_argument("--store")
    ap.add_argument("--seeds", default="1")
    ap.add_argument("--draws", type=int, default=10)
    ap.add_argument("--neighbours", type=int, default=64)
    ap.add_argument("--presplit", help="the authors' MovieLens-1M folder (their tasks as written)")
    ap.add_argument("--pretraining-only", action="store_true",
                    help="with --presplit: the mixture over the pretraining users' histories only")
    ap.add_argument("--lambdas", help="instead of the scorers: ease at these lambdas, e.g. "
                    "1000,3000,20000")
    ap.add_argument("--power")
    ap.add_argument("--learner", default="metacf_ease")
    args = ap.parse_args()
    if args.power:
        return power(args.power, args.learner)
    pooled, by_seed, sizes = {}, {}, []
    if args.presplit:
        n = np.load(os.path.join(args.presplit, "item_pretrained.npy")).shape[0]
        pre = read_folder(args.presplit, "pretrain.rating")
        train = read_folder(args.presplit, "train.rating")
        records = {("p", u): np.asarray(r) for u, r in pre.items()}
        records.update({("t", u): np.asarray(r) for u, r in train.items()})
        splits = [(1, {"pretrain_users": [("p", u) for u in pre],
                       "meta_train": [(("t", u), r[: len(r) // 2], r[len(r) // 2:])
                                      for u, r in train.items()]})]
        args.draws = 1  # published tasks have no other draw
        counts = [np.bincount(np.concatenate([np.asarray(r) for r in g.values()]), minlength=n)
                  for g in (pre, train)]
        shared = len(set(np.argsort(-counts[0])[:100]) & set(np.argsort(-counts[1])[:100]))
        print(f"item counts of the pretraining users and of the meta-training tasks: correlation "
              f"{np.corrcoef(*counts)[0, 1]:.2f}, {shared} items shared by their 100 most popular")
    else:
        records, n = read_records(args.data)
        db = sqlite3.connect(args.store)
        splits = [(seed, json.loads(db.execute("select split_json from splits where seed = ?",
                                               (seed,)).fetchone()[0]))
                  for seed in [int(s) for s in args.seeds.split(",")]]
    for seed, split in splits:
        if args.lambdas:
            gains, s = probe_lambdas(records, n, split, args.draws, seed,
                                     [float(x) for x in args.lambdas.split(",")])
        else:
            gains, s = probe_seed(records, n, split, args.draws, seed, args.neighbours,
                                  args.pretraining_only)
        for name, g in gains.items():
            pooled.setdefault(name, []).extend((len(sizes) + j, v) for j, v in g.items())
            by_seed.setdefault(name, []).append(np.mean(list(g.values())))
        sizes.extend(s)
    sizes = np.asarray(sizes)
    print(f"gain in HR@10 over ease, {len(sizes)} meta-training users x {args.draws} draws "
          f"[standard error over users]; by seed; by clicks 1 / 2 / 3 / 4 / 5+")
    for name, pairs in pooled.items():
        idx = np.asarray([i for i, _ in pairs])
        g = np.asarray([v for _, v in pairs])
        line = (f"  {name:38s} {g.mean():+.4f} [{g.std(ddof=1) / math.sqrt(len(g)):.4f}]; "
                + " ".join(f"{x:+.4f}" for x in by_seed[name]) + ";")
        for k in range(1, 6):
            sel = sizes[idx] == k
            line += f" {g[sel].mean():+.4f}" if sel.any() else " -"
        print(line)


if __name__ == "__main__":
    main()
