"""Properties of the fragility score (issue 9), on generated datasets of many shapes:
continuity, monotonicity, locality, and no fall the year funding stops."""

import math

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ptce_graph.analysis import pole_fragility
from ptce_graph.analysis.fragility import fragility_by_year
from ptce_graph.analysis.isolation import key_actor_impact, pole_actors, pole_network
from ptce_graph.analysis.layers import cooperation_layer

AS_OF = 2020
SECTORS = ["reuse", "local-food", "energy", "services"]
SETTINGS = settings(max_examples=8, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
# the monotonicity properties issue 9 kept open: more shapes (300 each pass locally, 6 min)
MONOTONE = settings(max_examples=30, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@st.composite
def networks(draw):
    """2-4 poles, each with 3-6 members (sectors drawn, some unknown; budgets and own revenue
    or not), an animator or not, cooperation ties inside and a few across, grants from own and
    shared funders over 2012-2024, economic figures on the pole or not."""
    G = nx.MultiDiGraph()
    poles = [f"p{i}" for i in range(draw(st.integers(2, 4)))]
    funders = [f"f{i}" for i in range(draw(st.integers(1, 4)))]
    for f in funders:
        G.add_node(f, type="funder", name=f, category=draw(st.sampled_from(["private",
                                                                           "public"])))
    everyone = []
    for p in poles:
        attrs = {"type": "pole", "name": p}
        if draw(st.booleans()):
            budget = draw(st.floats(50_000, 300_000))
            attrs.update(budget=budget, own_revenue=draw(st.floats(0, 1)) * budget)
        G.add_node(p, **attrs)
        members = [f"{p}m{j}" for j in range(draw(st.integers(3, 6)))]
        for m in members:
            G.add_node(m, type="organisation", name=m,
                       sector=draw(st.sampled_from(SECTORS + [None])))
            if draw(st.booleans()):
                budget = draw(st.floats(10_000, 2_000_000))
                G.nodes[m].update(budget=budget, own_revenue=draw(st.floats(0, 1)) * budget)
            G.add_edge(m, p, type="member_of", role="member")
        if draw(st.booleans()):
            G.add_edge(members[0], p, type="animates")
        for a, b in draw(st.lists(st.tuples(st.sampled_from(members), st.sampled_from(members)),
                                  max_size=8)):
            if a != b:
                G.add_edge(min(a, b), max(a, b), type="cooperates_with")
        everyone += members
        own = f"{p}-own"
        G.add_node(own, type="collectivity", name=own, category="epci")
        for _ in range(draw(st.integers(1, 4))):
            start = draw(st.integers(2012, 2022))
            end = start + draw(st.integers(0, 3))
            funder = draw(st.sampled_from(funders + [own]))
            G.add_edge(funder, p, type="funds", amount=float(draw(st.integers(5_000, 120_000))),
                       start=str(start), end=str(end))
    for a, b in draw(st.lists(st.tuples(st.sampled_from(everyone), st.sampled_from(everyone)),
                              max_size=3)):
        if a != b:
            G.add_edge(min(a, b), max(a, b), type="cooperates_with")
    return G


def scores(G, year=AS_OF) -> dict:
    table = pole_fragility(G, year=year)
    return dict(zip(table["pole"], table["fragility_score"], strict=True))


def grants_of(G, pole):
    return [(u, v, k) for u, v, k, d in G.edges(keys=True, data=True)
            if d.get("type") == "funds" and v == pole]


def recorded(G, pole, year=AS_OF):
    return sum(d["amount"] for u, v, d in G.edges(data=True)
               if d.get("type") == "funds" and v == pole and int(d["start"]) <= year)


@SETTINGS
@given(networks(), st.data())
def test_a_one_euro_grant_moves_no_score_by_more_than_a_hundredth(G, data):
    pole = data.draw(st.sampled_from(sorted(n for n, t in G.nodes(data="type") if t == "pole")))
    year = data.draw(st.integers(2012, AS_OF))
    before = scores(G)
    H = G.copy()
    H.add_node("tiny", type="funder", name="tiny", category="private")
    H.add_edge("tiny", pole, type="funds", amount=1.0, start=str(year), end=str(year))
    after = scores(H)
    for p, s in before.items():
        if not math.isnan(s) and not math.isnan(after[p]):
            assert abs(after[p] - s) <= 0.01, p


@MONOTONE
@given(networks(), st.data())
def test_removing_a_grant_or_a_funder_never_lowers_the_score(G, data):
    pole = data.draw(st.sampled_from(sorted(n for n, t in G.nodes(data="type") if t == "pole")))
    grants = grants_of(G, pole)
    u, v, k = data.draw(st.sampled_from(grants))
    H = G.copy()
    if data.draw(st.booleans()):
        H.remove_edge(u, v, k)  # one grant
    else:
        H.remove_edges_from([(a, b, c) for a, b, c in grants if a == u])  # the funder
    # whatever is left recorded, even nothing: the pole stays scored, never lower
    before, after = scores(G)[pole], scores(H)[pole]
    if not math.isnan(before):
        assert not math.isnan(after)
        assert after >= before - 1e-9


@SETTINGS
@given(networks(), st.data())
def test_more_own_revenue_never_raises_the_score(G, data):
    poles = sorted(n for n, d in G.nodes(data=True) if d.get("type") == "pole"
                   and "budget" in d)
    if not poles:
        return
    pole = data.draw(st.sampled_from(poles))
    H = G.copy()
    budget = H.nodes[pole]["budget"]
    H.nodes[pole]["own_revenue"] = min(budget, H.nodes[pole]["own_revenue"]
                                       + data.draw(st.floats(1, 100_000)))
    before, after = scores(G)[pole], scores(H)[pole]
    if not math.isnan(before):
        assert after <= before + 1e-9


@SETTINGS
@given(networks(), st.data())
def test_what_happens_to_one_pole_leaves_the_others_alone(G, data):
    """A grant from a funder of B's own, or a tie between two of B's members, does not move
    a pole A sharing no member, funder or project with B."""
    poles = sorted(n for n, t in G.nodes(data="type") if t == "pole")
    b = data.draw(st.sampled_from(poles))
    H = G.copy()
    H.add_edge(f"{b}-own", b, type="funds", amount=50_000.0, start="2019", end="2021")
    members = sorted(u for u, v, d in G.edges(data=True) if v == b and d["type"] == "member_of")
    H.add_edge(members[0], members[-1], type="cooperates_with")
    before, after = scores(G), scores(H)
    for a in poles:
        if a != b and not math.isnan(before[a]):
            assert after[a] == before[a], a


@SETTINGS
@given(networks(), st.data())
def test_no_fall_the_year_funding_stops(G, data):
    """The year after the last funded year (nothing starts later) scores at least as much as
    the year before."""
    pole = data.draw(st.sampled_from(sorted(n for n, t in G.nodes(data="type") if t == "pole")))
    last = max(int(G.edges[e]["end"]) for e in grants_of(G, pole))
    if last + 1 > 2024:
        return
    history = fragility_by_year(G, as_of=last + 1)
    history = history[history["pole"] == pole].set_index("year")["fragility_score"]
    if last in history.index and not math.isnan(history[last]):
        assert history[last + 1] >= history[last] - 1e-9


@MONOTONE
@given(networks(), st.data())
def test_removing_a_key_actor_never_lowers_the_score(G, data):
    """The actor whose departure cuts most of the pole off leaves the whole graph (its ties,
    memberships, budget figures with it): the pole's score does not fall, nor does any of
    the member-side components."""
    poles = sorted(n for n, t in G.nodes(data="type") if t == "pole")
    pole = data.draw(st.sampled_from(poles))
    members, animators = pole_actors(G)
    P = pole_network(cooperation_layer(G, year=AS_OF), members[pole] | animators[pole])
    impacts = key_actor_impact(P)
    if not impacts:
        return
    H = G.copy()
    H.remove_node(impacts[0][0])
    before = pole_fragility(G, year=AS_OF).set_index("pole").loc[pole]
    after = pole_fragility(H, year=AS_OF).set_index("pole").loc[pole]
    for c in ("key_actor", "isolation", "sector_closure"):
        if not math.isnan(before[c]) and before[c] > 0:
            assert after[c] >= before[c] - 1e-9, c
    if not math.isnan(before["fragility_score"]):
        assert not math.isnan(after["fragility_score"])
        assert after["fragility_score"] >= before["fragility_score"] - 1e-9


@MONOTONE
@given(networks(), st.data())
def test_removing_a_cooperation_tie_never_lowers_the_score(G, data):
    ties = sorted((u, v, k) for u, v, k, d in G.edges(keys=True, data=True)
                  if d.get("type") == "cooperates_with")
    if not ties:
        return
    u, v, k = data.draw(st.sampled_from(ties))
    H = G.copy()
    H.remove_edge(u, v, k)
    before, after = scores(G), scores(H)
    for pole, score in before.items():
        if not math.isnan(score):
            assert after[pole] >= score - 1e-9, pole
