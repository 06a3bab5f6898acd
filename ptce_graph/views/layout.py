"""Where nodes go, and how many a page can hold.

Measured in headless Chromium (benchmarks/views_bench.py): vis-network's physics does not settle
on a few thousand nodes and freezes the page, while a page with physics off and positions given
draws thousands of nodes in a second or two. So positions are computed here (igraph's
Fruchterman-Reingold, in C), physics only tidies small views and then stops, and a view holds at
most :data:`NODE_BUDGET` nodes: past it, the most central are kept and the others grouped."""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Iterable

import igraph

__all__ = ["NODE_BUDGET", "PHYSICS_LIMIT", "positions"]

# Nodes a view draws at most. Measured here (2 cores, headless Chromium, physics off): every
# node of a 3,000-node page drew in 1.5 s with 47 ms redraws, 5,000 in 1.7 s but 190 ms redraws
# (panning stutters), 20,000 in 5.7 s with 650 ms redraws. 2,000 (0.8 s, 34 ms) leaves headroom
# for the slower laptop that drives a projector. Figures: benchmarks/views_bench.py.
NODE_BUDGET = 2000
# Up to this many nodes, vis-network's physics tidies the layout for a moment, then stops.
PHYSICS_LIMIT = 250


def positions(
    nodes: list[Hashable], ties: Iterable[tuple[Hashable, Hashable]], *, seed: int = 7,
    spacing: float = 110.0,
) -> dict[Hashable, tuple[float, float]]:
    """Positions ``{node: (x, y)}`` in vis-network pixels, the same for the same input.

    Fruchterman-Reingold for up to a few thousand nodes, its grid variant past that. Coordinates
    are scaled so that the mean distance between neighbours is about ``spacing`` pixels.

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
    previous = random.getstate()  # igraph draws from Python's random module
    random.seed(seed)
    try:
        if len(nodes) == 1:
            coords = [(0.0, 0.0)]
        elif len(nodes) <= 3000:
            coords = graph.layout_fruchterman_reingold(niter=500).coords
        else:
            coords = graph.layout_fruchterman_reingold(niter=300, grid="grid").coords
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
