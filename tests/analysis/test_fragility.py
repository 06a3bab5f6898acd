"""Pole fragility: hand-made poles, then the bundled datasets' known cases."""

import pytest

from ptce_graph import load_graph
from ptce_graph.analysis import node_metrics, pole_fragility
from ptce_graph.analysis.fragility import FRAGILITY_WEIGHTS, POLE_COLUMNS, reasons_list
from ptce_graph.analysis.isolation import cut_off_by, member_isolation
from ptce_graph.ingest import bundled_dataset

from .helpers import star_pole, three_funder_pole


def _bundled(name):
    return load_graph(bundled_dataset(name))


def test_weights_sum_to_one():
    assert sum(FRAGILITY_WEIGHTS.values()) == pytest.approx(1)


def test_star_pole_loses_every_tie_when_its_animator_leaves():
    G = star_pole(5)
    row = pole_fragility(G).iloc[0]
    assert list(pole_fragility(G).columns) == POLE_COLUMNS
    assert row["key_actors"] == "hub"
    assert row["key_actor_impact"] == 1.0
    assert "removing Hub cuts 5 of 5 members off" in reasons_list(row["fragility_reasons"])
    assert "sans Hub, 5 des 5 membres sont coupés du réseau" in row["fragility_reasons_fr"]
    metrics = node_metrics(G).set_index("id")
    assert metrics.loc["hub", "articulation_point"]
    assert metrics.loc[[f"m{i}" for i in range(5)], "peripheral"].all()


def test_three_funders_figures_and_reason():
    row = pole_fragility(three_funder_pole()).iloc[0]
    assert row["top_funder"] == "region"
    assert row["top_funder_share"] == pytest.approx(0.6)
    assert row["funding_hhi"] == pytest.approx(0.46)
    assert row["public_share"] == pytest.approx(0.9)
    assert row["funding_ends"] == 2017
    assert "60 % of funding comes from Région" in reasons_list(row["fragility_reasons"])
    # a = b is the whole network: both are key actors cutting the other off
    assert row["key_actor_impact"] == 1.0


def test_score_grows_with_dependence():
    low = pole_fragility(three_funder_pole(), threshold=0.9).iloc[0]["fragility_score"]
    high = pole_fragility(three_funder_pole(), threshold=0.5).iloc[0]["fragility_score"]
    assert 0 <= low < high <= 1


def test_cut_off_by_keeps_the_largest_remaining_part():
    import networkx as nx

    P = nx.Graph([("a", "x"), ("x", "b"), ("b", "c"), ("c", "d"), ("x", "e")])
    assert cut_off_by(P, "x") == {"a", "e"}


def test_centre_isere_flagged_for_its_funding_stop_in_2019():
    G = _bundled("centre-isere")
    row = pole_fragility(G, year=2019).set_index("pole").loc["pole-esci"]
    reasons = reasons_list(row["fragility_reasons"])
    assert reasons[0] == "no funding after 2018"
    assert row["funding_ends"] == 2018
    assert row["funding_total"] == 0
    assert row["fragility_reasons_fr"].startswith("aucun financement après 2018")
    # in 2016 the start-up funding is flowing: no stop
    before = pole_fragility(G, year=2016).set_index("pole").loc["pole-esci"]
    assert "no funding" not in str(before["fragility_reasons"])
    assert before["fragility_score"] < row["fragility_score"]


def test_regional_planted_cases_are_found():
    G = _bundled("auvergne-rhone-alpes")
    poles = pole_fragility(G).set_index("pole")
    # one-funder pole: the Région gives more than 80 % of Volcans' funding
    volcans = poles.loc["pole-volcans"]
    assert volcans["top_funder"] == "col-region-aura" and volcans["top_funder_share"] >= 0.8
    assert any("of funding comes from Région" in r
               for r in reasons_list(volcans["fragility_reasons"]))
    # single-actor pole: Tarentaise is a star around its animator
    tarentaise = poles.loc["pole-tarentaise"]
    assert tarentaise["key_actor_impact"] >= 0.75
    assert any(r.startswith("removing ") for r in reasons_list(tarentaise["fragility_reasons"]))
    assert tarentaise["key_actor_impact"] == poles["key_actor_impact"].max()
    # funding stops after 2018 for Gorges
    assert poles.loc["pole-gorges", "funding_ends"] == 2018
    assert "no funding after 2018" in reasons_list(poles.loc["pole-gorges",
                                                             "fragility_reasons"])
    # planted isolated members (see the dataset's make_dataset.py) carry a note saying so
    nodes = node_metrics(G).set_index("id")
    planted = [n for n, d in G.nodes(data=True)
               if "Planted: isolated member" in str(d.get("note", ""))]
    assert len(planted) >= 3
    assert nodes.loc[planted, "isolated"].all()
    members = member_isolation(G)
    assert set(planted) <= set(members.loc[members["isolated"], "member"])
    suggestions = members.loc[members["isolated"], "suggested_partner"]
    assert suggestions.notna().all()
