"""How well `recommend` finds real partners: hide 20 % of a dataset's cooperation ties,
recommend partners for every actor that lost one, and count how many of the top k are the
hidden ties (precision at k). Compared with two random baselines: picking k partners at random
from the same candidate pool (same or neighbouring pole, no existing tie), and from every
actor not already tied.

Only direct ties whose two actors share no project are hidden: a pair that shares a project
stays tied in the cooperation layer, so hiding its direct tie would hide nothing.

    .venv/bin/python benchmarks/recommend_bench.py [--runs 10] [--share 0.2]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ptce_graph.analysis.recommend import _Context, recommend_partners  # noqa: E402
from ptce_graph.build import build_graph  # noqa: E402
from ptce_graph.ingest import BUNDLED_DATASETS, bundled_dataset, load_dataset  # noqa: E402

KS = (1, 3, 5)


def hideable(G):
    """(key, a, b) of direct ties whose actors share no project."""
    projects = {}
    for u, v, d in G.edges(data=True):
        if d.get("type") == "participates_in":
            projects.setdefault(u, set()).add(v)
    return [(k, u, v) for u, v, k, d in G.edges(keys=True, data=True)
            if d.get("type") == "cooperates_with"
            and not (projects.get(u, set()) & projects.get(v, set()))]


def one_run(G, share: float, seed: int) -> dict:
    rng = random.Random(seed)
    ties = hideable(G)
    hidden = rng.sample(ties, max(1, round(share * len(ties))))
    H = G.copy()
    for key, u, v in hidden:
        H.remove_edge(u, v, key)
    lost: dict[str, set] = {}
    for _, u, v in hidden:
        lost.setdefault(u, set()).add(v)
        lost.setdefault(v, set()).add(u)
    # a pair tied twice (two kinds) is still tied if only one tie was hidden
    context = _Context(H, None)
    lost = {m: {p for p in ps if not context.coop.has_edge(m, p)} for m, ps in lost.items()}
    lost = {m: ps for m, ps in lost.items() if ps}
    members = sorted(lost)
    started = time.perf_counter()
    recs = recommend_partners(H, members=members, top=max(KS))
    seconds = time.perf_counter() - started
    result = {"hidden": len(hidden), "members": len(members), "seconds": seconds}
    everyone = set(context.coop)
    for k in KS:
        precision, same_pool, anyone, reachable = [], [], [], []
        for m in members:
            top = recs.loc[(recs["member"] == m) & (recs["rank"] <= k), "partner"]
            precision.append(len(set(top) & lost[m]) / k)
            pool = context.candidates(m)
            same_pool.append(len(pool & lost[m]) / len(pool) if pool else 0.0)
            others = everyone - {m} - set(context.coop[m])
            anyone.append(len(others & lost[m]) / len(others) if others else 0.0)
            reachable.append(len(pool & lost[m]) / len(lost[m]))
        result[f"p@{k}"] = statistics.mean(precision)
        result[f"pool@{k}"] = statistics.mean(same_pool)
        result[f"any@{k}"] = statistics.mean(anyone)
        result["reachable"] = statistics.mean(reachable)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--share", type=float, default=0.2)
    args = parser.parse_args()
    print(f"Hide {args.share:.0%} of the cooperation ties, {args.runs} runs per dataset "
          "(mean over runs; random baselines are exact expectations)\n")
    header = (f"{'dataset':22} {'ties':>5} {'hidden':>6} {'members':>7} {'reach':>6} "
              + " ".join(f"{'p@' + str(k):>6} {'pool':>6} {'any':>6} {'x pool':>6}"
                         for k in KS) + f" {'ms':>7}")
    print(header)
    for name in BUNDLED_DATASETS:
        data = load_dataset(bundled_dataset(name))
        G = build_graph(data.nodes, data.edges, name=name)
        runs = [one_run(G, args.share, seed) for seed in range(args.runs)]

        def mean(key, runs=runs):
            return statistics.mean(r[key] for r in runs)

        cells = []
        for k in KS:
            ratio = mean(f"p@{k}") / mean(f"pool@{k}") if mean(f"pool@{k}") else float("nan")
            cells.append(f"{mean(f'p@{k}'):6.3f} {mean(f'pool@{k}'):6.3f} "
                         f"{mean(f'any@{k}'):6.3f} {ratio:6.2f}")
        print(f"{name:22} {len(hideable(G)):5d} {mean('hidden'):6.1f} {mean('members'):7.1f} "
              f"{mean('reachable'):6.2f} " + " ".join(cells) + f" {1000 * mean('seconds'):7.1f}")
    print("\np@k: share of the top k that are hidden ties; pool: random pick from the same "
          "candidate pool;\nany: random pick among all actors not tied; x pool: p@k / pool; "
          "reach: share of hidden ties inside the pool; ms: time to recommend for all members")


if __name__ == "__main__":
    main()
