#!/usr/bin/env python3
"""A batched PyTorch twin of the MetaCF learners (metacf_g, metacf_p_linear, metacf_p_neural).

It follows the protocol of ../../README.md and ../shared/DESIGN.md on a published split
(`--presplit DIR` with DIR/train.rating, DIR/test.rating and `--item-embeddings Q.npy`):
- meta-training: each meta-epoch every meta-training user's records are reshuffled and halved
  (support = first floor(n/2), query = the rest); `negatives` items per positive are drawn from
  the items the user never rated; BCE with logits summed over a task's pairs; p0 = g(mean of the
  support rows of Q); K local steps p <- p - alpha * dL_S/dp; the meta-loss is the query BCE of
  pK, summed over a task's pairs and averaged over the meta-batch; Adam on Phi.
- meta-test: the user's records in file order, support = first floor(n/2); adaptation negatives
  avoid the support only; every item but the support is ranked; HR@10 = hits / min(10, |query|).

It exists to be raced against `metacf run` (bench/compare_pytorch.sh) and to cross-check its
numbers: the two are written independently from the same description.
"""
import argparse
import json
import math
import sys
import time

import numpy as np
import torch


def read_pairs(path):
    users = {}
    with open(path) as f:
        for line in f:
            fields = line.split()
            if len(fields) < 2:
                continue
            users.setdefault(int(fields[0]), []).append(int(fields[1]))
    return users


class Initializer(torch.nn.Module):
    def __init__(self, kind, dim, hidden, init):
        super().__init__()
        self.kind = kind
        if kind == "g":
            self.phi = torch.nn.Parameter(torch.zeros(dim))
        elif kind == "p_linear":
            self.layer = torch.nn.Linear(dim, dim)
        else:
            self.layer1 = torch.nn.Linear(dim, hidden)
            self.layer2 = torch.nn.Linear(hidden, dim)
        if init == "normal":
            for p in self.parameters():
                torch.nn.init.normal_(p, 0.0, 0.01)
        elif kind == "g":
            torch.nn.init.normal_(self.phi, 0.0, 0.01)

    def forward(self, x):
        if self.kind == "g":
            return self.phi.expand(x.shape[0], -1)
        if self.kind == "p_linear":
            return self.layer(x)
        return self.layer2(torch.relu(self.layer1(x)))


def local_steps(p, items, labels, mask, alpha, steps, first_order):
    """K gradient steps of the summed support BCE; returns every p_k (B x (K+1) x D)."""
    path = [p]
    for _ in range(steps):
        logits = torch.einsum("bd,bnd->bn", p, items)
        # d/dp of sum_n mask * BCE(logit_n, y_n) = sum_n mask * (sigmoid - y) q_n
        g = torch.einsum("bn,bnd->bd", (torch.sigmoid(logits) - labels) * mask, items)
        if first_order:
            g = g.detach()
        p = p - alpha * g
        path.append(p)
    return path


def bce_sum(p, items, labels, mask):
    logits = torch.einsum("bd,bnd->bn", p, items)
    loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, labels, reduction="none")
    return (loss * mask).sum(1)


class Tasks:
    """Padded index tensors of a batch of tasks."""

    def __init__(self, num_items, negatives, rng):
        self.num_items = num_items
        self.negatives = negatives
        self.rng = rng

    def sample_negatives(self, count, known):
        out = []
        while len(out) < count:
            draw = self.rng.integers(0, self.num_items, size=2 * count + 4)
            out.extend(int(v) for v in draw if int(v) not in known)
        return out[:count]

    def pad(self, rows, pad_item):
        width = max(len(r) for r in rows)
        idx = np.full((len(rows), width), pad_item, dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.float32)
        for i, r in enumerate(rows):
            idx[i, : len(r)] = r
            mask[i, : len(r)] = 1.0
        return torch.from_numpy(idx), torch.from_numpy(mask)

    def batch(self, supports, queries, knowns):
        """supports/queries: lists of positive lists; returns padded tensors."""
        pad_item = self.num_items  # the zero row appended to Q
        pos_idx, pos_mask = self.pad(supports, pad_item)
        rows, labels, qrows, qlabels = [], [], [], []
        for s, q, known in zip(supports, queries, knowns):
            rows.append(s + self.sample_negatives(self.negatives * len(s), known))
            labels.append([1.0] * len(s) + [0.0] * (self.negatives * len(s)))
            if q is not None:
                qrows.append(q + self.sample_negatives(self.negatives * len(q), known))
                qlabels.append([1.0] * len(q) + [0.0] * (self.negatives * len(q)))
        s_idx, s_mask = self.pad(rows, pad_item)
        s_lab = torch.zeros_like(s_mask)
        for i, lab in enumerate(labels):
            s_lab[i, : len(lab)] = torch.tensor(lab)
        out = {"pos": pos_idx, "pos_mask": pos_mask, "s": s_idx, "s_mask": s_mask, "s_lab": s_lab}
        if qrows:
            q_idx, q_mask = self.pad(qrows, pad_item)
            q_lab = torch.zeros_like(q_mask)
            for i, lab in enumerate(qlabels):
                q_lab[i, : len(lab)] = torch.tensor(lab)
            out.update({"q": q_idx, "q_mask": q_mask, "q_lab": q_lab})
        return out


def pooled(Qp, b):
    rows = Qp[b["pos"]] * b["pos_mask"].unsqueeze(2)
    return rows.sum(1) / b["pos_mask"].sum(1, keepdim=True)


def meta_train(args, model, Qp, train_users, known, num_items, rng, log, curve=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=args.beta)
    total_updates = args.meta_epochs * math.ceil(len(train_users) / args.batch_size)
    update = 0
    averaged, average_count = None, 0
    tasks = Tasks(num_items, args.negatives, rng)
    users = sorted(train_users)
    trained = 0
    start = time.perf_counter()
    for epoch in range(1, args.meta_epochs + 1):
        order = rng.permutation(len(users))
        total, pairs = 0.0, 0
        for first in range(0, len(order), args.batch_size):
            chosen = [users[i] for i in order[first : first + args.batch_size]]
            supports, queries, knowns = [], [], []
            for u in chosen:
                records = list(train_users[u])
                if args.task_order == "reshuffled":
                    rng.shuffle(records)
                half = len(records) // 2
                supports.append(records[:half])
                queries.append(records[half:])
                knowns.append(known[u])
            b = tasks.batch(supports, queries, knowns)
            p0 = model(pooled(Qp, b))
            path = local_steps(p0, Qp[b["s"]], b["s_lab"], b["s_mask"], args.alpha, args.steps,
                               args.meta_gradient == "first-order")
            loss = bce_sum(path[-1], Qp[b["q"]], b["q_lab"], b["q_mask"])
            optimizer.zero_grad()
            if args.task_loss == "mean":
                (loss / b["q_mask"].sum(1)).mean().backward()
            else:
                loss.mean().backward()
            if args.lr_decay == "linear":
                for group in optimizer.param_groups:
                    group["lr"] = args.beta * (1 - update / total_updates)
            optimizer.step()
            update += 1
            if args.average > 0 and update > (1 - args.average) * total_updates:
                flat = torch.nn.utils.parameters_to_vector(model.parameters()).detach()
                average_count += 1
                averaged = flat.clone() if averaged is None else averaged + (flat - averaged) / average_count
            total += float(loss.sum())
            pairs += int(b["q_mask"].sum())
            trained += len(chosen)
        log(f"epoch {epoch}: query BCE per pair {total / max(pairs, 1):.4f}")
        if curve and epoch % args.curve_every == 0:
            curve(epoch)
    if averaged is not None:
        torch.nn.utils.vector_to_parameters(averaged, model.parameters())
    return trained / (time.perf_counter() - start)


def evaluate(args, model, Qp, test_users, num_items, rng, ks):
    """HR@10 and NDCG@10 at each K in ks, all users, full ranking minus the support."""
    tasks = Tasks(num_items, args.negatives, rng)
    users = sorted(u for u in test_users if len(test_users[u]) >= 2)
    hr = {k: [] for k in ks}
    ndcg = {k: [] for k in ks}
    Q = Qp[:num_items]
    with torch.no_grad():
        for first in range(0, len(users), 256):
            chosen = users[first : first + 256]
            supports = [test_users[u][: len(test_users[u]) // 2] for u in chosen]
            queries = [test_users[u][len(test_users[u]) // 2 :] for u in chosen]
            b = tasks.batch(supports, [None] * len(chosen), [set(s) for s in supports])
            p0 = model(pooled(Qp, b))
            path = local_steps(p0, Qp[b["s"]], b["s_lab"], b["s_mask"], args.alpha, max(ks), True)
            for k in ks:
                scores = path[k] @ Q.T
                for i, (s, q) in enumerate(zip(supports, queries)):
                    scores[i, s] = -math.inf
                top = torch.topk(scores, args.top_n, dim=1).indices.numpy()
                for i, q in enumerate(queries):
                    qs = set(q)
                    hits = [1.0 if int(v) in qs else 0.0 for v in top[i]]
                    hr[k].append(sum(hits) / min(args.top_n, len(q)))
                    dcg = sum(h / math.log2(r + 2) for r, h in enumerate(hits))
                    idcg = sum(1 / math.log2(r + 2) for r in range(min(len(q), args.top_n)))
                    ndcg[k].append(dcg / idcg)
    return {k: (float(np.mean(hr[k])), float(np.mean(ndcg[k]))) for k in ks}, len(users)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--presplit", required=True)
    ap.add_argument("--item-embeddings", required=True)
    ap.add_argument("--learner", default="p_neural", choices=["g", "p_linear", "p_neural"])
    ap.add_argument("--steps", type=int, default=5)
    ap.add_argument("--eval-ks", default="")
    ap.add_argument("--alpha", type=float, default=0.1)
    ap.add_argument("--beta", type=float, default=1e-3)
    ap.add_argument("--meta-epochs", type=int, default=100)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--negatives", type=int, default=3)
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--init", default="torch", choices=["torch", "normal"])
    ap.add_argument("--meta-gradient", default="first-order", choices=["first-order", "exact"])
    ap.add_argument("--top-n", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--task-loss", default="sum", choices=["sum", "mean"],
                    help="a task's meta-loss summed or averaged over its query pairs")
    ap.add_argument("--with-val-train", action="store_true",
                    help="meta-train on train.rating plus val_train.rating")
    ap.add_argument("--task-order", default="as-written", choices=["as-written", "reshuffled"],
                    help="meta-training tasks halved in the split's file order, as the test "
                    "users' are, or reshuffled every epoch")
    ap.add_argument("--lr-decay", default="linear", choices=["none", "linear"])
    ap.add_argument("--average", type=float, default=0.0,
                    help="serve the mean of Phi over this last share of the updates")
    ap.add_argument("--curve-every", type=int, default=0,
                    help="print HR@10 of the scored users every this many meta-epochs")
    ap.add_argument("--validation-share", type=float, default=0.0,
                    help="score held-out meta-training users instead of the meta-test users")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    log = (lambda s: None) if args.quiet else (lambda s: print(s, file=sys.stderr))

    Q = torch.from_numpy(np.load(args.item_embeddings).astype(np.float32))
    num_items = Q.shape[0]
    Qp = torch.cat([Q, torch.zeros(1, Q.shape[1])])  # padding row
    train_users = read_pairs(args.presplit + "/train.rating")
    if args.with_val_train:
        for u, r in read_pairs(args.presplit + "/val_train.rating").items():
            train_users.setdefault(u, []).extend(r)
    train_users = {u: r for u, r in train_users.items() if len(r) >= 2}
    test_users = read_pairs(args.presplit + "/test.rating")
    known = {u: set(r) for u, r in train_users.items()}
    if args.validation_share > 0:
        # Model choices are made on meta-training users the fit never sees, never on test users.
        users = sorted(train_users)
        held = np.random.default_rng(12345).permutation(len(users))
        held = {users[i] for i in held[: int(args.validation_share * len(users))]}
        test_users = {u: train_users[u] for u in held}
        train_users = {u: r for u, r in train_users.items() if u not in held}

    model = Initializer(args.learner, Q.shape[1], args.hidden, args.init)
    start = time.perf_counter()
    curve = None
    if args.curve_every > 0:
        def curve(epoch):
            m, _ = evaluate(args, model, Qp, test_users, num_items, np.random.default_rng(7),
                            [args.steps])
            print(f"curve epoch {epoch} hr {m[args.steps][0]:.4f}", file=sys.stderr)
    rate = meta_train(args, model, Qp, train_users, known, num_items, rng, log, curve)
    fit_seconds = time.perf_counter() - start
    ks = sorted({int(k) for k in args.eval_ks.split(",") if k} | {args.steps})
    metrics, n = evaluate(args, model, Qp, test_users, num_items, rng, ks)
    print(json.dumps({"learner": "metacf_" + args.learner, "seed": args.seed, "users": n,
                      "fit_seconds": fit_seconds, "tasks_per_s": rate,
                      "hr": {str(k): v[0] for k, v in metrics.items()},
                      "ndcg": {str(k): v[1] for k, v in metrics.items()}}))


if __name__ == "__main__":
    main()
