"""Neo4j Graph Data Science as the engine of the heavy node metrics
(``ptce-graph analyze --store neo4j --engine gds``), through the official ``graphdatascience``
client.

The metric layer (the cooperation layer by default, :mod:`ptce_graph.analysis.layers`, the one
place that defines it) is projected into GDS as an undirected weighted in-memory graph, every
actor a node (isolated ones too), by our own Cypher aggregation
(:data:`~ptce_graph.store.statements.GDS_PROJECT`: one query, the layer's nodes and ties sent as
numbers in one parameter, every tie undirected with ``'*'``); GDS computes the metrics below and
the projection is dropped. The analysis asks :class:`GdsEngine` for these metrics and computes
only the others (:func:`~ptce_graph.analysis.analyze`'s ``engine``), so the files, the
write-back and the views are the same whatever the engine.

Why not the client's ``graph.construct``: it named the tie type (``TIE``) undirected, and GDS
refuses a projection in which a type named undirected has no relationship ("Specified
undirectedRelationshipTypes `[TIE]` were not projected"): every layer without ties failed, as
did the benchmark's warm-up on the first 200 actors of the 420-pole layer (no tie among them).
``'*'`` holds for any layer; and the construct shipped each tie through a pandas row function
(slower than the query).

What GDS computes (:data:`GDS_METRICS`) and how it matches networkx (the tolerance the tests
allow, ``tests/store/test_gds.py``):

- ``betweenness``: exact Brandes (GDS samples only when asked), normalised as networkx does
  an undirected graph (2 / ((n-1)(n-2))): equal to 1e-12 (measured 6e-17).
- ``closeness``: Wasserman-Faust variant (networkx's default, per component): 1e-12 (measured
  0).
- ``pagerank``: weighted, damping 0.85, run to tolerance 1e-10, rescaled to sum 1 as
  networkx's: 1e-4 (measured 1.4e-6; the two stop their iterations differently, and treat the
  rank of an actor without ties differently).
- ``community``: Louvain (weighted); communities numbered by decreasing size as locally. Louvain
  depends on the order it visits nodes: the partitions are compared by their modularity,
  within 0.02 of networkx's (measured 0.001 on Florentine, 0.004 on Davis).
- ``core_number`` (k-core) and ``articulation_point``: exact.

Computed locally, always, and the run says so: ``degree`` and ``degree_centrality`` (cheap);
``eigenvector``: GDS's weighted eigenvector divides each tie's weight by its node's total (a
different measure from the adjacency eigenvector networkx and the local path compute: 0.09 apart
on Florentine with every weight 1), and the local sparse solver is fast at national scale;
Burt's ``constraint`` and ``effective_size``, ``sector_participation`` (no GDS counterpart)."""

from __future__ import annotations

import time
import uuid
import warnings
from collections import Counter
from collections.abc import Mapping

import networkx as nx

from ..errors import StoreError
from ..i18n import Message, _
from .backend import Neo4jSettings
from .statements import GDS_PROJECT

__all__ = ["GDS_METRICS", "LOCAL_METRICS", "GdsEngine", "gds_client", "gds_node_metrics",
           "projection_rows"]

# node metric column -> the GDS procedure that computes it
GDS_METRICS = {
    "betweenness": "gds.betweenness",
    "closeness": "gds.closeness",
    "pagerank": "gds.pageRank",
    "community": "gds.louvain",
    "core_number": "gds.kcore",
    "articulation_point": "gds.articulationPoints",
}
# node metric columns GDS has no counterpart for: computed by the local path
LOCAL_METRICS = ("degree", "degree_centrality", "eigenvector", "constraint", "effective_size",
                 "sector_participation")


def gds_client(settings: Neo4jSettings):
    """A connected ``GraphDataScience`` client, or a StoreError saying what is missing."""
    try:
        from graphdatascience import GraphDataScience
    except ImportError:
        raise StoreError(_("--engine gds needs the graphdatascience client: "
                           "pip install 'ptce-graph[gds]'")) from None
    from neo4j import exceptions as neo4j_errors

    from .neo4j import describe_error, safe_uri

    settings = settings.resolved()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the client's notices on server versions
            client = GraphDataScience(settings.uri, auth=(settings.user, settings.password),
                                      database=settings.database, show_progress=False)
    except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, ValueError) as err:
        raise StoreError(describe_error(err, settings)) from None
    except Exception as err:  # the client's own: GDS not installed on that server
        if "gds.version" in str(err) or "no procedure" in str(err).lower():
            raise StoreError(_("Neo4j at {where} has no Graph Data Science plugin: install "
                               "GDS 2.13+ there, or leave out --engine gds",
                               where=safe_uri(settings.uri or ""))) from None
        raise
    return client


def projection_rows(L: nx.Graph) -> tuple[list, list[list]]:
    """``(order, rows)``: the nodes of ``L`` in a fixed order (by ``str``), and the rows
    :data:`~ptce_graph.store.statements.GDS_PROJECT` takes: ``[i, None, None]`` for the i-th
    node, then ``[i, j, weight]`` for every tie (a weight missing or 0 counts 1; self-loops
    left out). Only numbers: no name or id goes to the server.

    >>> order, rows = projection_rows(nx.Graph([("b", "a", {"weight": 2.0})]))
    >>> order, rows
    (['a', 'b'], [[0, None, None], [1, None, None], [1, 0, 2.0]])
    """
    order = sorted(L, key=str)
    index = {node: i for i, node in enumerate(order)}
    rows: list[list] = [[i, None, None] for i in range(len(order))]
    rows.extend([index[u], index[v], float(d.get("weight", 1.0) or 1.0)]
                for u, v, d in L.edges(data=True) if u != v)
    return order, rows


def _project(client, L: nx.Graph):
    """``(order, graph)``: ``L`` projected into GDS under a fresh name, checked whole (every
    node, both directions of every tie)."""
    order, rows = projection_rows(L)
    name = f"ptce-{uuid.uuid4().hex[:12]}"
    projected = client.run_cypher(GDS_PROJECT, {"rows": rows, "graph": name})
    graph = client.graph.get(name)
    got = projected["projected"].iloc[0]
    ties = len(rows) - len(order)
    if got["nodeCount"] != len(order) or got["relationshipCount"] != 2 * ties:
        graph.drop()
        raise StoreError(_("the GDS projection holds {nodes} nodes and {relationships} "
                           "relationships, not {expected_nodes} and {expected_relationships}",
                           nodes=int(got["nodeCount"]),
                           relationships=int(got["relationshipCount"]),
                           expected_nodes=len(order), expected_relationships=2 * ties))
    return order, graph


def _by_node(frame, order: list, column: str) -> dict:
    return {order[int(i)]: v for i, v in zip(frame["nodeId"], frame[column], strict=True)}


def gds_node_metrics(client, L: nx.Graph, *,
                     seconds: dict[str, float] | None = None) -> dict[str, dict]:
    """The metrics of :data:`GDS_METRICS` for every node of ``L`` (an undirected graph), computed
    by GDS, in the local path's conventions (see the module's notes). ``seconds``: receives
    the time of each step (``projection``, each metric with its results streamed back,
    ``drop``), added to what it holds."""
    n = L.number_of_nodes()
    values: dict[str, dict] = {name: {} for name in GDS_METRICS}
    if n == 0:
        return values
    clock = seconds if seconds is not None else {}

    def timed(step, work):
        started = time.perf_counter()
        result = work()
        clock[step] = clock.get(step, 0.0) + time.perf_counter() - started
        return result

    order, graph = timed("projection", lambda: _project(client, L))
    try:
        if all(u == v for u, v in L.edges()):
            # no tie: every value is known, and GDS refuses some algorithms on such a graph
            zero = dict.fromkeys(order, 0.0)
            return {"betweenness": zero, "closeness": zero, "pagerank": dict.fromkeys(
                order, 1.0 / n), "core_number": dict.fromkeys(order, 0),
                "community": dict(zip(order, range(n), strict=True)),
                "articulation_point": dict.fromkeys(order, False)}
        scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
        between = timed("betweenness", lambda: client.betweenness.stream(graph))
        values["betweenness"] = {k: float(v) * scale for k, v in
                                 _by_node(between, order, "score").items()}
        closeness = timed("closeness", lambda: client.closeness.stream(
            graph, use_wasserman_faust=True))
        values["closeness"] = _by_node(closeness, order, "score")
        rank = timed("pagerank", lambda: client.page_rank.stream(
            graph, relationship_weight_property="weight", damping_factor=0.85,
            max_iterations=1000, tolerance=1e-10))
        total = float(rank["score"].sum()) or 1.0
        values["pagerank"] = {k: float(v) / total
                              for k, v in _by_node(rank, order, "score").items()}
        core = timed("core_number", lambda: client.kcore.stream(graph))
        values["core_number"] = {k: int(v) for k, v in
                                 _by_node(core, order, "coreValue").items()}
        louvain = timed("community", lambda: client.louvain.stream(
            graph, relationship_weight_property="weight"))
        values["community"] = _numbered_by_size(_by_node(louvain, order, "communityId"))
        cut = timed("articulation_point", lambda: client.articulation_points.stream(graph))
        found = {order[int(i)] for i in cut["nodeId"]}
        values["articulation_point"] = {node: node in found for node in order}
    finally:
        timed("drop", graph.drop)
    return values


def _numbered_by_size(labels: Mapping) -> dict:
    """Community labels renumbered 0, 1, ... by decreasing size (ties by smallest node id)."""
    sizes = Counter(labels.values())
    first = {}
    for node in sorted(labels, key=str):
        first.setdefault(labels[node], str(node))
    ranked = sorted(sizes, key=lambda c: (-sizes[c], first[c]))
    number = {c: i for i, c in enumerate(ranked)}
    return {node: number[c] for node, c in labels.items()}


class GdsEngine:
    """The engine of ``analyze --engine gds``, handed to
    :func:`~ptce_graph.analysis.analyze` (``engine``): called with the metric layer, it returns
    the metrics of :data:`GDS_METRICS` computed by GDS, and the analysis computes only the
    others (nothing twice). It keeps the time of each step (``seconds``) and the size of the
    layers it was given, for the line the run prints (:meth:`note`)."""

    provides = tuple(GDS_METRICS)

    def __init__(self, client):
        self.client = client
        self.seconds: dict[str, float] = {}
        self.layers: list[tuple[int, int]] = []

    def __call__(self, L: nx.Graph) -> dict[str, dict]:
        values = gds_node_metrics(self.client, L, seconds=self.seconds)
        self.layers.append((L.number_of_nodes(), L.number_of_edges()))
        return values

    def note(self, layer: str) -> Message:
        """What ran where: the metrics GDS computed, on which layer, and those computed
        locally because GDS has no counterpart."""
        from ..catalogue import TABLES

        local = [c.name for c in TABLES["nodes"].columns if c.compute is not None]
        nodes, ties = self.layers[-1] if self.layers else (0, 0)
        return _("Engine: Neo4j GDS {version} computed {metrics} on the {layer} layer ({nodes} "
                 "nodes, {ties} ties); computed locally (no GDS counterpart): {local}",
                 version=self.client.server_version(), metrics=", ".join(GDS_METRICS),
                 layer=layer, nodes=nodes, ties=ties,
                 local=", ".join([*LOCAL_METRICS, *local]))
