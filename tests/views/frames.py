"""Analysis tables with the columns the metrics stage documents, filled from a graph by simple
means, so that every section of the views and the report can be exercised (hostile names
included) independently of how the analysis computes them."""

from __future__ import annotations

from itertools import combinations

import networkx as nx
import pandas as pd


def analysis_frames(G: nx.MultiDiGraph) -> dict[str, pd.DataFrame]:
    U = nx.Graph()
    U.add_nodes_from(G)
    U.add_edges_from(G.edges())
    betweenness = nx.betweenness_centrality(U)
    members: dict[str, list] = {}
    for u, v, t in G.edges(data="type"):
        if t == "member_of":
            members.setdefault(v, []).append(u)
    poles_of = {m: sorted(p for p, ms in members.items() if m in ms) for m in G}
    cooperating = {n for u, v, t in G.edges(data="type") if t == "cooperates_with"
                   for n in (u, v)}
    nodes = pd.DataFrame([{
        "id": n, "type": d.get("type"), "name": d.get("name"), "poles": ";".join(poles_of[n]),
        "sector": d.get("sector"), "degree": U.degree(n), "betweenness": betweenness[n],
        "sector_participation": 0.5 if d.get("type") == "organisation" else 0.0,
        "effective_size": float(U.degree(n)), "articulation_point": False,
        "isolated": d.get("type") == "organisation" and n not in cooperating,
        "peripheral": d.get("type") == "organisation" and n in cooperating
        and U.degree(n) <= 2,
    } for n, d in G.nodes(data=True)])
    funders: dict[str, list] = {}
    for u, v, t in G.edges(data="type"):
        if t == "funds":
            funders.setdefault(v, []).append(u)
    funding = pd.DataFrame([{
        "recipient": r, "recipient_type": G.nodes[r].get("type"), "total": 1000.0 * len(fs),
        "n_funders": len(set(fs)), "top_funder": fs[0], "top_share": 1.0 / len(set(fs)),
        "hhi": 1.0 / len(set(fs)), "public_share": 0.5, "single_funder_dependent": len(fs) == 1,
    } for r, fs in funders.items()])
    poles = pd.DataFrame([{
        "pole": p, "members": len(members.get(p, [])),
        "funding_total": 1000.0 * len(funders.get(p, [])),
        "top_funder": funders[p][0] if p in funders else None,
        "top_funder_share": 0.9 if p in funders else None, "funding_hhi": 0.8,
        "public_share": 0.6, "key_actors": ";".join(sorted(members.get(p, []))[:1]),
        "isolated_members": 1, "fragility_score": 0.2 + 0.6 * (i % 2),
        "fragility_reasons": ";".join(
            [f"depends on {G.nodes[funders[p][0]]['name']}" if p in funders else "no funder",
             f"key actor {G.nodes[sorted(members[p])[0]]['name']}" if members.get(p) else
             "no member"]),
    } for i, p in enumerate(sorted(n for n, t in G.nodes(data="type") if t == "pole"))])
    interpole = pd.DataFrame([{
        "pole_a": a, "pole_b": b,
        "shared_members": len(set(members.get(a, [])) & set(members.get(b, []))),
        "shared_funders": len(set(funders.get(a, [])) & set(funders.get(b, []))),
        "joint_projects": 0, "spin_offs": 1,
    } for a, b in combinations(sorted(members), 2)])
    return {"nodes": nodes, "funding": funding, "poles": poles, "interpole": interpole}
