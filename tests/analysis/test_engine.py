"""The analysis' engine hook (``analyze(..., engine=...)``, used by ``--engine gds``): the
metrics an engine returns are the ones in the nodes table, and the local path does not compute
them as well. The GDS engine itself runs against a live Neo4j in tests/store/test_gds.py."""

from __future__ import annotations

import networkx as nx
import pytest

from ptce_graph import load_graph
from ptce_graph.analysis import analyze, centrality
from ptce_graph.ingest import bundled_dataset


@pytest.fixture(scope="module")
def graph():
    return load_graph(bundled_dataset("auvergne-rhone-alpes"))


def _engine(calls):
    """An engine whose figures are recognisable: betweenness = degree / 1000, etc."""
    def engine(L: nx.Graph) -> dict[str, dict]:
        calls.append(L.number_of_nodes())
        return {"betweenness": {v: L.degree(v) / 1000 for v in L},
                "closeness": dict.fromkeys(L, 0.25),
                "pagerank": dict.fromkeys(L, 1 / len(L)),
                "community": dict.fromkeys(L, 0),
                "core_number": dict.fromkeys(L, 7),
                "articulation_point": {v: L.degree(v) == 1 for v in L}}
    return engine


def test_the_engine_s_metrics_are_the_table_s_and_not_computed_twice(graph, monkeypatch):
    def computed_here(*args, **kwargs):
        raise AssertionError("computed locally although the engine gave it")

    monkeypatch.setattr(centrality, "heavy_metrics", computed_here)
    for name in ("pagerank", "core_number"):
        monkeypatch.setattr(nx, name, computed_here)
    calls: list = []
    analysis = analyze(graph, engine=_engine(calls), only=["nodes"])
    nodes = analysis["nodes"]
    on_layer = nodes[nodes["degree"].notna()]
    assert calls == [analysis.cooperation.number_of_nodes()] and len(on_layer) == calls[0]
    assert (on_layer["betweenness"] == on_layer["degree"].astype(float) / 1000).all()
    assert (on_layer["closeness"] == 0.25).all() and (on_layer["core_number"] == 7).all()
    assert (on_layer["articulation_point"] == (on_layer["degree"] == 1)).all()
    assert analysis.approximations == ()  # the engine's figures are not the sampled ones
    off_layer = nodes[nodes["degree"].isna()]
    assert off_layer["betweenness"].isna().all()


def test_without_engine_the_local_path_computes_them(graph):
    local = analyze(graph, only=["nodes"])["nodes"]
    ours = analyze(graph, engine=_engine([]), only=["nodes"])["nodes"]
    assert list(local.columns) == list(ours.columns)
    for column in ("degree", "eigenvector", "constraint", "effective_size",
                   "sector_participation", "isolated", "peripheral"):  # always local
        assert local[column].equals(ours[column]), column
    assert not local["betweenness"].equals(ours["betweenness"])
