"""Invariants: bridges split the network, brokerage counts equal enumeration, and nothing
depends on the order of the rows."""

from itertools import combinations

import networkx as nx
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from ptce_graph import build_graph, load_dataset
from ptce_graph.analysis import (
    brokerage_roles,
    cooperation_layer,
    cooperation_ties_table,
    funding_dependence,
    interpole_ties,
    node_metrics,
    pole_fragility,
    poles_layer,
)
from ptce_graph.analysis.brokerage import _role, brokerage_counts
from ptce_graph.ingest import bundled_dataset

from .helpers import dataset, org

SECTORS = ["reuse", "food", "energy"]


@st.composite
def cooperation_datasets(draw):
    n = draw(st.integers(2, 14))
    sectors = draw(st.lists(st.sampled_from(SECTORS), min_size=n, max_size=n))
    pairs = [(a, b) for a, b in combinations(range(n), 2)]
    chosen = draw(st.lists(st.sampled_from(pairs), max_size=25, unique=True)) if pairs else []
    nodes = [org(f"o{i:02d}", sectors[i]) for i in range(n)]
    nodes.append({"id": "pole", "type": "pole", "name": "P"})
    edges = [{"source": f"o{i:02d}", "target": "pole", "type": "member_of"} for i in range(n)]
    edges += [{"source": f"o{a:02d}", "target": f"o{b:02d}", "type": "cooperates_with"}
              for a, b in chosen]
    return nodes, edges


@settings(max_examples=60, deadline=None)
@given(cooperation_datasets())
def test_removing_a_reported_bridge_adds_a_component(rows):
    G = dataset(*rows)
    C = cooperation_layer(G)
    ties = cooperation_ties_table(G)
    before = nx.number_connected_components(C)
    for tie in ties[ties["bridge"]].to_dict("records"):
        H = C.copy()
        H.remove_edge(tie["source"], tie["target"])
        assert nx.number_connected_components(H) == before + 1
    for tie in ties[~ties["bridge"]].to_dict("records"):
        H = C.copy()
        H.remove_edge(tie["source"], tie["target"])
        assert nx.number_connected_components(H) == before


@settings(max_examples=60, deadline=None)
@given(cooperation_datasets())
def test_brokerage_counts_equal_enumeration(rows):
    G = dataset(*rows)
    C = cooperation_layer(G)
    groups = {n: d["sector"] for n, d in C.nodes(data=True)}
    counts = brokerage_counts(C, groups)
    for b in C:
        expected = dict.fromkeys(counts[b], 0)
        for a, c in combinations(sorted(C[b]), 2):
            if not C.has_edge(a, c):
                expected[_role(groups[a], groups[b], groups[c])] += 1
        assert counts[b] == expected


def test_brokerage_roles_by_hand():
    nodes = [org("b", "reuse"), org("same1", "reuse"), org("same2", "reuse"),
             org("food1", "food"), org("food2", "food"), org("energy", "energy")]
    edges = [{"source": "b", "target": t, "type": "cooperates_with"}
             for t in ("same1", "same2", "food1", "food2", "energy")]
    edges.append({"source": "food1", "target": "food2", "type": "cooperates_with"})
    row = brokerage_roles(dataset(nodes, edges)).set_index("id").loc["b"]
    assert row["coordinator"] == 1  # same1-same2
    assert row["itinerant"] == 0  # food1-food2 are tied to each other
    assert row["representative_gatekeeper"] == 6  # {same1, same2} x {food1, food2, energy}
    assert row["liaison"] == 2  # food1-energy, food2-energy
    assert row["cross_sector"] == 8


def _shuffled(graph_rows_seed):
    data = load_dataset(bundled_dataset("auvergne-rhone-alpes"))
    nodes = data.nodes.sample(frac=1, random_state=graph_rows_seed).reset_index(drop=True)
    edges = data.edges.sample(frac=1, random_state=graph_rows_seed).reset_index(drop=True)
    return build_graph(nodes, edges, name="aura")


def test_results_do_not_depend_on_row_order():
    first, second = _shuffled(1), _shuffled(2)
    for table in (node_metrics, cooperation_ties_table, brokerage_roles, funding_dependence,
                  pole_fragility, interpole_ties):
        a, b = table(first), table(second)
        pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-9)
    assert nx.utils.edges_equal(poles_layer(first).edges(), poles_layer(second).edges())
