"""Counts by type and the per-pole profile the field's studies use (RTES 2014, 2016).

Funding amounts are totals over a grant's ``start``..``end`` years; a year's share is the amount
spread evenly over those years. A grant with no start year counts in the totals only."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
import pandas as pd

from ..build import edges_of_type, nodes_of_type, restrict_to_year
from ..schema import EDGE_TYPES, NODE_TYPES
from ..time_model import year_of

__all__ = [
    "type_counts",
    "pole_members",
    "pole_funding",
    "funding_by_year",
    "spread_over_years",
    "pole_profiles",
    "PROFILE_COLUMNS",
]

PROFILE_COLUMNS = [
    "pole",
    "name",
    "status",
    "territory",
    "members",
    "founders",
    "later_members",
    "employees",
    "budget",
    "own_revenue_share",
    "collectivities",
    "funders",
    "funding_total",
]


def type_counts(G: nx.MultiDiGraph) -> pd.DataFrame:
    """A row per node type then per edge type: ``kind`` (node/edge), ``type``, ``count``."""
    nodes = pd.Series([t for _, t in G.nodes(data="type")]).value_counts()
    edges = pd.Series([t for *_, t in G.edges(data="type")]).value_counts()
    rows = [("node", t, int(nodes.get(t, 0))) for t in NODE_TYPES]
    rows += [("edge", t, int(edges.get(t, 0))) for t in EDGE_TYPES]
    return pd.DataFrame(rows, columns=["kind", "type", "count"])


def pole_members(G: nx.MultiDiGraph) -> pd.DataFrame:
    """A row per membership: ``pole, member, member_type, role, since, until``."""
    rows = [
        (v, u, G.nodes[u].get("type"), d.get("role", "member"), d.get("since"), d.get("until"))
        for u, v, d in edges_of_type(G, "member_of")
    ]
    frame = pd.DataFrame(rows, columns=["pole", "member", "member_type", "role", "since", "until"])
    return frame.sort_values(["pole", "member"], kind="stable").reset_index(drop=True)


def _project_poles(G: nx.MultiDiGraph) -> dict[str, set[str]]:
    poles: dict[str, set[str]] = defaultdict(set)
    for u, v, _ in edges_of_type(G, "part_of"):
        poles[u].add(v)
    return poles


def pole_funding(G: nx.MultiDiGraph) -> pd.DataFrame:
    """A row per grant reaching a pole, directly or through one of its projects.

    Columns: ``pole``, ``funder``, ``recipient``, ``amount``, ``start``, ``end``, ``purpose``,
    ``programme``.
    """
    project_poles = _project_poles(G)
    rows = []
    for u, v, d in edges_of_type(G, "funds"):
        kind = G.nodes[v].get("type")
        poles = {v} if kind == "pole" else project_poles.get(v, set()) if kind == "project" else ()
        for pole in sorted(poles):
            rows.append((pole, u, v, float(d.get("amount", 0.0) or 0.0), year_of(d.get("start")),
                         year_of(d.get("end")), d.get("purpose"), d.get("programme")))
    columns = ["pole", "funder", "recipient", "amount", "start", "end", "purpose", "programme"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["start"] = frame["start"].astype("Int64")
    frame["end"] = frame["end"].astype("Int64")
    return frame


def spread_over_years(amount: float, start, end) -> list[tuple[int, float]]:
    """A grant's amount spread evenly over its years ``start``..``end``; ``[]`` without a
    start year, one year when there is no end.

    >>> spread_over_years(90.0, 2014, 2016)
    [(2014, 30.0), (2015, 30.0), (2016, 30.0)]
    """
    if start is None or start is pd.NA:
        return []
    end = start if end is None or end is pd.NA else end
    years = range(int(start), int(end) + 1)
    return [(year, amount / len(years)) for year in years]


def funding_by_year(grants: pd.DataFrame, key: str = "pole") -> pd.DataFrame:
    """Spread each grant evenly over its years: a row per (``key``, ``funder``, ``year``)
    with ``amount``. Grants without a start year are left out (they have no year)."""
    rows = [(getattr(grant, key), grant.funder, year, amount)
            for grant in grants.itertuples(index=False)
            for year, amount in spread_over_years(grant.amount, grant.start, grant.end)]
    frame = pd.DataFrame(rows, columns=[key, "funder", "year", "amount"])
    return (frame.groupby([key, "funder", "year"], as_index=False)["amount"].sum()
            .sort_values([key, "year", "funder"], kind="stable").reset_index(drop=True))


def _sum_known(values) -> float | None:
    known = [float(v) for v in values if v is not None]
    return sum(known) if known else None


def pole_profiles(G: nx.MultiDiGraph, *, year: int | None = None) -> pd.DataFrame:
    """The profile of each pole: a row per pole, sorted by id.

    Columns: ``pole, name, status, territory, members`` (member organisations), ``founders``,
    ``later_members``, ``employees`` and ``budget`` (sums over members where known),
    ``own_revenue_share`` (members' own revenue / their budget, where both are known),
    ``collectivities`` (members, funders or project partners of the pole), ``funders`` (of the
    pole or its projects), ``funding_total`` (EUR; for ``year``, that year's share), then one
    ``funding_YYYY`` column per year that has funding.

    ``year`` restricts everything to what is active that year.
    """
    H = restrict_to_year(G, year)
    members = pole_members(H)
    grants = pole_funding(H)
    per_year = funding_by_year(grants)
    if year is not None:
        per_year = per_year[per_year["year"] == year]
    project_poles = _project_poles(H)
    involved: dict[str, set[str]] = defaultdict(set)
    for u, v, _ in edges_of_type(H, "participates_in"):
        for pole in project_poles.get(v, ()):
            if H.nodes[u].get("type") == "collectivity":
                involved[pole].add(u)
    # grouped once: filtering the whole tables for every pole is quadratic at national scale
    members_of = {p: f for p, f in members.groupby("pole", sort=False)}
    grants_of = {p: f for p, f in grants.groupby("pole", sort=False)}
    year_totals = per_year.groupby("pole")["amount"].sum() if year is not None else None
    rows = []
    for pole in nodes_of_type(H, "pole"):
        attrs = H.nodes[pole]
        mine = members_of.get(pole, members.iloc[0:0])
        orgs = mine[mine["member_type"] == "organisation"]
        org_attrs = [H.nodes[m] for m in orgs["member"].unique()]
        both = [a for a in org_attrs if a.get("own_revenue") is not None
                and a.get("budget") is not None]
        budget_known = sum(a["budget"] for a in both)
        pole_grants = grants_of.get(pole, grants.iloc[0:0])
        collectivities = set(mine.loc[mine["member_type"] == "collectivity", "member"])
        collectivities |= {f for f in pole_grants["funder"]
                           if H.nodes[f].get("type") == "collectivity"}
        collectivities |= involved[pole]
        if year is None:
            total = float(pole_grants["amount"].sum())
        else:
            total = float(year_totals.get(pole, 0.0))
        rows.append({
            "pole": pole,
            "name": attrs.get("name"),
            "status": attrs.get("status"),
            "territory": attrs.get("territory"),
            "members": int(orgs["member"].nunique()),
            "founders": int(orgs.loc[orgs["role"] == "founder", "member"].nunique()),
            "later_members": int(orgs.loc[orgs["role"] != "founder", "member"].nunique()),
            "employees": _sum_known(a.get("employees") for a in org_attrs),
            "budget": _sum_known(a.get("budget") for a in org_attrs),
            "own_revenue_share": (sum(a["own_revenue"] for a in both) / budget_known
                                  if budget_known else None),
            "collectivities": len(collectivities),
            "funders": int(pole_grants["funder"].nunique()),
            "funding_total": total,
        })
    frame = pd.DataFrame(rows, columns=PROFILE_COLUMNS)
    if not per_year.empty:
        wide = per_year.pivot_table(index="pole", columns="year", values="amount", aggfunc="sum")
        for y in sorted(wide.columns):
            frame[f"funding_{y}"] = frame["pole"].map(wide[y]).fillna(0.0)
    return frame.reset_index(drop=True)
