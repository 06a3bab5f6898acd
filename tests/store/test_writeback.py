"""Integration: metrics written onto the store's nodes, read by Cypher, kept out of pull."""

from __future__ import annotations

import pandas as pd
import pytest

from ptce_graph.build import build_graph
from ptce_graph.errors import StoreError
from ptce_graph.store import load_into_store, load_state, pull_tables, write_back_frames


def test_write_back_sets_properties_and_pull_leaves_them_out(store, datasets):
    dataset = datasets["centre-isere"]
    G = build_graph(dataset.nodes, dataset.edges)
    load_into_store(store, dataset, replace=True)
    ids = sorted(G.nodes)
    frame = pd.DataFrame({"id": ids, "name": ["must not overwrite"] * len(ids),
                          "betweenness": [i / 100 for i in range(len(ids))],
                          "isolated": [i % 2 == 0 for i in range(len(ids))],
                          "community": [None] + [3] * (len(ids) - 1)})
    poles = pd.DataFrame({"pole": ["pole-esci"], "fragility_score": [0.75],
                          "key_actors": [["org-a", "org-b"]]})
    written = write_back_frames(store, [(frame, "id"), (poles, "pole")],
                                dict(G.nodes(data="type")))
    assert written == ["betweenness", "isolated", "community", "fragility_score", "key_actors"]
    assert load_state(store)["metrics"] == written

    result = store.read("MATCH (n {id: $id}) RETURN n.betweenness AS b, n.isolated AS i, "
                        "n.community AS c, n.name AS name", {"id": ids[2]})
    assert result.rows == [(0.02, True, 3, G.nodes[ids[2]]["name"])]
    assert store.read("MATCH (n {id: $id}) RETURN n.community AS c", {"id": ids[0]}).rows \
        == [(None,)]
    pole = store.read("MATCH (p:Pole {id: 'pole-esci'}) RETURN p.fragility_score AS f, "
                      "p.key_actors AS k").rows
    assert pole == [(0.75, ["org-a", "org-b"])]

    nodes, _ = pull_tables(store)
    assert not {"betweenness", "fragility_score"} & set(nodes.columns)
    with_metrics, _ = pull_tables(store, with_metrics=True)
    assert {"betweenness", "fragility_score", "isolated"} <= set(with_metrics.columns)


def test_write_back_refuses_unknown_ids_and_bad_names(store, datasets):
    dataset = datasets["pays-de-bray"]
    load_into_store(store, dataset, replace=True)
    types = dict(zip(dataset.nodes["id"], dataset.nodes["type"], strict=True))
    with pytest.raises(StoreError, match="no such node"):
        write_back_frames(store, [(pd.DataFrame({"id": ["ghost"], "x": [1]}), "id")], types)
    some = dataset.nodes["id"].iloc[0]
    with pytest.raises(StoreError, match="snake_case"):
        write_back_frames(store, [(pd.DataFrame({"id": [some], "x`) DELETE n": [1]}), "id")],
                          types)


def test_a_new_write_back_removes_what_the_previous_one_wrote(store, datasets):
    dataset = datasets["pays-de-bray"]
    G = build_graph(dataset.nodes, dataset.edges)
    load_into_store(store, dataset, replace=True)
    types = dict(G.nodes(data="type"))
    ids = sorted(G.nodes)
    write_back_frames(store, [(pd.DataFrame({"id": ids, "old_metric": [1] * len(ids),
                                             "kept": [2] * len(ids)}), "id")], types)
    # the second analysis covers one node only (as with --year): the others keep no figure
    written = write_back_frames(store, [(pd.DataFrame({"id": ids[:1], "kept": [5]}), "id")],
                                types, options={"year": 2016, "layer": "full"})
    assert written == ["kept"]
    values = dict(store.read("MATCH (n) WHERE n.id IS NOT NULL "
                             "RETURN n.id AS id, [n.old_metric, n.kept] AS v").rows)
    assert values[ids[0]] == [None, 5]
    assert all(v == [None, None] for i, v in values.items() if i != ids[0])
    marker = load_state(store)
    assert (marker["metrics"], marker["metrics_year"], marker["metrics_layer"]) == \
        (["kept"], 2016, "full")
    with pytest.raises(StoreError, match="no such node"):
        write_back_frames(store, [(pd.DataFrame({"id": ["ghost"], "kept": [1]}), "id")], types)
    assert store.read("MATCH (n {id: $id}) RETURN n.kept", {"id": ids[0]}).rows == [(5,)]


def test_key_actor_frame_flags_the_key_actors_of_pole_fragility(datasets):
    from ptce_graph.analysis import node_metrics, pole_fragility
    from ptce_graph.store.writeback import key_actor_frame

    dataset = datasets["centre-isere"]
    G = build_graph(dataset.nodes, dataset.edges)
    nodes, poles = node_metrics(G), pole_fragility(G)
    frame = key_actor_frame(nodes, poles)
    listed = {a for v in poles["key_actors"] if isinstance(v, str) for a in v.split(";")}
    assert listed and set(frame.loc[frame["key_actor"], "id"]) == listed
    assert set(frame["id"]) == set(nodes.loc[nodes["type"].isin(
        ["organisation", "collectivity"]), "id"])
    for row in frame[frame["key_actor"]].to_dict("records"):
        for pole in row["key_actor_poles"]:
            assert row["id"] in poles.set_index("pole").loc[pole, "key_actors"].split(";")
