#!/usr/bin/env python3
"""A MetaCF residual on top of ease's item-item scores, meta-trained end to end (issue #26's first
direction), measured out of fold on the meta-training users of a `metacf run` store's split.

Each meta-training user is a task (support, query). The users are dealt into two folds; ease is
solved on the pretraining users and the other fold's users (full histories), so a fold's tasks
are scored by an ease that never saw them, as a new user is. On one fold a residual is
meta-trained: a new user's score of item v is

    a * s(v) + p_K . q_v + c_v,

s = ease's score of her support (scaled to unit mean magnitude), p_0 = W x + b from the mean of
her support's item embeddings (metacf_p_linear's initialiser), p_K after K local steps on the
support's binary cross-entropy (positives and sampled negatives, logits offset by a * s + c),
and the query's cross-entropy as the meta-loss; W, b, a and the item bias c are learned. It is
then scored on the other fold's tasks: HR@10 over every item outside the support, for ease alone,
for the learned score, and for s + w * (p_K . q + c) on a ladder of w. Meta-test users are never
read. Usage (PyTorch from bench/setup-pytorch.sh):

  /usr/bin/python3 bench/pytorch_twin/ease_residual_probe.py --data u.data --store run.sqlite \
      --seed 1
  /usr/bin/python3 bench/pytorch_twin/ease_residual_probe.py --presplit metacf-ml1m --seed 1

--presplit: the authors' MovieLens-1M folder, its item embeddings as Q, its meta-training users'
tasks as written (support: the first half of each user's records in file order); the pretraining
users' histories and the meta-training users' task records are what ease is solved on.
"""
import argparse
import json
import math
import os
import sqlite3
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
from table2_twin import (add_meta_training_arguments, draw_negatives, meta_step,  # noqa: E402
                         pad, ranking_metrics, read_records)

LADDER = [0.05, 0.1, 0.2, 0.5, 1.0, 2.0]


def stored(path, seed):
    db = sqlite3.connect(path)
    split = json.loads(db.execute("select split_json from splits where seed = ?",
                                  (seed,)).fetchone()[0])
    blob, rows, cols = db.execute("select data, rows, cols from parameters where learner = "
                                  "'pretrain' and seed = ? and name = 'Q'", (seed,)).fetchone()
    return split, np.frombuffer(blob, dtype=np.float32).reshape(rows, cols).copy()


def presplit(folder):
    """The authors' split: per-user records, meta-training tasks in file order, Q, items."""
    def read(name):
        rows = {}
        for line in open(os.path.join(folder, name)):
            u, v = line.split()[:2]
            rows.setdefault(int(u), []).append(int(v))
        return rows
    Q = np.load(os.path.join(folder, "item_pretrained.npy")).astype(np.float32)
    pre, train = read("pretrain.rating"), read("train.rating")
    records = {u: np.unique(r) for u, r in list(pre.items()) + list(train.items())}
    tasks = [(u, r[: len(r) // 2], r[len(r) // 2:]) for u, r in train.items()]
    return records, list(pre), tasks, Q


def ease_weights(histories, n, lam, dropout=0.0):
    """B = I - P diag(1/diag P), P = (X'X + lam I)^-1, over the given users' histories; with
    `dropout` > 0, EDLAE's emphasised denoising (Steck 2020): the diagonal regulariser grows by
    dropout / (1 - dropout) times each item's count."""
    X = np.zeros((len(histories), n), dtype=np.float64)
    for i, r in enumerate(histories):
        X[i, r] = 1.0
    G = X.T @ X
    P = np.linalg.inv(G + np.diag(lam + dropout / (1.0 - dropout) * np.diag(G)))
    B = -P / np.diag(P)[None, :]
    np.fill_diagonal(B, 0.0)
    return B


def support_scores(B, tasks):
    """Each task's ease scores (rows: tasks), scaled to unit mean magnitude off the support."""
    S = np.stack([B[np.asarray(s)].sum(0) for _, s, _ in tasks])
    outside = np.ones_like(S, dtype=bool)
    for i, (_, s, _) in enumerate(tasks):
        outside[i, s] = False
    return torch.from_numpy((S / np.abs(S[outside]).mean()).astype(np.float32))


class Residual(torch.nn.Module):
    def __init__(self, d, n, item_bias):
        super().__init__()
        self.W = torch.nn.Parameter(0.01 * torch.randn(d, d))
        self.b = torch.nn.Parameter(torch.zeros(d))
        self.a = torch.nn.Parameter(torch.ones(()))
        self.c = torch.nn.Parameter(torch.zeros(n + 1), requires_grad=item_bias)

    def logits(self, p, Qp, S, items):
        """B x L logits of the items (padding item n scores 0 ease)."""
        s = torch.gather(torch.cat([S, torch.zeros(len(S), 1)], 1), 1, items)
        return self.a * s + torch.einsum("bd,bld->bl", p, Qp[items]) + self.c[items]

    def adapt(self, Qp, S, sup, sup_mask, known, args, gen):
        x = (Qp[sup] * sup_mask.unsqueeze(2)).sum(1) / sup_mask.sum(1, keepdim=True)
        p = x @ self.W.T + self.b
        neg = draw_negatives(known, (len(sup), sup.shape[1] * args.negatives), gen)
        items = torch.cat([sup, neg], 1)
        labels = torch.cat([sup_mask, torch.zeros(neg.shape)], 1)
        mask = torch.cat([sup_mask, sup_mask.repeat_interleave(args.negatives, 1)], 1)
        for _ in range(args.steps):
            z = self.logits(p, Qp, S, items)
            g = torch.einsum("bl,bld->bd", (torch.sigmoid(z) - labels) * mask, Qp[items])
            p = p - args.alpha * g.detach()  # first-order, as metacf_p_linear by default
        return p


def known_rows(tasks, records, n, own_history):
    out = torch.zeros((len(tasks), n), dtype=torch.bool)
    for i, (u, s, _) in enumerate(tasks):
        out[i, torch.as_tensor(np.asarray(records[u] if own_history else s))] = True
    return out


def train(model, Qp, S, tasks, records, n, args, gen):
    sup, sup_mask = pad([s for _, s, _ in tasks], n)
    qry, qry_mask = pad([q for _, _, q in tasks], n)
    known = known_rows(tasks, records, n, True)
    opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=args.beta)
    updates = args.meta_epochs * math.ceil(len(tasks) / args.batch_size)
    update = 0
    for _ in range(args.meta_epochs):
        order = torch.randperm(len(tasks), generator=gen)
        for first in range(0, len(tasks), args.batch_size):
            r = order[first:first + args.batch_size]
            p = model.adapt(Qp, S[r], sup[r], sup_mask[r], known[r], args, gen)
            neg = draw_negatives(known[r], (len(r), qry.shape[1] * args.negatives), gen)
            items = torch.cat([qry[r], neg], 1)
            labels = torch.cat([qry_mask[r], torch.zeros(neg.shape)], 1)
            mask = torch.cat([qry_mask[r], qry_mask[r].repeat_interleave(args.negatives, 1)], 1)
            loss = (torch.nn.functional.binary_cross_entropy_with_logits(
                model.logits(p, Qp, S[r], items), labels, reduction="none") * mask).sum(1).mean()
            loss = loss + args.bias_l2 * model.c.square().sum()
            meta_step(opt, loss, args.beta, update, updates)
            update += 1


def evaluate(model, Qp, S, tasks, n, args, gen):
    """Per-task HR@10 of ease alone, the learned score and s + w r for each w of LADDER."""
    sup, sup_mask = pad([s for _, s, _ in tasks], n)
    qry, qry_mask = pad([q for _, _, q in tasks], n)
    known = known_rows(tasks, None, n, False)  # a new user's negatives avoid her support only
    with torch.no_grad():
        p = model.adapt(Qp, S, sup, sup_mask, known, args, gen)
        r = p @ Qp[:n].T + model.c[:n]
        hits = {"ease": ranking_metrics(S, known, qry, qry_mask, 10)[0],
                "learned": ranking_metrics(model.a * S + r, known, qry, qry_mask, 10)[0]}
        for w in LADDER:
            hits[f"w={w}"] = ranking_metrics(S + w * r, known, qry, qry_mask, 10)[0]
    return hits, float(model.a)


VARIANTS = [(3000.0, 0.0), (30000.0, 0.0), (1000.0, 0.25), (1000.0, 0.9), (3000.0, 0.9),
            (3000.0, 0.97), (10000.0, 0.9), (10000.0, 0.97)]


def ease_variants(args, records, pre, folds, n):
    """HR@10 of each (lambda, dropout) alone against lambda = args.lam, on both folds' users."""
    hits = {}
    for f in range(2):
        fitting = pre + [records[u] for u, _, _ in folds[1 - f]]
        sup, _ = pad([s for _, s, _ in folds[f]], n)
        qry, qry_mask = pad([q for _, _, q in folds[f]], n)
        known = known_rows(folds[f], None, n, False)
        for lam, dropout in [(args.lam, 0.0)] + VARIANTS:
            S = support_scores(ease_weights(fitting, n, lam, dropout), folds[f])
            hr = ranking_metrics(S, known, qry, qry_mask, 10)[0]
            hits.setdefault((lam, dropout), []).append(hr)
    base = torch.cat(hits[(args.lam, 0.0)])
    print(f"both folds, {len(base)} users: ease lambda {args.lam:g} {float(base.mean()):.4f}")
    for (lam, dropout), v in hits.items():
        if (lam, dropout) == (args.lam, 0.0):
            continue
        diff = torch.cat(v) - base
        print(f"  lambda {lam:g} dropout {dropout:g}: {float(torch.cat(v).mean()):.4f}  gain "
              f"{float(diff.mean()):+.4f} (SE {float(diff.std()) / math.sqrt(len(diff)):.4f})")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data")
    ap.add_argument("--store")
    ap.add_argument("--presplit")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--lam", type=float, default=10000.0)
    ap.add_argument("--steps", type=int, default=5)
    add_meta_training_arguments(ap)
    ap.add_argument("--item-bias", type=int, default=1)
    ap.add_argument("--bias-l2", type=float, default=0.0)
    ap.add_argument("--ease-variants", action="store_true",
                    help="instead: ease's lambda and EDLAE's dropout, each alone, out of fold")
    args = ap.parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(2)
    gen = torch.Generator().manual_seed(args.seed)

    if args.presplit:
        records, pretrain_users, tasks, Q = presplit(args.presplit)
    else:
        records, _ = read_records(args.data)
        split, Q = stored(args.store, args.seed)
        pretrain_users = split["pretrain_users"]
        tasks = [(u, list(s), list(q)) for u, s, q in split["meta_train"]]
    n = Q.shape[0]
    Qp = torch.cat([torch.from_numpy(Q), torch.zeros(1, Q.shape[1])])
    order = np.random.default_rng(args.seed).permutation(len(tasks))
    folds = [[tasks[i] for i in order[f::2]] for f in range(2)]
    pre = [records[u] for u in pretrain_users]
    scores = [support_scores(ease_weights(pre + [records[u] for u, _, _ in folds[1 - f]], n,
                                          args.lam), folds[f]) for f in range(2)]
    if args.ease_variants:
        return ease_variants(args, records, pre, folds, n)
    pooled = {}
    for f in range(2):
        model = Residual(Q.shape[1], n, bool(args.item_bias))
        train(model, Qp, scores[f], folds[f], records, n, args, gen)
        hits, a = evaluate(model, Qp, scores[1 - f], folds[1 - f], n, args, gen)
        print(f"trained on fold {f + 1} ({len(folds[f])} users), scored on fold {2 - f} "
              f"({len(folds[1 - f])}): a = {a:.3f}, " +
              ", ".join(f"{k} {float(v.mean()):.4f}" for k, v in hits.items()))
        for k, v in hits.items():
            pooled.setdefault(k, []).append(v)
    base = torch.cat(pooled["ease"])
    print(f"both folds, {len(base)} users: ease {float(base.mean()):.4f}")
    for k, v in pooled.items():
        if k == "ease":
            continue
        diff = torch.cat(v) - base
        se = float(diff.std()) / math.sqrt(len(diff))
        print(f"  {k:8s} {float(torch.cat(v).mean()):.4f}  gain {float(diff.mean()):+.4f} (SE {se:.4f})")


if __name__ == "__main__":
    main()
