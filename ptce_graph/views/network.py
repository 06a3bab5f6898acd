"""The network of every actor (network.html) and one member's neighbourhood (ego views).

Both draw nodes of the partnership graph with the metrics the analysis computed (the "nodes" and
"poles" tables); nothing is computed here but positions and what fits in the page."""

from __future__ import annotations

import math
from collections import Counter

import networkx as nx
import pandas as pd

from ..build import node_name
from ..catalogue import node_facts, node_flags
from ..errors import OptionError
from ..i18n import Labels, _
from ..schema import split_ids
from .layout import NODE_BUDGET, PHYSICS_LIMIT, positions, spread_labels
from .page import LegendItem, View, type_legend
from .style import (
    EDGE_STYLE,
    GROUP_STYLE,
    NODE_STYLE,
    colon,
    pole_reasons,
    present,
    tooltip,
    wrap_label,
)

__all__ = ["network_view", "ego_view", "POLE_FACTS"]

# A node's tooltip shows the nodes table's columns the catalogue marks ``tooltip``
# (catalogue.node_facts / node_flags), labelled by the catalogue; a pole's, these of its row:
POLE_FACTS = ("members", "employees", "budget", "funding_total", "top_funder_share",
              "public_share", "own_revenue_share", "funding_hhi", "isolated_members",
              "cross_sector_share", "funding_ends", "fragility_score")
# network.html and ego views: the labels of this many most central nodes are spread apart
# before the page opens (all shown at the initial view); the others show where they fit.
LABELS_NETWORK = 25
POLE_LABEL = 30  # poles' label size (canvas px) in network.html and ego views
DIRECTED_TYPES = frozenset({"funds", "spins_off", "animates"})


def records_by(table: pd.DataFrame | None, key: str) -> dict:
    """A table's rows as ``{row[key]: row}``; empty without a table (a view drawn with no
    analysis, as the views benchmark does)."""
    if table is None:
        return {}
    return {row[key]: row for row in table.to_dict("records")}


def pole_names(G: nx.MultiDiGraph, value) -> list[str]:
    """The poles of a "poles" cell, by name where the id is in the graph."""
    return [node_name(G, p) for p in split_ids(value)]


def node_tooltip(G: nx.MultiDiGraph, node, metrics: dict, pole_row: dict | None,
                 words: Labels) -> str:
    """Name, then type, sector, poles, the main metrics and, for a pole, its fragility."""
    attrs = G.nodes[node]
    kind = attrs.get("type", "")
    rows: list[tuple[str, object]] = [("attr.type", words[f"type.{kind}"]),
                                      ("attr.sector", attrs.get("sector"))]
    poles = pole_names(G, metrics.get("poles"))
    if poles:
        rows.append(("attr.poles", ", ".join(poles)))
    rows += [(f"column.nodes.{m}", metrics.get(m)) for m in node_facts()]
    rows += [(f"column.nodes.{flag}", True) for flag in node_flags()
             if metrics.get(flag) is True]
    extra: list[str] = []
    if pole_row:
        rows += [(f"column.poles.{m}", pole_row.get(m)) for m in POLE_FACTS]
        if present(pole_row.get("top_funder")):
            top = pole_row["top_funder"]
            rows.append(("attr.top_funder", node_name(G, top)))
        keys = split_ids(pole_row.get("key_actors"))
        if keys:
            rows.append(("attr.key_actors",
                         ", ".join(node_name(G, k) for k in keys)))
        reasons = pole_reasons(pole_row, words, lambda n: node_name(G, n))
        if reasons:
            extra.append(words["attr.fragility_reasons"] + colon(words).rstrip())
            extra.extend(f"• {r}" for r in reasons)
    return tooltip(str(attrs.get("name", node)), rows, words, extra)


def _number(value) -> float:
    return float(value) if present(value) else 0.0


def _edge(index: int, u, v, attrs: dict, G: nx.MultiDiGraph, words: Labels) -> dict:
    kind = attrs.get("type", "")
    colour, dashed = EDGE_STYLE.get(kind, ("#999999", False))
    width = 1.0
    detail = ""
    if kind == "cooperates_with":
        weight = _number(attrs.get("weight")) or 1.0
        width = 1.0 + 1.5 * math.log1p(weight)
        if present(attrs.get("kind")):
            detail = f" ({attrs['kind']})"
    elif kind == "funds":
        amount = _number(attrs.get("amount"))
        width = 1.0 + max(0.0, math.log10(amount / 10_000)) * 2 if amount > 10_000 else 1.0
        span = "–".join(str(attrs[k]) for k in ("start", "end") if present(attrs.get(k)))
        detail = f": {words.number(amount)} EUR" + (f" ({span})" if span else "")
    elif kind == "member_of" and present(attrs.get("role")):
        detail = f" ({attrs['role']})"
    name_u, name_v = G.nodes[u].get("name", u), G.nodes[v].get("name", v)
    edge = {
        "id": f"e{index}", "from": u, "to": v, "color": colour, "width": round(width, 2),
        "title": f"{name_u} — {words.get(f'edge.{kind}', kind)} — {name_v}{detail}",
    }
    if dashed:
        edge["dashes"] = True
    if kind in DIRECTED_TYPES:
        edge["arrows"] = "to"
    return edge


def _value(kind: str, betweenness: float, top: float) -> float:
    """Node value in [0, 1]: vis-network scales size and label with it (labels of small nodes
    appear as one zooms in). Poles are always large: they anchor the picture."""
    value = math.sqrt(betweenness / top) if top > 0 else 0.0
    return round(max(value, 0.6) if kind == "pole" else value, 4)


def _ranked(G: nx.MultiDiGraph, metrics: dict) -> list:
    """Nodes, most worth keeping first: poles, then by betweenness, degree, id."""
    def key(n):
        m = metrics.get(n, {})
        return (G.nodes[n].get("type") != "pole", -_number(m.get("betweenness")),
                -(_number(m.get("degree")) or G.degree(n)), str(n))
    return sorted(G.nodes, key=key)


def _groups(G: nx.MultiDiGraph, dropped: list, kept: set, metrics: dict,
            words: Labels, slots: int) -> tuple[dict, dict]:
    """Group the nodes left out by their first kept pole, else by sector.

    Returns ``{group id: (label, count, pole or None)}`` and ``{node: group id}``."""
    key_of: dict = {}
    for n in dropped:
        poles = [p for p in split_ids(metrics.get(n, {}).get("poles")) if p in kept]
        if not poles:
            poles = sorted(v for _, v, t in G.out_edges(n, data="type")
                           if t == "member_of" and v in kept)
        if poles:
            key_of[n] = ("pole", poles[0])
        else:
            key_of[n] = ("sector", G.nodes[n].get("sector") or "")
    sizes = Counter(key_of.values())
    chosen = {k for k, _ in sizes.most_common(max(slots - 1, 1))}
    groups: dict = {}
    member: dict = {}
    for n, k in key_of.items():
        k = k if k in chosen else ("rest", "")
        gid = f"group:{k[0]}:{k[1]}"
        member[n] = gid
    counts = Counter(member.values())
    for gid, count in counts.items():
        _, kind, value = gid.split(":", 2)
        if kind == "pole":
            where, pole = G.nodes[value].get("name", value), value
        elif kind == "sector":
            where, pole = value or words["ui.no_sector"], None
        else:
            where, pole = words["ui.no_pole"], None
        groups[gid] = (words.format("ui.group_nodes", n=words.number(count), where=where),
                       count, pole)
    return groups, member


def build_node_view(
    G: nx.MultiDiGraph,
    nodes_table: pd.DataFrame | None,
    poles_table: pd.DataFrame | None,
    *,
    words: Labels,
    title: str,
    subtitle: str = "",
    budget: int = NODE_BUDGET,
    centre=None,
) -> View:
    """A view of every node of ``G``, within ``budget`` nodes (the rest grouped)."""
    metrics = records_by(nodes_table, "id")
    poles = records_by(poles_table, "pole")
    view = View(title=title, words=words, subtitle=subtitle, total_nodes=G.number_of_nodes())
    ranked = _ranked(G, metrics)
    groups: dict = {}
    member: dict = {}
    if len(ranked) > budget:
        room = max(budget - min(budget // 10, 100), 1)
        if centre is not None and centre in ranked[room:]:
            ranked.remove(centre)
            ranked.insert(0, centre)
        kept_list, dropped = ranked[:room], ranked[room:]
        groups, member = _groups(G, dropped, set(kept_list), metrics, words, budget - room)
        view.notices.append(words.format(
            "ui.budget_notice", kept=words.number(len(kept_list)),
            total=words.number(len(ranked)), rest=words.number(len(dropped))))
    else:
        kept_list = ranked
    kept = set(kept_list)

    ties = [(u, v) for u, v in G.edges() if u in kept and v in kept]
    ties += [(gid, pole) for gid, (_, _, pole) in groups.items() if pole is not None]
    # communities (nodes.csv) laid out apart; nodes without one (poles, funders) pulled evenly
    community = {n: metrics.get(n, {}).get("community") for n in kept_list}
    community = {n: c for n, c in community.items() if present(c)}
    where = positions(kept_list + list(groups), ties, groups=community)
    drawn = len(kept_list) + len(groups)
    view.physics = drawn <= PHYSICS_LIMIT

    top = max((_number(metrics.get(n, {}).get("betweenness")) for n in kept), default=0.0)
    values = {n: _value(G.nodes[n].get("type", ""),
                        _number(metrics.get(n, {}).get("betweenness")), top) for n in kept_list}

    for n in kept_list:
        attrs = G.nodes[n]
        kind = attrs.get("type", "")
        shape, colour = NODE_STYLE.get(kind, GROUP_STYLE)
        name = str(attrs.get("name", n))
        x, y = where[n]
        node = {
            "id": n, "label": wrap_label(name), "name": name,
            "title": node_tooltip(G, n, metrics.get(n, {}), poles.get(n), words),
            "shape": shape, "color": colour, "value": values[n], "x": x, "y": y,
            "type": kind, "sector": attrs.get("sector") or "",
        }
        if kind == "pole":
            # poles anchor the picture: their names readable at the first view, however large
            node["scaling"] = {"label": {"enabled": True, "min": POLE_LABEL, "max": POLE_LABEL}}
        if n == centre:
            node.update(borderWidth=4, color={"background": colour, "border": "#000000"},
                        value=1.0)
        view.nodes.append(node)
    for gid, (label, count, _pole) in groups.items():
        x, y = where[gid]
        view.nodes.append({
            "id": gid, "label": label, "name": label, "title": label, "shape": GROUP_STYLE[0],
            "color": GROUP_STYLE[1], "value": round(min(0.2 + 0.1 * math.log1p(count), 1.0), 4),
            "x": x, "y": y, "type": "group", "sector": "",
        })

    edge_types = set()
    for i, (u, v, attrs) in enumerate(G.edges(data=True)):
        if u in kept and v in kept:
            view.edges.append(_edge(i, u, v, attrs, G, words))
            edge_types.add(attrs.get("type"))
    for gid, (label, count, pole) in groups.items():
        if pole is not None:
            colour, _ = EDGE_STYLE["group"]
            view.edges.append({"id": f"{gid}->{pole}", "from": gid, "to": pole, "color": colour,
                               "dashes": True, "width": round(1 + math.log1p(count), 2),
                               "title": label})
            edge_types.add("group")
    types = {n.get("type") for n in view.nodes}
    view.legend = type_legend(words, types, edge_types)
    view.legend.append(LegendItem("text", words["ui.size_betweenness"]))
    rank = {n: i for i, n in enumerate(kept_list)}  # poles, then by betweenness (_ranked)
    if centre is not None:
        rank[centre] = -1
    for node in view.nodes:
        node["rank"] = rank.get(node["id"], len(rank))
    spread_labels(view.nodes, view.label_sizes, keep=min(len(view.nodes), LABELS_NETWORK))
    view.glossary = ["degree", "betweenness", "closeness", "eigenvector", "pagerank",
                     "community", "core_number", "constraint", "effective_size",
                     "sector_participation", "articulation_point", "isolated", "peripheral",
                     "fragility_score"]
    return view


def network_view(G: nx.MultiDiGraph, nodes_table=None, poles_table=None, *, words: Labels,
                 budget: int = NODE_BUDGET) -> View:
    """network.html: every actor, pole, funder and project, sized by betweenness."""
    name = G.graph.get("name") or ""
    title = words["view.network"] + (f" · {name}" if name else "")
    idle = idle_supporters(G)
    view = build_node_view(G.subgraph(set(G) - set(idle)) if idle else G, nodes_table,
                           poles_table, words=words, title=title, budget=budget)
    if idle:
        view.total_nodes = G.number_of_nodes()
        view.notices.append(words.format("ui.idle_supporters_notice",
                                         count=words.number(len(idle))))
    return view


def idle_supporters(G: nx.MultiDiGraph) -> list:
    """Funders and collectivities with no tie in the analysed graph (no grant, no membership in
    that year): drawn, they float apart from the network and read as part of it.

    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("f", {"type": "funder"}), ("c", {"type": "collectivity"}),
    ...                   ("m", {"type": "organisation"}), ("p", {"type": "pole"})])
    >>> _ = G.add_edge("c", "p", type="funds")
    >>> idle_supporters(G)
    ['f']
    """
    return sorted((n for n, kind in G.nodes(data="type")
                   if kind in ("funder", "collectivity") and G.degree(n) == 0), key=str)


def ego_view(G: nx.MultiDiGraph, centre, nodes_table=None, poles_table=None, *,
             words: Labels, radius: int = 2, budget: int = NODE_BUDGET) -> View:
    """One node's neighbourhood: every node within ``radius`` ties, whatever their direction."""
    if centre not in G:
        raise OptionError(_("No node with id {id!r} in the dataset: give an id from the "
                            "`id` column of nodes.csv (ids are case-sensitive).", id=centre))
    if radius < 1:
        raise OptionError(_("--radius must be 1 or more, not {radius}.", radius=radius))
    undirected = nx.Graph()
    undirected.add_nodes_from(G)
    undirected.add_edges_from(G.edges())
    reach = nx.single_source_shortest_path_length(undirected, centre, cutoff=radius)
    H = G.subgraph(reach).copy()
    name = G.nodes[centre].get("name", centre)
    view = build_node_view(
        H, nodes_table, poles_table, words=words, budget=budget, centre=centre,
        title=f"{words['view.ego']} {name}",
        subtitle=f"{words['ui.ego_radius']} {radius} · {words.number(H.number_of_nodes())} / "
                 f"{words.number(G.number_of_nodes())}",
    )
    view.legend.insert(0, LegendItem("text", f"{words['ui.ego_centre']}: {name}"))
    return view

