"""The heavy metrics (betweenness, closeness, Louvain communities, effective size, local bridge
spans) with the same values as networkx, computed by compiled libraries when the graph is large.

networkx stays the model and the reference: below :data:`NETWORKX_LIMIT` nodes these functions
call it directly; above, python-igraph computes the same quantities (tests prove equality on small
and classic graphs). Above a work limit even compiled exact algorithms miss the time target, so an
approximation with a stated error bound is used and described in the returned note:

- betweenness: Brandes & Pich's pivot sampling: the dependencies of ``pivots`` random sources
  (igraph's subset betweenness, by batches), extrapolated, with a Hoeffding bound on every
  node's error (networkit's KADABRA was tried: faster, but its scores did not match networkx's
  normalisation on stars and paths; networkit's EstimateBetweenness, with linear scaling,
  has half the variance per source but its estimate is biased by 2 to 15 % when run by small
  batches, which the error estimate needs: igraph with five times the sources costs the same
  time for the same error);
- closeness: Eppstein & Wang's pivot sampling, each node's total distance estimated from
  ``pivots`` breadth-first searches inside its component;
- local bridge span: searched up to :data:`SPAN_CUTOFF` hops; a longer span is a lower bound
  (``bridges.py`` writes it ``>6``, never empty, which would read "not a local bridge").

Every function returns ``(values, note)``: ``note`` is ``None`` for exact results, else a dict
for ``summary.json["approximations"]``. A sampled estimate's note carries, under ``measured``,
the error expected for this very run (:func:`expected_error`): its sources are split into
batches drawn alike and resampled (bootstrap), so the error is judged at the run's own sampling
ratio on the run's own graph, at no cost in breadth-first searches. (Until issue 9 it was
measured on a 3,000-node breadth-first ball around the hub, denser than the real layer: mean
errors came out 1.4-1.7 times too large and the maximum relative error half the real one.)
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
    "error_figures",
    "expected_error",
    "ERROR_FIGURES",
]

NETWORKX_LIMIT = 1_000  # nodes: below, networkx itself (fast enough, and the reference)
# Brandes' algorithm costs about sum(n_c * m_c) over components; igraph does roughly 2e7 of that
# a second on this kind of machine, so 3e8 is about 15 s: beyond, approximate.
EXACT_WORK_LIMIT = 3e8
BETWEENNESS_PIVOTS = 2000
BETWEENNESS_DELTA = 0.1
CLOSENESS_PIVOTS = 500
SPAN_CUTOFF = 6
SPAN_EXACT_EDGES = 20_000  # local bridges' spans searched without a cutoff up to this size
# the error of an estimate is estimated from the run itself: its sources in ERROR_BATCHES
# batches, resampled ERROR_RESAMPLES times (see expected_error)
ERROR_BATCHES = 50
ERROR_RESAMPLES = 200
ERROR_FIGURES = ("mean_abs_error", "rms_error", "p99_abs_error", "top100_mean_rel_error",
                 "top10pct_mean_rel_error", "zero_share", "top20_overlap", "top100_overlap")


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
    source nodes drawn without replacement, their dependencies extrapolated; the note carries
    the error expected for this very run, see :func:`expected_error`).
    """
    method = _method(C, method)
    n = C.number_of_nodes()
    if method == "networkx" or n < 3:
        return nx.betweenness_centrality(C), None
    g, nodes = to_igraph(C)
    # igraph counts each unordered pair once: networkx's normalised value is raw * 2/((n-1)(n-2))
    scale = 2.0 / ((n - 1) * (n - 2))
    if method == "igraph":
        raw = g.betweenness(directed=False)
        return {v: r * scale for v, r in zip(nodes, raw, strict=True)}, None
    pivots = min(pivots, n)
    rng = np.random.default_rng(seed)
    sources = rng.choice(n, size=pivots, replace=False)
    groups = np.array_split(sources, min(ERROR_BATCHES, pivots))
    # a batch's sum over its sources of the dependencies (igraph's subset betweenness: each
    # source's dependencies, halved as igraph counts unordered pairs), times n / pivots
    batches = np.array([g.betweenness(directed=False, sources=group.tolist())
                        for group in groups]) * (scale * n)
    sizes = np.array([len(group) for group in groups], dtype=float)
    values = batches.sum(axis=0) / pivots
    # Hoeffding: each pivot's share of a node's normalised value lies in [0, n/(n-1)]
    bound = n / (n - 1) * math.sqrt(math.log(2 * n / delta) / (2 * pivots))
    note = {
        "metric": "betweenness",
        "method": f"pivot sampling (Brandes & Pich 2007), {pivots} source nodes drawn at "
                  "random without replacement",
        "pivots": pivots,
        "delta": delta,
        "epsilon": bound,
        "bound": f"|estimate - exact| <= {bound:.3f} for every node with probability >= "
                 f"{1 - delta:.2f} (Hoeffding; normalised betweenness); see 'measured' for "
                 "the error expected for this run",
        "reason": f"exact betweenness costs about {_work(C):.2g} steps "
                  f"(limit {EXACT_WORK_LIMIT:.2g})",
    }
    # a node has betweenness 0 exactly when its neighbours are all tied to each other
    positive = np.array([_on_some_path(C, v) for v in nodes])
    strata = [(np.arange(n), batches, sizes, lambda total, kept: total / kept)]
    note["measured"] = {"pivots": pivots, "sampling_ratio": round(pivots / n, 5),
                        **expected_error(values, strata, positive=positive, seed=seed)}
    return dict(zip(nodes, values.tolist(), strict=True)), note


def _on_some_path(C: nx.Graph, v) -> bool:
    """Whether ``v`` lies inside some shortest path: two of its neighbours are not tied."""
    neighbours = list(C[v])
    for i, a in enumerate(neighbours):
        tied = C[a]
        for b in neighbours[i + 1:]:
            if b not in tied:
                return True
    return False


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
    strata = []
    held_out = []  # (errors at the sources, nodes each stands for) per sampled piece
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
        if len(members) > pivots:
            groups = np.array_split(np.arange(len(sources)), min(ERROR_BATCHES, len(sources)))
            size = len(members)
            strata.append((members, np.array([dist[group].sum(axis=0) for group in groups]),
                           np.array([len(group) for group in groups], dtype=float),
                           _closeness_of(size, n)))
            if len(sources) > 1:  # a source's estimate needs another source
                held_out.append((*_source_errors(dist, np.searchsorted(members, sources), n),
                                 size / len(sources)))
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
        measured = expected_error(values, strata, seed=seed)
        # the top 100 hold a handful of sources: their error is neither measured nor
        # estimable (the bootstrap's expectation was 0.57-1.24 of the actual over 5 runs)
        del measured["top100_mean_rel_error"], measured["range90"]["top100_mean_rel_error"]
        tenth = np.sort(values)[-max(1, n // 10)]
        if held_out:
            measured.update(_held_out_figures(held_out, n, tenth, seed=seed,
                                              ranges=measured["range90"]))
            measured["how"] = ("value errors (measured_on_sources) measured on the run's "
                               "sources against their exact values; rank agreement "
                               + measured["how"])
        note["measured"] = {"pivots": pivots,
                            "sampling_ratio": round(pivots / max(estimated, 1), 5), **measured}
    return dict(zip(nodes, values.tolist(), strict=True)), note


def _source_errors(dist: np.ndarray, columns: np.ndarray, n: int) -> np.ndarray:
    """The closeness error of each source of a piece, measured, not estimated: a source's
    breadth-first search gives its exact total distance (its row), and the other sources'
    searches give its estimate (its column, itself left out)."""
    k, size = dist.shape
    exact_total = dist.sum(axis=1)
    estimated_total = dist[:, columns].sum(axis=0) * size / (k - 1)  # d(s, s) = 0
    scale = (size - 1) ** 2 / (n - 1)
    return np.abs(scale / estimated_total - scale / exact_total), scale / exact_total


def _held_out_figures(held_out: list, n: int, tenth: float, *, seed: int,
                      ranges: dict) -> dict:
    """Closeness' value errors measured on the run's sources, each standing for
    ``nodes / sources`` nodes of its piece (the nodes of smaller pieces are exact): the
    errors of this very run, as the sources are nodes drawn at random. The most central tenth
    of the nodes: the sources whose exact value reaches ``tenth`` (the estimates' tenth
    highest part). ``range90``: the spread of the measurement over resampled sources."""
    errors = np.concatenate([e for e, _, _ in held_out])
    exact = np.concatenate([x for _, x, _ in held_out])
    weights = np.concatenate([np.full(len(e), w) for e, _, w in held_out])
    exact_nodes = n - weights.sum()

    def figures(e, w, x):
        central = x >= tenth
        rel = (w[central] * e[central] / x[central]).sum() / w[central].sum() \
            if central.any() else 0.0
        total = w.sum() + exact_nodes
        order = np.argsort(e)
        cumulative = exact_nodes + np.cumsum(w[order])
        at = min(np.searchsorted(cumulative, 0.99 * total), len(e) - 1)
        p99 = e[order][at] if cumulative[-1] >= 0.99 * total and 0.99 * total > exact_nodes \
            else 0.0
        return {"mean_abs_error": float((w * e).sum() / total),
                "rms_error": float(np.sqrt((w * e ** 2).sum() / total)),
                "p99_abs_error": float(p99), "top10pct_mean_rel_error": float(rel)}

    result = figures(errors, weights, exact)
    rng = np.random.default_rng([seed, 10])
    draws = [figures(errors[pick], weights[pick], exact[pick])
             for pick in (rng.integers(0, len(errors), len(errors)) for _ in range(200))]
    for name in result:
        ranges[name] = [float(np.quantile([d[name] for d in draws], q)) for q in (0.05, 0.95)]
    return {**result, "measured_on_sources": sorted(result),
            "range90": ranges}


def _closeness_of(size: int, n: int):
    """Closeness of a component's nodes from their summed distances to ``kept`` sources."""
    def values(total, kept):
        with np.errstate(divide="ignore", invalid="ignore"):
            mean = total * size / kept
            return np.where(mean > 0, (size - 1) / mean * (size - 1) / (n - 1), 0.0)
    return values


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
    """How an estimate compares with exact values on the same nodes (:data:`ERROR_FIGURES`):

    - ``mean_abs_error``, ``rms_error`` (root mean square), ``p99_abs_error`` (the 99th
      percentile of the absolute error over all nodes);
    - ``top100_mean_rel_error``: the mean relative error of the 100 nodes with the highest
      exact values (the ones a reader looks at);
    - ``zero_share``: of the nodes whose exact value is above 0, the share estimated as 0;
    - ``top20_overlap`` / ``top100_overlap``: the share of the exact top k found in the
      estimated top k (ties broken by id).

    The maximum errors are left out on purpose: each is one node's error (for the relative one,
    the node with the smallest value), too unstable from run to run to be stated."""
    nodes = sorted(exact, key=str)
    return _figures(np.array([approx[v] for v in nodes], dtype=float),
                    np.array([exact[v] for v in nodes], dtype=float))


def _figures(approx: np.ndarray, exact: np.ndarray) -> dict:
    """:func:`error_figures` on arrays in node order (ties broken by position)."""
    if not len(exact):
        return {"mean_abs_error": 0.0, "rms_error": 0.0, "p99_abs_error": 0.0,
                "top100_mean_rel_error": 0.0, "top10pct_mean_rel_error": 0.0,
                "zero_share": 0.0, "top20_overlap": 1.0,
                "top100_overlap": 1.0}
    errors = np.abs(approx - exact)
    positive = exact > 0
    top = _top(exact, 100)
    top = top[exact[top] > 0]
    figures = {
        "mean_abs_error": float(errors.mean()),
        "rms_error": float(np.sqrt((errors ** 2).mean())),
        "p99_abs_error": float(np.quantile(errors, 0.99)),
        "top100_mean_rel_error": float((errors[top] / exact[top]).mean()) if len(top) else 0.0,
        "zero_share": float((approx[positive] == 0).mean()) if positive.any() else 0.0,
    }
    tenth = _top(exact, max(1, len(exact) // 10))
    tenth = tenth[exact[tenth] > 0]
    figures["top10pct_mean_rel_error"] = (float((errors[tenth] / exact[tenth]).mean())
                                          if len(tenth) else 0.0)
    for k in (20, 100):
        k_eff = min(k, len(exact))
        common = np.intersect1d(_top(exact, k_eff), _top(approx, k_eff), assume_unique=True)
        figures[f"top{k}_overlap"] = len(common) / k_eff
    return figures


def _top(values: np.ndarray, k: int) -> np.ndarray:
    """The positions of the ``k`` highest values, ties broken by position (unordered)."""
    if k >= len(values):
        return np.arange(len(values))
    kth = np.partition(values, len(values) - k)[len(values) - k]
    above = np.flatnonzero(values > kth)
    tied = np.flatnonzero(values == kth)[: k - len(above)]
    return np.concatenate([above, tied])


def expected_error(values: np.ndarray, strata: list, *, positive: np.ndarray | None = None,
                   seed: int = 42, resamples: int = ERROR_RESAMPLES) -> dict:
    """The error figures (:func:`error_figures`) expected for an estimate made by sampling
    sources, estimated from the run's own sources: no exact value is computed.

    The sources are split into batches drawn alike; the batches are resampled with
    replacement (bootstrap) and each resample's estimate is compared with the run's estimate,
    as the run's estimate compares with the exact values (same sources, same sampling ratio,
    same graph; the deviations shrunk by the finite-population factor, as the sources are
    drawn without replacement). ``strata``: ``(members, batches, sizes, to_values)`` per
    sampled part: the nodes (indices into ``values``), each batch's summed contributions to
    them, each batch's number of sources, and ``to_values(sum, sources)`` the estimate from
    a resample.
    ``positive``: the nodes whose exact value is known to be above 0 (then ``zero_share`` is
    counted, not estimated). Returns the mean of each figure over ``resamples`` resamples and,
    in ``range90``, the 5th and 95th percentiles: how much the figure itself varies from one
    run's sources to another's."""
    rng = np.random.default_rng([seed, 9])
    order = np.argsort(-values, kind="stable")  # the pooling groups below
    draws = {name: [] for name in ERROR_FIGURES}
    squares = np.zeros(len(values))
    # every resample's batch weights at once: one matrix product per stratum
    weights = [rng.multinomial(len(batches), np.full(len(batches), 1 / len(batches)),
                               size=resamples).astype(float)
               for _, batches, _, _ in strata]
    sums = [w @ batches for w, (_, batches, _, _) in zip(weights, strata, strict=True)]
    for i in range(resamples):
        star = values.copy()
        for w, total, (members, _, sizes, to_values) in zip(weights, sums, strata, strict=True):
            # the sources were drawn without replacement among the stratum's nodes: a
            # resample's deviation shrinks by the finite-population factor sqrt(1 - share)
            shrink = math.sqrt(max(0.0, 1 - sizes.sum() / len(members)))
            star[members] = values[members] + shrink * (
                to_values(total[i], w[i] @ sizes) - values[members])
        squares += (star - values) ** 2
        for name, value in _figures(star, values).items():
            draws[name].append(value)
    figures = {name: float(np.mean(draws[name])) for name in ERROR_FIGURES}
    ranges = {name: [float(np.quantile(draws[name], 0.05)), float(np.quantile(draws[name], 0.95))]
              for name in ERROR_FIGURES}
    # The mean absolute error from each node's own resampled errors comes out 10-20 % low
    # when a node's contributions are skewed (most batches give little, a few much: its spread
    # is then usually under-seen). Nodes of similar value have similar spread: the variance is
    # pooled over 100 groups of nodes by estimated value, and the mean absolute error taken as
    # a normal error's, sqrt(2/pi) x the standard deviation (measured within 12 % of the
    # actual at 20,000 nodes, against 0.78-0.96 unpooled; benchmarks/README.md).
    pooled = 0.0
    for group in np.array_split(order, min(100, len(order))):
        pooled += len(group) * math.sqrt(squares[group].mean() / resamples)
    pooled *= math.sqrt(2 / math.pi) / max(len(values), 1)
    if figures["mean_abs_error"] > 0:
        factor = pooled / figures["mean_abs_error"]
        ranges["mean_abs_error"] = [bound * factor for bound in ranges["mean_abs_error"]]
        figures["mean_abs_error"] = pooled
    if positive is not None:
        figures["zero_share"] = float((values[positive] == 0).mean()) if positive.any() else 0.0
        ranges["zero_share"] = [figures["zero_share"]] * 2
    batches = max((len(stratum[1]) for stratum in strata), default=0)
    return {**figures, "range90": ranges, "batches": batches, "resamples": resamples,
            "how": f"expected for this run: its sources split into {batches} batches, "
                   f"resampled {resamples} times (bootstrap); no exact value computed"}
