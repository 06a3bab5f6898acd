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
    "READ_MARKER",
    "DELETE_MARKER",
    "registry",
]

# The node that says whether the last load finished; not one of the schema's labels, so no
# query of the library or the analysis ever sees it.
MARKER_LABEL = "PtceGraphLoad"
# The relationship property that identifies one dataset row (see load.edge_keys).
EDGE_KEY = "ptce_key"


def _label(node_type: str) -> str:
    return NODE_LABELS[node_type]


def _rel(edge_type: str) -> str:
    return RELATIONSHIP_TYPES[edge_type]


def merge_nodes(node_type: str) -> str:
    """Create or update nodes of one type; ``$rows``: [{id, properties}] (null clears a value)."""
    return (f"UNWIND $rows AS row\n"
            f"MERGE (n:{_label(node_type)} {{id: row.id}})\n"
            f"SET n += row.properties")


def merge_edges(edge_type: str, source_type: str, target_type: str) -> str:
    """Create or update relationships; ``$rows``: [{source, target, key, properties}]."""
    return (f"UNWIND $rows AS row\n"
            f"MATCH (a:{_label(source_type)} {{id: row.source}})\n"
            f"MATCH (b:{_label(target_type)} {{id: row.target}})\n"
            f"MERGE (a)-[r:{_rel(edge_type)} {{{EDGE_KEY}: row.key}}]->(b)\n"
            f"SET r += row.properties")


def create_nodes(node_type: str) -> str:
    """Create nodes in a graph known to hold none of them (``--replace`` builds a fresh graph):
    no lookup per row, which MERGE needs. ``$rows`` as for :func:`merge_nodes`."""
    return (f"UNWIND $rows AS row\n"
            f"CREATE (n:{_label(node_type)} {{id: row.id}})\n"
            f"SET n += row.properties")


def create_edges(edge_type: str, source_type: str, target_type: str) -> str:
    """Create relationships in a fresh graph; ``$rows`` as for :func:`merge_edges`."""
    return (f"UNWIND $rows AS row\n"
            f"MATCH (a:{_label(source_type)} {{id: row.source}})\n"
            f"MATCH (b:{_label(target_type)} {{id: row.target}})\n"
            f"CREATE (a)-[r:{_rel(edge_type)} {{{EDGE_KEY}: row.key}}]->(b)\n"
            f"SET r += row.properties")


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
                 "    s.relationships = $relationships, s.finished = $now")
MARK_METRICS = (f"MERGE (s:{MARKER_LABEL} {{key: 'load'}})\n"
                "SET s.metrics = $metrics, s.metrics_written = $now, s.metrics_year = $year,\n"
                "    s.metrics_layer = $layer, s.metrics_threshold = $threshold")
READ_MARKER = f"MATCH (s:{MARKER_LABEL} {{key: 'load'}}) RETURN properties(s) AS marker"
DELETE_MARKER = f"MATCH (s:{MARKER_LABEL}) DELETE s"


def registry() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Every statement the store code can run: name -> (text, parameter names)."""
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for node_type in NODE_LABELS:
        out[f"merge_nodes:{node_type}"] = (merge_nodes(node_type), ("rows",))
        out[f"create_nodes:{node_type}"] = (create_nodes(node_type), ("rows",))
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
        for source in sorted(sources):
            for target in sorted(targets):
                out[f"merge_edges:{edge_type}:{source}:{target}"] = (
                    merge_edges(edge_type, source, target), ("rows",))
                out[f"create_edges:{edge_type}:{source}:{target}"] = (
                    create_edges(edge_type, source, target), ("rows",))
    out["mark_loading"] = (MARK_LOADING, ("dataset", "now"))
    out["mark_complete"] = (MARK_COMPLETE, ("datasets", "nodes", "relationships", "now"))
    out["mark_metrics"] = (MARK_METRICS, ("metrics", "now", "year", "layer", "threshold"))
    out["read_marker"] = (READ_MARKER, ())
    out["delete_marker"] = (DELETE_MARKER, ())
    return out
