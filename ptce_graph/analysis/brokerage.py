"""Who brokers between whom: Gould-Fernandez brokerage roles with the sector as the group, and
the organisations that belong to several poles -- ``OUT/metrics/brokerage.csv``.

Undirected variant used here (cooperation has no direction): an actor ``b`` brokers a pair of
its partners ``a``, ``c`` when ``a`` and ``c`` have no tie of their own. The pair counts as

- *coordinator* when a, b and c share a sector;
- *itinerant* (consultant) when a and c share a sector that is not b's;
- *representative/gatekeeper* when exactly one of a, c shares b's sector (the two roles differ
  only by the direction of flow, which undirected ties do not have, so they are merged);
- *liaison* when the three sectors all differ.

Groups are sectors; an actor without a sector counts in its type's group ('collectivity') or in
'unknown'. ``cross_sector`` = representative/gatekeeper + liaison: pairs from different sectors.
"""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pandas as pd

from ..build import restrict_to_year
from ..schema import join_ids
from .centrality import sector_of
from .layers import cooperation_layer, pole_memberships

__all__ = ["BROKERAGE_COLUMNS", "brokerage_counts", "brokerage_roles"]

BROKERAGE_COLUMNS = [
    "id", "name", "type", "sector", "poles", "n_poles", "multi_pole", "coordinator",
    "itinerant", "representative_gatekeeper", "liaison", "total", "cross_sector",
]


def _role(ga: str, gb: str, gc: str) -> str:
    if ga == gc:
        return "coordinator" if ga == gb else "itinerant"
    return "representative_gatekeeper" if gb in (ga, gc) else "liaison"


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def brokerage_counts(C: nx.Graph, groups: dict | None = None) -> dict:
    """node -> {role: number of brokered pairs} on an undirected graph ``C``.

    ``groups`` maps node -> group (default: :func:`.centrality.sector_of`). Counted by
    combinatorics over each node's partners per group, minus the pairs that are tied to each
    other (found once per tie), so hubs cost no more than their triangles.

    >>> C = nx.path_graph(["a", "b", "c"])
    >>> brokerage_counts(C, {"a": "x", "b": "y", "c": "z"})["b"]["liaison"]
    1
    """
    if groups is None:
        groups = {n: sector_of(d) for n, d in C.nodes(data=True)}
    counts = {}
    for b in C:
        gb = groups[b]
        by_group = Counter(groups[a] for a in C[b])
        k = C.degree(b)
        own = by_group.get(gb, 0)
        others_same = sum(_pairs(c) for g, c in by_group.items() if g != gb)
        counts[b] = {
            "coordinator": _pairs(own),
            "itinerant": others_same,
            "representative_gatekeeper": own * (k - own),
            "liaison": _pairs(k - own) - others_same,
        }
    adjacency = {n: set(C[n]) for n in C}
    for a, c in C.edges():
        if a == c:
            continue
        for b in adjacency[a] & adjacency[c]:
            counts[b][_role(groups[a], groups[b], groups[c])] -= 1
    return counts


def brokerage_roles(G: nx.MultiDiGraph, *, year: int | None = None,
                    cooperation: nx.Graph | None = None) -> pd.DataFrame:
    """Brokerage roles on the cooperation layer, a row per actor who brokers at least one pair
    or belongs to two or more poles.

    Columns: ``id, name, type, sector, poles`` (ids joined by ``;``), ``n_poles``,
    ``multi_pole`` (member of or animating two or more poles), the four role counts
    ``coordinator, itinerant, representative_gatekeeper, liaison``, ``total`` and
    ``cross_sector`` (pairs from two different sectors). Sorted by ``cross_sector``, then
    ``total`` (both decreasing), then id. ``cooperation``: ``cooperation_layer(G, year=year)``
    when the caller already has it.
    """
    H = restrict_to_year(G, year)
    C = cooperation if cooperation is not None else cooperation_layer(G, year=year)
    counts = brokerage_counts(C)
    memberships = pole_memberships(H)
    rows = []
    for node in C:
        roles = counts[node]
        total = sum(roles.values())
        poles = sorted(memberships.get(node, ()))
        if total == 0 and len(poles) < 2:
            continue
        attrs = C.nodes[node]
        rows.append({
            "id": node, "name": attrs.get("name"), "type": attrs.get("type"),
            "sector": attrs.get("sector"), "poles": join_ids(poles),
            "n_poles": len(poles), "multi_pole": len(poles) >= 2, **roles, "total": total,
            "cross_sector": roles["representative_gatekeeper"] + roles["liaison"],
        })
    frame = pd.DataFrame(rows, columns=BROKERAGE_COLUMNS)
    frame = frame.sort_values("id", kind="stable")
    frame = frame.sort_values(["cross_sector", "total"], ascending=False, kind="stable")
    return frame.reset_index(drop=True)
