"""Every Cypher statement the store code runs, built only from the schema's labels and types.

Values always travel as parameters; labels and relationship types come from
:data:`ptce_graph.schema.NODE_LABELS` and :data:`~ptce_graph.schema.RELATIONSHIP_TYPES`, never
from user strings. :func:`registry` lists every statement (with the parameters it takes) so that
the tests check each one with Neo4j's own Cypher front-end.

Property names are the dataset's column names, snake_case, in the database too: one vocabulary
for CSV, GraphML and Cypher (``n.own_revenue``, ``r.amount``), and the metrics written back keep
the analysis column names (``n.betweenness``, ``n.single_funder_dependent``)."""

from __future__ import annotations

from ..schema import ALLOWED_PAIRS, NODE_LABELS, RELATIONSHIP_TYPES

__all__ = [
    "MARKER_LABEL",
    "EDGE_KEY",
    "EDGE_DATASET",
    "NODE_DATASETS",
    "BOOKKEEPING",
    "dataset_edge_keys",
    "delete_dataset_edges",
    "dataset_node_ids",
    "drop_dataset_nodes",
    "delete_unlisted_nodes",
    "merge_nodes",
    "merge_edges",
    "create_nodes",
    "create_edges",
    "write_back_nodes",
    "clear_metrics",
    "pull_nodes",
    "pull_edges",
    "count_nodes",
    "count_edges",
    "delete_nodes",
    "neo4j_constraint",
    "falkordb_index",
    "MARK_LOADING",
    "MARK_COMPLETE",
    "MARK_METRICS",
    "GDS_PROJECT",
    "READ_MARKER",
    "DELETE_MARKER",
    "registry",
]

# The node that says whether the last load finished; not one of the schema's labels, so no
# query of the library or the analysis ever sees it.
MARKER_LABEL = "PtceGraphLoad"
# The relationship property that identifies one dataset row (see load.edge_keys).
EDGE_KEY = "ptce_key"
# Which dataset a relationship's row comes from, and which datasets list a node: what a plain
# load removes when the dataset no longer has them (see load.py, "Loads converge").
EDGE_DATASET = "ptce_dataset"
NODE_DATASETS = "ptce_datasets"
BOOKKEEPING = (EDGE_KEY, EDGE_DATASET, NODE_DATASETS)


def _label(node_type: str) -> str:
    return NODE_LABELS[node_type]


def _rel(edge_type: str) -> str:
    return RELATIONSHIP_TYPES[edge_type]


def merge_nodes(node_type: str) -> str:
    """Create or update nodes of one type, listing ``$dataset`` among the datasets that hold
    them; ``$rows``: [{id, properties}] (null clears a value)."""
    return (f"UNWIND $rows AS row\n"
            f"MERGE (n:{_label(node_type)} {{id: row.id}})\n"
            f"SET n += row.properties,\n"
            f"    n.{NODE_DATASETS} = CASE WHEN $dataset IN coalesce(n.{NODE_DATASETS}, [])\n"
            f"        THEN n.{NODE_DATASETS} ELSE coalesce(n.{NODE_DATASETS}, []) + [$dataset] END")


def merge_edges(edge_type: str, source_type: str, target_type: str) -> str:
    """Create or update the relationships of ``$dataset``'s rows; ``$rows``: [{source,
    target, key, properties}]. A row is its key within its dataset: the same row in two
    datasets is two relationships, each removed with its own dataset's row."""
    return (f"UNWIND $rows AS row\n"
            f"MATCH (a:{_label(source_type)} {{id: row.source}})\n"
            f"MATCH (b:{_label(target_type)} {{id: row.target}})\n"
            f"MERGE (a)-[r:{_rel(edge_type)} {{{EDGE_KEY}: row.key, {EDGE_DATASET}: $dataset}}]"
            f"->(b)\n"
            f"SET r += row.properties")


def create_nodes(node_type: str) -> str:
    """Create nodes in a graph known to hold none of them (``--replace`` builds a fresh graph):
    no lookup per row, which MERGE needs. ``$rows`` as for :func:`merge_nodes`."""
    return (f"UNWIND $rows AS row\n"
            f"CREATE (n:{_label(node_type)} {{id: row.id}})\n"
            f"SET n += row.properties, n.{NODE_DATASETS} = [$dataset]")


def create_edges(edge_type: str, source_type: str, target_type: str) -> str:
    """Create relationships in a fresh graph; ``$rows`` as for :func:`merge_edges`."""
    return (f"UNWIND $rows AS row\n"
            f"MATCH (a:{_label(source_type)} {{id: row.source}})\n"
            f"MATCH (b:{_label(target_type)} {{id: row.target}})\n"
            f"CREATE (a)-[r:{_rel(edge_type)} {{{EDGE_KEY}: row.key, {EDGE_DATASET}: $dataset}}]"
            f"->(b)\n"
            f"SET r += row.properties")


def dataset_edge_keys(edge_type: str) -> str:
    """The keys of the relationships of one type that ``$dataset``'s rows made."""
    return (f"MATCH ()-[r:{_rel(edge_type)}]->() WHERE r.{EDGE_DATASET} = $dataset\n"
            f"RETURN r.{EDGE_KEY} AS key")


def delete_dataset_edges(edge_type: str) -> str:
    """Delete ``$dataset``'s relationships of one type whose key is in ``$keys`` (rows the
    dataset no longer has)."""
    return (f"UNWIND $keys AS row_key\n"
            f"MATCH ()-[r:{_rel(edge_type)} {{{EDGE_KEY}: row_key}}]->()\n"
            f"WHERE r.{EDGE_DATASET} = $dataset\n"
            f"DELETE r")


def dataset_node_ids(node_type: str) -> str:
    """The ids of the nodes of one type that list ``$dataset``."""
    return (f"MATCH (n:{_label(node_type)}) WHERE $dataset IN n.{NODE_DATASETS}\n"
            f"RETURN n.id AS id")


def drop_dataset_nodes(node_type: str) -> str:
    """Take ``$dataset`` off the nodes whose id is in ``$ids`` (the dataset no longer has
    them); :func:`delete_unlisted_nodes` then deletes those no dataset lists any more (one
    statement doing both deletes nothing on FalkorDB 4)."""
    return (f"UNWIND $ids AS node_id\n"
            f"MATCH (n:{_label(node_type)} {{id: node_id}})\n"
            f"SET n.{NODE_DATASETS} = [d IN n.{NODE_DATASETS} WHERE d <> $dataset]")


def delete_unlisted_nodes(node_type: str) -> str:
    """Delete the nodes of one type that a load took off its dataset and no other lists."""
    return (f"MATCH (n:{_label(node_type)}) WHERE size(n.{NODE_DATASETS}) = 0\n"
            f"DETACH DELETE n")


def write_back_nodes(node_type: str) -> str:
    """Set metric properties on existing nodes; ``$rows``: [{id, metrics}]."""
    return (f"UNWIND $rows AS row\n"
            f"MATCH (n:{_label(node_type)} {{id: row.id}})\n"
            f"SET n += row.metrics\n"
            f"RETURN count(n) AS written")


def clear_metrics(node_type: str) -> str:
    """Remove earlier metric properties from every node of a type; ``$metrics``: {name: null}."""
    return (f"MATCH (n:{_label(node_type)})\n"
            f"SET n += $metrics")


def pull_nodes(node_type: str) -> str:
    return (f"MATCH (n:{_label(node_type)})\n"
            f"RETURN n.id AS id, properties(n) AS properties\n"
            f"ORDER BY id")


def pull_edges(edge_type: str) -> str:
    return (f"MATCH (a)-[r:{_rel(edge_type)}]->(b)\n"
            f"RETURN a.id AS source, b.id AS target, properties(r) AS properties\n"
            f"ORDER BY source, target, r.{EDGE_KEY}")


def count_nodes(node_type: str) -> str:
    return f"MATCH (n:{_label(node_type)}) RETURN count(n) AS count"


def count_edges(edge_type: str) -> str:
    return f"MATCH ()-[r:{_rel(edge_type)}]->() RETURN count(r) AS count"


def delete_nodes(node_type: str) -> str:
    return f"MATCH (n:{_label(node_type)}) DETACH DELETE n"


def neo4j_constraint(node_type: str) -> str:
    """Neo4j only: the uniqueness of ``id`` per label (FalkorDB has its own command)."""
    label = _label(node_type)
    return (f"CREATE CONSTRAINT ptce_{node_type}_id IF NOT EXISTS "
            f"FOR (n:{label}) REQUIRE n.id IS UNIQUE")


def falkordb_index(node_type: str) -> str:
    """FalkorDB only: the range index its unique constraint needs (valid Neo4j syntax too)."""
    return f"CREATE INDEX FOR (n:{_label(node_type)}) ON (n.id)"


MARK_LOADING = (f"MERGE (s:{MARKER_LABEL} {{key: 'load'}})\n"
                "SET s.state = 'loading', s.dataset = $dataset, s.started = $now")
MARK_COMPLETE = (f"MERGE (s:{MARKER_LABEL} {{key: 'load'}})\n"
                 "SET s.state = 'complete', s.datasets = $datasets, s.nodes = $nodes,\n"
                 "    s.relationships = $relationships, s.finished = $now, s.as_of = $as_of")
MARK_METRICS = (f"MERGE (s:{MARKER_LABEL} {{key: 'load'}})\n"
                "SET s.metrics = $metrics, s.metrics_written = $now, s.metrics_year = $year,\n"
                "    s.metrics_layer = $layer, s.metrics_threshold = $threshold")
READ_MARKER = f"MATCH (s:{MARKER_LABEL} {{key: 'load'}}) RETURN properties(s) AS marker"
DELETE_MARKER = f"MATCH (s:{MARKER_LABEL}) DELETE s"
# Neo4j GDS (``--engine gds``): the metric layer projected by GDS's Cypher aggregation from
# rows sent as one parameter, ``[node, null, null]`` for every actor (isolated ones too) then
# ``[source, target, weight]`` for every tie; nodes are numbers, no name or id leaves Python.
# Every tie undirected: '*' holds also for a layer without ties (a named type would not).
GDS_PROJECT = ("UNWIND $rows AS row\n"
               "RETURN gds.graph.project($graph, row[0], row[1],\n"
               "    {relationshipProperties: CASE WHEN row[1] IS NULL THEN null\n"
               "                                  ELSE {weight: row[2]} END},\n"
               "    {undirectedRelationshipTypes: ['*']}) AS projected")


def registry() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Every statement the store code can run: name -> (text, parameter names)."""
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for node_type in NODE_LABELS:
        out[f"merge_nodes:{node_type}"] = (merge_nodes(node_type), ("rows", "dataset"))
        out[f"create_nodes:{node_type}"] = (create_nodes(node_type), ("rows", "dataset"))
        out[f"dataset_node_ids:{node_type}"] = (dataset_node_ids(node_type), ("dataset",))
        out[f"drop_dataset_nodes:{node_type}"] = (drop_dataset_nodes(node_type),
                                                  ("ids", "dataset"))
        out[f"delete_unlisted_nodes:{node_type}"] = (delete_unlisted_nodes(node_type), ())
        out[f"write_back_nodes:{node_type}"] = (write_back_nodes(node_type), ("rows",))
        out[f"clear_metrics:{node_type}"] = (clear_metrics(node_type), ("metrics",))
        out[f"pull_nodes:{node_type}"] = (pull_nodes(node_type), ())
        out[f"count_nodes:{node_type}"] = (count_nodes(node_type), ())
        out[f"delete_nodes:{node_type}"] = (delete_nodes(node_type), ())
        out[f"neo4j_constraint:{node_type}"] = (neo4j_constraint(node_type), ())
        out[f"falkordb_index:{node_type}"] = (falkordb_index(node_type), ())
    for edge_type, (sources, targets) in ALLOWED_PAIRS.items():
        out[f"pull_edges:{edge_type}"] = (pull_edges(edge_type), ())
        out[f"count_edges:{edge_type}"] = (count_edges(edge_type), ())
        out[f"dataset_edge_keys:{edge_type}"] = (dataset_edge_keys(edge_type), ("dataset",))
        out[f"delete_dataset_edges:{edge_type}"] = (delete_dataset_edges(edge_type),
                                                    ("keys", "dataset"))
        for source in sorted(sources):
            for target in sorted(targets):
                out[f"merge_edges:{edge_type}:{source}:{target}"] = (
                    merge_edges(edge_type, source, target), ("rows", "dataset"))
                out[f"create_edges:{edge_type}:{source}:{target}"] = (
                    create_edges(edge_type, source, target), ("rows", "dataset"))
    out["mark_loading"] = (MARK_LOADING, ("dataset", "now"))
    out["mark_complete"] = (MARK_COMPLETE, ("datasets", "nodes", "relationships", "now",
                                            "as_of"))
    out["mark_metrics"] = (MARK_METRICS, ("metrics", "now", "year", "layer", "threshold"))
    out["read_marker"] = (READ_MARKER, ())
    out["delete_marker"] = (DELETE_MARKER, ())
    out["gds_project"] = (GDS_PROJECT, ("rows", "graph"))
    return out
