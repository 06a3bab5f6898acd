"""What summary.json claims about the estimated metrics, against their exact values (issue 9).

    .venv/bin/python benchmarks/estimates_bench.py [--graph generated:1500:1 ...] [--seeds 42]

For each graph (``generated:POLES:SEED``: the cooperation layer `analyze` takes of a dataset
from ``ptce-graph generate``, as of the dataset's year; ``barabasi:NODES:TIES:SEED``: a
preferential-attachment graph, another shape), estimates betweenness and closeness as `analyze`
does (pivot sampling, seed 42 unless ``--seeds``), and prints side by side:

- *claimed*: what summary.json's ``approximations[].measured`` says: the error expected for
  this run from its own sources (``fast.expected_error``), or for closeness' value errors the
  error measured on the run's sources (``measured_on_sources``), and the 90 % range;
- *actual*: the same figures against python-igraph's exact values on the whole graph;

with their ratio (claimed / actual; the goal is 0.8 to 1.2). With several ``--seeds`` (the run's
seed), the actual figure is also averaged over them: the claim is an expected value, and a
single run's error varies around it. Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np


def cooperation_graph(spec: str):
    """(description, graph) for a ``--graph`` value."""
    import networkx as nx

    kind, *numbers = spec.split(":")
    if kind == "generated":
        from ptce_graph.analysis.layers import cooperation_layer
        from ptce_graph.build import load_graph
        from ptce_graph.generate import write_generated_dataset
        from ptce_graph.time_model import resolve_as_of

        poles, seed = (int(x) for x in numbers)
        work = Path(tempfile.mkdtemp(prefix="ptce-estimates-"))
        G = load_graph(write_generated_dataset(poles, work / "data", seed=seed))
        as_of = resolve_as_of(G)
        C = cooperation_layer(G, year=as_of.year)
        return (f"generated dataset, {poles} poles, seed {seed}: {G.number_of_nodes()} nodes; "
                f"cooperation layer as of {as_of.year} ({as_of.source})"), C
    if kind == "barabasi":
        nodes, ties, seed = (int(x) for x in numbers)
        C = nx.barabasi_albert_graph(nodes, ties, seed=seed)
        return f"Barabasi-Albert graph, {ties} ties per new node, seed {seed}", C
    raise SystemExit(f"--graph {spec}: expected generated:POLES:SEED or barabasi:NODES:TIES:SEED")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", action="append",
                        help="generated:POLES:SEED or barabasi:NODES:TIES:SEED (repeatable; "
                             "default generated:1500:1 and generated:1800:3)")
    parser.add_argument("--seeds", default="42",
                        help="the runs' seeds, comma-separated (analyze uses 42)")
    args = parser.parse_args()
    seeds = [int(s) for s in args.seeds.split(",")]

    from ptce_graph.analysis import fast

    for spec in args.graph or ["generated:1500:1", "generated:1800:3"]:
        started = time.perf_counter()
        description, C = cooperation_graph(spec)
        print(f"\n== {description}: {C.number_of_nodes()} nodes, {C.number_of_edges()} ties "
              f"({time.perf_counter() - started:.1f} s)")
        for name in ("betweenness", "closeness"):
            compute = getattr(fast, name)
            started = time.perf_counter()
            exact, _ = compute(C, method="igraph")
            exact_s = time.perf_counter() - started
            runs = []
            for seed in seeds:
                started = time.perf_counter()
                approx, note = compute(C, method="approximate", seed=seed)
                runs.append((note["measured"], fast.error_figures(approx, exact),
                             time.perf_counter() - started))
            claimed, actual, estimate_s = runs[0]
            print(f"\n{name}: {note['pivots']} sources, sampling ratio "
                  f"{claimed['sampling_ratio']:.4f}; estimate with its error "
                  f"{estimate_s:.1f} s, exact igraph {exact_s:.1f} s; run seed {seeds[0]}")
            header = f"  {'figure':<22}{'claimed':>11}{'90% range':>22}{'actual':>11}{'ratio':>7}"
            if len(seeds) > 1:
                header += f"{'actual, mean of ' + str(len(seeds)) + ' seeds':>29}{'ratio':>7}"
            print(header)
            for figure in fast.ERROR_FIGURES:
                if figure not in claimed:
                    print(f"  {figure:<22}{'(not claimed)':>11}")
                    continue
                a, b = claimed[figure], actual[figure]
                low, high = claimed["range90"][figure]
                line = (f"  {figure:<22}{a:11.4g}{f'{low:.3g} - {high:.3g}':>22}{b:11.4g}"
                        f"{_ratio(a, b):>7}")
                if len(seeds) > 1:
                    mean_actual = float(np.mean([run[1][figure] for run in runs]))
                    mean_claim = float(np.mean([run[0][figure] for run in runs]))
                    line += f"{mean_actual:29.4g}{_ratio(mean_claim, mean_actual):>7}"
                print(line)


def _ratio(claimed: float, actual: float) -> str:
    if actual == 0:
        return "-" if claimed == 0 else "inf"
    return f"{claimed / actual:.2f}"


if __name__ == "__main__":
    main()
