"""The heavy metrics (betweenness, closeness, Louvain communities, effective size, local bridge
spans) with the same values as networkx, computed by compiled libraries when the graph is large.

networkx stays the model and the reference: below :data:`NETWORKX_LIMIT` nodes these functions
call it directly; above, python-igraph computes the same quantities (tests prove equality on small
and classic graphs). Above a work limit even compiled exact algorithms miss the time target, so an
approximation with a stated error bound is used and described in the returned note:

- betweenness: Brandes & Pich's pivot sampling (networkit's EstimateBetweenness): the
  dependencies of ``pivots`` random sources, extrapolated, with a Hoeffding bound on every
  node's error (networkit's KADABRA was tried: faster, but its scores did not match networkx's
  normalisation on stars and paths, so its stated bound could not be carried over);
- closeness: Eppstein & Wang's pivot sampling, each node's total distance estimated from
  ``pivots`` breadth-first searches inside its component;
- local bridge span: searched up to :data:`SPAN_CUTOFF` hops; a longer span is a lower bound
  (``bridges.py`` writes it ``>6``, never empty, which would read "not a local bridge").

Every function returns ``(values, note)``: ``note`` is ``None`` for exact results, else a dict
for ``summary.json["approximations"]``.
"""

from __future__ import annotations

import math
import random
from collections import deque

import networkx as nx
import numpy as np

__all__ = [
    "NETWORKX_LIMIT",
    "EXACT_WORK_LIMIT",
    "betweenness",
    "closeness",
    "louvain",
    "effective_size",
    "constraint",
    "local_bridge_spans",
    "to_igraph",
    "calibrate",
    "error_figures",
]

NETWORKX_LIMIT = 1_000  # nodes: below, networkx itself (fast enough, and the reference)
# Brandes' algorithm costs about sum(n_c * m_c) over components; igraph does roughly 2e7 of that
# a second on this kind of machine, so 3e8 is about 15 s: beyond, approximate.
EXACT_WORK_LIMIT = 3e8
BETWEENNESS_PIVOTS = 400
BETWEENNESS_DELTA = 0.1
CLOSENESS_PIVOTS = 500
SPAN_CUTOFF = 6
SPAN_EXACT_EDGES = 20_000  # local bridges' spans searched without a cutoff up to this size
CALIBRATION_NODES = 3_000


def to_igraph(C: nx.Graph, weight: str | None = None):
    """(igraph.Graph, node list): node ``i`` of the igraph graph is ``nodes[i]``."""
    import igraph as ig

    nodes = sorted(C.nodes(), key=str)  # row order of the dataset must not matter
    index = {n: i for i, n in enumerate(nodes)}
    g = ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in C.edges()])
    if weight:
        g.es["weight"] = [float(d.get(weight, 1.0)) for _, _, d in C.edges(data=True)]
    return g, nodes


def _work(C: nx.Graph) -> float:
    """sum of n_c * m_c over the connected components: the cost of exact Brandes / all BFS."""
    degree = dict(C.degree())
    total = 0.0
    for comp in nx.connected_components(C):
        if len(comp) > 2:
            total += len(comp) * sum(degree[v] for v in comp) / 2
    return total


def _method(C: nx.Graph, method: str) -> str:
    if method != "auto":
        return method
    if C.number_of_nodes() < NETWORKX_LIMIT:
        return "networkx"
    return "igraph" if _work(C) <= EXACT_WORK_LIMIT else "approximate"


def betweenness(C: nx.Graph, *, method: str = "auto", pivots: int = BETWEENNESS_PIVOTS,
                delta: float = BETWEENNESS_DELTA, seed: int = 42):
    """Normalised shortest-path betweenness, as ``nx.betweenness_centrality(C)`` (unweighted).

    ``method``: ``auto``, ``networkx``, ``igraph`` (exact) or ``approximate`` (``pivots``
    sampled sources, extrapolated).
    """
    method = _method(C, method)
    n = C.number_of_nodes()
    if method == "networkx" or n < 3:
        return nx.betweenness_centrality(C), None
    if method == "igraph":
        g, nodes = to_igraph(C)
        raw = g.betweenness(directed=False)
        scale = 2.0 / ((n - 1) * (n - 2))
        return {v: r * scale for v, r in zip(nodes, raw, strict=True)}, None
    import networkit as nk

    h, nodes = _to_networkit(C)
    pivots = min(pivots, n)
    nk.setSeed(seed, False)
    # sequential: the same seed then gives the same estimate
    estimate = nk.centrality.EstimateBetweenness(h, pivots, False, False)
    estimate.run()
    # the raw estimate counts ordered pairs: networkx's normalised value is raw / ((n-1)(n-2))
    scale = 1.0 / ((n - 1) * (n - 2))
    # Hoeffding: each pivot's share of a node's normalised value lies in [0, n/(n-1)]
    bound = n / (n - 1) * math.sqrt(math.log(2 * n / delta) / (2 * pivots))
    note = {
        "metric": "betweenness",
        "method": f"pivot sampling (Brandes & Pich 2007, networkit EstimateBetweenness), "
                  f"{pivots} source nodes",
        "pivots": pivots,
        "delta": delta,
        "epsilon": bound,
        "bound": f"|estimate - exact| <= {bound:.3f} for every node with probability >= "
                 f"{1 - delta:.2f} (Hoeffding; normalised betweenness); see 'measured' for "
                 "the error observed against exact values",
        "reason": f"exact betweenness costs about {_work(C):.2g} steps "
                  f"(limit {EXACT_WORK_LIMIT:.2g})",
    }
    return {v: s * scale for v, s in zip(nodes, estimate.scores(), strict=True)}, note


def _to_networkit(C: nx.Graph):
    import networkit as nk

    nodes = sorted(C.nodes(), key=str)
    index = {n: i for i, n in enumerate(nodes)}
    h = nk.Graph(len(nodes))
    for u, v in C.edges():
        h.addEdge(index[u], index[v])
    return h, nodes


def closeness(C: nx.Graph, *, method: str = "auto", pivots: int = CLOSENESS_PIVOTS,
              seed: int = 42):
    """Closeness as ``nx.closeness_centrality(C)`` (unweighted, Wasserman-Faust scaling for
    graphs in several pieces: ``(r-1)/(n-1) * (r-1)/total distance``, r the component size)."""
    method = _method(C, method)
    n = C.number_of_nodes()
    if method == "networkx" or n < 2:
        return nx.closeness_centrality(C), None
    g, nodes = to_igraph(C)
    membership = np.array(g.connected_components().membership)
    sizes = np.bincount(membership)
    r = sizes[membership].astype(float)
    if method == "igraph":
        raw = np.nan_to_num(np.array(g.closeness(normalized=True), dtype=float))
        values = raw * (r - 1) / (n - 1)
        return dict(zip(nodes, values.tolist(), strict=True)), None
    rng = np.random.default_rng(seed)
    totals = np.zeros(n)
    estimated = 0
    for comp in range(len(sizes)):
        members = np.flatnonzero(membership == comp)
        if len(members) < 2:
            continue
        if len(members) <= pivots:
            sources = members
        else:
            sources = rng.choice(members, size=pivots, replace=False)
            estimated += len(members)
        dist = np.asarray(g.distances(source=sources.tolist(), target=members.tolist()),
                          dtype=float)
        totals[members] = dist.sum(axis=0) * len(members) / len(sources)
    with np.errstate(divide="ignore", invalid="ignore"):
        values = np.where(totals > 0, (r - 1) / totals * (r - 1) / (n - 1), 0.0)
    note = None
    if estimated:
        note = {
            "metric": "closeness",
            "method": f"pivot sampling (Eppstein & Wang 2004), {pivots} breadth-first searches "
                      "per large component",
            "pivots": pivots,
            "nodes_estimated": int(estimated),
            "bound": "each node's mean distance within about "
                     f"{np.sqrt(np.log(max(n, 2)) / pivots):.3f} x the component's diameter "
                     "with high probability",
            "reason": f"exact closeness costs about {_work(C):.2g} steps "
                      f"(limit {EXACT_WORK_LIMIT:.2g})",
        }
    return dict(zip(nodes, values.tolist(), strict=True)), note


def louvain(C: nx.Graph, *, method: str = "auto", seed: int = 42, weight: str = "weight"):
    """Louvain communities (modularity, weighted) as ``node -> community number``.

    Communities are numbered by decreasing size, ties broken by their smallest node id, so the
    numbering does not depend on the library or the order of the rows.
    """
    if C.number_of_nodes() == 0:
        return {}, None
    method = "networkx" if method == "auto" and C.number_of_nodes() < NETWORKX_LIMIT else method
    if method == "networkx":
        parts = nx.community.louvain_communities(C, weight=weight, seed=seed)
    else:
        import igraph as ig

        g, nodes = to_igraph(C, weight)
        ig.set_random_number_generator(random.Random(seed))
        try:
            clusters = g.community_multilevel(weights="weight" if g.ecount() else None)
        finally:
            ig.set_random_number_generator(random)
        parts = [{nodes[i] for i in cluster} for cluster in clusters]
    ordered = sorted(parts, key=lambda part: (-len(part), min(str(p) for p in part)))
    return {node: k for k, part in enumerate(ordered) for node in part}, None


def effective_size(C: nx.Graph):
    """Burt's effective size, Borgatti's form for unweighted ties: ``k - 2 t / k`` (t the ties
    among the node's neighbours), as ``nx.effective_size(C)``; NaN for nodes without ties."""
    triangles = nx.triangles(C)
    values = {}
    for v, k in C.degree():
        values[v] = float("nan") if k == 0 else k - 2.0 * triangles[v] / k
    return values, None


def constraint(C: nx.Graph, weight: str | None = "weight"):
    """Burt's constraint as ``nx.constraint(C, weight=weight)`` over every node (NaN when no
    tie). Always called on the whole graph: ``nx.constraint(G, nodes=[...])`` is far slower."""
    if C.number_of_nodes() == 0:  # networkx raises on an empty graph (a dataset of poles only)
        return {}, None
    return nx.constraint(C, weight=weight), None


def local_bridge_spans(C: nx.Graph, *, cutoff: int | None = None):
    """The local bridges of ``C`` (ties whose ends share no neighbour) and their span: the
    shortest path between the ends once the tie is removed (``inf`` for a bridge).

    As ``nx.local_bridges(C, with_span=True)``; ``cutoff`` stops each search at that many
    hops (longer spans come back as ``None``). By default the search is exhaustive up to
    :data:`SPAN_EXACT_EDGES` edges and stops at :data:`SPAN_CUTOFF` beyond.
    """
    if cutoff is None and C.number_of_edges() > SPAN_EXACT_EDGES:
        cutoff = SPAN_CUTOFF
    bridges = set()
    for u, v in nx.bridges(C):
        bridges.add((u, v))
        bridges.add((v, u))
    adj = {n: set(C[n]) for n in C}
    spans: dict[tuple, float | None] = {}
    for u, v in C.edges():
        if adj[u] & adj[v]:
            continue
        if (u, v) in bridges:
            spans[(u, v)] = float("inf")
            continue
        spans[(u, v)] = _span(adj, u, v, cutoff)
    note = None
    if cutoff is not None:
        note = {
            "metric": "local_bridge_span",
            "method": f"bidirectional search stopped at {cutoff} hops",
            "bound": f"spans longer than {cutoff} are written as the lower bound '>{cutoff}'; "
                     "shorter ones are exact",
            "cutoff": cutoff,
            "reason": f"{C.number_of_edges()} ties (exhaustive search up to "
                      f"{SPAN_EXACT_EDGES})",
        }
    return spans, note


def _span(adj: dict, u, v, cutoff: int | None) -> float | None:
    """Length of the shortest u-v path that does not use the tie u-v (bidirectional BFS)."""
    dist_u, dist_v = {u: 0}, {v: 0}
    front_u, front_v = deque([u]), deque([v])
    best = None
    while front_u and front_v:
        # expand the smaller side one whole level
        if len(front_u) <= len(front_v):
            front, dist, other = front_u, dist_u, dist_v
        else:
            front, dist, other = front_v, dist_v, dist_u
        next_front: deque = deque()
        for x in front:
            for y in adj[x]:
                if (x == u and y == v) or (x == v and y == u):
                    continue
                if y in dist:
                    continue
                dist[y] = dist[x] + 1
                if y in other:
                    length = dist[y] + other[y]
                    best = length if best is None else min(best, length)
                next_front.append(y)
        front.clear()
        front.extend(next_front)
        if best is not None:
            return float(best)
        deepest = max(dist_u[x] for x in front_u) if front_u else 0
        deepest += max(dist_v[x] for x in front_v) if front_v else 0
        if cutoff is not None and deepest >= cutoff:
            return None
    return float("inf") if best is None else float(best)


def error_figures(approx: dict, exact: dict) -> dict:
    """How an estimate compares with exact values on the same nodes: ``max_abs_error``,
    ``mean_abs_error``, ``max_rel_error`` and ``mean_rel_error`` (over nodes whose exact value
    is above 1e-9), ``zero_share`` (of those, the share estimated as exactly 0) and rank
    agreement ``top20_overlap`` / ``top100_overlap`` (share of the exact top k found in the
    estimated top k; ties broken by id)."""
    nodes = list(exact)
    errors = np.array([abs(approx[v] - exact[v]) for v in nodes]) if nodes else np.zeros(0)
    positive = [v for v in nodes if exact[v] > 1e-9]
    rel = np.array([abs(approx[v] - exact[v]) / exact[v] for v in positive])
    figures = {
        "max_abs_error": float(errors.max()) if len(errors) else 0.0,
        "mean_abs_error": float(errors.mean()) if len(errors) else 0.0,
        "max_rel_error": float(rel.max()) if len(rel) else 0.0,
        "mean_rel_error": float(rel.mean()) if len(rel) else 0.0,
        "zero_share": (sum(1 for v in positive if approx[v] == 0) / len(positive)
                       if positive else 0.0),
    }
    for k in (20, 100):
        k_eff = min(k, len(nodes))
        if not k_eff:
            figures[f"top{k}_overlap"] = 1.0
            continue
        top_exact = set(sorted(nodes, key=lambda v: (-exact[v], str(v)))[:k_eff])
        top_approx = set(sorted(nodes, key=lambda v: (-approx[v], str(v)))[:k_eff])
        figures[f"top{k}_overlap"] = len(top_exact & top_approx) / k_eff
    return figures


def calibrate(C: nx.Graph, note: dict, *, size: int = CALIBRATION_NODES, seed: int = 42,
              values: dict | None = None) -> dict:
    """Measure an approximation's error against the exact values on a calibration graph:
    the ``size`` nodes nearest (breadth first) to the best-connected node of ``C``, sampled at
    **the same ratio** as the run (pivots / nodes; the run on 25,000 nodes with 400 pivots
    samples 1.6 %, so the calibration on 3,000 nodes uses 48, not 400: measured at 13 %, the
    error was seven times too small). Returns ``note`` with ``measured`` = {nodes, edges,
    pivots, sampling_ratio} and :func:`error_figures` (absolute, relative, zero share,
    top-20 / top-100 overlap with exact values)."""
    start = max(C.degree(), key=lambda item: (item[1], str(item[0])))[0]
    ball, frontier = {start}, [start]
    while frontier and len(ball) < size:
        nxt = []
        for v in frontier:
            for u in C[v]:
                if u not in ball and len(ball) < size:
                    ball.add(u)
                    nxt.append(u)
        frontier = nxt
    S = nx.Graph(C.subgraph(ball))
    compute = {"betweenness": betweenness, "closeness": closeness}[note["metric"]]
    exact, _ = compute(S, method="igraph")
    ratio = note["pivots"] / max(C.number_of_nodes(), 1)
    if note["metric"] == "closeness":
        pivots = min(note["pivots"], S.number_of_nodes())
    else:
        pivots = max(2, min(S.number_of_nodes(), round(ratio * S.number_of_nodes())))
    approx, _ = compute(S, method="approximate", pivots=pivots, seed=seed)
    figures = error_figures(approx, exact)
    if values:
        exact_values = np.array(list(exact.values()))
        run_values = np.array(list(values.values()))
        figures["calibration_max_abs_error"] = figures["max_abs_error"]
        figures["calibration_mean_abs_error"] = figures["mean_abs_error"]
        if exact_values.max() > 0:
            figures["max_abs_error"] *= float(run_values.max() / exact_values.max())
        if exact_values.mean() > 0:
            figures["mean_abs_error"] *= float(run_values.mean() / exact_values.mean())
    measured = {"nodes": S.number_of_nodes(), "edges": S.number_of_edges(), "pivots": pivots,
                "sampling_ratio": round(pivots / max(S.number_of_nodes(), 1), 5), **figures}
    return {**note, "measured": measured}
