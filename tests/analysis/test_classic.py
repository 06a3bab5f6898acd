"""Classic networks with published values, read as ptce-graph datasets."""

import networkx as nx
import pytest

from ptce_graph.analysis import cooperation_layer, fast, node_metrics

from .helpers import davis_southern_women, padgett_marriages


def test_medici_betweenness_on_marriage_ties():
    G = padgett_marriages()
    metrics = node_metrics(G).set_index("id")
    assert metrics.loc["Medici", "betweenness"] == pytest.approx(0.522, abs=5e-4)
    assert metrics["betweenness"].idxmax() == "Medici"
    # the same on networkx's own copy of the network
    reference = nx.betweenness_centrality(nx.florentine_families_graph())
    for family, value in reference.items():
        assert metrics.loc[family, "betweenness"] == pytest.approx(value)


def test_padgett_layer_is_networkx_florentine_graph():
    C = cooperation_layer(padgett_marriages())
    expected = nx.florentine_families_graph()
    assert set(map(frozenset, C.edges())) == set(map(frozenset, expected.edges()))
    assert set(C.nodes()) == set(expected.nodes())


def test_davis_co_participation_weights_are_shared_events():
    G, women, events = davis_southern_women()
    C = cooperation_layer(G)
    assert sorted(C.nodes()) == sorted(women)
    shared = {w: {e for e in events if G.has_edge(w, e)} for w in women}
    for a in women:
        for b in women:
            if a >= b:
                continue
            common = len(shared[a] & shared[b])
            if common:
                assert C[a][b]["shared_projects"] == common
                assert C[a][b]["weight"] == common
                assert C[a][b]["direct"] == 0
            else:
                assert not C.has_edge(a, b)
    # and networkx's bipartite projection of its own copy agrees on the weights
    B = nx.davis_southern_women_graph()
    projected = nx.bipartite.weighted_projected_graph(B, B.graph["top"])
    assert projected.number_of_edges() == C.number_of_edges()
    evelyn_laura = projected["Evelyn Jefferson"]["Laura Mandeville"]["weight"]
    assert C["EVELYN"]["LAURA"]["weight"] == evelyn_laura


@pytest.mark.parametrize("graph", [
    nx.florentine_families_graph(),
    nx.karate_club_graph(),
    nx.les_miserables_graph(),
    nx.davis_southern_women_graph(),
])
def test_compiled_paths_give_networkx_values_on_classic_graphs(graph):
    C = nx.Graph(graph.edges())
    exact_b = nx.betweenness_centrality(C)
    exact_c = nx.closeness_centrality(C)
    fast_b, note_b = fast.betweenness(C, method="igraph")
    fast_c, note_c = fast.closeness(C, method="igraph")
    assert note_b is None and note_c is None
    for v in C:
        assert fast_b[v] == pytest.approx(exact_b[v], abs=1e-12)
        assert fast_c[v] == pytest.approx(exact_c[v], abs=1e-12)
    esize, _ = fast.effective_size(C)
    for v, value in nx.effective_size(C).items():
        assert esize[v] == pytest.approx(value)
