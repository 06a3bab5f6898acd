"""Which poles are connected, and by what: the poles layer's ties --
``OUT/metrics/interpole.csv``."""

from __future__ import annotations

import networkx as nx
import pandas as pd

from ..schema import join_ids
from .layers import poles_layer

__all__ = ["INTERPOLE_COLUMNS", "interpole_ties", "pole_components"]

INTERPOLE_COLUMNS = [
    "source", "target", "source_name", "target_name", "weight", "shared_members",
    "shared_funders", "joint_projects", "spin_offs", "members", "funders", "projects",
    "component",
]


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
    (:func:`pole_components`).
    """
    P = poles_layer(G, year=year)
    component = pole_components(P)
    rows = []
    for u, v, d in P.edges(data=True):
        a, b = sorted((u, v), key=str)
        rows.append({
            "source": a, "target": b,
            "source_name": P.nodes[a].get("name"), "target_name": P.nodes[b].get("name"),
            **{k: d[k] for k in ("weight", "shared_members", "shared_funders",
                                 "joint_projects", "spin_offs")},
            **{k: join_ids(d[k]) for k in ("members", "funders", "projects")},
            "component": component[a],
        })
    frame = pd.DataFrame(rows, columns=INTERPOLE_COLUMNS)
    return frame.sort_values(["source", "target"], kind="stable").reset_index(drop=True)
