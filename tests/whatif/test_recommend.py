"""Partner recommendations: hand-checked scores on the tiny fixture, never an existing tie,
candidates only from the same or a neighbouring pole, clear errors."""

import math
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from ptce_graph.analysis.recommend import recommend_partners
from ptce_graph.cli import cli
from ptce_graph.errors import OptionError

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny"


def test_tiny_score_by_hand(tiny):
    recs = recommend_partners(tiny, members=["org-3"], top=5)
    # org-1 is already a partner: org-2 is the only candidate
    assert recs["partner"].tolist() == ["org-2"]
    row = recs.iloc[0]
    # common partner org-1 (degree 2): 1/ln 2; same territory: 1; same pole: 0.5;
    # org-2 has 1 partner: 0.1 ln 2; sectors eco-construction + local-food never met: 0
    expected = 1 / math.log(2) + 1 + 0.5 + 0.1 * math.log(2)
    assert row["score"] == pytest.approx(expected)
    assert row["reasons"].split("; ")[:3] == ["common partners: Atelier Un",
                                              "same territory: Vallée", "same pole: Pôle A"]


def _with_energy_project(G):
    """tiny plus a second project, energy only: reuse + local-food now meet in one project of
    two, more than chance (1 x 1 / 2)."""
    G = G.copy()
    G.add_node("org-4", type="organisation", name="Quatre", sector="energy")
    G.add_node("proj-sol", type="project", name="Solaire", sector="energy")
    G.add_edge("org-4", "proj-sol", type="participates_in")
    return G


def test_complementary_sectors_come_from_projects(tiny):
    # one project only: nothing can be said to meet more than chance
    alone = tiny.copy()
    alone.nodes["org-3"]["sector"] = "reuse"
    assert "complementary" not in recommend_partners(alone, members=["org-3"])["reasons"].iloc[0]
    base = _with_energy_project(tiny)
    G = base.copy()
    G.nodes["org-3"]["sector"] = "reuse"  # reuse + local-food met in the ressourcerie
    recs = recommend_partners(G, members=["org-3"])
    assert "complementary sectors, already combined in a project: reuse and recycling + " \
        "local food and short circuits" in (
        recs["reasons"].iloc[0])
    assert recs["score"].iloc[0] == pytest.approx(
        recommend_partners(base, members=["org-3"])["score"].iloc[0] + 0.5)


def test_complementary_sectors_need_more_than_chance():
    from ptce_graph.analysis.recommend import complementary_sectors

    # reuse is everywhere: meeting it is chance (3 x 3 / 3 = 3 projects expected, 3 seen)
    assert complementary_sectors([{"reuse", "food"}, {"reuse", "food"}, {"reuse", "food"}]) \
        == set()
    assert complementary_sectors([{"reuse", "food"}, {"energy"}]) == {
        frozenset(("reuse", "food"))}


def test_members_who_left_are_neither_helped_nor_proposed(tiny):
    """org-3 was a member 2014-2018: as of 2019 it gets no recommendation by default and is
    proposed to nobody."""
    recs = recommend_partners(tiny, year=2019)
    assert "org-3" not in set(recs["member"]) | set(recs["partner"])
    assert "org-3" in set(recommend_partners(tiny, year=2016)["member"])


def test_a_collectivity_funding_the_pole_is_never_a_cooperation_partner(tiny):
    G = tiny.copy()
    G.add_edge("col-region", "pole-a", type="member_of", role="member")  # also a member
    recs = recommend_partners(G, members=["org-3"], top=10)
    assert "col-region" not in set(recs["partner"])


def test_never_an_existing_tie_and_always_a_nearby_pole(region):
    from ptce_graph.analysis import cooperation_layer
    from ptce_graph.analysis.layers import poles_layer
    from ptce_graph.time_model import resolve_as_of

    year = resolve_as_of(region).year  # ties and poles as of the dataset's year
    members = sorted({u for u, v, d in region.edges(data=True) if d["type"] == "member_of"})
    recs = recommend_partners(region, members=members, top=5)
    assert not recs.empty
    C = cooperation_layer(region, year=year)
    P = poles_layer(region, year=year)
    poles_of = {}
    for u, v, d in region.edges(data=True):
        if d["type"] in ("member_of", "animates"):
            poles_of.setdefault(u, set()).add(v)
    for row in recs.to_dict("records"):
        assert not C.has_edge(row["member"], row["partner"]), row
        assert row["member"] != row["partner"]
        near = poles_of[row["member"]] | {q for p in poles_of[row["member"]] for q in P[p]}
        assert poles_of[row["partner"]] & near, row
    ranks = recs.groupby("member")["rank"].apply(list)
    assert all(r == list(range(1, len(r) + 1)) for r in ranks)
    scores = recs.groupby("member")["score"].apply(list)
    assert all(s == sorted(s, reverse=True) for s in scores)


def test_unknown_or_wrong_member_is_a_clear_error(tiny):
    with pytest.raises(OptionError, match="unknown member id 'nobody'"):
        recommend_partners(tiny, members=["nobody"])
    with pytest.raises(OptionError, match="is of type Pole"):
        recommend_partners(tiny, members=["pole-a"])
    with pytest.raises(OptionError, match="did you mean 'org-3'"):
        recommend_partners(tiny, members=["org3"])


def test_wrong_member_is_said_in_french_with_the_closest_ids():
    runner = CliRunner()
    result = runner.invoke(cli, ["recommend", str(TINY), "--member", "org3", "--lang", "fr"])
    assert result.exit_code == 1
    assert result.output.startswith(
        "Erreur : identifiant de membre inconnu 'org3' : vouliez-vous dire 'org-3'")
    result = runner.invoke(cli, ["recommend", str(TINY), "--member", "pole-a", "--lang", "fr"])
    assert "les recommandations concernent les structures et les collectivités" in result.output


def test_recommend_command():
    runner = CliRunner()
    result = runner.invoke(cli, ["recommend", str(TINY), "--member", "org-3", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Coop Deux (org-2)" in result.output and "same territory: Vallée" in result.output
    result = runner.invoke(cli, ["recommend", str(TINY), "--member", "org-3"],
                           env={"PTCE_GRAPH_LANG": None, "LC_ALL": None, "LC_MESSAGES": None,
                                "LANG": "fr_FR.UTF-8"})
    assert result.exit_code == 0, result.output  # French from the locale
    assert "même territoire : Vallée" in result.output and "same territory" not in result.output
    result = runner.invoke(cli, ["recommend", str(TINY), "--member", "ghost"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: unknown member id 'ghost'")
    result = runner.invoke(cli, ["recommend", str(TINY), "--member", "org-3", "--format", "csv"])
    assert result.output.splitlines()[0] == (
        "member,member_name,rank,partner,partner_name,partner_poles,score,reasons,reasons_fr,"
        "supporters")  # supporters added at the end (issue 9)
    assert "--lang [fr|en]" in runner.invoke(cli, ["recommend", "--help"]).output


def test_default_members_are_the_isolated_and_peripheral_ones(region):
    from ptce_graph.analysis import node_metrics
    from ptce_graph.time_model import resolve_as_of

    metrics = node_metrics(region, year=resolve_as_of(region).year)
    flagged = set(metrics.loc[metrics["isolated"].fillna(False).astype(bool)
                              | metrics["peripheral"].fillna(False).astype(bool), "id"])
    recs = recommend_partners(region, top=2)
    assert not recs.empty
    assert set(recs["member"]) <= flagged


# ---------------------------------------------------------------- the reasons in French


def test_tiny_reasons_in_french(tiny):
    row = recommend_partners(tiny, members=["org-3"], top=5).iloc[0]
    assert row["reasons_fr"].split("; ") == ["partenaires communs : Atelier Un",
                                             "même territoire : Vallée", "même pôle : Pôle A",
                                             "bien connecté : 1 partenaire"]
    assert len(row["reasons"].split("; ")) == 4
    G = _with_energy_project(tiny)
    G.nodes["org-3"]["sector"] = "reuse"
    recs = recommend_partners(G, members=["org-3"])
    assert ("secteurs complémentaires, déjà réunis dans un projet commun : réemploi et "
            "recyclage + alimentation locale et circuits courts" in recs["reasons_fr"].iloc[0])


def test_french_reasons_follow_the_english_ones(region):
    """Same reasons, same order (strongest first): each English phrase has its French one."""
    members = sorted({u for u, v, d in region.edges(data=True) if d["type"] == "member_of"})
    recs = recommend_partners(region, members=members, top=5)
    assert not recs.empty
    phrases = {"common partners: ": "partenaires communs : ",
               "same territory: ": "même territoire : ",
               "complementary sectors, already combined in a project: ":
                   "secteurs complémentaires, déjà réunis dans un projet commun : ",
               "same pole: ": "même pôle : ", "neighbouring pole: ": "pôle voisin : ",
               "same funders: ": ("même financeur : ", "mêmes financeurs : "),
               "well connected: ": "bien connecté : "}
    seen = set()
    for row in recs.to_dict("records"):
        english, french = row["reasons"].split("; "), row["reasons_fr"].split("; ")
        assert english and len(english) == len(french), row
        for en, fr in zip(english, french, strict=True):
            start = next(p for p in phrases if en.startswith(p))
            assert fr.startswith(phrases[start]), (en, fr)
            seen.add(start)
            more = re.search(r" and (\d+) more$", en)
            if more:
                assert re.search(rf" et {more[1]} autres?$", fr), (en, fr)
    assert len(seen) >= 4  # most kinds of reason were met on the region


def test_sectors_are_named_in_the_readers_language(region):
    """Sector codes inside the reasons read as the language names them (issue 13)."""
    from ptce_graph.analysis.recommend import recommend_partners

    table = recommend_partners(region)
    french = table["reasons_fr"].str.extract(r"réunis dans un projet commun : ([^;]+)")[0]
    english = table["reasons"].str.extract(r"combined in a project: ([^;]+)")[0]
    assert french.notna().any() and english.notna().any()
    codes = {"personal-care", "local-food", "eco-construction", "reuse"}
    for pair in french.dropna():
        assert not set(pair.split(" + ")) & codes, pair
    assert english.dropna().str.contains("energy|work integration|personal care|local food")\
        .any()
