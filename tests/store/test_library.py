"""Integration: every library query, run on each bundled dataset in the store, gives the answer
the networkx analysis of the same graph gives."""

from __future__ import annotations

import math
from collections import defaultdict

import pandas as pd
import pytest

from ptce_graph import analysis
from ptce_graph.analysis import analyze
from ptce_graph.analysis.profile import funding_by_year, pole_funding, pole_profiles
from ptce_graph.build import (
    build_graph,
    cooperation_ties,
    edges_of_type,
    nodes_of_type,
    restrict_to_year,
)
from ptce_graph.ingest import BUNDLED_DATASETS
from ptce_graph.store import convert_parameters, library, load_into_store, run_query
from ptce_graph.store.writeback import write_back_analysis
from ptce_graph.time_model import resolve_as_of


def _normal(value):
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, list):
        return tuple(sorted(_normal(v) for v in value))
    return value


def rows(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    return sorted((tuple(_normal(r[c]) for c in columns) for r in frame.to_dict("records")),
                  key=repr)


def _members_of(G) -> dict[str, set[str]]:
    poles = defaultdict(set)
    for u, v, _ in edges_of_type(G, "member_of"):
        poles[u].add(v)
    return poles


def _funders(G) -> dict[str, dict[str, float]]:
    received = defaultdict(lambda: defaultdict(float))
    for u, v, d in edges_of_type(G, "funds"):
        received[v][u] += float(d.get("amount") or 0.0)
    return received


# -------------------------------------------------------------- the networkx side, per query


def _as_of(G) -> int | None:
    """The year analyze() judges at (the time model): write-back values are as of that year."""
    return resolve_as_of(G, None).year


def isolated_members(G, pole, as_of):
    """node_metrics' isolated members as of ``as_of``, among the pole's members that year
    (a member who left is not listed: issue 9)."""
    H = restrict_to_year(G, as_of)
    members = {u for u, v, _ in edges_of_type(H, "member_of") if v == pole}
    nodes = analysis.node_metrics(G, year=as_of)
    return nodes[nodes["isolated"] & nodes["id"].isin(members)].rename(
        columns={"id": "member"}).assign(category=lambda f: [G.nodes[m].get("category")
                                                              for m in f["member"]])


def single_funder_members(G, threshold):
    """funding_dependence's single-funder-dependent recipients, among pole members."""
    members = _members_of(G)
    funding = analysis.funding_dependence(G, threshold=threshold)
    dependent = funding[funding["single_funder_dependent"] & funding["recipient"].isin(members)]
    return dependent.rename(columns={
        "recipient": "member", "n_funders": "funders", "top_funder": "main_funder",
        "top_share": "main_funder_share", "total": "funding"}).assign(
        name=lambda f: [G.nodes[m].get("name") for m in f["member"]])


def funding_concentration(G):
    grants = pole_funding(G)
    out = []
    for pole, frame in grants.groupby("pole"):
        per_funder = frame.groupby("funder")["amount"].sum()
        funding = per_funder.sum()
        if funding > 0:
            shares = per_funder / funding
            out.append({"pole": pole, "name": G.nodes[pole].get("name"),
                        "funders": len(per_funder), "funding": funding,
                        "concentration": float((shares ** 2).sum()),
                        "main_funder_share": float(shares.max())})
    return pd.DataFrame(out)


def funder_withdrawal(G):
    only = defaultdict(list)
    for recipient, amounts in _funders(G).items():
        if len(amounts) == 1:
            only[next(iter(amounts))].append(recipient)
    return pd.DataFrame([{"funder": f, "name": G.nodes[f].get("name"), "unfunded": len(r),
                          "recipients": r} for f, r in only.items()])


def cross_sector_projects(G, min_sectors):
    out = []
    for project in nodes_of_type(G, "project"):
        participants = {u for u, v, _ in edges_of_type(G, "participates_in") if v == project}
        sectors = {G.nodes[p]["sector"] for p in participants if G.nodes[p].get("sector")}
        if len(sectors) >= min_sectors:
            out.append({"project": project, "name": G.nodes[project].get("name"),
                        "sector_count": len(sectors), "sectors": list(sectors),
                        "participants": len(participants)})
    return pd.DataFrame(out)


def multi_pole_organisations(G, min_poles, as_of):
    """Organisations members of min_poles poles or more as of ``as_of`` (issue 9)."""
    G = restrict_to_year(G, as_of)
    return pd.DataFrame([
        {"organisation": o, "name": G.nodes[o].get("name"), "pole_count": len(p), "poles": list(p)}
        for o, p in _members_of(G).items()
        if G.nodes[o]["type"] == "organisation" and len(p) >= min_poles])


def inter_pole_ties(G):
    poles = _members_of(G)
    ties = defaultdict(int)
    for a, b, _ in cooperation_ties(G):
        pairs = {tuple(sorted((p, q))) for p in poles.get(a, ()) for q in poles.get(b, ())
                 if p != q}
        for pair in pairs:
            ties[pair] += 1
    return pd.DataFrame([{"pole_a": p, "pole_b": q, "cooperation_ties": n,
                          "shared_members": sum(1 for s in poles.values() if {p, q} <= s)}
                         for (p, q), n in ties.items()])


def pole_funding_per_year(G, pole):
    per_year = funding_by_year(pole_funding(G))
    return per_year[per_year["pole"] == pole]


def unfunded_projects(G):
    funded = {v for _, v, _ in edges_of_type(G, "funds")}
    part_of = defaultdict(list)
    for u, v, _ in edges_of_type(G, "part_of"):
        part_of[u].append(v)
    return pd.DataFrame([{"project": p, "name": G.nodes[p].get("name"),
                          "sector": G.nodes[p].get("sector"), "poles": part_of[p]}
                         for p in nodes_of_type(G, "project") if p not in funded])


def ess_company_ties(G):
    def ess(n):
        return G.nodes[n]["type"] == "organisation" and G.nodes[n].get("ess") is True

    def company(n):
        attrs = G.nodes[n]
        return (attrs["type"] == "organisation" and attrs.get("category") == "company"
                and attrs.get("ess") is not True)

    out = []
    for a, b, d in cooperation_ties(G):
        for e, k in ((a, b), (b, a)):
            if ess(e) and company(k):
                out.append({"ess_organisation": e, "ess_name": G.nodes[e].get("name"),
                            "company": k, "company_name": G.nodes[k].get("name"),
                            "kind": d.get("kind"), "since": d.get("since")})
    return pd.DataFrame(out)


def collectivities_per_pole(G):
    profiles = pole_profiles(G)
    return profiles.assign(name=[G.nodes[p].get("name") for p in profiles["pole"]])


def key_actors(G, limit):
    """pole_fragility's key actors (of any pole), with node_metrics' centrality columns."""
    poles_of = defaultdict(list)
    year = _as_of(G)
    for row in analysis.pole_fragility(G, year=year).to_dict("records"):
        actors = row["key_actors"]  # NaN for none: pandas 3 strings
        for actor in actors.split(";") if isinstance(actors, str) else []:
            if actor:
                poles_of[actor].append(row["pole"])
    nodes = analysis.node_metrics(G, year=year)
    frame = nodes[nodes["id"].isin(poles_of)].rename(columns={"id": "actor"})
    frame = frame.assign(key_actor_poles=[poles_of[a] for a in frame["actor"]],
                         order=frame["betweenness"].astype(float).fillna(-1.0))
    frame = frame.sort_values(["order", "actor"], ascending=[False, True])
    return frame.head(limit)


COUNTERPARTS = {
    "isolated-members": lambda G, p: isolated_members(G, p["pole"],
                                                      p["as_of"] or _as_of(G)),
    "single-funder-members": lambda G, p: single_funder_members(G, p["threshold"]),
    "funding-concentration": lambda G, p: funding_concentration(G),
    "funder-withdrawal": lambda G, p: funder_withdrawal(G),
    "cross-sector-projects": lambda G, p: cross_sector_projects(G, p["min_sectors"]),
    "multi-pole-organisations": lambda G, p: multi_pole_organisations(
        G, p["min_poles"], p["as_of"] or _as_of(G)),
    "inter-pole-ties": lambda G, p: inter_pole_ties(G),
    "key-actors": lambda G, p: key_actors(G, p["limit"]),
    "pole-funding-per-year": lambda G, p: pole_funding_per_year(G, p["pole"]),
    "unfunded-projects": lambda G, p: unfunded_projects(G),
    "ess-company-ties": lambda G, p: ess_company_ties(G),
    "collectivities-per-pole": lambda G, p: collectivities_per_pole(G),
}
# Parameters beyond the header defaults, per query
GIVEN = {"isolated-members": "pole", "pole-funding-per-year": "pole"}
# More parameter values than the defaults, per query
# Years judged besides the loaded dataset's as-of year (queries taking $as_of)
AS_OF_VARIANTS = {"isolated-members": [{}, {"as_of": "2014"}, {"as_of": "2019"}]}
VARIANTS = {"single-funder-members": [{}, {"threshold": "0.8"}, {"threshold": "1"}],
            "key-actors": [{}, {"limit": "1000"}],
            "multi-pole-organisations": [{}, {"as_of": "2014"}, {"min_poles": "1",
                                                                 "as_of": "2019"}]}


def test_every_library_query_has_a_networkx_counterpart():
    assert set(COUNTERPARTS) == set(library())


@pytest.mark.parametrize("dataset_name", BUNDLED_DATASETS)
def test_library_matches_networkx(store, datasets, dataset_name):
    dataset = datasets[dataset_name]
    G = build_graph(dataset.nodes, dataset.edges, name=dataset.name)
    load_into_store(store, dataset, replace=True, as_of=_as_of(G))
    write_back_analysis(store, analyze(G))
    poles = nodes_of_type(G, "pole")
    checked = 0
    for name, query in library().items():
        years = AS_OF_VARIANTS.get(name, [{}])
        for given in ([{"pole": p, **year} for p in poles for year in years]
                      if name in GIVEN else VARIANTS.get(name, [{}])):
            params = convert_parameters(query, given)
            answer = run_query(store, query, params)
            assert list(answer.columns) == list(query.returns), name
            expected = COUNTERPARTS[name](G, params)
            columns = list(query.returns)
            if name == "collectivities-per-pole":
                columns = ["pole", "name", "collectivities"]
            if expected.empty:
                assert answer.empty, (name, given)
            else:
                assert rows(answer, columns) == rows(expected, columns), (name, given)
                checked += 1
    assert checked >= 5  # the datasets exercise most queries with non-empty answers
