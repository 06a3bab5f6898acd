"""poles.html: the inter-pole network of a region, from the "poles" and "interpole" tables.

A node per pole, sized by members and coloured on the report's fragility scale. By default a tie
is drawn only when it is specific to the pair (``specific`` in interpole.csv: shared members,
joint projects that are not umbrella projects, spin-offs), as wide as its ``specific_weight``,
its tooltip naming what it is made of. Shared funders are a second layer, off until the user
switches it on; umbrella projects (the regional network) are named in a notice, not drawn: they
tie every pole to every other and hide who really cooperates."""

from __future__ import annotations

import functools
import math

import networkx as nx
import pandas as pd

from ..build import node_name
from ..i18n import Labels
from ..schema import split_ids
from .layout import LABELS_SPREAD, NODE_BUDGET, PHYSICS_LIMIT, positions, spread_labels
from .network import node_tooltip, records_by
from .page import LegendItem, View
from .style import (
    EDGE_STYLE,
    NODE_STYLE,
    colon,
    count_text,
    names_text,
    present,
    scale_colour,
    tie_basis,
    tooltip,
    wrap_label,
)

__all__ = ["poles_view", "INTERPOLE_COUNTS"]

# What a tie of the "interpole" table is made of (its ``weight`` is their sum).
INTERPOLE_COUNTS = ("shared_members", "shared_funders", "joint_projects", "spin_offs")
def poles_view(G: nx.MultiDiGraph, poles_table: pd.DataFrame, interpole_table: pd.DataFrame,
               *, words: Labels, nodes_table: pd.DataFrame | None = None,
               budget: int = NODE_BUDGET) -> View:
    """poles.html: the poles and the ties specific to each pair; shared funders on demand."""
    name = G.graph.get("name") or ""
    view = View(title=words["view.poles"] + (f" · {name}" if name else ""), words=words,
                filters=False, spring_length=240.0, label_sizes=(14, 20),
                node_sizes=(14, 34))
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

    rows = [r for r in interpole_table.to_dict("records")
            if r["source"] in kept and r["target"] in kept]
    specific = [r for r in rows if _specific(r)]
    funders = [r for r in rows if _count(r.get("shared_funders")) > 0]
    names = functools.partial(names_text, G, words=words)
    # the drawing is laid out on the specific ties only: groups of poles that cooperate sit
    # together, the others apart
    where = positions(order, [(r["source"], r["target"]) for r in specific], spacing=230.0)
    view.physics = len(order) <= PHYSICS_LIMIT

    top_members = max((_count(poles[p].get("members")) for p in order), default=0.0)
    for rank, p in enumerate(sorted(order, key=lambda p: (-_count(poles[p].get("members")),
                                                            str(p)))):
        row = poles[p]
        label = node_name(G, p)
        colour = scale_colour(row.get("fragility_score"))
        x, y = where[p]
        title = (node_tooltip(G, p, metrics.get(p, {}), row, words) if p in G
                 else tooltip(label, [], words))
        view.nodes.append({
            "id": p, "label": wrap_label(label), "name": label, "title": title,
            "shape": NODE_STYLE["pole"][0], "color": colour,
            "value": round(math.sqrt(_count(row.get("members")) / top_members), 4)
            if top_members else 0.5,
            "x": x, "y": y, "type": "pole", "sector": "", "rank": rank,
            "borderWidth": 1,
        })

    spread_labels(view.nodes, view.label_sizes, keep=min(len(view.nodes), LABELS_SPREAD),
                  node_sizes=view.node_sizes)
    top_tie = max((_count(r.get("specific_weight")) for r in specific), default=1.0) or 1.0
    tie_colour = EDGE_STYLE["pole_tie"][0]
    for i, r in enumerate(specific):
        a, b = r["source"], r["target"]
        weight = _count(r.get("specific_weight"))
        view.edges.append({
            "id": f"t{i}", "from": a, "to": b, "color": tie_colour,
            "width": round(1.5 + 8 * math.sqrt(weight / top_tie), 2),
            "title": "\n".join([f"{node_name(G, a)} — {node_name(G, b)}",
                                *tie_basis(G, r, words)]),
            "layer": "specific", "basis": _basis_codes(r),
        })
    funder_colour, _ = EDGE_STYLE["shared_funder"]
    top_funders = max((_count(r.get("shared_funders")) for r in funders), default=1.0) or 1.0
    for i, r in enumerate(funders):
        a, b = r["source"], r["target"]
        ids = split_ids(r.get("funders"))
        view.edges.append({
            "id": f"f{i}", "from": a, "to": b, "color": funder_colour, "dashes": True,
            "width": round(1 + 3 * _count(r.get("shared_funders")) / top_funders, 2),
            "title": f"{node_name(G, a)} — {node_name(G, b)}\n"
                     f"{words['interpole.shared_funders']} ({count_text(len(ids), words)})"
                     f"{colon(words)}{names(ids)}",
            "layer": "funders", "hidden": True, "basis": ["shared_funders"],
        })
    view.layers = [("funders", words["ui.layer_funders"], False)] if funders else []

    umbrellas = sorted({u for r in rows for u in split_ids(r.get("umbrella"))}, key=str)
    if umbrellas:
        view.notices.append(words.format(
            "ui.umbrella_notice", names=", ".join(node_name(G, u) for u in umbrellas)))
    lonely = [p for p in order
              if not any(p in (r["source"], r["target"]) for r in specific)]
    drawn_pairs = len(specific)
    pairs = len(order) * (len(order) - 1) // 2
    view.subtitle = words.format("ui.poles_subtitle", drawn=count_text(drawn_pairs, words),
                                 pairs=count_text(pairs, words),
                                 lonely=count_text(len(lonely), words))
    view.legend = [
        LegendItem("scale", words["ui.colour_fragility"], low=words["ui.low"],
                   high=words["ui.high"], unknown=words["ui.unknown"]),
        LegendItem("text", words["ui.size_members"]),
        LegendItem("edge", words["ui.width_specific"], tie_colour),
        *([LegendItem("edge", words["ui.layer_funders_legend"], funder_colour, dashed=True)]
          if funders else []),
    ]
    view.glossary = ["fragility_score", "specific_tie", "umbrella_project", "shared_funders"]
    return view


def _specific(row: dict) -> bool:
    value = row.get("specific")
    if present(value):
        return bool(value) if not isinstance(value, str) else value.lower() == "true"
    return _count(row.get("specific_weight")) > 0


def _basis_codes(row: dict) -> list[str]:
    return [c for c in ("shared_members", "specific_projects", "spin_offs")
            if _count(row.get(c)) > 0]


def _count(value) -> float:
    return float(value) if present(value) else 0.0
