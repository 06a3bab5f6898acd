"""Neo4j at national scale: load speed (batched ``UNWIND ... MERGE`` against one statement per
row), the heavy node metrics in Neo4j Graph Data Science against the local path on the same
graph, and ``ptce-graph analyze --store neo4j --engine gds`` run several times in a row against
the local ``analyze --store neo4j``. Prints figures, ratios and where the time goes; asserts
nothing (a failed run is printed and counted).

    .venv/bin/python benchmarks/neo4j_bench.py [--poles 420] [--sample 2000] [--runs 3]

The dataset is store_bench's generated national one (420 poles: 20,580 nodes and 100,800
relationships). The server is Neo4j 5.26 + GDS 2.13 from `make neo4j-jars`, started in a
temporary folder on a free loopback port and stopped at the end (or the server at NEO4J_URI,
whose graph the benchmark replaces).

- load: `load --replace` (one transaction, CREATE), `load` (UNWIND ... MERGE, a transaction per
  batch of 1,000) and, on a sample of the edges, the same statements one row per statement and
  transaction (``batch_size=1``), extrapolated to the whole dataset;
- metrics, step by step, on the cooperation layer: in GDS (:class:`GdsEngine`: the projection
  by our Cypher aggregation, then betweenness, closeness, PageRank, Louvain, k-core and
  articulation points, each with its results streamed back, the drop) and the write-back of
  the six columns onto the nodes; locally, what ``analyze`` runs for the same six columns
  (:mod:`ptce_graph.analysis.fast`: igraph, sampled betweenness and closeness past its size
  limits, Louvain; networkx PageRank, core numbers and articulation
  points);
- ``--runs`` times ``ptce-graph analyze --store neo4j --engine gds`` in a child process (the
  whole analysis: every table, view and report), then once without ``--engine``; nodes.csv of
  the two compared."""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_bench import national_dataset, sample_of  # noqa: E402

from ptce_graph.analysis import fast  # noqa: E402
from ptce_graph.analysis.layers import cooperation_layer  # noqa: E402
from ptce_graph.build import build_graph  # noqa: E402
from ptce_graph.store import Neo4jSettings, load_into_store, open_store  # noqa: E402
from ptce_graph.store.gds import (  # noqa: E402
    GDS_METRICS,
    GdsEngine,
    gds_client,
    projection_rows,
)
from ptce_graph.store.load import load_steps  # noqa: E402
from ptce_graph.store.statements import GDS_PROJECT  # noqa: E402
from ptce_graph.store.writeback import write_back  # noqa: E402


def _launcher():
    spec = importlib.util.spec_from_file_location(
        "ptce_neo4j_server", ROOT / "tools" / "neo4j" / "neo4j_server.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def timed(work) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def local_metrics(L: nx.Graph, seed: int = 42) -> tuple[dict[str, float], dict[str, str]]:
    """The six columns GDS computes, as the local path of ``analyze`` computes them
    (:func:`ptce_graph.analysis.centrality.heavy_metrics` step by step, then networkx):
    seconds per metric, and how each of betweenness and closeness was computed."""
    seconds, how = {}, {}
    for name, compute in (("betweenness", fast.betweenness), ("closeness", fast.closeness)):
        seconds[name], (_, note) = timed(lambda compute=compute: compute(L, method="auto",
                                                                        seed=seed))
        how[name] = f"sampled ({note.get('pivots')} pivots)" if note else "exact"
    seconds["community"], _ = timed(lambda: fast.louvain(L, seed=seed, method="auto"))
    seconds["pagerank"], _ = timed(lambda: nx.pagerank(L, weight="weight"))
    seconds["core_number"], _ = timed(lambda: nx.core_number(L))
    seconds["articulation_point"], _ = timed(lambda: set(nx.articulation_points(L)))
    return seconds, how


def gds_metrics(client, store, G, L: nx.Graph) -> dict[str, float]:
    """Seconds per step of the GDS engine on ``L``, and of writing its six columns back."""
    engine = GdsEngine(client)
    values = engine(L)
    frame = pd.DataFrame({"id": list(L), **{c: [values[c][v] for v in L] for c in GDS_METRICS}})
    seconds = dict(engine.seconds)
    seconds["write-back"], _ = timed(lambda: write_back(
        store, frame, key="id", node_types=dict(G.nodes(data="type"))))
    return seconds


def betweenness_like_for_like(client, L: nx.Graph) -> tuple[float, float, int]:
    """Betweenness on equal terms: GDS sampling as many source nodes as the local path does
    (``fast.BETWEENNESS_PIVOTS``), and the local path exact (igraph). Seconds of each."""
    order, rows = projection_rows(L)
    name = "ptce-bench-betweenness"
    client.run_cypher(GDS_PROJECT, {"rows": rows, "graph": name})
    graph = client.graph.get(name)
    try:
        sampled, _ = timed(lambda: client.betweenness.stream(
            graph, sampling_size=fast.BETWEENNESS_PIVOTS, sampling_seed=42))
    finally:
        graph.drop()
    exact, _ = timed(lambda: fast.betweenness(L, method="igraph"))
    return sampled, exact, fast.BETWEENNESS_PIVOTS


def analyze_runs(settings: Neo4jSettings, runs: int, folder: Path) -> None:
    """``analyze --store neo4j --engine gds`` ``runs`` times, then the local ``analyze``."""
    command = [str(Path(sys.executable).parent / "ptce-graph"), "analyze", "--store", "neo4j"]
    env = {**os.environ, "NEO4J_URI": settings.uri, "NEO4J_USERNAME": settings.user,
           "NEO4J_PASSWORD": settings.password}
    times, failed = [], 0
    for run in range(runs):
        out = folder / f"gds{run}"
        seconds, done = timed(lambda out=out: subprocess.run(
            [*command, "--engine", "gds", "-o", str(out)], env=env, capture_output=True,
            text=True))
        line = next((x for x in done.stderr.splitlines() if x.startswith("Engine:")), "")
        if done.returncode != 0:
            failed += 1
            print(f"analyze --engine gds, run {run + 1}: FAILED after {seconds:.1f} s: "
                  f"{done.stderr.strip().splitlines()[-1:]}")
            continue
        times.append(seconds)
        print(f"analyze --engine gds, run {run + 1}: {seconds:.1f} s"
              + (f" ({line[:line.index(' computed locally')]})" if run == 0 and line else ""))
    local, done = timed(lambda: subprocess.run([*command, "-o", str(folder / "local")], env=env,
                                               capture_output=True, text=True))
    print(f"analyze (local engine): {local:.1f} s" + ("" if done.returncode == 0 else
                                                      " FAILED"))
    if times:
        print(f"analyze --engine gds: {runs - failed} of {runs} runs succeeded, "
              f"{min(times):.1f}-{max(times):.1f} s; local / GDS {local / min(times):.2f}")
        gds = pd.read_csv(folder / "gds0" / "metrics" / "nodes.csv")
        here = pd.read_csv(folder / "local" / "metrics" / "nodes.csv")
        if list(gds.columns) == list(here.columns) and list(gds["id"]) == list(here["id"]):
            print("nodes.csv: same columns and rows; largest difference, GDS (exact) against "
                  "local: " + ", ".join(
                      f"{c} {(gds[c] - here[c]).abs().max():.2g}"
                      for c in ("betweenness", "closeness", "pagerank")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--poles", type=int, default=420)
    parser.add_argument("--sample", type=int, default=2000, help="edges in the per-row sample")
    parser.add_argument("--runs", type=int, default=3,
                        help="runs of `analyze --store neo4j --engine gds`")
    args = parser.parse_args()

    dataset = national_dataset(args.poles)
    n, m = len(dataset.nodes), len(dataset.edges)
    server, folder = None, None
    if os.environ.get("NEO4J_URI"):
        settings = Neo4jSettings().resolved()
    else:
        folder = tempfile.TemporaryDirectory(prefix="ptce-neo4j-bench-")
        seconds, server = timed(lambda: _launcher().start(Path(folder.name), heap="2g",
                                                          pagecache="512m"))
        print(f"Neo4j 5.26 + GDS started in {seconds:.0f} s")
        settings = Neo4jSettings(uri=server.uri, user=server.user, password=server.password)
    try:
        with open_store("neo4j", neo4j=settings) as store:
            print(f"Dataset: {n:,} nodes, {m:,} relationships (store_bench's national, "
                  f"{args.poles} poles)")
            sample = sample_of(dataset, args.sample)
            rows = len(sample.nodes) + len(sample.edges)
            store.run("MATCH (n) DETACH DELETE n")
            steps = load_steps(sample, batch_size=1)
            per_row, _ = timed(lambda: store.write(steps))
            rate = rows / per_row
            whole = (n + m) / rate
            replace, _ = timed(lambda: load_into_store(store, dataset, replace=True))
            store.run("MATCH (n) DETACH DELETE n")
            merge, _ = timed(lambda: load_into_store(store, dataset))
            again, _ = timed(lambda: load_into_store(store, dataset))  # the graph analysed
            print(f"load --replace (one transaction, CREATE): {replace:.1f} s, "
                  f"{(n + m) / replace:,.0f} rows/s")
            print(f"load (UNWIND ... MERGE, batches of 1,000): {merge:.1f} s, "
                  f"{(n + m) / merge:,.0f} rows/s; again (nothing new): {again:.1f} s")
            print(f"one statement per row ({rows:,}-row sample, a transaction each): "
                  f"{rate:,.0f} rows/s, so {whole:,.0f} s for the dataset")
            print(f"ratio batched / per row: --replace {whole / replace:.0f}x, "
                  f"merge {whole / merge:.0f}x")

            G = build_graph(dataset.nodes, dataset.edges, name=dataset.name)
            L = cooperation_layer(G)
            print(f"Cooperation layer: {L.number_of_nodes():,} actors, "
                  f"{L.number_of_edges():,} ties")
            client = gds_client(settings)
            start = max(L, key=L.degree)  # warm the server's JIT on a connected piece
            GdsEngine(client)(nx.Graph(L.subgraph(list(nx.bfs_tree(L, start))[:300])))
            remote = gds_metrics(client, store, G, L)
            here, how = local_metrics(L)
            sampled, exact, pivots = betweenness_like_for_like(client, L)
        print("heavy metrics, step by step (s):")
        print(f"  {'step':<20} {'GDS':>8} {'local':>8} {'local/GDS':>10}")
        for step in ("projection", *GDS_METRICS, "drop", "write-back"):
            a, b = remote.get(step), here.get(step)
            print(f"  {step:<20} {a:>8.2f} " + (f"{b:>8.2f} {b / a:>10.2f}" if b is not None
                                                else f"{'':>8} {'':>10}"))
        total_gds = sum(v for k, v in remote.items() if k != "write-back")
        total_local = sum(here.values())
        print(f"  {'total (no write-back)':<20} {total_gds:>8.2f} {total_local:>8.2f} "
              f"{total_local / total_gds:>10.2f}")
        print(f"  local betweenness: {how['betweenness']}; closeness: {how['closeness']}; "
              "GDS: exact")
        print(f"betweenness on equal terms: both sampled ({pivots} source nodes) GDS "
              f"{sampled:.2f} s, local {here['betweenness']:.2f} s; both "
              f"exact GDS {remote['betweenness']:.2f} s, local (igraph) {exact:.2f} s")
        with tempfile.TemporaryDirectory(prefix="ptce-neo4j-bench-out-") as out:
            analyze_runs(settings, args.runs, Path(out))
    finally:
        if server is not None:
            server.stop()
            folder.cleanup()


if __name__ == "__main__":
    main()
