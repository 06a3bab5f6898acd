"""Pole fragility (version 2): hand-made poles, the bundled datasets' known cases, and the
measured examples of issue 9 as regression tests."""

import math

import networkx as nx
import pytest

from ptce_graph import load_graph
from ptce_graph.analysis import node_metrics, pole_fragility
from ptce_graph.analysis.fragility import (
    COMPONENTS,
    FRAGILITY_WEIGHTS,
    POLE_COLUMNS,
    fragility_by_year,
    reason_codes,
    reasons_list,
)
from ptce_graph.analysis.isolation import cut_off_by, member_isolation
from ptce_graph.ingest import bundled_dataset
from ptce_graph.time_model import infer_as_of, resolve_as_of

from .helpers import star_pole, three_funder_pole


def _bundled(name):
    return load_graph(bundled_dataset(name))


def _codes(row) -> list[str]:
    return [r.code for r in reason_codes(row["fragility_reason_codes"])]


def test_weights_sum_to_one_and_components_are_columns():
    assert sum(FRAGILITY_WEIGHTS.values()) == pytest.approx(1)
    assert set(COMPONENTS) <= set(POLE_COLUMNS)


def test_star_pole_loses_every_tie_when_its_animator_leaves():
    G = star_pole(5)
    pole = next(n for n, t in G.nodes(data="type") if t == "pole")
    # network and economic model alone (0.45) are not enough for a score: add a grant
    G.nodes[pole].update(budget=100_000.0, own_revenue=50_000.0)
    G.add_node("fund", type="funder", name="Fund", category="private")
    G.add_edge("fund", pole, type="funds", amount=60_000.0, start="2019", end="2021")
    table = pole_fragility(G, year=2020)
    row = table.iloc[0]
    assert list(table.columns) == POLE_COLUMNS
    assert row["key_actors"] == "hub"
    assert row["key_actor"] == 1.0 and row["coverage"] == pytest.approx(1.0)
    assert "key_actor{actor=hub,cut=5,others=5}" in row["fragility_reason_codes"]
    assert "sans Hub, 5 des 5 autres acteurs sont coupés du réseau" in row["fragility_reasons_fr"]
    metrics = node_metrics(G).set_index("id")
    assert metrics.loc["hub", "articulation_point"]
    assert metrics.loc[[f"m{i}" for i in range(5)], "peripheral"].all()


def test_three_funders_figures_over_the_last_three_years():
    # as of 2016: Région 20 000 a year 2015-2017, State 30 000 in 2015, bank 10 000 in 2016
    row = pole_fragility(three_funder_pole(), year=2016).iloc[0]
    assert row["top_funder"] == "region"
    assert row["top_funder_share"] == pytest.approx(40 / 80)
    assert row["funding_ends"] == 2016
    # without the Région, 40 000 over three years is left: 13 333 a year of the 152 000 EUR
    # median budget, 68 % of it self-financed: (152 000 x 0.68 - 13 333) / 152 000
    expected = (152_000 * 0.68 - 40_000 / 3) / 152_000
    assert row["funder_concentration"] == pytest.approx(expected, abs=1e-4)
    assert row["key_actor"] == 1.0  # a = b is the whole network


def test_cut_off_by_keeps_the_part_holding_most_actors():
    P = nx.Graph([("a", "x"), ("x", "b"), ("b", "c"), ("c", "d"), ("c", "f"), ("x", "e")])
    assert cut_off_by(P, "x") == {"a", "e"}  # b, c, d, f: 4 of the 7 actors go on
    # without f, the largest part left holds 3 of 6 actors, not most of them: all are cut off
    P.remove_node("f")
    assert cut_off_by(P, "x") == {"a", "b", "c", "d", "e"}


def test_components_are_shares_and_the_score_their_weighted_sum():
    for name in ("centre-isere", "auvergne-rhone-alpes", "pays-de-bray"):
        table = pole_fragility(_bundled(name))
        for row in table.to_dict("records"):
            for c in COMPONENTS:
                assert math.isnan(row[c]) or 0 <= row[c] <= 1, (name, row["pole"], c)
            if not math.isnan(row["fragility_score"]):
                total = sum(FRAGILITY_WEIGHTS[c] * row[c] for c in COMPONENTS
                            if not math.isnan(row[c]))
                # funding components weigh their evidence: at most the plain sum
                assert row["fragility_score"] <= total + 1e-3


def test_three_thirds_rule_reads_the_pole_own_economic_model():
    """ESCI's animation cell: 30 000 EUR own revenue of a 120 000 EUR budget, 75 % subsidies:
    above a third, the French reason names the rule; basis pole, not the members."""
    row = pole_fragility(_bundled("centre-isere")).set_index("pole").loc["pole-esci"]
    assert row["subsidy_basis"] == "pole"
    assert row["subsidy_share"] == pytest.approx(0.75)
    assert row["subsidy_dependence"] == pytest.approx((0.75 - 1 / 3) / (2 / 3), abs=1e-4)
    assert "plus d'un tiers de subventions (règle des 3/3)" in row["fragility_reasons_fr"]


def test_members_budgets_only_as_a_fallback_the_reason_says():
    G = three_funder_pole()  # the pole node has no budget: members' figures are used
    row = pole_fragility(G, year=2016).iloc[0]
    if row["subsidy_basis"] is not None:
        assert row["subsidy_basis"] == "members"
        assert "basis=members" in row["fragility_reason_codes"]


# ------------------------------------------------------------- regression: issue 9's examples


def test_alpen_without_data_gets_no_score_and_comes_last():
    """Pôle Alp'En in centre-isere has no member and no record: no score, listed after ESCI,
    with the reason naming what is missing (was 0.15 'no funding recorded', above ESCI)."""
    table = pole_fragility(_bundled("centre-isere"))
    assert table["pole"].tolist() == ["pole-esci", "pole-alpen"]
    alpen = table.iloc[1]
    assert math.isnan(alpen["fragility_score"])
    assert _codes(alpen) == ["not_enough_data"]
    assert "funding" in alpen["fragility_reason_codes"]
    assert not math.isnan(table.iloc[0]["fragility_score"])


def _with_grant(G, pole, amount, start, end, funder="fund-test"):
    H = G.copy()
    if funder not in H:
        H.add_node(funder, type="funder", name="Test funder", category="private")
    H.add_edge(funder, pole, type="funds", amount=float(amount), start=str(start), end=str(end))
    return H


def test_a_late_grant_moves_neither_the_inferred_year_nor_other_poles():
    """One 1 000 EUR grant dated 2026-2028 to one pole raised ESCI 0.03 -> 0.33 and
    Royans-Vercors 0.19 -> 0.49 before: now the inferred as-of year stays, whatever the pole,
    and with a fixed as-of year no other pole moves."""
    G = _bundled("auvergne-rhone-alpes")
    del G.graph["as_of"]
    inferred = infer_as_of(G)
    base = pole_fragility(G, year=inferred).set_index("pole")["fragility_score"]
    for pole in base.index:
        H = _with_grant(G, pole, 1000, 2026, 2028)
        assert resolve_as_of(H).year == inferred, pole
    H = _with_grant(G, "pole-tarentaise", 1000, 2026, 2028)
    after = pole_fragility(H, year=inferred).set_index("pole")["fragility_score"]
    assert after.drop("pole-tarentaise").equals(base.drop("pole-tarentaise"))
    # a grant the as-of year does not know yet (it starts later) changes nothing at all
    assert after["pole-tarentaise"] == base["pole-tarentaise"]


def test_one_euro_grant_moves_no_score():
    """A 1 EUR grant to Tarentaise in 2023 removed its whole 0.30 signal before."""
    G = _bundled("auvergne-rhone-alpes")
    base = pole_fragility(G).set_index("pole")["fragility_score"]
    after = pole_fragility(_with_grant(G, "pole-tarentaise", 1, 2023, 2023)).set_index(
        "pole")["fragility_score"]
    assert (after - base).abs().max() <= 0.01


def test_new_funder_9999_or_10001_eur_gives_the_same_score():
    """Haut-Bugey with a new funder giving 9 999 vs 10 001 EUR scored 0.40 vs 0.30 (the 50 %
    threshold): the score has no threshold any more."""
    G = _bundled("auvergne-rhone-alpes")
    low = pole_fragility(_with_grant(G, "pole-haut-bugey", 9_999, 2017, 2017), year=2017)
    high = pole_fragility(_with_grant(G, "pole-haut-bugey", 10_001, 2017, 2017), year=2017)
    a = low.set_index("pole").at["pole-haut-bugey", "fragility_score"]
    b = high.set_index("pole").at["pole-haut-bugey", "fragility_score"]
    assert abs(a - b) <= 0.01


@pytest.mark.parametrize("pole,stop_year", [("pole-alpen", 2021), ("pole-sud-archer", 2020)])
def test_no_fall_the_year_funding_stops(pole, stop_year):
    """Alp'En 2020 0.44 -> 2021 0.39 and Sud Archer 2019 0.38 -> 2020 0.33 before."""
    history = fragility_by_year(_bundled("auvergne-rhone-alpes")).set_index(["pole", "year"])
    before = history.at[(pole, stop_year - 1), "fragility_score"]
    after = history.at[(pole, stop_year), "fragility_score"]
    assert after >= before - 1e-9


# ------------------------------------------------------------- the Centre Isère story


def test_centre_isere_story_year_by_year():
    """ESCI: start-up grants 2014-2016, LEADER relay 2017-2018, standby 2019-2020, restart 2021
    (seeds/000). The score rises after 2016, is highest in 2019-2020, falls after the restart;
    the standby years' reasons name the funding stop and the subsidy share."""
    G = _bundled("centre-isere")
    history = fragility_by_year(G)
    esci = history[history["pole"] == "pole-esci"].set_index("year")
    score = esci["fragility_score"]
    assert esci.index.max() == 2021  # the declared as-of year: no judgement past it
    start_up = score.loc[2014:2016].max()
    assert (score.loc[2018:2020] > start_up).all()
    assert score.idxmax() in (2019, 2020)
    assert score[2021] < score[2020]
    for year in (2019, 2020):
        codes = _codes(esci.loc[year])
        assert codes[0] == "funding_stopped"
        assert "subsidy_share_above_third" in codes
    assert "funding_stopped{year=2018}" in esci.at[2019, "fragility_reason_codes"]
    # the end of the start-up grants: three quarters of 2016's funding ends
    ending = [r for r in reason_codes(esci.at[2016, "fragility_reason_codes"])
              if r.code == "funding_ends"]
    assert ending and float(ending[0].params_dict()["share"]) == pytest.approx(0.75, abs=0.02)


def test_regional_planted_cases_are_found():
    G = _bundled("auvergne-rhone-alpes")
    poles = pole_fragility(G, year=2020).set_index("pole")
    volcans = poles.loc["pole-volcans"]
    assert volcans["top_funder"] == "col-region-aura" and volcans["top_funder_share"] >= 0.8
    tarentaise = poles.loc["pole-tarentaise"]
    assert tarentaise["key_actor_impact"] >= 0.75
    assert tarentaise["key_actor_impact"] == poles["key_actor_impact"].max()
    assert "key_actor" in _codes(tarentaise)
    assert poles.loc["pole-gorges", "funding_ends"] == 2018
    assert "funding_stopped{year=2018}" in poles.loc["pole-gorges", "fragility_reason_codes"]
    nodes = node_metrics(G).set_index("id")
    planted = [n for n, d in G.nodes(data=True)
               if "Planted: isolated member" in str(d.get("note", ""))]
    assert len(planted) >= 3
    assert nodes.loc[planted, "isolated"].all()
    members = member_isolation(G)
    assert set(planted) <= set(members.loc[members["isolated"], "member"])
    assert members.loc[members["isolated"], "suggested_partner"].notna().all()


def test_reasons_come_largest_part_first():
    row = pole_fragility(_bundled("centre-isere"), year=2019).set_index("pole").loc["pole-esci"]
    parts = {"funding_stopped": "funding_ending", "funding_ends": "funding_ending",
             "funding_short": "funding_ending", "funding_uncommitted": "funding_horizon",
             "single_funder": "funder_concentration", "top_funder_share":
             "funder_concentration", "subsidy_share_above_third": "subsidy_dependence",
             "public_dependence": "public_dependence", "key_actor": "key_actor",
             "isolated_members": "isolation", "closed_within_sectors": "sector_closure",
             "sectors_closed": "sector_closure", "pole_in_pieces": "key_actor"}
    contributions = [FRAGILITY_WEIGHTS[parts[c]] * row[parts[c]] for c in _codes(row)]
    assert contributions == sorted(contributions, reverse=True)
    assert len(reasons_list(row["fragility_reasons"])) == len(_codes(row))
    assert len(reasons_list(row["fragility_reasons_fr"])) == len(_codes(row))


# ------------------------------------------------- member side and funding, monotone (i9a)


def _two_halves(extra_tie: bool = False) -> nx.MultiDiGraph:
    """Two triangles of members (reuse / local-food) joined only through 'hub' (services),
    a grant and the pole's own figures so that the pole is scored."""
    G = star_pole(0)
    pole = "pole"
    G.nodes[pole].update(budget=100_000.0, own_revenue=40_000.0)
    left, right = ["l0", "l1", "l2"], ["r0", "r1", "r2"]
    for group, sector in ((left, "reuse"), (right, "local-food")):
        for m in group:
            G.add_node(m, type="organisation", name=m, sector=sector)
            G.add_edge(m, pole, type="member_of")
        for a, b in zip(group, group[1:] + group[:1], strict=True):
            G.add_edge(a, b, type="cooperates_with")
    G.add_edge("hub", "l0", type="cooperates_with")
    G.add_edge("hub", "r0", type="cooperates_with")
    if extra_tie:
        G.add_edge("l1", "r1", type="cooperates_with")
    G.add_node("fund", type="funder", name="Fund", category="private")
    G.add_edge("fund", pole, type="funds", amount=50_000.0, start="2019", end="2021")
    return G


def test_a_pole_held_by_one_actor_falls_apart_without_it():
    """Without the hub, the largest part left holds 3 of 7 actors, not most of them: every
    other actor counts as cut off (the old measure counted 3 of 6). With a tie between the
    triangles nobody cuts anyone off."""
    row = pole_fragility(_two_halves(), year=2020).iloc[0]
    # l0 and r0 cut their triangle off too (4 of 7 actors go on): listed after the hub
    assert row["key_actors"] == "hub;l0;r0"
    assert row["key_actor"] == 1.0
    assert "key_actor{actor=hub,cut=6,others=6}" in row["fragility_reason_codes"]
    assert pole_fragility(_two_halves(extra_tie=True), year=2020).iloc[0]["key_actor"] == 0.0
    G = _two_halves()
    G.remove_node("hub")
    after = pole_fragility(G, year=2020).iloc[0]
    assert after["key_actor"] == 1.0
    assert "pole_in_pieces{actors=6,outside=6}" in after["fragility_reason_codes"]
    assert after["fragility_score"] >= row["fragility_score"]


def test_sector_closure_counts_sectors_in_silos():
    """reuse and local-food cooperate only within themselves; services (the hub) ties them:
    both are open through the hub, so nothing is closed. Untie the hub from reuse: reuse is a
    silo, 1 of 3 sectors."""
    G = _two_halves()
    assert pole_fragility(G, year=2020).iloc[0]["sector_closure"] == 0.0
    G.remove_edge("hub", "l0")
    row = pole_fragility(G, year=2020).iloc[0]
    assert row["sector_closure"] == pytest.approx(1 / 3, abs=1e-4)  # rounded to 4 places
    assert "sectors_closed{closed=1,sectors=3}" in row["fragility_reason_codes"]
    assert "1 des 3 secteurs du pôle n'ont aucun lien" in row["fragility_reasons_fr"]


def test_a_pole_losing_all_its_funding_stays_scored_and_no_lower():
    """Was: below 10 kEUR recorded the funding components faded out, so removing the last
    grants lowered the score (or left the pole unscored)."""
    G = _two_halves()
    G.add_node("other", type="pole", name="Other")  # the dataset still records funding
    G.add_edge("fund", "other", type="funds", amount=5_000.0, start="2015", end="2015")
    before = pole_fragility(G, year=2020).set_index("pole").loc["pole"]
    G.remove_edge("fund", "pole")
    after = pole_fragility(G, year=2020).set_index("pole").loc["pole"]
    assert after["coverage"] == before["coverage"] == pytest.approx(1.0)
    assert after["funding_ending"] == pytest.approx(0.6)  # (100 - 40) / 100 uncovered
    assert after["fragility_score"] > before["fragility_score"]


def test_members_budgets_are_shown_not_scored():
    G = three_funder_pole()
    G.nodes["a"].update(budget=100_000.0, own_revenue=10_000.0)
    G.nodes["b"].update(budget=100_000.0, own_revenue=30_000.0)
    row = pole_fragility(G, year=2016).iloc[0]
    assert row["subsidy_basis"] == "members" and row["subsidy_share"] == pytest.approx(0.8)
    assert math.isnan(row["subsidy_dependence"])
    assert _codes(row)[-1] == "subsidy_share_above_third"  # after every scored reason
    assert "basis=members" in row["fragility_reason_codes"]


def test_node_metrics_judges_as_of_the_dataset_year_by_default(tiny):
    """org-3 is a member of pole A 2014-2018 with one tie (peripheral). Declared as of 2020,
    node_metrics without a year judges 2020: org-3 has left, it is not peripheral; as of 2016
    it is; year=None reads every year at once (the old default), where it still is."""
    G = tiny.copy()
    G.graph["as_of"] = 2020
    def peripheral(**year):
        return bool(node_metrics(G, **year).set_index("id").loc["org-3", "peripheral"])
    assert not peripheral()
    assert peripheral(year=2016)
    assert peripheral(year=None)
    assert node_metrics(G).equals(node_metrics(G, year=2020))
