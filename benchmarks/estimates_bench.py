"""What summary.json claims about the estimated metrics, against their exact values (issue 9).

    .venv/bin/python benchmarks/estimates_bench.py --poles 1500 --seed 1

Generates a national-scale dataset (``ptce-graph generate``), takes its cooperation layer as
`analyze` does (as of the dataset's year), estimates betweenness and closeness as `analyze`
does (pivot sampling), and prints side by side:

- *claimed*: what summary.json's ``approximations[].measured`` says, measured on a 3,000-node
  calibration graph at the run's sampling ratio (``fast.calibrate``);
- *actual*: the same figures against python-igraph's exact values on the whole layer;

with their ratio (claimed / actual; the goal is within 20 %, i.e. 0.8 to 1.2). Prints figures,
asserts nothing.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

FIGURES = ("max_abs_error", "mean_abs_error", "max_rel_error", "mean_rel_error", "zero_share",
           "top20_overlap", "top100_overlap")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--poles", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    from ptce_graph.analysis import fast
    from ptce_graph.analysis.layers import cooperation_layer
    from ptce_graph.build import load_graph
    from ptce_graph.generate import write_generated_dataset
    from ptce_graph.time_model import resolve_as_of

    work = Path(tempfile.mkdtemp(prefix="ptce-estimates-"))
    folder = write_generated_dataset(args.poles, work / "data", seed=args.seed)
    G = load_graph(folder)
    as_of = resolve_as_of(G)
    C = cooperation_layer(G, year=as_of.year)
    print(f"dataset: {args.poles} poles, {G.number_of_nodes()} nodes; cooperation layer as of "
          f"{as_of.year} ({as_of.source}): {C.number_of_nodes()} actors, "
          f"{C.number_of_edges()} ties")
    for name in ("betweenness", "closeness"):
        compute = getattr(fast, name)
        started = time.perf_counter()
        approx, note = compute(C, method="approximate")
        estimated = time.perf_counter() - started
        started = time.perf_counter()
        claimed = fast.calibrate(C, note)["measured"]
        calibrated = time.perf_counter() - started
        started = time.perf_counter()
        exact, _ = compute(C, method="igraph")
        exact_s = time.perf_counter() - started
        actual = fast.error_figures(approx, exact)
        print(f"\n{name}: {note['pivots']} pivots (estimate {estimated:.1f} s, calibration "
              f"{calibrated:.1f} s on {claimed['nodes']} nodes with {claimed['pivots']} pivots, "
              f"sampling ratio {claimed['sampling_ratio']:.4f}; exact igraph {exact_s:.1f} s)")
        print(f"  {'figure':<16}{'claimed':>12}{'actual':>12}{'ratio':>8}")
        for figure in FIGURES:
            a, b = claimed[figure], actual[figure]
            ratio = a / b if b else float("nan")
            print(f"  {figure:<16}{a:12.4g}{b:12.4g}{ratio:8.2f}")


if __name__ == "__main__":
    main()
