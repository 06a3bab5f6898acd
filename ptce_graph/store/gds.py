"""Neo4j Graph Data Science as the engine of the heavy node metrics
(``ptce-graph analyze --store neo4j --engine gds``), through the official ``graphdatascience``
client.

The metric layer (the cooperation layer by default, :mod:`ptce_graph.analysis.layers`, the one
place that defines it) is projected into GDS as an undirected weighted in-memory graph, every
actor a node (isolated ones too); GDS computes the metrics below and the projection is dropped.
The values are put in the columns of ``metrics/nodes.csv`` in the local path's conventions, so
the files, the write-back and the views are the same whatever the engine.

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

import uuid
import warnings
from collections import Counter
from collections.abc import Mapping

import networkx as nx
import pandas as pd

from ..errors import StoreError
from .backend import Neo4jSettings

__all__ = ["GDS_METRICS", "LOCAL_METRICS", "gds_client", "gds_node_metrics",
           "apply_gds_metrics"]

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
        raise StoreError("--engine gds needs the graphdatascience client: "
                         "pip install 'ptce-graph[gds]'") from None
    from neo4j import exceptions as neo4j_errors

    from .neo4j import describe_error

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
            raise StoreError(f"Neo4j at {settings.uri} has no Graph Data Science plugin: "
                             "install GDS 2.13+ there, or leave out --engine gds") from None
        raise
    return client


def _projection(L: nx.Graph) -> tuple[list, pd.DataFrame, pd.DataFrame]:
    order = sorted(L, key=str)
    index = {node: i for i, node in enumerate(order)}
    nodes = pd.DataFrame({"nodeId": range(len(order))})
    pairs = [(index[u], index[v], float(d.get("weight", 1.0) or 1.0))
             for u, v, d in L.edges(data=True) if u != v]
    relationships = pd.DataFrame(pairs, columns=["sourceNodeId", "targetNodeId", "weight"])
    relationships["relationshipType"] = "TIE"
    return order, nodes, relationships


def _by_node(frame: pd.DataFrame, order: list, column: str) -> dict:
    return {order[int(i)]: v for i, v in zip(frame["nodeId"], frame[column], strict=True)}


def gds_node_metrics(client, L: nx.Graph) -> dict[str, dict]:
    """The metrics of :data:`GDS_METRICS` for every node of ``L`` (an undirected graph), computed
    by GDS, in the local path's conventions (see the module's notes)."""
    n = L.number_of_nodes()
    values: dict[str, dict] = {name: {} for name in GDS_METRICS}
    if n == 0:
        return values
    order, nodes, relationships = _projection(L)
    name = f"ptce-{uuid.uuid4().hex[:12]}"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the client's own pandas deprecation notices
        graph = client.graph.construct(name, nodes, relationships,
                                       undirected_relationship_types=["TIE"])
    try:
        if L.number_of_edges() == 0:  # GDS refuses some algorithms on a graph without ties
            zero = dict.fromkeys(order, 0.0)
            return {"betweenness": zero, "closeness": zero, "pagerank": dict.fromkeys(
                order, 1.0 / n), "core_number": dict.fromkeys(order, 0),
                "community": dict(zip(order, range(n), strict=True)),
                "articulation_point": dict.fromkeys(order, False)}
        scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
        between = client.betweenness.stream(graph)
        values["betweenness"] = {order[int(i)]: float(s) * scale
                                 for i, s in zip(between["nodeId"], between["score"],
                                                 strict=True)}
        closeness = client.closeness.stream(graph, use_wasserman_faust=True)
        values["closeness"] = _by_node(closeness, order, "score")
        rank = client.page_rank.stream(graph, relationship_weight_property="weight",
                                        damping_factor=0.85, max_iterations=1000,
                                        tolerance=1e-10)
        total = float(rank["score"].sum()) or 1.0
        values["pagerank"] = {k: float(v) / total
                              for k, v in _by_node(rank, order, "score").items()}
        core = client.kcore.stream(graph)
        values["core_number"] = {k: int(v) for k, v in
                                 _by_node(core, order, "coreValue").items()}
        louvain = client.louvain.stream(graph, relationship_weight_property="weight")
        values["community"] = _numbered_by_size(_by_node(louvain, order, "communityId"))
        cut = client.articulation_points.stream(graph)
        found = {order[int(i)] for i in cut["nodeId"]}
        values["articulation_point"] = {node: node in found for node in order}
    finally:
        graph.drop()
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


def apply_gds_metrics(nodes: pd.DataFrame, values: Mapping[str, Mapping]) -> pd.DataFrame:
    """The nodes table (``metrics/nodes.csv``) with the GDS values in place of the local ones,
    for the nodes on the metric layer (the others keep their empty cells). Same columns, same
    types."""
    out = nodes.copy()
    on_layer = out["degree"].notna()
    for column, by_node in values.items():
        if column not in out.columns:
            continue
        new = [by_node.get(node) if keep else old
               for node, keep, old in zip(out["id"], on_layer, out[column], strict=True)]
        out[column] = pd.array(new, dtype=out[column].dtype)
    return out


def with_gds_metrics(analysis, client):
    """``analysis`` (:class:`~ptce_graph.analysis.Analysis`) with the metrics of
    :data:`GDS_METRICS` in its nodes table computed by GDS on the same metric layer, and the
    line saying what ran where."""
    import dataclasses
    from types import MappingProxyType

    from ..analysis.layers import layer
    from ..catalogue import TABLES, conform

    options = analysis.options
    L = analysis.cooperation if options.layer == "cooperation" else \
        layer(analysis.graph, options.layer, year=options.year)
    values = gds_node_metrics(client, nx.Graph(L))
    nodes = conform(apply_gds_metrics(analysis["nodes"], values), TABLES["nodes"])
    tables = MappingProxyType({**analysis.tables, "nodes": nodes})
    local = [c for c in TABLES["nodes"].columns if c.compute is not None]
    note = (f"Engine: Neo4j GDS {client.server_version()} computed "
            f"{', '.join(GDS_METRICS)} on the {options.layer} layer "
            f"({L.number_of_nodes()} nodes, {L.number_of_edges()} ties); computed locally "
            f"(no GDS counterpart): {', '.join([*LOCAL_METRICS, *(c.name for c in local)])}")
    return dataclasses.replace(analysis, tables=tables), note
