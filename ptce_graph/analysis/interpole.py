"""Which poles are connected, and by what: the poles layer's ties --
``OUT/metrics/interpole.csv`` -- and which of them are specific to the pair.

A tie resting only on an *umbrella* project (one that joins most poles of a region, as the
Auvergne-Rhône-Alpes regional working group joins 15 of 15) or on shared funders says little
about two poles: in the regional dataset 52 of 72 ties were of that kind. A tie is *specific*
when the two poles share member organisations, run a joint project that is not an umbrella
project, or spun activities off to each other."""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pandas as pd

from ..schema import join_ids
from .layers import poles_layer, project_poles

__all__ = ["INTERPOLE_COLUMNS", "SPECIFIC_PARTS", "interpole_ties", "pole_components",
           "umbrella_projects", "is_umbrella_flag"]

INTERPOLE_COLUMNS = [
    "source", "target", "source_name", "target_name", "weight", "shared_members",
    "shared_funders", "joint_projects", "spin_offs", "members", "funders", "projects",
    "component",
    # added with the specific/umbrella split (issue 11): the older columns keep their meaning
    "specific_projects", "umbrella_projects", "specific_weight", "specific", "umbrella",
]
# the counts a specific tie is made of (its ``specific_weight`` is their sum)
SPECIFIC_PARTS = ("shared_members", "specific_projects", "spin_offs")
# A project joining more than this share of a region's poles (and at least UMBRELLA_MIN_POLES)
# is the region's network, not a cooperation between two of them.
UMBRELLA_SHARE = 0.5
UMBRELLA_MIN_POLES = 3
_FLAG_VALUES = {"true", "1", "yes", "oui", "vrai", "x"}


def is_umbrella_flag(attrs: dict) -> bool:
    """Whether a project's own attributes flag it as a regional network: ``category`` is
    ``network`` (``reseau``) or an ``umbrella`` column holds a true value."""
    category = str(attrs.get("category") or "").strip().lower()
    flag = str(attrs.get("umbrella") or "").strip().lower()
    return category in ("network", "reseau", "réseau") or flag in _FLAG_VALUES


def umbrella_projects(G: nx.MultiDiGraph, of_project: dict[str, set] | None = None) -> set:
    """Projects that join most poles of their region, or are flagged as a regional network.

    A project is an umbrella when it is tied (``part_of`` or a pole's participation) to more
    than :data:`UMBRELLA_SHARE` of the poles of the region most of its poles are in, and to
    at least :data:`UMBRELLA_MIN_POLES` poles; or when :func:`is_umbrella_flag` says so. Poles
    without a ``region`` count as one region.

    >>> G = nx.MultiDiGraph()
    >>> for p in "abcd": G.add_node(p, type="pole", region="R")
    >>> G.add_node("net", type="project"); G.add_node("duo", type="project")
    >>> for p in "abc": _ = G.add_edge(p, "net", type="participates_in")
    >>> for p in "ab": _ = G.add_edge(p, "duo", type="participates_in")
    >>> sorted(umbrella_projects(G))
    ['net']
    """
    of_project = project_poles(G) if of_project is None else of_project
    region_of = {n: str(d.get("region") or "") for n, d in G.nodes(data=True)
                 if d.get("type") == "pole"}
    region_size = Counter(region_of.values())
    umbrellas = set()
    for project, poles in of_project.items():
        if project in G and is_umbrella_flag(G.nodes[project]):
            umbrellas.add(project)
            continue
        regions = Counter(region_of[p] for p in poles if p in region_of)
        if not regions:
            continue
        region, count = min(regions.items(), key=lambda kv: (-kv[1], kv[0]))
        if count >= UMBRELLA_MIN_POLES and count > UMBRELLA_SHARE * region_size[region]:
            umbrellas.add(project)
    return umbrellas


def pole_components(P: nx.Graph) -> dict:
    """pole -> number of its connected group of poles, numbered by decreasing size then smallest
    id (0 is the largest group)."""
    parts = sorted(nx.connected_components(P), key=lambda c: (-len(c), min(map(str, c))))
    return {pole: k for k, part in enumerate(parts) for pole in part}


def interpole_ties(G: nx.MultiDiGraph, *, year: int | None = None) -> pd.DataFrame:
    """A row per tie between two poles, sorted by (source, target) with source < target.

    Columns: ``source, target, source_name, target_name``; the tie's ``weight`` and its
    components ``shared_members``, ``shared_funders``, ``joint_projects``, ``spin_offs`` (see
    :func:`.layers.poles_layer`); ``members``, ``funders``, ``projects``: the ids behind the
    counts, joined by ``;``; ``component``: the connected group of poles the tie belongs to
    (:func:`pole_components`); ``specific_projects`` and ``umbrella_projects``: the joint
    projects that are not / are umbrella projects (:func:`umbrella_projects`), ``umbrella``
    the ids of the latter; ``specific_weight``: shared members + specific projects +
    spin-offs; ``specific``: whether that is above zero (the tie rests on something the two
    poles share with few others).
    """
    from ..build import restrict_to_year

    P = poles_layer(G, year=year)
    H = restrict_to_year(G, year)
    umbrellas = umbrella_projects(H)
    component = pole_components(P)
    rows = []
    for u, v, d in P.edges(data=True):
        a, b = sorted((u, v), key=str)
        umbrella = [p for p in d["projects"] if p in umbrellas]
        specific_projects = d["joint_projects"] - len(umbrella)
        specific_weight = d["shared_members"] + specific_projects + d["spin_offs"]
        rows.append({
            "source": a, "target": b,
            "source_name": P.nodes[a].get("name"), "target_name": P.nodes[b].get("name"),
            **{k: d[k] for k in ("weight", "shared_members", "shared_funders",
                                 "joint_projects", "spin_offs")},
            **{k: join_ids(d[k]) for k in ("members", "funders", "projects")},
            "component": component[a],
            "specific_projects": specific_projects,
            "umbrella_projects": len(umbrella),
            "specific_weight": specific_weight,
            "specific": specific_weight > 0,
            "umbrella": join_ids(umbrella),
        })
    frame = pd.DataFrame(rows, columns=INTERPOLE_COLUMNS)
    return frame.sort_values(["source", "target"], kind="stable").reset_index(drop=True)

