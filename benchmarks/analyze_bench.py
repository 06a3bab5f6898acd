"""Time each stage of `ptce-graph analyze` on a synthetic national-scale dataset, its peak memory,
and each heavy metric against python-igraph on the same cooperation graph.

    .venv/bin/python benchmarks/analyze_bench.py [--poles 1800] [--seed 1] [--skip-exact]

Targets (issue 3, 2-core machine): the whole `analyze` under 60 s, peak memory under 2 GiB,
each heavy metric within 3x of igraph. Prints figures; asserts nothing. The analysis runs in a
child process so that its peak memory (ru_maxrss) is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
started = time.perf_counter()
from ptce_graph.build import build_graph
from ptce_graph.ingest import load_dataset
from ptce_graph.analysis import analyze
from ptce_graph.outputs import write_outputs
data = load_dataset(sys.argv[1])
loaded = time.perf_counter()
G = build_graph(data.nodes, data.edges, name=data.name)
built = time.perf_counter()
marks = []
def progress(name):
    marks.append((name, time.perf_counter()))
analysis = analyze(G, progress=lambda name: progress("analysis: " + name))
write_outputs(analysis, sys.argv[2], progress=lambda name: progress("write: " + name))
ended = time.perf_counter()
stages = {}
for i, (name, at) in enumerate(marks):
    stages[name] = (marks[i + 1][1] if i + 1 < len(marks) else ended) - at
print(json.dumps({
    "load": loaded - started, "build": built - loaded, "stages": stages,
    "approximations": [dict(a) for a in analysis.approximations],
    "total": ended - started,
    "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def timed(fn, *args, **kwargs):
    started = time.perf_counter()
    value = fn(*args, **kwargs)
    return value, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--poles", type=int, default=1800)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-exact", action="store_true",
                        help="skip igraph's exact betweenness and closeness (minutes)")
    args = parser.parse_args()

    from ptce_graph.generate import write_generated_dataset

    work = Path(tempfile.mkdtemp(prefix="ptce-bench-"))
    folder, seconds = timed(write_generated_dataset, args.poles, work / "data", seed=args.seed)
    nodes = sum(1 for _ in open(folder / "nodes.csv", encoding="utf-8")) - 1
    edges = sum(1 for _ in open(folder / "edges.csv", encoding="utf-8")) - 1
    print(f"dataset: {args.poles} poles, {nodes} nodes, {edges} edges "
          f"(generated in {seconds:.1f} s) in {folder}")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} "
          "(other developers may be running jobs at the same time)")

    done = subprocess.run([sys.executable, "-c", CHILD, str(folder), str(work / "out")],
                          capture_output=True, text=True, check=True)
    child = json.loads(done.stdout.strip().splitlines()[-1])
    print("\nanalyze, stage by stage (s):")
    print(f"  {'load + validate':<18}{child['load']:8.1f}")
    print(f"  {'build graph':<18}{child['build']:8.1f}")
    for name, value in child["stages"].items():
        print(f"  {name:<18}{value:8.1f}")
    print(f"  {'total':<18}{child['total']:8.1f}   target < 60 s")
    print(f"peak memory: {child['peak_rss_mib']:.0f} MiB   target < 2048 MiB")
    for note in child["approximations"]:
        measured = note.get("measured")
        line = f"approximation: {note['metric']}: {note['method']}; {note['bound']}"
        if measured:
            line += (f"\n    expected error ({measured['pivots']} sources): mean abs "
                     f"{measured['mean_abs_error']:.5f}, p99 {measured['p99_abs_error']:.4f}, "
                     f"top-100 overlap {measured['top100_overlap']:.2f} (see estimates_bench)")
        print(line)

    compare_with_igraph(folder, args.skip_exact)


def compare_with_igraph(folder: Path, skip_exact: bool) -> None:
    import networkx as nx

    from ptce_graph.analysis import fast
    from ptce_graph.analysis.brokerage import brokerage_counts
    from ptce_graph.analysis.layers import cooperation_layer
    from ptce_graph.build import build_graph
    from ptce_graph.ingest import load_dataset

    data = load_dataset(folder)
    G = build_graph(data.nodes, data.edges)
    C = cooperation_layer(G)
    g, nodes = fast.to_igraph(C, "weight")
    print(f"\ncooperation layer: {C.number_of_nodes()} actors, {C.number_of_edges()} ties, "
          f"largest piece {max(len(c) for c in nx.connected_components(C))}")
    rows = [
        ("betweenness", lambda: fast.betweenness(C),
         None if skip_exact else (lambda: g.betweenness(directed=False))),
        ("closeness", lambda: fast.closeness(C),
         None if skip_exact else (lambda: g.closeness())),
        ("louvain", lambda: fast.louvain(C), lambda: g.community_multilevel(weights="weight")),
        ("pagerank", lambda: nx.pagerank(C, weight="weight"),
         lambda: g.pagerank(weights="weight")),
        ("eigenvector", lambda: nx.eigenvector_centrality_numpy(
            C.subgraph(max(nx.connected_components(C), key=len)), weight="weight"),
         lambda: g.eigenvector_centrality(weights="weight")),
        ("constraint", lambda: fast.constraint(C), lambda: g.constraint(weights="weight")),
        ("effective size", lambda: fast.effective_size(C), None),
        ("core number", lambda: nx.core_number(C), lambda: g.coreness()),
        ("articulation pts", lambda: list(nx.articulation_points(C)),
         lambda: g.articulation_points()),
        ("bridges", lambda: list(nx.bridges(C)), lambda: g.bridges()),
        ("local bridges", lambda: fast.local_bridge_spans(C), None),
        ("brokerage", lambda: brokerage_counts(C), None),
    ]
    print(f"\n{'metric':<18}{'ptce-graph (s)':>15}{'igraph (s)':>12}{'ratio':>8}  note")
    for name, ours, theirs in rows:
        result, mine = timed(ours)
        note = ""
        if isinstance(result, tuple) and isinstance(result[1], dict):
            note = "approximate" if result[1].get("bound") else ""
        if theirs is None:
            print(f"{name:<18}{mine:15.2f}{'-':>12}{'-':>8}  {note or 'no igraph equivalent'}")
            continue
        _, ref = timed(theirs)
        print(f"{name:<18}{mine:15.2f}{ref:12.2f}{mine / ref:8.2f}  {note}")
    print(f"\nbenchmark process peak memory: "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
