"""The network over time: funding per pole per year, members joining and leaving, funding
cliffs (past and ahead), and what changed between two years.

A grant's ``amount`` is its total over ``start``..``end``; a year's share spreads it evenly
(:func:`ptce_graph.analysis.profile.funding_by_year`). Membership years are the ``since`` and
``until`` of ``member_of`` edges, ``until`` being the last year as a member."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pandas as pd

from ..build import edges_of_type, node_name, nodes_of_type, restrict_to_year
from ..time_model import year_of
from .profile import funding_by_year, pole_funding, pole_profiles

__all__ = [
    "FUNDING_TIMELINE_COLUMNS",
    "MEMBERSHIP_CHANGE_COLUMNS",
    "CLIFF_COLUMNS",
    "TIE_CHANGE_COLUMNS",
    "POLE_CHANGE_COLUMNS",
    "funding_timeline",
    "membership_changes",
    "funding_cliffs",
    "members_between",
    "ties_between",
    "pole_changes",
]

FUNDING_TIMELINE_COLUMNS = ["pole", "year", "funder", "funder_name", "amount", "share"]
MEMBERSHIP_CHANGE_COLUMNS = ["pole", "year", "change", "member", "member_name", "role"]
CLIFF_COLUMNS = ["pole", "name", "year", "when", "funding_before", "funding_after", "drop",
                 "ending"]
TIE_CHANGE_COLUMNS = ["change", "a", "b", "a_name", "b_name", "direct", "shared_projects"]
POLE_CHANGE_COLUMNS = ["pole", "name", "metric", "before", "after", "change"]


def funding_timeline(G: nx.MultiDiGraph) -> pd.DataFrame:
    """Funding each pole receives each year, by funder.

    Returns
    -------
    DataFrame
        ``pole, year, funder, funder_name, amount`` (EUR that year: grants to the pole and to
        its projects, spread over their years) and ``share`` (of the pole's funding that
        year), sorted by pole, year, funder.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("p", type="pole"); G.add_node("r", type="collectivity", name="Région")
    >>> _ = G.add_edge("r", "p", type="funds", amount=90.0, start="2014", end="2016")
    >>> timeline = funding_timeline(G)
    >>> timeline["year"].tolist(), timeline["amount"].tolist()
    ([2014, 2015, 2016], [30.0, 30.0, 30.0])
    """
    per_year = funding_by_year(pole_funding(G))
    if per_year.empty:
        return pd.DataFrame(columns=FUNDING_TIMELINE_COLUMNS)
    per_year["funder_name"] = [node_name(G, f) for f in per_year["funder"]]
    totals = per_year.groupby(["pole", "year"])["amount"].transform("sum")
    per_year["share"] = per_year["amount"] / totals
    return per_year[FUNDING_TIMELINE_COLUMNS].reset_index(drop=True)


def membership_changes(G: nx.MultiDiGraph) -> pd.DataFrame:
    """Members joining (``since``) and leaving (``until``, their last year) each pole.

    Returns
    -------
    DataFrame
        ``pole, year, change`` (joined or left), ``member, member_name, role``, sorted by
        pole, year, change, member. Memberships without a year do not appear.
    """
    rows = []
    for member, pole, d in edges_of_type(G, "member_of"):
        for column, change in (("since", "joined"), ("until", "left")):
            year = year_of(d.get(column))
            if year is not None:
                rows.append((pole, year, change, member, node_name(G, member),
                             d.get("role", "member")))
    frame = pd.DataFrame(rows, columns=MEMBERSHIP_CHANGE_COLUMNS)
    frame["year"] = frame["year"].astype(int)
    return frame.sort_values(["pole", "year", "change", "member"]).reset_index(drop=True)


def funding_cliffs(
    G: nx.MultiDiGraph,
    *,
    threshold: float = 0.5,
    horizon: int = 3,
    today: int | None = None,
) -> pd.DataFrame:
    """Years in which a pole's funding falls by more than ``threshold`` (a share of the year
    before) with nothing replacing it, from the first funded year to ``today + horizon``.

    A fall is measured on the pole's total (grants to the pole and its projects), so a funder
    that leaves while another takes over makes no cliff. A cliff is ``past`` when its year is
    not after ``today``; ``ahead`` when it comes within the next ``horizon`` years: funding
    that ends and that no recorded grant renews.

    Parameters
    ----------
    threshold : share of the previous year's funding that must be lost (0 < threshold <= 1).
    horizon : how many years ahead of ``today`` to look.
    today : the reference year; by default the as-of year of the time model
        (:func:`ptce_graph.time_model.resolve_as_of`: declared, else inferred), never the
        calendar year, so that ``timeline`` and ``poles.csv`` judge against the same "now".

    Returns
    -------
    DataFrame
        ``pole, name, year`` (the first year with the lower funding), ``when`` (past or
        ahead), ``funding_before`` (EUR the year before), ``funding_after`` (EUR that year),
        ``drop`` (share lost), ``ending`` (the funders whose grants end the year before and
        are not renewed, '; '-separated), sorted by pole and year.
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], not {threshold}")
    if today is None:
        from ..time_model import resolve_as_of

        today = resolve_as_of(G).year
        if today is None:  # no dated record at all
            today = dt.date.today().year
    timeline = funding_timeline(G)
    grants = pole_funding(G)
    rows = []
    # grouped once: filtering the tables pole by pole is quadratic at national scale
    yearly = timeline.groupby(["pole", "year"])["amount"].sum()
    grants_of = dict(tuple(grants.groupby("pole")))
    for pole, by_year in yearly.groupby(level="pole"):
        by_year = by_year.droplevel("pole")
        for year in range(int(by_year.index.min()) + 1, today + horizon + 1):
            before, after = float(by_year.get(year - 1, 0.0)), float(by_year.get(year, 0.0))
            if before <= 0 or after > before * (1 - threshold) + 1e-9:
                continue
            mine_grants = grants_of[pole]
            ending = mine_grants[mine_grants["end"].fillna(mine_grants["start"]) == year - 1]
            going_on = set(mine_grants.loc[(mine_grants["start"] <= year)
                                           & (mine_grants["end"].fillna(mine_grants["start"])
                                              >= year), "funder"])
            names = sorted({node_name(G, f) for f in ending["funder"] if f not in going_on})
            rows.append((pole, node_name(G, pole), year, "past" if year <= today else "ahead",
                         before, after, (before - after) / before, "; ".join(names)))
    frame = pd.DataFrame(rows, columns=CLIFF_COLUMNS)
    frame["year"] = frame["year"].astype(int)
    return frame


def _members(G: nx.MultiDiGraph, year: int) -> set[tuple]:
    H = restrict_to_year(G, year)
    return {(v, u) for u, v, _ in edges_of_type(H, "member_of")}


def members_between(G: nx.MultiDiGraph, year_from: int, year_to: int) -> pd.DataFrame:
    """Members of each pole in ``year_to`` and not in ``year_from`` (joined), and the reverse
    (left).

    Returns
    -------
    DataFrame
        ``pole, year`` (``year_to``), ``change`` (joined or left), ``member, member_name,
        role``, sorted by pole, change, member.
    """
    before, after = _members(G, year_from), _members(G, year_to)
    roles = {(v, u): d.get("role", "member") for u, v, d in edges_of_type(G, "member_of")}
    rows = [(pole, year_to, change, member, node_name(G, member), roles.get((pole, member)))
            for change, pairs in (("joined", after - before), ("left", before - after))
            for pole, member in pairs]
    frame = pd.DataFrame(rows, columns=MEMBERSHIP_CHANGE_COLUMNS)
    frame["year"] = frame["year"].astype(int)
    return frame.sort_values(["pole", "change", "member"]).reset_index(drop=True)


def ties_between(G: nx.MultiDiGraph, year_from: int, year_to: int) -> pd.DataFrame:
    """Cooperation ties (direct or through a shared project, see ``cooperation_layer``)
    present in ``year_to`` and not in ``year_from`` (created), and the reverse (lost).

    Returns
    -------
    DataFrame
        ``change`` (created or lost), ``a, b`` (a < b), ``a_name, b_name``, ``direct`` and
        ``shared_projects`` (as in the year the tie exists), sorted by change, a, b.
    """
    from . import cooperation_layer

    before = cooperation_layer(G, year=year_from)
    after = cooperation_layer(G, year=year_to)
    rows = []
    for change, here, there in (("created", after, before), ("lost", before, after)):
        for a, b, d in here.edges(data=True):
            a, b = sorted((a, b))
            if not there.has_edge(a, b):
                rows.append((change, a, b, node_name(G, a), node_name(G, b), d.get("direct", 0.0),
                             d.get("shared_projects", 0)))
    frame = pd.DataFrame(rows, columns=TIE_CHANGE_COLUMNS)
    return frame.sort_values(["change", "a", "b"]).reset_index(drop=True)


_PROFILE_METRICS = ("members", "founders", "later_members", "collectivities", "funders",
                    "funding_total")


def pole_changes(G: nx.MultiDiGraph, year_from: int, year_to: int) -> pd.DataFrame:
    """Every pole's metrics and fragility in ``year_from`` and ``year_to``.

    Metrics: the profile's ``members, founders, later_members, collectivities, funders,
    funding_total`` (that year's funding), then ``fragility_score`` and
    ``fragility_reasons`` and ``fragility_reasons_fr`` from ``pole_fragility``.

    Returns
    -------
    DataFrame
        ``pole, name, metric, before, after, change`` (after - before for numbers; 'changed'
        or '' for the reasons), a row per pole and metric, poles sorted by id.
    """
    from . import pole_fragility

    tables = {}
    for year in (year_from, year_to):
        profiles = pole_profiles(G, year=year).set_index("pole")
        fragility = pole_fragility(G, year=year).set_index("pole")
        tables[year] = (profiles, fragility)
    rows = []
    for pole in nodes_of_type(G, "pole"):
        for metric in _PROFILE_METRICS + ("fragility_score", "fragility_reasons",
                                          "fragility_reasons_fr"):
            values = []
            for year in (year_from, year_to):
                profiles, fragility = tables[year]
                table = profiles if metric in _PROFILE_METRICS else fragility
                value = table.at[pole, metric] if pole in table.index else None
                values.append(None if value is None or value is pd.NA
                              or (isinstance(value, float) and value != value) else value)
            before, after = values
            if metric.startswith("fragility_reasons"):
                change = "" if before == after else "changed"
            else:
                change = float(after or 0) - float(before or 0)
            rows.append((pole, node_name(G, pole), metric, before, after, change))
    return pd.DataFrame(rows, columns=POLE_CHANGE_COLUMNS)
