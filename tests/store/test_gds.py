"""Neo4j Graph Data Science as the engine of the heavy metrics, on the live server: GDS and
networkx agree on the classic graphs (Florentine families, Davis's southern women) and on the
regional dataset's cooperation layer, within the tolerance documented per metric in
``ptce_graph/store/gds.py``; `analyze --store neo4j --engine gds` writes the same files and
columns as the local path, says what ran where, and writes the GDS figures back."""

from __future__ import annotations

import json
import math

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ptce_graph.analysis import centrality
from ptce_graph.analysis.layers import cooperation_layer
from ptce_graph.cli import cli
from ptce_graph.ingest import bundled_dataset
from ptce_graph.store import open_store
from ptce_graph.store.gds import (
    GDS_METRICS,
    LOCAL_METRICS,
    gds_client,
    gds_node_metrics,
    projection_rows,
)

# the tolerance of each metric (see ptce_graph/store/gds.py for the reasons)
TOLERANCE = {"betweenness": 1e-12, "closeness": 1e-12, "pagerank": 1e-4}
MODULARITY_TOLERANCE = 0.02


@pytest.fixture(scope="module")
def client(neo4j_server):
    return gds_client(neo4j_server.settings)


def _weighted(G: nx.Graph) -> nx.Graph:
    G = nx.Graph(G)
    for u, v in G.edges():
        G[u][v].setdefault("weight", 1.0)
    return G


def florentine():
    G = _weighted(nx.florentine_families_graph())
    G.add_node("Isolated")  # an actor without ties, as isolated members are
    return G


def davis():
    return _weighted(nx.davis_southern_women_graph())


def regional():
    from ptce_graph.build import load_graph

    return cooperation_layer(load_graph(bundled_dataset("auvergne-rhone-alpes")))


def _modularity(G, labels) -> float:
    communities: dict = {}
    for node, label in labels.items():
        communities.setdefault(label, set()).add(node)
    return nx.community.modularity(G, communities.values(), weight="weight")


@pytest.mark.parametrize("graph", [florentine, davis, regional], ids=lambda f: f.__name__)
def test_gds_agrees_with_networkx(client, graph):
    G = graph()
    got = gds_node_metrics(client, G)
    assert set(got) == set(GDS_METRICS) and all(set(v) == set(G) for v in got.values())
    expected = {"betweenness": nx.betweenness_centrality(G),
                "closeness": nx.closeness_centrality(G),
                "pagerank": nx.pagerank(G, weight="weight", tol=1e-10, max_iter=1000)}
    for metric, values in expected.items():
        for node in G:
            assert got[metric][node] == pytest.approx(values[node], abs=TOLERANCE[metric]), (
                metric, node)
    assert got["core_number"] == nx.core_number(G)
    cut = set(nx.articulation_points(G))
    assert {n for n, flag in got["articulation_point"].items() if flag} == cut
    local = nx.community.louvain_communities(G, weight="weight", seed=42)
    reference = _modularity(G, {n: i for i, c in enumerate(local) for n in c})
    assert abs(_modularity(G, got["community"]) - reference) <= MODULARITY_TOLERANCE
    sizes = pd.Series(got["community"]).value_counts()
    assert list(sizes.index) == sorted(sizes.index)  # numbered by decreasing size


def test_florentine_known_values(client):
    # Medici: the broker of Padgett's Florence (the 15 families tied by marriage: betweenness
    # 0.522 in networkx's normalisation, 47.5 of the 91 pairs of the others)
    got = gds_node_metrics(client, _weighted(nx.florentine_families_graph()))
    assert got["betweenness"]["Medici"] == pytest.approx(47.5 / 91, abs=1e-9)
    assert got["articulation_point"]["Medici"] and not got["articulation_point"]["Peruzzi"]
    alone = gds_node_metrics(client, florentine())
    assert alone["core_number"]["Isolated"] == 0 and alone["closeness"]["Isolated"] == 0.0


def test_a_layer_without_ties_projects(client):
    # the 420-pole failure: the client's construct named the tie type undirected, and GDS
    # refuses a projection without a relationship of a type named so ("Specified
    # undirectedRelationshipTypes `[TIE]` were not projected"); any layer without ties failed,
    # e.g. the first 200 actors of the national layer
    for G in (nx.empty_graph(200), nx.Graph([("a", "a"), ("b", "b")])):
        seconds: dict = {}
        got = gds_node_metrics(client, G, seconds=seconds)
        assert "projection" in seconds and "drop" in seconds
        assert set(got["betweenness"]) == set(G) and not any(got["articulation_point"].values())
        assert got["core_number"] == dict.fromkeys(G, 0)
        assert sorted(got["community"].values()) == list(range(len(G)))
    left = client.run_cypher("CALL gds.graph.list() YIELD graphName RETURN graphName")
    assert not any(name.startswith("ptce-") for name in left["graphName"])  # dropped


@st.composite
def small_graphs(draw):
    """Graphs of 1-12 nodes with any ties (none too), isolated nodes and several pieces."""
    n = draw(st.integers(1, 12))
    pairs = [(u, v) for u in range(n) for v in range(u + 1, n)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs))) \
        if pairs else []
    G = nx.Graph()
    G.add_nodes_from(f"n{i}" for i in range(n))
    G.add_edges_from((f"n{u}", f"n{v}", {"weight": 1.0}) for u, v in chosen)
    return G


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(G=small_graphs())
def test_gds_agrees_with_networkx_on_any_small_graph(client, G):
    # exact metrics exactly, on every shape: no tie, isolated actors, several pieces
    got = gds_node_metrics(client, G)
    expected = nx.betweenness_centrality(G)
    assert all(got["betweenness"][v] == pytest.approx(expected[v], abs=1e-12) for v in G)
    expected = nx.closeness_centrality(G)
    assert all(got["closeness"][v] == pytest.approx(expected[v], abs=1e-12) for v in G)
    assert got["core_number"] == nx.core_number(G)
    assert {v for v, cut in got["articulation_point"].items() if cut} == \
        set(nx.articulation_points(G))
    assert sum(got["pagerank"].values()) == pytest.approx(1.0)


@given(G=small_graphs())
def test_projection_rows_send_every_node_and_tie_as_numbers(G):
    order, rows = projection_rows(G)
    n = len(order)
    assert sorted(order, key=str) == order and set(order) == set(G)
    assert rows[:n] == [[i, None, None] for i in range(n)]
    ties = {frozenset((order[u], order[v])) for u, v, _ in rows[n:]}
    assert ties == {frozenset(e) for e in G.edges()} and len(rows) - n == len(ties)
    assert all(isinstance(x, int) for row in rows for x in row[:2] if x is not None)


def _csv(folder, name) -> pd.DataFrame:
    return pd.read_csv(folder / "metrics" / name)


def test_analyze_engine_gds_writes_what_the_local_path_writes(neo4j_server, tmp_path,
                                                              monkeypatch):
    for name, value in neo4j_server.env.items():
        monkeypatch.setenv(name, value)
    runner = CliRunner()
    loaded = runner.invoke(cli, ["load", str(bundled_dataset("auvergne-rhone-alpes")),
                                 "--replace", "--store", "neo4j"], catch_exceptions=False)
    assert loaded.exit_code == 0, loaded.output
    local, gds = tmp_path / "local", tmp_path / "gds"
    assert runner.invoke(cli, ["analyze", "--store", "neo4j", "-o", str(local)],
                         catch_exceptions=False).exit_code == 0
    # nothing twice: with --engine gds the local path computes none of GDS's metrics
    def computed_here(*args, **kwargs):
        raise AssertionError("a heavy metric computed locally under --engine gds")

    monkeypatch.setattr(centrality, "heavy_metrics", computed_here)
    for name in ("pagerank", "core_number"):
        monkeypatch.setattr(nx, name, computed_here)
    result = runner.invoke(cli, ["analyze", "--store", "neo4j", "--engine", "gds", "-o",
                                 str(gds), "--write-back"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"computed locally (no GDS counterpart): {', '.join(LOCAL_METRICS)}" in result.output
    assert "Engine: Neo4j GDS 2.13" in result.output and "betweenness" in result.output
    assert neo4j_server.settings.password not in result.output
    # summary.json says where the heavy metrics were computed (the local run says nothing)
    assert json.loads((gds / "summary.json").read_text())["options"]["engine"] == "gds"
    assert "engine" not in json.loads((local / "summary.json").read_text())["options"]
    assert sorted(p.name for p in (gds / "metrics").iterdir()) == sorted(
        p.name for p in (local / "metrics").iterdir())
    ours, theirs = _csv(gds, "nodes.csv"), _csv(local, "nodes.csv")
    assert list(ours.columns) == list(theirs.columns) and list(ours["id"]) == list(theirs["id"])
    for column in ("betweenness", "closeness", "pagerank"):
        both = pd.concat([ours[column], theirs[column]], axis=1).dropna()
        assert len(both) > 50
        assert (both.iloc[:, 0] - both.iloc[:, 1]).abs().max() <= max(TOLERANCE[column], 1e-9)
    for column in ("core_number", "articulation_point", *LOCAL_METRICS):
        assert ours[column].equals(theirs[column]), column
    # what GDS computed is what the store holds now
    with open_store("neo4j", neo4j=neo4j_server.settings) as store:
        stored = dict(store.read("MATCH (n:Organisation) RETURN n.id AS id, "
                                 "n.betweenness AS b").rows)
    for row in ours[ours["type"] == "organisation"].to_dict("records"):
        if not (isinstance(row["betweenness"], float) and math.isnan(row["betweenness"])):
            assert stored[row["id"]] == pytest.approx(row["betweenness"], rel=1e-9, abs=1e-12)


def test_engine_gds_needs_the_neo4j_store(tmp_path):
    result = CliRunner().invoke(cli, ["analyze", "--engine", "gds", "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "Error: --engine gds runs in Neo4j: analyse the store with --store neo4j" \
        in result.output
