"""The table of bench/compare_pytorch.sh (MovieLens 100K): one row per measure, each ratio taken
within a round (both sides back to back), then the median over rounds with its range.

Usage: compare_pytorch_table.py WORK_DIR ROUNDS (the directories WORK_DIR/round1 .. roundN).
"""
import json
import statistics
import sys


def read_round(path):
    ours = [json.loads(l) for l in open(f"{path}/ours") if l.startswith("{")]
    twin = [json.loads(l) for l in open(f"{path}/twin") if l.startswith("{")]
    wall_o, rss_o = map(float, open(f"{path}/ours.time").read().split())
    wall_t, rss_t = map(float, open(f"{path}/twin.time").read().split())
    rates = {b: json.loads(open(f"{path}/batch.{b}").readline())["tasks_per_s"]
             for b in (32, 256, 1024)}
    best = max(rates, key=rates.get)
    o = {(r["learner"], r["k"]): r for r in ours}
    t = {(r["learner"], r["k"]): r for r in twin if "learner" in r}
    return {
        "o": o, "t": t, "rates": rates, "best": best,
        "summary": [r for r in twin if r.get("summary")][0],
        "wall": (wall_o, wall_t), "rss": (rss_o, rss_t),
        "tasks": (o[("metacf_p_neural", 5)]["tasks_per_s"], rates[best]),
        "kernel": float(open(f"{path}/kernel").read().strip() or 0),
        "serve": (o[("metacf_p_neural", 5)]["adapt_us_median"],
                  t[("metacf_p_neural", 5)]["serve_us_median"]),
    }


def spread(values, fmt):
    """The median, and the range when there is more than one value."""
    med = fmt(statistics.median(values))
    return med if len(values) == 1 else f"{med} ({fmt(min(values))}-{fmt(max(values))})"


def main():
    work, count = sys.argv[1], int(sys.argv[2])
    rounds = [read_round(f"{work}/round{i}") for i in range(1, count + 1)]
    secs = lambda x: f"{x:.2f} s"
    mib = lambda x: f"{x / 1024:.0f} MiB"
    rate = lambda x: f"{x:,.0f}"
    times = lambda x: f"{x:.1f}x"
    usec = lambda x: f"{x:.1f} us"
    pct = lambda x: f"{x:.0%}"

    def row(name, key, fmt, higher_is_better=False):
        ours = [r[key][0] for r in rounds]
        twin = [r[key][1] for r in rounds]
        ratios = [(o / t) if higher_is_better else (t / o) for o, t in zip(ours, twin)]
        print(f"| {name} | {spread(ours, fmt)} | {spread(twin, fmt)} | {spread(ratios, times)} |")

    what = "rounds, median (range)" if count > 1 else "one round"
    print(f"| measure ({count} {what}) | metacf | PyTorch twin | ratio in the round |")
    print("|---|---:|---:|---:|")
    row("end to end, wall", "wall", secs)
    row("end to end, peak RSS", "rss", mib)
    pre = [r["summary"]["pretrain_seconds"] for r in rounds]
    print(f"| pretraining (twin: {rounds[0]['summary']['pretrain_epochs']} epochs) | "
          f"| {spread(pre, secs)} | |")
    bests = sorted({r["best"] for r in rounds})
    row(f"meta-training tasks/s, metacf_p_neural K=5 (twin: its best meta-batch, "
        f"{'/'.join(map(str, bests))})", "tasks", rate, higher_is_better=True)
    kernels = [r["kernel"] for r in rounds]
    if all(k > 0 for k in kernels):
        shares = [r["tasks"][0] / r["kernel"] for r in rounds]
        print(f"| the kernel alone (metacf_bench), and the in-run share | {spread(kernels, rate)} "
              f"| | {spread(shares, pct)} |")
    row("serving one user, metacf_p_neural K=5 (adapt, score, top-10)", "serve", usec)
    for i, r in enumerate(rounds, 1):
        print(f"\nRound {i}: the twin's meta-training tasks/s by meta-batch: " +
              ", ".join(f"{b}: {v:,.0f}" for b, v in r["rates"].items()), end="")
    print()
    first = rounds[0]
    o, t = first["o"], first["t"]
    print("\n| learner | K | HR@10 metacf | HR@10 twin | NDCG@10 metacf | NDCG@10 twin |\n"
          "|---|---:|---:|---:|---:|---:|")
    for key in t:
        if key in o:
            print(f"| {key[0]} | {key[1]} | {o[key]['hr10']:.4f} | {t[key]['hr10']:.4f} "
                  f"| {o[key]['ndcg10']:.4f} | {t[key]['ndcg10']:.4f} |")
    print(f"\n({first['summary']['test_users']} meta-test users on each side, each side's own "
          "random split; HR@10 from round 1, the same in every round)")


if __name__ == "__main__":
    main()
