"""Integration: load each bundled dataset, load again (idempotence), pull it back (round trip),
hostile names, interrupted loads and --replace, on a real FalkorDB (and Neo4j if configured)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from ptce_graph.errors import StoreError
from ptce_graph.ingest import BUNDLED_DATASETS, load_dataset, write_dataset
from ptce_graph.store import (
    load_into_store,
    load_state,
    pull_tables,
    require_complete,
    statements,
)
from ptce_graph.store.backend import Step
from ptce_graph.store.load import load_steps, stored_counts
from ptce_graph.store.pull import pull_validated


def _values(record: dict) -> dict:
    out = {}
    for key, value in record.items():
        if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
            continue
        out[key] = value.item() if hasattr(value, "item") else value
    return out


def node_records(nodes: pd.DataFrame) -> dict:
    return {r["id"]: _values(r) for r in nodes.to_dict("records")}


def edge_multiset(edges: pd.DataFrame) -> list:
    return sorted(sorted(_values(r).items()) for r in edges.to_dict("records"))


@pytest.mark.parametrize("name", BUNDLED_DATASETS)
def test_load_twice_then_pull_round_trip(store, datasets, name):
    dataset = datasets[name]
    first = load_into_store(store, dataset, replace=True, batch_size=50)
    assert (first.nodes_created, first.relationships_created) == (len(dataset.nodes),
                                                                  len(dataset.edges))
    assert (first.store_nodes, first.store_relationships) == (len(dataset.nodes),
                                                              len(dataset.edges))
    again = load_into_store(store, dataset, batch_size=7)
    assert (again.nodes_created, again.relationships_created) == (0, 0)
    assert again.nodes_updated == len(dataset.nodes)
    assert stored_counts(store) == (len(dataset.nodes), len(dataset.edges))
    assert load_state(store)["state"] == "complete"

    pulled = pull_validated(store)
    assert node_records(pulled.nodes) == node_records(dataset.nodes)
    assert edge_multiset(pulled.edges) == edge_multiset(dataset.edges)


def test_merging_two_datasets_keeps_shared_nodes_once(store, datasets):
    big, small = datasets["auvergne-rhone-alpes"], datasets["centre-isere"]
    load_into_store(store, big, replace=True)
    report = load_into_store(store, small)
    shared = set(small.nodes["id"]) & set(big.nodes["id"])
    assert report.nodes_updated >= len(shared)
    nodes, _ = pull_tables(store)
    assert len(nodes) == len(set(big.nodes["id"]) | set(small.nodes["id"]))
    assert sorted(load_state(store)["datasets"]) == ["auvergne-rhone-alpes", "centre-isere"]


HOSTILE = [
    "x'}) DETACH DELETE n //",
    'quote " and backslash \\ and \\" both',
    "line\nbreak\tand tab",
    "$rows `backtick` {brace} [bracket] ; MATCH (n) DETACH DELETE n",
    "Émile & Zoë — 北京 ☃",
]


def test_hostile_names_are_stored_as_text(store, tmp_path):
    nodes = pd.DataFrame({
        "id": [f"org-{i}" for i in range(len(HOSTILE))] + ["pole-x'"],
        "type": ["organisation"] * len(HOSTILE) + ["pole"],
        "name": HOSTILE + ["Pôle \"X\" '; DROP"],
        "sector": HOSTILE[::-1] + [None],
    })
    edges = pd.DataFrame({
        "source": [f"org-{i}" for i in range(len(HOSTILE))],
        "target": ["pole-x'"] * len(HOSTILE),
        "type": ["member_of"] * len(HOSTILE),
        "role": ["member"] * len(HOSTILE),
    })
    write_dataset(nodes, edges, tmp_path / "hostile")
    dataset = load_dataset(tmp_path / "hostile")
    report = load_into_store(store, dataset, replace=True)
    assert report.store_nodes == len(nodes) and report.store_relationships == len(edges)
    pulled = pull_validated(store)
    assert node_records(pulled.nodes) == node_records(dataset.nodes)
    assert edge_multiset(pulled.edges) == edge_multiset(dataset.edges)


def test_interrupted_load_never_looks_complete_and_converges(store, datasets):
    dataset = datasets["centre-isere"]
    load_into_store(store, datasets["pays-de-bray"], replace=True)
    steps = load_steps(dataset, batch_size=10)
    # a load that dies after half its batches: the marker says loading, readers refuse
    store.write([Step(statements.MARK_LOADING, {"dataset": dataset.name, "now": "t"})])
    store.write(steps[: len(steps) // 2])
    with pytest.raises(StoreError, match="did not finish.*centre-isere.*load DATASET"):
        require_complete(store)
    with pytest.raises(StoreError, match="did not finish"):
        pull_tables(store)
    report = load_into_store(store, dataset, batch_size=10)
    assert report.nodes_created + report.nodes_updated == len(dataset.nodes)
    assert require_complete(store)["state"] == "complete"
    nodes, edges = pull_tables(store)
    bray = datasets["pays-de-bray"]
    assert len(nodes) == len(set(dataset.nodes["id"]) | set(bray.nodes["id"]))
    assert len(edges) == len(dataset.edges) + len(bray.edges)


def test_failed_replace_leaves_the_old_graph(store, datasets):
    old, new = datasets["pays-de-bray"], datasets["centre-isere"]
    load_into_store(store, old, replace=True)
    steps = load_steps(new, batch_size=10)
    broken = [*steps[:3], Step("UNWIND $rows AS row MERGE (n:Pole {id: row.id}) SET n.x = 1/0",
                               {"rows": [{"id": "pole-esci"}]}, 1), *steps[3:]]
    with pytest.raises(StoreError):
        store.write(broken, replace=True)
    assert stored_counts(store) == (len(old.nodes), len(old.edges))
    assert require_complete(store)["datasets"] == ["pays-de-bray"]


def test_ids_are_unique_per_label(store, datasets):
    load_into_store(store, datasets["pays-de-bray"], replace=True)
    pole = datasets["pays-de-bray"].nodes.query("type == 'pole'")["id"].iloc[0]
    with pytest.raises(StoreError):
        store.run("CREATE (:Pole {id: $id})", {"id": pole})
    assert stored_counts(store)[0] == len(datasets["pays-de-bray"].nodes)


def test_reserved_column_is_refused(datasets):
    dataset = datasets["pays-de-bray"]
    edges = dataset.edges.assign(ptce_key="mine")
    clash = type(dataset)(name="clash", nodes=dataset.nodes, edges=edges, problems=[])
    with pytest.raises(StoreError, match="reserved"):
        load_steps(clash)
