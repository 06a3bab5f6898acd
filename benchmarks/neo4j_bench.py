"""Neo4j at national scale: load speed (batched ``UNWIND ... MERGE`` against one statement per
row), and the heavy node metrics in Neo4j Graph Data Science against the local path, on the same
graph. Prints figures, ratios and where the time goes; asserts nothing.

    .venv/bin/python benchmarks/neo4j_bench.py [--poles 420] [--sample 2000]

The dataset is store_bench's generated national one (420 poles: about 21,000 nodes and 106,000
relationships). The server is Neo4j 5.26 + GDS 2.13 from `make neo4j-jars`, started in a
temporary folder on a free loopback port and stopped at the end (or the server at NEO4J_URI).

- load: `load --replace` (one transaction, CREATE), `load` (UNWIND ... MERGE, a transaction per
  batch of 1,000) and, on a sample of the edges, the same statements one row per statement and
  transaction (``batch_size=1``), extrapolated to the whole dataset;
- metrics: the cooperation layer projected into GDS (``graph.construct`` through the client),
  then betweenness, closeness, PageRank, Louvain, k-core and articulation points, against the
  local path (:func:`ptce_graph.analysis.centrality.heavy_metrics`: igraph, sampled betweenness
  and closeness past its size limits, plus networkx's PageRank, core numbers and articulation
  points)."""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_bench import national_dataset, sample_of  # noqa: E402

from ptce_graph.analysis.centrality import heavy_metrics  # noqa: E402
from ptce_graph.analysis.layers import cooperation_layer  # noqa: E402
from ptce_graph.build import build_graph  # noqa: E402
from ptce_graph.store import Neo4jSettings, load_into_store, open_store  # noqa: E402
from ptce_graph.store.gds import gds_client, gds_node_metrics  # noqa: E402
from ptce_graph.store.load import load_steps  # noqa: E402


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


def local_metrics(L: nx.Graph) -> None:
    heavy_metrics(L, seed=42)
    nx.pagerank(L, weight="weight")
    nx.core_number(L)
    set(nx.articulation_points(L))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--poles", type=int, default=420)
    parser.add_argument("--sample", type=int, default=2000, help="edges in the per-row sample")
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
            store.run("MATCH (n) DETACH DELETE n")
            print(f"Dataset: {n:,} nodes, {m:,} relationships (store_bench's national, "
                  f"{args.poles} poles)")
            replace, _ = timed(lambda: load_into_store(store, dataset, replace=True))
            store.run("MATCH (n) DETACH DELETE n")
            merge, _ = timed(lambda: load_into_store(store, dataset))
            again, _ = timed(lambda: load_into_store(store, dataset))
            sample = sample_of(dataset, args.sample)
            rows = len(sample.nodes) + len(sample.edges)
            store.run("MATCH (n) DETACH DELETE n")
            steps = load_steps(sample, batch_size=1)
            per_row, _ = timed(lambda: store.write(steps))
            rate = rows / per_row
            whole = (n + m) / rate
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
        gds_node_metrics(client, nx.Graph(L.subgraph(list(L)[:200])))  # warm the server's JIT
        gds_seconds, _ = timed(lambda: gds_node_metrics(client, L))
        local_seconds, _ = timed(lambda: local_metrics(L))
        print(f"heavy metrics in GDS (projection + 6 algorithms + results back): "
              f"{gds_seconds:.1f} s")
        print(f"heavy metrics locally (igraph/sampled betweenness and closeness, Louvain, "
              f"PageRank, k-core, articulation points): {local_seconds:.1f} s")
        print(f"ratio local / GDS: {local_seconds / gds_seconds:.2f}")
    finally:
        if server is not None:
            server.stop()
            folder.cleanup()


if __name__ == "__main__":
    main()
