"""Load a dataset into the store: batched ``UNWIND $rows ... MERGE``, idempotent, resumable.

Design (why an interrupted load never looks complete):

- A marker node (label ``PtceGraphLoad``, outside the schema so no query sees it) is set to
  ``state: 'loading'`` before the first batch and to ``'complete'`` (with the counts) after the
  last. Pull, analyze and query refuse a store whose marker says ``loading``, naming the dataset
  to load again. Every batch is a ``MERGE``, so re-running the same load converges to the same
  graph whatever point the previous one reached.
- ``--replace`` builds a whole new graph and swaps it in only at the end (FalkorDB: a temporary
  graph renamed over the old one; Neo4j: one transaction that deletes and reloads), so it either
  replaces everything or leaves the old graph as it was.

Identity: a node is its ``id`` (unique per label, enforced by a constraint). A relationship is
its dataset row, keyed by ``ptce_key`` = the SHA-1 of (type, source, target, every non-empty
value, sorted by column, in Python's repr) plus ``#n`` for the n-th identical row. The key is
the same on every load of the same file, so loading twice changes nothing; two grants from the
same funder to the same pole differ in their values and stay two relationships. A row whose
values were edited gets a new key: load with ``--replace`` after editing a dataset, or the old
relationship stays too.

Property values are the dataset's: texts, numbers, booleans; years as integers (``founded``);
dates as the ISO text the format uses ('2014' or '2014-03-01'). A node's type is its label and an
edge's its relationship type; neither is stored again as a property."""

from __future__ import annotations

import hashlib
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from ..errors import StoreError
from ..ingest import Dataset
from ..schema import EDGE_TYPES, NODE_TYPES
from . import statements
from .backend import GraphStore, Step, plain_records

__all__ = ["LoadReport", "load_into_store", "load_steps", "edge_keys", "batches",
           "load_state", "require_complete", "stored_counts", "DEFAULT_BATCH_SIZE"]

DEFAULT_BATCH_SIZE = 1000
RESERVED_PROPERTIES = (statements.EDGE_KEY,)


@dataclass
class LoadReport:
    nodes: int  # rows of the dataset
    relationships: int
    nodes_created: int
    relationships_created: int
    store_nodes: int  # what the store holds afterwards
    store_relationships: int

    @property
    def nodes_updated(self) -> int:
        return self.nodes - self.nodes_created

    @property
    def relationships_updated(self) -> int:
        return self.relationships - self.relationships_created


def batches(rows: list, size: int) -> list[list]:
    """Consecutive slices of at most ``size`` rows.

    >>> [len(b) for b in batches(list(range(2500)), 1000)]
    [1000, 1000, 500]
    """
    if size < 1:
        raise StoreError(f"the batch size must be at least 1, not {size}")
    return [rows[i:i + size] for i in range(0, len(rows), size)]


def _properties(record: dict, skip: tuple[str, ...], clear_missing: bool) -> dict:
    # a null removes a value left by an earlier load of an edited dataset; a fresh graph
    # (--replace) has none, and the batches get much smaller without them
    return {k: v for k, v in record.items()
            if k not in skip and (clear_missing or v is not None)}


def edge_keys(edges: pd.DataFrame) -> list[str]:
    """The ``ptce_key`` of each edge row (see the module's design notes).

    >>> frame = pd.DataFrame({"source": ["a", "a"], "target": ["p", "p"],
    ...                       "type": ["funds", "funds"], "amount": [1.0, 1.0]})
    >>> keys = edge_keys(frame)
    >>> keys[0] != keys[1], keys[0].endswith("#0"), keys[1].endswith("#1")
    (True, True, True)
    """
    return _keys(plain_records(edges))


def _keys(records: list[dict]) -> list[str]:
    seen: dict[str, int] = defaultdict(int)
    keys = []
    for record in records:
        # repr tells 1 from 1.0 from '1' and is stable across runs; the unit separator cannot
        # occur in a column name
        canonical = "\x1f".join(f"{k}={v!r}" for k, v in sorted(record.items())
                                 if v is not None)
        digest = hashlib.sha1(canonical.encode("utf-8")).hexdigest()
        keys.append(f"{digest}#{seen[digest]}")
        seen[digest] += 1
    return keys


def _check_columns(dataset: Dataset) -> None:
    for frame, file in ((dataset.nodes, "nodes"), (dataset.edges, "edges")):
        for column in frame.columns:
            if column in RESERVED_PROPERTIES:
                raise StoreError(f"{file}: the column {column!r} is reserved by the store; "
                                 "rename it")


def load_steps(dataset: Dataset, batch_size: int = DEFAULT_BATCH_SIZE, *,
               clear_missing: bool = True, fresh: bool = False) -> list[Step]:
    """The write steps of a load, nodes first (grouped by label), then relationships grouped by
    (type, source label, target label) so that each MATCH uses the id constraint's index.

    ``fresh``: the steps run on a graph holding none of the schema's nodes (``--replace``
    builds a new one), so they CREATE instead of MERGE: no lookup per row. Ids must then be
    unique, as a valid dataset's are."""
    _check_columns(dataset)
    if fresh and dataset.nodes["id"].duplicated().any():
        duplicate = dataset.nodes["id"][dataset.nodes["id"].duplicated()].iloc[0]
        raise StoreError(f"nodes: duplicate id {duplicate!r}; each id names one node (list "
                         "every problem with `ptce-graph validate DATASET`)")
    node_statement = statements.create_nodes if fresh else statements.merge_nodes
    edge_statement = statements.create_edges if fresh else statements.merge_edges
    steps: list[Step] = []
    node_types: dict[str, str] = {}
    by_type: dict[str, list[dict]] = defaultdict(list)
    for record in plain_records(dataset.nodes):
        node_types[record["id"]] = record["type"]
        by_type[record["type"]].append(
            {"id": record["id"], "properties": _properties(record, ("id", "type"), clear_missing)})
    for node_type in NODE_TYPES:
        for batch in batches(by_type.get(node_type, []), batch_size):
            steps.append(Step(node_statement(node_type), {"rows": batch}, len(batch)))
    groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    records = plain_records(dataset.edges)
    for key, record in zip(_keys(records), records, strict=True):
        source, target = record["source"], record["target"]
        group = (record["type"], node_types[source], node_types[target])
        groups[group].append({"source": source, "target": target, "key": key,
                              "properties": _properties(record, ("source", "target", "type"),
                                                        clear_missing)})
    order = {t: i for i, t in enumerate(EDGE_TYPES)}
    for group in sorted(groups, key=lambda g: (order[g[0]], g[1], g[2])):
        for batch in batches(groups[group], batch_size):
            steps.append(Step(edge_statement(*group), {"rows": batch}, len(batch)))
    return steps


def load_state(store: GraphStore) -> dict | None:
    """The load marker's properties (state, dataset(s), counts, metrics), None if never loaded."""
    result = store.read(statements.READ_MARKER)
    return result.rows[0][0] if result.rows else None


def require_complete(store: GraphStore) -> dict:
    """The marker of a completely loaded store, or a StoreError saying what to run."""
    state = load_state(store)
    if state is None:
        raise StoreError(f"{store.describe()} holds no ptce-graph data yet: run "
                         "`ptce-graph load DATASET` first")
    if state.get("state") != "complete":
        raise StoreError(f"the last load into {store.describe()} did not finish (dataset "
                         f"{state.get('dataset')!r}, started {state.get('started')}): run "
                         "`ptce-graph load DATASET` again, it resumes where it stopped, or "
                         "with --replace")
    return state


def stored_counts(store: GraphStore) -> tuple[int, int]:
    """How many nodes and relationships of the schema the store holds."""
    def count(statement: str) -> int:
        rows = store.read(statement).rows
        return int(rows[0][0]) if rows else 0  # no row: nothing was ever loaded

    return (sum(count(statements.count_nodes(t)) for t in NODE_TYPES),
            sum(count(statements.count_edges(t)) for t in EDGE_TYPES))


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S")


def load_into_store(store: GraphStore, dataset: Dataset, *, batch_size: int = DEFAULT_BATCH_SIZE,
                    replace: bool = False,
                    progress: Callable[[Step], None] | None = None) -> LoadReport:
    """Load a validated dataset (see :func:`ptce_graph.ingest.load_dataset`) into ``store``.

    ``progress(step)`` is called after each batch (``step.size`` rows). Returns the counts of
    nodes and relationships created and updated, and what the store holds afterwards."""
    steps = load_steps(dataset, batch_size, clear_missing=not replace, fresh=replace)
    datasets = [dataset.name]
    if not replace:
        previous = load_state(store)
        if previous and previous.get("state") == "complete":
            datasets = sorted(set(previous.get("datasets") or []) | {dataset.name})
        store.ensure_schema()
    nodes, relationships = len(dataset.nodes), len(dataset.edges)
    marker = Step(statements.MARK_LOADING, {"dataset": dataset.name, "now": _now()})
    done = Step(statements.MARK_COMPLETE, {"datasets": datasets, "nodes": nodes,
                                           "relationships": relationships, "now": _now()})
    if replace:
        counts = store.write([marker, *steps, done], replace=True,
                             progress=_rows_only(progress))
        counts.nodes_created -= 1  # the marker node, created afresh in the new graph
    else:
        store.write([marker], replace=False)
        counts = store.write(steps, replace=False, progress=progress)
        store.write([done], replace=False)
    store_nodes, store_relationships = stored_counts(store)
    return LoadReport(nodes=nodes, relationships=relationships,
                      nodes_created=counts.nodes_created,
                      relationships_created=counts.relationships_created,
                      store_nodes=store_nodes, store_relationships=store_relationships)


def _rows_only(progress):
    if progress is None:
        return None
    return lambda step: progress(step) if step.size else None

