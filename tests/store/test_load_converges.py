"""Plain loads converge to the dataset (issue 15): rows edited, removed or re-typed between two
loads, nodes removed or re-typed, leave exactly the dataset's nodes and relationships, and the
other datasets of the store untouched; an interrupted load keeps the record of the others; a
dataset the store cannot take is refused before the store is marked."""

from __future__ import annotations

import pandas as pd
import pytest

from ptce_graph.errors import StoreError
from ptce_graph.ingest import Dataset, bundled_dataset, load_dataset, write_dataset
from ptce_graph.store import load_into_store, load_state, require_complete
from ptce_graph.store.load import stored_counts
from ptce_graph.store.pull import pull_tables

from .test_load_pull import edge_multiset, node_records


def _rewritten(nodes: pd.DataFrame, edges: pd.DataFrame, folder, name: str) -> Dataset:
    """The tables written as a dataset folder and read back: a dataset as a user edits it."""
    return load_dataset(write_dataset(nodes, edges, folder / name))


def _expected(*datasets: Dataset) -> tuple[dict, list]:
    nodes: dict = {}
    for dataset in datasets:  # a node in several datasets: the last loaded gives its values
        nodes.update(node_records(dataset.nodes))
    edges = sorted(e for d in datasets for e in edge_multiset(d.edges))
    return nodes, edges


def _edited(base: Dataset, folder) -> Dataset:
    nodes, edges = base.nodes.copy(), base.edges.copy()
    funds = edges.index[edges["type"] == "funds"]
    edges.loc[funds[0], "amount"] = edges.loc[funds[0], "amount"] * 2  # edited row
    retyped = edges.index[(edges["type"] == "funds")
                          & (edges["source"] == "col-commune-pots")][0]
    edges.loc[retyped, ["type", "amount", "start", "end", "purpose", "programme"]] = None
    edges.loc[retyped, "type"] = "cooperates_with"  # re-typed row
    edges = edges.drop(index=edges.index[edges["type"] == "cooperates_with"][0])  # removed row
    gone = "fund-banque-fictive"  # a node removed with its one row
    nodes = nodes[nodes["id"] != gone]
    edges = edges[(edges["source"] != gone) & (edges["target"] != gone)]
    nodes.loc[nodes["id"] == "col-region-fictive", "type"] = "funder"  # re-typed node
    nodes.loc[nodes["id"] == "col-region-fictive", "category"] = None
    return _rewritten(nodes, edges, folder, "pays-de-bray")


def test_edited_dataset_converges_and_leaves_the_others(store, tmp_path):
    base = load_dataset(bundled_dataset("pays-de-bray"))
    other = load_dataset(bundled_dataset("centre-isere"))  # shares col-etat with base
    load_into_store(store, other, replace=True)
    load_into_store(store, base)
    edited = _edited(base, tmp_path)
    assert len(edited.edges) == len(base.edges) - 2
    report = load_into_store(store, edited)
    nodes, edges = pull_tables(store)
    expected_nodes, expected_edges = _expected(other, edited)
    assert node_records(nodes) == expected_nodes
    assert edge_multiset(edges) == expected_edges
    assert (report.store_nodes, report.store_relationships) == (
        len(expected_nodes), len(expected_edges))
    assert sorted(require_complete(store)["datasets"]) == ["centre-isere", "pays-de-bray"]
    # and back: the original rows again, nothing of the edited ones left
    load_into_store(store, base)
    nodes, edges = pull_tables(store)
    expected_nodes, expected_edges = _expected(other, base)
    assert node_records(nodes) == expected_nodes
    assert edge_multiset(edges) == expected_edges


def _without_node(dataset, node_id, tmp_path, name):
    """``dataset`` written again without one node and its ties."""
    edges = dataset.edges
    return _rewritten(dataset.nodes[dataset.nodes["id"] != node_id],
                      edges[(edges["source"] != node_id) & (edges["target"] != node_id)],
                      tmp_path, name)


def test_node_shared_with_another_dataset_stays_until_both_drop_it(store, tmp_path):
    base = load_dataset(bundled_dataset("pays-de-bray"))
    other = load_dataset(bundled_dataset("centre-isere"))
    load_into_store(store, base, replace=True)
    load_into_store(store, other)
    without = _without_node(other, "col-etat", tmp_path, "centre-isere")
    load_into_store(store, without)
    nodes, edges = pull_tables(store)
    assert "col-etat" in set(nodes["id"])  # pays-de-bray still has it, with its grant
    assert edge_multiset(edges) == _expected(base, without)[1]
    base_without = _without_node(base, "col-etat", tmp_path, "pays-de-bray")
    load_into_store(store, base_without)
    nodes, edges = pull_tables(store)
    assert "col-etat" not in set(nodes["id"])
    assert node_records(nodes) == _expected(without, base_without)[0]
    assert stored_counts(store) == (len(nodes), len(edges))


def test_interrupted_plain_load_keeps_the_record_of_the_others(store, monkeypatch):
    """A plain load stopped half way, then another dataset loaded: the store still lists
    every dataset it holds."""
    big = load_dataset(bundled_dataset("auvergne-rhone-alpes"))
    small = load_dataset(bundled_dataset("pays-de-bray"))
    other = load_dataset(bundled_dataset("centre-isere"))
    load_into_store(store, big, replace=True)
    load_into_store(store, small)

    def interrupted(step):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        load_into_store(store, other, batch_size=5, progress=interrupted)
    assert load_state(store)["state"] == "loading"
    load_into_store(store, other)
    assert sorted(require_complete(store)["datasets"]) == [
        "auvergne-rhone-alpes", "centre-isere", "pays-de-bray"]


@pytest.mark.parametrize("column, value", [
    ("note`x", "plain"),          # a backtick in a column name
    ("note", "a" * 5000 + "\x00b"),  # NUL far into a text
])
def test_dataset_the_store_cannot_take_is_refused_before_marking(store, column, value):
    base = load_dataset(bundled_dataset("pays-de-bray"))
    load_into_store(store, base, replace=True)
    nodes = base.nodes.copy()
    nodes[column] = None
    nodes.loc[0, column] = value
    bad = Dataset(name="pays-de-bray", nodes=nodes, edges=base.edges)
    with pytest.raises(StoreError, match="cannot"):
        load_into_store(store, bad)
    assert require_complete(store)["state"] == "complete"  # the complete graph stays usable
