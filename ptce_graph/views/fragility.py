"""fragility.html: which poles are fragile, and on whom they depend, from the "funding" and
"poles" tables.

Poles are drawn large and labelled with their fragility score, coloured on the report's scale
(the colour of the score badges; grey when the score is unknown); funders, members and projects
small and muted, so that the eye goes to the poles; funding ties as wide as the amount; the
poles' key actors drawn as stars."""

from __future__ import annotations

import math
from collections import defaultdict

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
    KEY_ACTOR_COLOUR,
    MUTED_COLOUR,
    NODE_STYLE,
    present,
    scale_colour,
    score_text,
    tooltip,
    wrap_label,
)

__all__ = ["fragility_view", "FUNDING_FACTS"]

FUNDING_FACTS = ("total", "n_funders", "top_share", "hhi", "public_share",
                 "single_funder_dependent")


def _value(amount: float, top: float, key_actor: bool) -> float:
    """Size by funding given or received; a key actor stays visible whatever it receives."""
    value = math.sqrt(amount / top) if top else 0.3
    return round(max(value, 0.4) if key_actor else value, 4)


def _label_order(everyone: list, poles: dict, received: dict, gives: dict) -> dict:
    """Whose label is placed first: poles, most fragile first (unknown scores last), then
    funders and recipients by the amount they give or receive."""
    def key(n):
        row = poles.get(n)
        if row is not None:
            score = row.get("fragility_score")
            return (0, -float(score) if present(score) else 1.0, str(n))
        return (1, -(received.get(n, 0.0) + gives.get(n, 0.0)), str(n))
    return {n: i for i, n in enumerate(sorted(everyone, key=key))}


def fragility_view(G: nx.MultiDiGraph, funding_table: pd.DataFrame | None,
                   poles_table: pd.DataFrame | None, *, words: Labels,
                   nodes_table: pd.DataFrame | None = None,
                   budget: int = NODE_BUDGET) -> View:
    """fragility.html: the funding ties, recipients' dependence and the key actors."""
    name = G.graph.get("name") or ""
    # funding splits into many small groups (a funder and its recipients): pull them together
    view = View(title=words["view.fragility"] + (f" · {name}" if name else ""), words=words,
                central_gravity=1.0, label_sizes=(12, 28), spring_length=170.0)
    funding = records_by(funding_table, "recipient")
    poles = records_by(poles_table, "pole")
    metrics = records_by(nodes_table, "id")

    # funder -> recipient: total amount and grants, for the width and the tooltip
    given: dict[tuple, list[float]] = defaultdict(list)
    for u, v, d in G.edges(data=True):
        if d.get("type") == "funds":
            amount = d.get("amount")
            given[(u, v)].append(float(amount) if present(amount) else 0.0)
    key_actors: dict[str, set] = defaultdict(set)  # actor -> poles it holds together
    for pole, row in poles.items():
        for actor in split_ids(row.get("key_actors")):
            if actor in G and pole in G:
                key_actors[actor].add(pole)

    received, gives = defaultdict(float), defaultdict(float)
    for (u, v), amounts in given.items():
        received[v] += sum(amounts)
        gives[u] += sum(amounts)
    recipients = sorted(received, key=lambda r: (-received[r], str(r)))
    funders = sorted({u for u, _ in given}, key=str)
    # every pole is drawn, funded or not: the view answers "which poles are fragile"
    extra = sorted((set(key_actors) | {p for ps in key_actors.values() for p in ps}
                    | {p for p in poles if p in G})
                   - set(recipients) - set(funders), key=str)
    everyone = funders + recipients + extra
    view.total_nodes = len(everyone)
    if len(everyone) > budget:
        # the largest funders, then the recipients that receive the most, then key actors
        by_given = sorted(funders, key=lambda f: (-gives[f], str(f)))
        first = by_given[: budget // 4]
        pole_ids = [n for n in everyone if n in poles]
        order = pole_ids + first + recipients + extra + by_given[budget // 4:]
        kept_list = list(dict.fromkeys(order))[:budget]
        view.notices.append(words.format(
            "ui.funding_budget_notice", kept=words.number(len(kept_list)),
            total=words.number(len(everyone)), rest=words.number(len(everyone) - budget)))
        kept_set = set(kept_list)
        everyone = [n for n in everyone if n in kept_set]
    kept = set(everyone)

    links = [(u, v) for u, v in given if u in kept and v in kept]
    links += [(a, p) for a, ps in key_actors.items() for p in ps if a in kept and p in kept]
    where = positions(everyone, links)
    view.physics = len(everyone) <= PHYSICS_LIMIT
    top_received = max(received.values(), default=0.0)
    top_given = max((sum(a) for a in given.values()), default=0.0)

    ranked = _label_order(everyone, poles, received, gives)
    for n in everyone:
        attrs = G.nodes[n]
        kind = attrs.get("type", "")
        shape, _ = NODE_STYLE.get(kind, ("dot", "#999999"))
        colour = MUTED_COLOUR
        row = funding.get(n)
        lines = []
        if row:
            lines = [(f"column.funding.{f}", row.get(f)) for f in FUNDING_FACTS]
            if present(row.get("top_funder")):
                lines.insert(3, ("attr.top_funder", node_name(G, row["top_funder"])))
        label = wrap_label(str(attrs.get("name", n)))
        if kind == "pole":
            score = (poles.get(n) or {}).get("fragility_score")
            colour = scale_colour(score)
            label += "\n" + (f"{words['ui.score']} {score_text(score, words)}")
        if n in key_actors:
            shape, colour = "star", KEY_ACTOR_COLOUR
        title = node_tooltip(G, n, metrics.get(n, {}), poles.get(n), words)
        if lines and kind != "pole":
            title += "\n" + tooltip("—", lines, words).split("\n", 1)[-1]
        if n in key_actors:
            pole_list = ", ".join(G.nodes[p].get("name", p) for p in sorted(key_actors[n]))
            title += f"\n★ {words['edge.key_actor']} {pole_list}"
        amount = received.get(n) or gives.get(n, 0.0)
        top = top_received if n in received else top_given
        value = _value(amount, top, n in key_actors)
        value = max(0.65, 0.65 + 0.35 * value) if kind == "pole" else round(0.35 * value, 4)
        x, y = where[n]
        view.nodes.append({
            "id": n, "label": label, "name": str(attrs.get("name", n)),
            "title": title, "shape": shape,
            "color": colour if kind == "pole" or n in key_actors else
            {"background": colour, "border": "#9a9a9a"},
            "value": round(value, 4), "rank": ranked[n],
            "x": x, "y": y, "type": kind, "sector": attrs.get("sector") or "",
            **({"borderWidth": 2} if kind == "pole" else {}),
        })
    # every pole's label must show: poles first, then the largest funders and recipients
    poles_drawn = sum(1 for n in view.nodes if n["type"] == "pole")
    # key actors' stars kept off those labels (a star on a pole's name hid its score)
    spread_labels(view.nodes, view.label_sizes, keep=min(poles_drawn + 10, LABELS_SPREAD),
                  clear=set(key_actors))

    colour, _ = EDGE_STYLE["funds"]
    top_amount = max((sum(a) for a in given.values()), default=0.0)
    for i, ((u, v), amounts) in enumerate(sorted(given.items(), key=lambda kv: str(kv[0]))):
        if u in kept and v in kept:
            total = sum(amounts)
            view.edges.append({
                "id": f"f{i}", "from": u, "to": v, "color": colour, "arrows": "to",
                "width": round(1 + 11 * math.sqrt(total / top_amount), 2) if top_amount else 1,
                "title": (f"{G.nodes[u].get('name', u)} — {words['edge.funds']} — "
                          f"{G.nodes[v].get('name', v)}: {words.number(total)} EUR "
                          f"({len(amounts)})"),
            })
    key_colour, _ = EDGE_STYLE["key_actor"]
    for actor, ps in sorted(key_actors.items()):
        for p in sorted(ps):
            if actor in kept and p in kept:
                view.edges.append({
                    "id": f"k:{actor}:{p}", "from": actor, "to": p, "color": key_colour,
                    "dashes": True, "width": 2,
                    "title": f"{G.nodes[actor].get('name', actor)} — {words['edge.key_actor']} "
                             f"— {G.nodes[p].get('name', p)}",
                })
    types = {n["type"] for n in view.nodes}
    view.legend = [
        LegendItem("scale", words["ui.colour_pole_fragility"], low=words["ui.low"],
                   high=words["ui.high"], unknown=words["ui.unknown"]),
        LegendItem("text", words["ui.size_funding_amount"]),
        *([LegendItem("node", words["ui.key_actor"], KEY_ACTOR_COLOUR, "star")]
          if key_actors else []),
        *[LegendItem("node", words[f"type.{t}"], MUTED_COLOUR, NODE_STYLE[t][0])
          for t in NODE_STYLE if t in types and t != "pole"],
    ]
    view.glossary = ["fragility_score", "top_funder_share", "hhi", "public_share",
                     "key_actors"]
    return view
