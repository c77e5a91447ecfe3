#!/usr/bin/env python3
"""The whole MovieLens 100K protocol in batched PyTorch: split, pretraining Q, learners, evaluation.

The same protocol as `metacf run --data u.data` (DESIGN.md), written a second time for
bench/compare_pytorch.sh to race against, with the learners both sides have:
- split: users shuffled and dealt 1:2:1 into pretraining, meta-training and meta-test users;
  each meta user's task selects n ~ U{2..min(10, |R_u|)} records at random, support = the first
  floor(n/2), query = the rest; 10% of the meta-training users (at most 1,000) are held out to
  validate on.
- pretraining: BCE matrix factorisation of the pretraining users' histories, 3 negatives per
  positive drawn outside each user's training records, L2 1e-2 on the rows a pair touches,
  lazy Adam (torch.optim.SparseAdam) lr 5e-3 on batches of 1,024 positives, one record per user
  held out, early stopping on its HR@10 (patience 10) keeping the best epoch's Q.
- pop (counts over the pretraining and meta-training users' histories), itemknn_q (cosine on
  Q), bpr (K BPR epochs from a N(0, 0.01) start, its step size chosen per K from 0.01-3 on every
  meta-training user), metacf_g / metacf_p_linear / metacf_p_neural (metacf_twin.py's
  initialisers, meta-trained per K for 100 meta-epochs, meta-batch 32, beta 1e-3 falling
  linearly, alpha 0.1, a validation point every 5 meta-epochs on the held-out users).
- evaluation: every meta-test user adapts on her support (negatives outside it), ranks every
  item but the support; HR@10 = hits / min(10, |query|), NDCG@10 with binary gains.

Negatives are drawn for a whole batch at once (a rejected draw is redrawn until none is left), so
no Python loop runs per user or per pair. CPU, `--threads` threads. One JSON line per learner and
K, then a summary line.
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from metacf_twin import Initializer  # noqa: E402

STEP_GRID = [0.01, 0.03, 0.1, 0.3, 1.0, 3.0]


def read_records(path):
    """u.data (user item rating time, whitespace) -> per dense user, her dense items in file order."""
    raw = np.loadtxt(path, dtype=np.int64, usecols=(0, 1))
    u, users = first_seen_index(raw[:, 0])
    v, items = first_seen_index(raw[:, 1])
    order = np.argsort(u, kind="stable")
    bounds = np.searchsorted(u[order], np.arange(len(users) + 1))
    records = [v[order[bounds[i]:bounds[i + 1]]] for i in range(len(users))]
    records = [np.unique(r) for r in records]  # a set of positives; duplicates count once
    return records, len(items)


def first_seen_index(ids):
    """Dense indices in order of first appearance, as metacf numbers users and items."""
    uniq, first, inverse = np.unique(ids, return_index=True, return_inverse=True)
    rank = np.empty(len(uniq), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(uniq))
    return rank[inverse], uniq


def stored_split(path, seed, num_items):
    """A `metacf run` store's split and pretrained Q for `seed`, for a paired comparison."""
    import sqlite3
    db = sqlite3.connect(path)
    split = json.loads(db.execute("select split_json from splits where seed = ?", (seed,)).fetchone()[0])
    blob, rows, cols = db.execute("select data, rows, cols from parameters where learner = 'pretrain' "
                                  "and seed = ? and name = 'Q'", (seed,)).fetchone()
    assert rows == num_items, "the store's data set is not this one"
    Q = torch.from_numpy(np.frombuffer(blob, dtype=np.float32).reshape(rows, cols).copy())
    tasks = lambda key: [(u, list(s), list(q)) for u, s, q in split[key]]
    meta_train = tasks("meta_train")
    rng = np.random.default_rng(seed)
    held = set(rng.permutation(len(meta_train))[: min(1000, int(0.1 * len(meta_train)))].tolist())
    return (split["pretrain_users"], [t for i, t in enumerate(meta_train) if i not in held],
            [t for i, t in enumerate(meta_train) if i in held], tasks("meta_test"), Q)


def pad(rows, pad_item):
    width = max(1, max((len(r) for r in rows), default=1))
    idx = torch.full((len(rows), width), pad_item, dtype=torch.long)
    mask = torch.zeros((len(rows), width))
    for i, r in enumerate(rows):
        idx[i, : len(r)] = torch.as_tensor(np.asarray(r, dtype=np.int64))
        mask[i, : len(r)] = 1.0
    return idx, mask


def bool_rows(rows, num_items):
    """rows of item lists -> a rows x items bool matrix."""
    out = torch.zeros((len(rows), num_items), dtype=torch.bool)
    for i, r in enumerate(rows):
        out[i, torch.as_tensor(np.asarray(r, dtype=np.int64))] = True
    return out


def draw_negatives(known, shape, gen):
    """Items uniformly outside each row of `known` (B x N bool): a B x count tensor."""
    b, count = shape
    out = torch.randint(known.shape[1], (b, count), generator=gen)
    bad = torch.gather(known, 1, out)
    while bool(bad.any()):
        out[bad] = torch.randint(known.shape[1], (int(bad.sum()),), generator=gen)
        bad = torch.gather(known, 1, out)
    return out


class TaskTable:
    """Padded support/query tensors of a list of tasks, and each task's known items."""

    def __init__(self, tasks, known_rows, num_items):
        self.s, self.s_mask = pad([t[0] for t in tasks], num_items)
        self.q, self.q_mask = pad([t[1] for t in tasks], num_items)
        self.known = bool_rows(known_rows, num_items)
        self.size = len(tasks)

    def labelled(self, idx, mask, rows, negatives, gen):
        """Positives then `negatives` draws per positive: items, labels, mask (B x P(1+k))."""
        neg = draw_negatives(self.known[rows], (len(rows), idx.shape[1] * negatives), gen)
        items = torch.cat([idx, neg], 1)
        labels = torch.cat([mask, torch.zeros_like(neg, dtype=torch.float32)], 1)
        return items, labels, torch.cat([mask, mask.repeat_interleave(negatives, 1)], 1)


def split_users(records, seed):
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(records))
    pre_end, train_end = round(len(records) * 1 / 4), round(len(records) * 3 / 4)
    pretrain = order[:pre_end]
    meta_train, meta_test = [], []
    for pos in range(pre_end, len(records)):
        u = order[pos]
        r = records[u]
        if len(r) < 2:
            continue
        n = int(rng.integers(2, min(10, len(r)) + 1))
        chosen = rng.permutation(r)[:n]
        task = (u, list(chosen[: n // 2]), list(chosen[n // 2:]))
        (meta_train if pos < train_end else meta_test).append(task)
    held = set(rng.permutation(len(meta_train))[: min(1000, int(0.1 * len(meta_train)))].tolist())
    validation = [t for i, t in enumerate(meta_train) if i in held]
    fitting = [t for i, t in enumerate(meta_train) if i not in held]
    return pretrain, fitting, validation, meta_test


def ranking_metrics(scores, exclude, query, query_mask, top_n):
    """Mean-ready per-user HR@N and NDCG@N of B x N scores, `exclude` (B x N bool) never ranked."""
    scores = scores.masked_fill(exclude, -math.inf)
    top = torch.topk(scores, top_n, dim=1).indices
    # One column more for the padding item, which pads `query` and is never ranked.
    relevant = torch.zeros((exclude.shape[0], exclude.shape[1] + 1), dtype=torch.bool)
    relevant.scatter_(1, query, query_mask > 0)
    hits = torch.gather(relevant, 1, top).float()
    sizes = query_mask.sum(1)
    ideal_hits = torch.clamp(sizes, max=top_n)
    discounts = 1.0 / torch.log2(torch.arange(top_n, dtype=torch.float32) + 2)
    idcg = torch.cumsum(discounts, 0)[ideal_hits.long() - 1]
    return hits.sum(1) / ideal_hits, (hits * discounts).sum(1) / idcg


def pretrain(records, users, num_items, args, gen, log):
    d = args.dim
    train, held = [], []
    rng = np.random.default_rng(args.seed + 101)
    for u in users:
        r = list(records[u])
        if len(r) >= 2 and len(held) < 2000:
            pick = int(rng.integers(len(r)))
            held.append((len(train), r.pop(pick)))
        train.append(r)
    known = bool_rows(train, num_items)
    pos_u = torch.as_tensor(np.concatenate([np.full(len(r), i) for i, r in enumerate(train)]))
    pos_v = torch.as_tensor(np.concatenate([np.asarray(r, dtype=np.int64) for r in train]))
    P = torch.nn.Embedding(len(train), d, sparse=True)
    Q = torch.nn.Embedding(num_items, d, sparse=True)
    with torch.no_grad():
        P.weight.normal_(0.0, 0.1, generator=gen)
        Q.weight.normal_(0.0, 0.1, generator=gen)
    opt = torch.optim.SparseAdam(list(P.parameters()) + list(Q.parameters()), lr=args.pretrain_lr)
    val_u = torch.as_tensor([h[0] for h in held])
    val_v = torch.as_tensor([h[1] for h in held]).unsqueeze(1)
    best, best_q, since, epochs = (-1.0, -1.0), Q.weight.detach().clone(), 0, 0
    k = args.negatives
    for epoch in range(1, args.pretrain_epochs + 1):
        epochs = epoch
        perm = torch.randperm(len(pos_u), generator=gen)
        total = 0.0
        for first in range(0, len(perm), 1024):
            chosen = perm[first : first + 1024]
            u, v = pos_u[chosen], pos_v[chosen]
            neg = draw_negatives(known[u], (len(u), k), gen).reshape(-1)
            uu = torch.cat([u, u.repeat_interleave(k)])
            vv = torch.cat([v, neg])
            labels = torch.cat([torch.ones(len(u)), torch.zeros(len(neg))])
            p, q = P(uu), Q(vv)
            logits = (p * q).sum(1)
            loss = (torch.nn.functional.binary_cross_entropy_with_logits(
                logits, labels, reduction="none") + args.l2 * ((p * p).sum(1) + (q * q).sum(1))).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += float(loss)
        with torch.no_grad():
            hr, ndcg = ranking_metrics(P.weight[val_u] @ Q.weight.T, known[val_u], val_v,
                                       torch.ones_like(val_v, dtype=torch.float32), 10)
            score = (float(hr.mean()), float(ndcg.mean()))
        log(f"pretraining epoch {epoch}: loss {total:.2f}, validation HR@10 {score[0]:.4f}")
        if score > best:
            best, best_q, since = score, Q.weight.detach().clone(), 0
        else:
            since += 1
            if since >= args.patience:
                break
    return best_q, epochs, best[0]


class Adapter:
    """K local steps for a batch of users (metacf: BCE; bpr: pairwise), negatives outside `known`."""

    def __init__(self, Qp, negatives, gen):
        self.Qp, self.k, self.gen = Qp, negatives, gen

    def bce_steps(self, p, table, rows, alpha, steps, first_order, known=None):
        idx, mask = table.s[rows], table.s_mask[rows]
        items, labels, full_mask = self.labelled(table, idx, mask, rows, known)
        qi = self.Qp[items]
        for _ in range(steps):
            logits = torch.einsum("bd,bnd->bn", p, qi)
            g = torch.einsum("bn,bnd->bd", (torch.sigmoid(logits) - labels) * full_mask, qi)
            p = p - alpha * (g.detach() if first_order else g)
        return p

    def labelled(self, table, idx, mask, rows, known):
        if known is None:
            return table.labelled(idx, mask, rows, self.k, self.gen)
        neg = draw_negatives(known, (len(rows), idx.shape[1] * self.k), self.gen)
        labels = torch.cat([mask, torch.zeros(neg.shape)], 1)
        return torch.cat([idx, neg], 1), labels, torch.cat([mask, mask.repeat_interleave(self.k, 1)], 1)

    def bpr_steps(self, p, idx, mask, known, step, steps):
        qpos = self.Qp[idx].repeat_interleave(self.k, 1)
        pair_mask = mask.repeat_interleave(self.k, 1)
        for _ in range(steps):  # a fresh draw of negatives each epoch
            qneg = self.Qp[draw_negatives(known, (len(idx), qpos.shape[1]), self.gen)]
            diff = qpos - qneg
            x = torch.einsum("bd,bnd->bn", p, diff)
            p = p + step * torch.einsum("bn,bnd->bd", torch.sigmoid(-x) * pair_mask, diff)
        return p


def evaluate(table, rows, learner, num_items, top_n, batch=256):
    """HR@N, NDCG@N means over the tasks `rows` of `table` for a learner (start, adapt, score)."""
    start, adapt, score = learner
    hrs, ndcgs = [], []
    with torch.no_grad():
        for first in range(0, len(rows), batch):
            r = rows[first : first + batch]
            support = torch.zeros((len(r), num_items + 1), dtype=torch.bool)
            support.scatter_(1, table.s[r], table.s_mask[r] > 0)
            support = support[:, :num_items]
            hr, ndcg = ranking_metrics(score(adapt(start(r), r, support)), support,
                                       table.q[r], table.q_mask[r], top_n)
            hrs.append(hr)
            ndcgs.append(ndcg)
    return float(torch.cat(hrs).mean()), float(torch.cat(ndcgs).mean())


def pooled(Qp, table, rows):
    m = table.s_mask[rows]
    return (Qp[table.s[rows]] * m.unsqueeze(2)).sum(1) / m.sum(1, keepdim=True)


def meta_step(opt, loss, beta, update, updates):
    """One optimiser step on the meta-loss at the linearly decaying rate (beta_schedule linear)."""
    opt.zero_grad()
    loss.backward()
    for group in opt.param_groups:
        group["lr"] = beta * (1 - update / updates)
    opt.step()


def meta_train(args, kind, steps, Qp, fit, val, num_items, gen, log):
    model = Initializer(kind, Qp.shape[1], args.hidden, "normal")
    adapter = Adapter(Qp, args.negatives, gen)
    opt = torch.optim.Adam(model.parameters(), lr=args.beta)
    updates = args.meta_epochs * math.ceil(fit.size / args.batch_size)
    update, trained, validating = 0, 0, 0.0
    start = time.perf_counter()
    for epoch in range(1, args.meta_epochs + 1):
        order = torch.randperm(fit.size, generator=gen)
        for first in range(0, fit.size, args.batch_size):
            rows = order[first : first + args.batch_size]
            p = adapter.bce_steps(model(pooled(Qp, fit, rows)), fit, rows, args.alpha, steps,
                                  args.meta_gradient == "first-order")
            items, labels, mask = fit.labelled(fit.q[rows], fit.q_mask[rows], rows, args.negatives, gen)
            logits = torch.einsum("bd,bnd->bn", p, Qp[items])
            loss = (torch.nn.functional.binary_cross_entropy_with_logits(
                logits, labels, reduction="none") * mask).sum(1).mean()
            meta_step(opt, loss, args.beta, update, updates)
            update += 1
            trained += len(rows)
        if val is not None and (epoch % 5 == 0 or epoch == args.meta_epochs):
            began = time.perf_counter()
            learner = (lambda r: model(pooled(Qp, val, r)),
                       lambda p, r, known: adapter.bce_steps(p, val, r, args.alpha, steps, True, known),
                       lambda p: p @ val.Qt)
            hr, _ = evaluate(val, torch.arange(val.size), learner, num_items, 10)
            validating += time.perf_counter() - began
            log(f"{kind} K={steps} epoch {epoch}: validation HR@10 {hr:.4f}")
    fit_seconds = time.perf_counter() - start - validating
    return model, adapter, trained / fit_seconds, fit_seconds


def serve_us(learner, table, num_items, top_n, users=64):
    """Median wall time of one user alone: adapt, score every item, top-N."""
    start, adapt, score = learner
    times = []
    with torch.no_grad():
        for i in range(min(users, table.size)):
            r = torch.tensor([i])
            began = time.perf_counter()
            support = torch.zeros((1, num_items), dtype=torch.bool)
            support[0, table.s[i][table.s_mask[i] > 0]] = True
            scores = score(adapt(start(r), r, support)).masked_fill(support, -math.inf)
            torch.topk(scores, top_n, dim=1)
            times.append(time.perf_counter() - began)
    return float(np.median(times)) * 1e6


def add_meta_training_arguments(ap):
    """The MetaCF learners' meta-training settings, at `metacf run`'s defaults."""
    ap.add_argument("--negatives", type=int, default=3)
    ap.add_argument("--alpha", type=float, default=0.1)
    ap.add_argument("--beta", type=float, default=1e-3)
    ap.add_argument("--meta-epochs", type=int, default=100)
    ap.add_argument("--batch-size", type=int, default=32)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True, help="MovieLens 100K u.data")
    ap.add_argument("--learners", default="pop,itemknn_q,bpr,metacf_g,metacf_p_linear,metacf_p_neural")
    ap.add_argument("--ks", default="1,5")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--dim", type=int, default=32)
    ap.add_argument("--pretrain-lr", type=float, default=5e-3)
    ap.add_argument("--l2", type=float, default=1e-2)
    ap.add_argument("--pretrain-epochs", type=int, default=200)
    ap.add_argument("--patience", type=int, default=10)
    add_meta_training_arguments(ap)
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--meta-gradient", default="first-order", choices=["first-order", "exact"])
    ap.add_argument("--top-n", type=int, default=10)
    ap.add_argument("--item-embeddings", help="Q (.npy) instead of pretraining, for throughput runs")
    ap.add_argument("--from-store", help="a metacf run's store: its split and Q for --seed, so the "
                    "two sides are scored on the same users (a paired check; no pretraining here)")
    ap.add_argument("--save-item-embeddings", help="write the pretrained Q here (.npy)")
    ap.add_argument("--no-validation", action="store_true", help="no validation points (throughput runs)")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    began = time.perf_counter()
    torch.set_num_threads(args.threads)
    gen = torch.Generator().manual_seed(args.seed)
    torch.manual_seed(args.seed)
    log = (lambda s: None) if args.quiet else (lambda s: print(s, file=sys.stderr))

    records, num_items = read_records(args.data)
    pre, fitting, validating, testing = split_users(records, args.seed)
    pretrain_seconds, pretrain_epochs = 0.0, 0
    if args.from_store:
        pre, fitting, validating, testing, Q = stored_split(args.from_store, args.seed, num_items)
    elif args.item_embeddings:
        Q = torch.from_numpy(np.load(args.item_embeddings).astype(np.float32))
    else:
        t = time.perf_counter()
        Q, pretrain_epochs, _ = pretrain(records, pre, num_items, args, gen, log)
        pretrain_seconds = time.perf_counter() - t
        if args.save_item_embeddings:
            np.save(args.save_item_embeddings, Q.numpy())
    Qp = torch.cat([Q, torch.zeros(1, Q.shape[1])])  # the padding row scores 0 and is masked

    def table(tasks, own_history):
        known = [records[u] if own_history else s for u, s, _ in tasks]
        t = TaskTable([(s, q) for _, s, q in tasks], known, num_items)
        t.Qt = Q.T.contiguous()
        return t

    fit, val, test = table(fitting, True), table(validating, True), table(testing, False)
    every_meta_train = table(fitting + validating, False)  # bpr ranks its step on all of them
    test_rows = torch.arange(test.size)
    ks = [int(k) for k in args.ks.split(",") if k]
    for name in args.learners.split(","):
        for k in ks:
            t = time.perf_counter()
            rate, serve = None, None
            adapter = Adapter(Qp, args.negatives, gen)
            if name == "pop":
                counts = torch.zeros(num_items)
                for u in list(pre) + [u for u, _, _ in fitting]:
                    counts[torch.as_tensor(records[u])] += 1
                learner = (lambda r: torch.zeros(len(r), 1), lambda p, r, known: p,
                           lambda p: counts.expand(len(p), -1))
            elif name == "itemknn_q":
                unit = Qp / Qp.norm(dim=1, keepdim=True).clamp(min=1e-12)
                learner = (lambda r: (unit[test.s[r]] * test.s_mask[r].unsqueeze(2)).sum(1),
                           lambda p, r, known: p, lambda p: p @ unit[:num_items].T)
            elif name == "bpr":
                def bpr(table_, step):
                    return (lambda r: 0.01 * torch.randn((len(r), Q.shape[1]), generator=gen),
                            lambda p, r, known: adapter.bpr_steps(p, table_.s[r], table_.s_mask[r],
                                                                  known, step, k),
                            lambda p: p @ table_.Qt)
                every = torch.arange(every_meta_train.size)
                scored = [(evaluate(every_meta_train, every, bpr(every_meta_train, s), num_items,
                                    args.top_n), s) for s in STEP_GRID]
                learner = bpr(test, max(scored)[1])
            else:
                kind = name[len("metacf_"):]
                model, adapter, rate, _ = meta_train(args, kind, k, Qp, fit,
                                                     None if args.no_validation else val,
                                                     num_items, gen, log)
                learner = (lambda r: model(pooled(Qp, test, r)),
                           lambda p, r, known: adapter.bce_steps(p, test, r, args.alpha, k, True, known),
                           lambda p: p @ test.Qt)
            hr, ndcg = evaluate(test, test_rows, learner, num_items, args.top_n)
            if name in ("bpr",) or name.startswith("metacf_"):
                serve = serve_us(learner, test, num_items, args.top_n)
            print(json.dumps({"learner": name, "k": k, "seed": args.seed, "users": test.size,
                              "hr10": hr, "ndcg10": ndcg, "seconds": time.perf_counter() - t,
                              "tasks_per_s": rate, "serve_us_median": serve}), flush=True)
    print(json.dumps({"summary": True, "pretrain_seconds": pretrain_seconds,
                      "pretrain_epochs": pretrain_epochs, "meta_train_users": fit.size,
                      "validation_users": val.size, "test_users": test.size,
                      "wall_seconds": time.perf_counter() - began}), flush=True)


if __name__ == "__main__":
    main()
