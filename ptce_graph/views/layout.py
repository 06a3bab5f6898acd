"""Where nodes go, and how many a page can hold.

Measured in headless Chromium (benchmarks/views_bench.py): vis-network's physics does not settle
on a few thousand nodes and freezes the page, while a page with physics off and positions given
draws thousands of nodes in a second or two. So positions are computed here (igraph's
Fruchterman-Reingold, in C), physics only tidies small views and then stops, and a view holds at
most :data:`NODE_BUDGET` nodes: past it, the most central are kept and the others grouped."""

from __future__ import annotations

import math
import random
from collections.abc import Collection, Hashable, Iterable

import igraph

__all__ = ["NODE_BUDGET", "PHYSICS_LIMIT", "positions", "spread_labels", "label_box", "vis_sizes"]

# Nodes a view draws at most. Measured here (2 cores, headless Chromium, physics off): every
# node of a 3,000-node page drew in 1.5 s with 47 ms redraws, 5,000 in 1.7 s but 190 ms redraws
# (panning stutters), 20,000 in 5.7 s with 650 ms redraws. 2,000 (0.8 s, 34 ms) leaves headroom
# for the slower laptop that drives a projector. Figures: benchmarks/views_bench.py.
NODE_BUDGET = 2000
# Up to this many nodes, vis-network's physics would tidy the layout for a moment, then stop.
# 0: no view uses it since the labels are spread here (spread_labels), before the page opens;
# physics would move the nodes and bring the labels back on top of each other.
PHYSICS_LIMIT = 0
WIDE = 1.6
# Labels spread apart before the page opens, at most (their pairwise check is quadratic).
LABELS_SPREAD = 150


# In a layout by groups, a tie inside a group pulls this many times harder than a tie across
# groups: communities sit apart (Gephi's layouts do the same with modularity classes).
GROUP_PULL = 4.0


def positions(
    nodes: list[Hashable], ties: Iterable[tuple[Hashable, Hashable]], *, seed: int = 7,
    spacing: float = 110.0, groups: dict | None = None,
) -> dict[Hashable, tuple[float, float]]:
    """Positions ``{node: (x, y)}`` in vis-network pixels, the same for the same input.

    Fruchterman-Reingold for up to a few thousand nodes, its grid variant past that. Coordinates
    are scaled so that the mean distance between neighbours is about ``spacing`` pixels.
    ``groups`` (node -> group, e.g. the community of nodes.csv): ties inside a group pull
    :data:`GROUP_PULL` times harder than ties across groups, so that groups separate.

    >>> p = positions(["a", "b", "c"], [("a", "b"), ("b", "c")])
    >>> sorted(p), len({xy for xy in p.values()})
    (['a', 'b', 'c'], 3)
    """
    if not nodes:
        return {}
    index = {n: i for i, n in enumerate(nodes)}
    pairs = sorted({(min(index[u], index[v]), max(index[u], index[v]))
                    for u, v in ties if u in index and v in index and u != v})
    graph = igraph.Graph(n=len(nodes), edges=pairs)
    weights = None
    if groups and pairs:
        group = [groups.get(n) for n in nodes]
        weights = [GROUP_PULL if group[a] is not None and group[a] == group[b] else 1.0
                   for a, b in pairs]
    previous = random.getstate()  # igraph draws from Python's random module
    random.seed(seed)
    try:
        if len(nodes) == 1:
            coords = [(0.0, 0.0)]
        elif len(nodes) <= 3000:
            coords = graph.layout_fruchterman_reingold(niter=500, weights=weights).coords
        else:
            coords = graph.layout_fruchterman_reingold(niter=300, grid="grid",
                                                       weights=weights).coords
    finally:
        random.setstate(previous)
    scale = _scale(coords, pairs, spacing)
    return {n: (round(coords[i][0] * scale, 1), round(coords[i][1] * scale, 1))
            for n, i in index.items()}


def _scale(coords, pairs, spacing: float) -> float:
    if pairs:
        lengths = [math.dist(coords[a], coords[b]) for a, b in pairs]
        mean = sum(lengths) / len(lengths)
    else:
        xs = [c[0] for c in coords]
        mean = (max(xs) - min(xs)) / max(math.sqrt(len(coords)), 1.0)
    return spacing / mean if mean > 0 else 1.0


def label_box(x: float, y: float, size: float, label: str, font: float,
              pad: float = 3.0) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) in canvas pixels of a node drawn at (x, y) with radius
    ``size`` and its label below it, as vis-network draws shapes other than boxes: centred,
    4 px under the shape. Arial's glyphs average about 0.56 of the font size; 0.6 leaves room."""
    lines = str(label).split("\n")
    width = 0.6 * font * max(len(line) for line in lines)
    height = 1.2 * font * len(lines)
    half = max(size, width / 2)
    return (x - half - pad, y - size - pad, x + half + pad, y + size + 4 + height + pad)


def vis_sizes(values: list[float], label_sizes: tuple[float, float],
              node_sizes: tuple[float, float] = (8.0, 40.0)) -> list[tuple[float, float]]:
    """(node radius, font size) vis-network gives each node of these values (its linear
    scaling between the smallest and largest value; 0.5 when they are all equal)."""
    low, high = min(values, default=0.0), max(values, default=0.0)
    out = []
    for v in values:
        t = 0.5 if high == low else (v - low) / (high - low)
        out.append((node_sizes[0] + t * (node_sizes[1] - node_sizes[0]),
                    label_sizes[0] + t * (label_sizes[1] - label_sizes[0])))
    return out


def spread_labels(nodes: list[dict], label_sizes: tuple[float, float], *, keep: int,
                  iterations: int = 300,
                  node_sizes: tuple[float, float] = (8.0, 40.0),
                  clear: Collection = ()) -> int:
    """Move apart, in place, the ``keep`` first nodes by ``rank`` until no two of their
    shapes-with-label overlap (Gephi's "label adjust", on the boxes :func:`label_box` gives).

    Boxes that do not overlap in canvas pixels overlap at no zoom, so these labels can all be
    drawn at the initial view; the page hides the other labels where they do not fit. Each
    overlapping pair is pushed apart along the axis where it overlaps least. Returns the
    pairs still overlapping (0 unless ``iterations`` ran out). Nodes whose id is in ``clear``
    take part by their shape alone (their label may stay hidden, but the shape, e.g. a key
    actor's star, must not sit on a label that is drawn).

    >>> nodes = [{"x": 0, "y": 0, "value": 1, "label": "Pôle A", "rank": 0},
    ...          {"x": 5, "y": 0, "value": 1, "label": "Pôle B", "rank": 1}]
    >>> spread_labels(nodes, (14, 14), keep=2), nodes[0]["x"] != 0 or nodes[0]["y"] != 0
    (0, True)
    """
    import numpy as np

    sizes = vis_sizes([float(n.get("value") or 0.0) for n in nodes], label_sizes, node_sizes)
    for i, n in enumerate(nodes):  # a node's own label scaling (network.html's poles)
        own = (n.get("scaling") or {}).get("label")
        if own:
            sizes[i] = (sizes[i][0], vis_sizes([float(n.get("value") or 0.0)] * 1,
                                               (own["min"], own["max"]))[0][1])
    chosen = sorted(range(len(nodes)), key=lambda i: (nodes[i].get("rank", 1e9), i))[:keep]
    labelled = set(chosen)
    chosen += [i for i, n in enumerate(nodes) if n.get("id") in clear and i not in labelled]
    if len(chosen) < 2:
        return 0
    xy = np.array([[nodes[i]["x"], nodes[i]["y"]] for i in chosen], dtype=float)
    # each box as offsets from its node (the shape alone for nodes only kept clear)
    offsets = np.array([
        np.subtract(label_box(0.0, 0.0, sizes[i][0],
                              nodes[i].get("label", "") if i in labelled else "",
                              sizes[i][1] if i in labelled else 0.0),
                    0.0) for i in chosen])
    remaining = 0
    upper = np.triu(np.ones((len(chosen), len(chosen)), dtype=bool), 1)
    for _ in range(iterations):
        left, top = xy[:, 0] + offsets[:, 0], xy[:, 1] + offsets[:, 1]
        right, bottom = xy[:, 0] + offsets[:, 2], xy[:, 1] + offsets[:, 3]
        ox = np.minimum(right[:, None], right[None, :]) - np.maximum(left[:, None], left[None, :])
        oy = (np.minimum(bottom[:, None], bottom[None, :])
              - np.maximum(top[:, None], top[None, :]))
        clash = (ox > 0) & (oy > 0) & upper
        remaining = int(clash.sum())
        if not remaining:
            break
        cx, cy = (left + right) / 2, (top + bottom) / 2
        move = np.zeros_like(xy)
        for a, b in zip(*np.nonzero(clash), strict=True):
            # pages are wider than tall: a sideways push is preferred up to WIDE times the
            # vertical one (pushing only vertically stacks wide labels into a tall column)
            if ox[a, b] < WIDE * oy[a, b]:
                push = (ox[a, b] / 2 + 1) * (1 if cx[a] >= cx[b] else -1)
                move[a, 0] += push
                move[b, 0] -= push
            else:
                push = (oy[a, b] / 2 + 1) * (1 if cy[a] >= cy[b] else -1)
                move[a, 1] += push
                move[b, 1] -= push
        xy += move
    for k, i in enumerate(chosen):
        nodes[i]["x"], nodes[i]["y"] = round(float(xy[k, 0]), 1), round(float(xy[k, 1]), 1)
    return remaining
