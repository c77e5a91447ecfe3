#!/usr/bin/env python3
"""ease with each training user's co-occurrences weighted n_u^-power, against ease, out of fold on
the meta-training users (issue #26; docs/reproduction.md says what it found).

A new user is one task in HR@10 whatever her history's length, while ease's Gram X'X lets a user
with 500 records count 250,000 co-occurrences against 400 for a user with 20. Weighted:

    G = sum_u n_u^-power x_u x_u',  lambda = relative_lambda * mean(diag G),
    B = I - P diag(1 / diag P), P = (G + lambda I)^-1   (power 0: ease itself).

The meta-training users are dealt into two folds; each fold's tasks are scored by a solve over
the pretraining users and the other fold's users, so no task's own records are in the solve
that scores it. Meta-test users are never read. NumPy only (the twin's records reader).

  /usr/bin/python3 bench/pytorch_twin/weighted_ease_probe.py --data u.data --store run.sqlite \
      --seeds 1,2,3,4,5
  /usr/bin/python3 bench/pytorch_twin/weighted_ease_probe.py --presplit metacf-ml1m

--store: a `metacf run` store holding those seeds' splits (MovieLens 100K: full histories are
what the solve counts). --presplit: the authors' MovieLens-1M folder (the meta-training users'
task records are what the solve counts for them, as `metacf run --presplit` does).
--split-shift (with --presplit): how alike the item counts of the two folds of meta-training
tasks are, and how alike each is to the meta-test tasks' (a description of the published split,
which reads test.rating's items and nothing else; it chooses nothing).
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

POWERS = [0.25, 0.5, 0.75, 1.0]
RELATIVE_LAMBDAS = [300.0, 1000.0, 3000.0]


def indicator(histories, n):
    X = np.zeros((len(histories), n))
    for i, r in enumerate(histories):
        X[i, np.asarray(r, dtype=np.int64)] = 1.0
    return X


def weights_from_inverse(P):
    B = -P / np.diag(P)[None, :]
    np.fill_diagonal(B, 0.0)
    return B


def ease(X, lam):
    return weights_from_inverse(np.linalg.inv(X.T @ X + lam * np.eye(X.shape[1])))


def weighted_ease(X, power, relative_lambda):
    w = X.sum(1) ** -power
    G = (X * w[:, None]).T @ X
    lam = relative_lambda * np.diag(G).mean()
    return weights_from_inverse(np.linalg.inv(G + lam * np.eye(X.shape[1])))


def hr10(B, tasks):
    out = []
    for s, q in tasks:
        scores = B[np.asarray(s)].sum(0)
        scores[np.asarray(s)] = -np.inf
        top = np.argpartition(-scores, 10)[:10]
        out.append(len(set(top.tolist()) & set(q)) / min(10, len(q)))
    return np.array(out)


def folds_of(tasks, seed):
    order = np.random.default_rng(seed).permutation(len(tasks))
    return [[tasks[i] for i in order[f::2]] for f in range(2)]


def score_folds(pre, folds, histories_of, n, hits):
    """Every variant's HR@10 on both folds' tasks, appended to hits[variant]."""
    variants = [("ease lambda 10000", lambda X: ease(X, 10000.0))]
    for p in POWERS:
        for r in RELATIVE_LAMBDAS:
            variants.append((f"power {p:g}, relative lambda {r:g}",
                             lambda X, p=p, r=r: weighted_ease(X, p, r)))
    for f in range(2):
        X = indicator(pre + [histories_of(t) for t in folds[1 - f]], n)
        tasks = [(t[1], t[2]) for t in folds[f]]
        for name, solve in variants:
            hits.setdefault(name, []).append(hr10(solve(X), tasks))


def read_folder(folder, name):
    rows = {}
    for line in open(os.path.join(folder, name)):
        u, v = line.split()[:2]
        rows.setdefault(int(u), []).append(int(v))
    return rows


def split_shift(folder, tasks, n):
    def counts(rows):
        c = np.zeros(n)
        for r in rows:
            np.add.at(c, np.asarray(r, dtype=np.int64), 1.0)
        return c
    folds = folds_of(tasks, 1)
    a, b = (counts([t[1] + t[2] for t in fold]) for fold in folds)
    test = counts(read_folder(folder, "test.rating").values())
    print(f"item counts, correlation: fold 1 with fold 2 {np.corrcoef(a, b)[0, 1]:.3f}; fold 1 "
          f"with the meta-test tasks {np.corrcoef(a, test)[0, 1]:.3f}; fold 2 with them "
          f"{np.corrcoef(b, test)[0, 1]:.3f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data")
    ap.add_argument("--store")
    ap.add_argument("--seeds", default="1")
    ap.add_argument("--presplit")
    ap.add_argument("--split-shift", action="store_true")
    args = ap.parse_args()
    hits = {}
    if args.presplit:
        n = np.load(os.path.join(args.presplit, "item_pretrained.npy")).shape[0]
        pre = list(read_folder(args.presplit, "pretrain.rating").values())
        train = read_folder(args.presplit, "train.rating")
        tasks = [(u, r[: len(r) // 2], r[len(r) // 2:]) for u, r in train.items()]
        if args.split_shift:
            return split_shift(args.presplit, tasks, n)
        score_folds(pre, folds_of(tasks, 1), lambda t: t[1] + t[2], n, hits)
    else:
        records, n = read_records(args.data)
        db = sqlite3.connect(args.store)
        for seed in [int(s) for s in args.seeds.split(",")]:
            split = json.loads(db.execute("select split_json from splits where seed = ?",
                                          (seed,)).fetchone()[0])
            tasks = [(u, list(s), list(q)) for u, s, q in split["meta_train"]]
            pre = [records[u] for u in split["pretrain_users"]]
            score_folds(pre, folds_of(tasks, seed), lambda t: records[t[0]], n, hits)
    base = np.concatenate(hits["ease lambda 10000"])
    print(f"{len(base)} meta-training tasks out of fold: ease (lambda 10000) HR@10 {base.mean():.4f}")
    for name, v in hits.items():
        if name.startswith("ease"):
            continue
        diff = np.concatenate(v) - base
        print(f"  {name:34s} {np.concatenate(v).mean():.4f}  gain {diff.mean():+.4f} "
              f"(SE {diff.std() / math.sqrt(len(diff)):.4f})")


if __name__ == "__main__":
    main()
