"""poles.html: the inter-pole network of a region, from the "poles" and "interpole" tables.

A node per pole, sized by members and coloured by fragility score; a tie per pair of poles that
share members, funders, projects or spin-offs, as wide as the tie's ``weight`` (their sum)."""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd

from ..build import node_name
from ..i18n import Labels
from .layout import NODE_BUDGET, PHYSICS_LIMIT, positions
from .network import node_tooltip, records_by
from .page import LegendItem, View
from .style import EDGE_STYLE, NODE_STYLE, present, scale_colour, tooltip

__all__ = ["poles_view", "INTERPOLE_COUNTS"]

# What a tie of the "interpole" table is made of (its ``weight`` is their sum).
INTERPOLE_COUNTS = ("shared_members", "shared_funders", "joint_projects", "spin_offs")


def poles_view(G: nx.MultiDiGraph, poles_table: pd.DataFrame, interpole_table: pd.DataFrame,
               *, words: Labels, nodes_table: pd.DataFrame | None = None,
               budget: int = NODE_BUDGET) -> View:
    """poles.html: the poles and the ties between them."""
    name = G.graph.get("name") or ""
    # few nodes, long names, most tied to each other: room and readable labels for every pole
    view = View(title=words["view.poles"] + (f" · {name}" if name else ""), words=words,
                filters=False, spring_length=240.0, label_sizes=(15, 22))
    poles = records_by(poles_table, "pole")
    metrics = records_by(nodes_table, "id")
    order = sorted(poles, key=lambda p: (-_count(poles[p].get("members")), str(p)))
    view.total_nodes = len(order)
    if len(order) > budget:
        view.notices.append(words.format("ui.budget_notice", kept=words.number(budget),
                                         total=words.number(len(order)),
                                         rest=words.number(len(order) - budget)))
        order = order[:budget]
    kept = set(order)

    ties = []
    for row in interpole_table.to_dict("records"):
        a, b = row["source"], row["target"]
        if a in kept and b in kept:
            ties.append((a, b, _count(row["weight"]), [(c, row[c]) for c in INTERPOLE_COUNTS]))
    where = positions(order, [(a, b) for a, b, *_ in ties], spacing=220.0)
    view.physics = len(order) <= PHYSICS_LIMIT

    top_members = max((_count(poles[p].get("members")) for p in order), default=0.0)
    for p in order:
        row = poles[p]
        label = node_name(G, p)
        colour = scale_colour(row.get("fragility_score"))  # a score in [0, 1]
        x, y = where[p]
        title = (node_tooltip(G, p, metrics.get(p, {}), row, words) if p in G
                 else tooltip(label, [], words))
        view.nodes.append({
            "id": p, "label": label, "name": label, "title": title,
            "shape": NODE_STYLE["pole"][0], "color": colour,
            "value": round(math.sqrt(_count(row.get("members")) / top_members), 4)
            if top_members else 0.5,
            "x": x, "y": y, "type": "pole", "sector": "",
            "borderWidth": 1,
        })
    top_tie = max((t for _, _, t, _ in ties), default=1.0)
    for i, (a, b, total, parts) in enumerate(ties):
        name_a = node_name(G, a)
        name_b = node_name(G, b)
        detail = ", ".join(f"{int(_count(v))} {words[f'interpole.{c}']}"
                           for c, v in parts if _count(v) > 0)
        view.edges.append({
            "id": f"t{i}", "from": a, "to": b, "color": EDGE_STYLE["pole_tie"][0],
            "width": round(1 + 5 * total / top_tie, 2),
            "title": f"{name_a} — {name_b}\n{detail}",
        })
    view.legend = [  # the colour says fragility, not type: a neutral swatch
        LegendItem("node", words["type.pole"], "#8a8a8a", NODE_STYLE["pole"][0]),
        LegendItem("scale", words["ui.colour_fragility"], low=words["ui.low"],
                   high=words["ui.high"]),
        LegendItem("text", words["ui.size_members"]),
        LegendItem("text", words["ui.width_weight"]),
    ]
    if not view.physics:
        view.notices.append(words["ui.static_notice"])
    return view


def _count(value) -> float:
    return float(value) if present(value) else 0.0
