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
same funder to the same pole differ in their values and stay two relationships.

Loads converge: every relationship records the dataset whose row made it (``ptce_dataset``) and
every node the datasets that list it (``ptce_datasets``). After its batches, a plain load removes
the relationships of its dataset whose key it no longer has (a row edited, removed or re-typed)
and takes its dataset off the nodes it no longer has, deleting those no other dataset lists. So
an edited dataset needs no ``--replace``, and the other datasets of the store are untouched.

Property values are the dataset's: texts, numbers, booleans; years as integers (``founded``);
dates as the ISO text the format uses ('2014' or '2014-03-01'). A node's type is its label and an
edge's its relationship type; neither is stored again as a property."""

from __future__ import annotations

import hashlib
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain

import pandas as pd

from ..errors import StoreError
from ..i18n import _
from ..ingest import Dataset
from ..schema import EDGE_TYPES, NODE_TYPES
from . import statements
from .backend import GraphStore, Step, plain_columns

__all__ = ["LoadReport", "load_into_store", "load_steps", "iter_load_steps", "edge_keys",
           "batches",
           "load_state", "require_complete", "stored_counts", "DEFAULT_BATCH_SIZE"]

DEFAULT_BATCH_SIZE = 1000
RESERVED_PROPERTIES = statements.BOOKKEEPING


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


def edge_keys(edges: pd.DataFrame) -> list[str]:
    """The ``ptce_key`` of each edge row (see the module's design notes).

    >>> frame = pd.DataFrame({"source": ["a", "a"], "target": ["p", "p"],
    ...                       "type": ["funds", "funds"], "amount": [1.0, 1.0]})
    >>> keys = edge_keys(frame)
    >>> keys[0] != keys[1], keys[0].endswith("#0"), keys[1].endswith("#1")
    (True, True, True)
    """
    names, columns = plain_columns(edges)
    return _keys(names, columns, defaultdict(int))


def _keys(names: list[str], columns: list[list], seen: dict[str, int]) -> list[str]:
    """The keys of rows given column by column; ``seen`` counts the digests met so far (in
    dataset order), which numbers identical rows."""
    # repr tells 1 from 1.0 from '1' and is stable across runs; the unit separator cannot
    # occur in a column name. Each value's "name=repr" piece is made column by column, in the
    # order of the sorted names; an empty cell has none.
    pieces = []
    for name, column in sorted(zip(names, columns, strict=True), key=lambda nc: nc[0]):
        if column.count(None) < len(column):
            prefix = f"{name}="
            pieces.append([None if v is None else prefix + r
                           for v, r in zip(column, map(repr, column), strict=True)])
    if not pieces:
        pieces = [[None] * (len(columns[0]) if columns else 0)]
    keys = []
    sha1 = hashlib.sha1
    for row in zip(*pieces, strict=True):
        digest = sha1("\x1f".join([p for p in row if p is not None]).encode("utf-8")).hexdigest()
        n = seen.get(digest, 0)
        seen[digest] = n + 1
        keys.append(f"{digest}#{n}")
    return keys


def _check_columns(dataset: Dataset) -> None:
    """Refuse, before anything is written, what no store can take: reserved, empty or
    backticked column names (property names) and texts holding NUL (``validate`` reports them
    all, with their lines)."""
    for frame, file in ((dataset.nodes, "nodes"), (dataset.edges, "edges")):
        for column in frame.columns:
            if column in RESERVED_PROPERTIES:
                raise StoreError(_("{file}: the column {column!r} is reserved by the store; "
                                   "rename it", file=file, column=column))
            if not str(column).strip() or "`" in str(column) or "\x00" in str(column):
                raise StoreError(_("{file}: the column name {column!r} cannot be a property "
                                   "name in the store (empty, or holding a backtick or NUL): "
                                   "rename it", file=file, column=column))
            values = frame[column]
            if values.dtype == object:
                holding = values.map(lambda v: isinstance(v, str) and "\x00" in v)
                if holding.any():
                    row = int(holding.to_numpy().nonzero()[0][0])
                    raise StoreError(_("{file}: row {row}, column {column!r}: the text holds a "
                                       "NUL character (\\x00), which the store cannot take: "
                                       "remove it (`ptce-graph validate` lists them all)",
                                       file=file, row=row + 1, column=column))


def load_steps(dataset: Dataset, batch_size: int = DEFAULT_BATCH_SIZE, *,
               clear_missing: bool = True, fresh: bool = False) -> list[Step]:
    """The write steps of a load, nodes first (grouped by label), then relationships grouped by
    (type, source label, target label) so that each MATCH uses the id constraint's index.

    ``fresh``: the steps run on a graph holding none of the schema's nodes (``--replace``
    builds a new one), so they CREATE instead of MERGE: no lookup per row. Ids must then be
    unique, as a valid dataset's are."""
    return list(iter_load_steps(dataset, batch_size, clear_missing=clear_missing, fresh=fresh))


def iter_load_steps(dataset: Dataset, batch_size: int = DEFAULT_BATCH_SIZE, *,
                    clear_missing: bool = True, fresh: bool = False,
                    expected: dict | None = None) -> Iterator[Step]:
    """:func:`load_steps` one batch at a time: the store runs a batch while the next one is
    prepared. The dataset is checked before this returns, so a bad one fails before anything
    is written. ``expected``, when given, receives as the steps are made the node ids per node
    type and the relationship keys per edge type that the dataset holds."""
    if batch_size < 1:
        raise StoreError(f"the batch size must be at least 1, not {batch_size}")
    _check_columns(dataset)
    if fresh and dataset.nodes["id"].duplicated().any():
        duplicate = dataset.nodes["id"][dataset.nodes["id"].duplicated()].iloc[0]
        raise StoreError(_("nodes: duplicate id {id!r}; each id names one node (list every "
                           "problem with `ptce-graph validate DATASET`)", id=duplicate))
    node_names, node_columns = plain_columns(dataset.nodes)
    node_column = dict(zip(node_names, node_columns, strict=True))
    ids, types = node_column["id"], node_column["type"]
    node_types = dict(zip(ids, types, strict=True))
    node_rows: dict[str, list[int]] = defaultdict(list)
    for i, node_type in enumerate(types):
        node_rows[node_type].append(i)
    edge_names, edge_columns = plain_columns(dataset.edges)
    edge_column = dict(zip(edge_names, edge_columns, strict=True))
    edge_rows: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, (source, target, edge_type) in enumerate(zip(
            edge_column["source"], edge_column["target"], edge_column["type"], strict=True)):
        try:
            group = (edge_type, node_types[source], node_types[target])
        except KeyError as err:
            raise StoreError(_("edges: {id!r} is not the id of any node; check the dataset "
                               "with `ptce-graph validate DATASET`", id=err.args[0])) from None
        edge_rows[group].append(i)
    order = {t: i for i, t in enumerate(EDGE_TYPES)}
    edge_groups = sorted(edge_rows, key=lambda g: (order[g[0]], g[1], g[2]))
    return _steps(node_names, node_columns, node_rows, edge_names, edge_columns,
                  [(g, edge_rows[g]) for g in edge_groups], batch_size, clear_missing, fresh,
                  dataset.name, expected)


def _take(column: list, rows: list[int]) -> list:
    return [column[i] for i in rows]


def _property_maps(names: list[str], columns: list[list], count: int,
                   clear_missing: bool) -> list[dict]:
    """One properties map per row: every column, a null clearing a value left by an earlier
    load of an edited dataset; or, in a fresh graph (``--replace``), only the values."""
    if not clear_missing:  # a column empty in every row carries nothing
        kept = [(n, c) for n, c in zip(names, columns, strict=True) if c.count(None) < count]
        names, columns = [n for n, _ in kept], [c for _, c in kept]
        if not any(c.count(None) for c in columns):
            clear_missing = True  # no empty cell left: every row is its zip
    if not names:
        return [{} for _ in range(count)]
    if clear_missing:
        return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]
    return [{n: v for n, v in zip(names, row, strict=True) if v is not None}
            for row in zip(*columns, strict=True)]


def _steps(node_names, node_columns, node_rows, edge_names, edge_columns, edge_groups,
           batch_size, clear_missing, fresh, dataset_name, expected) -> Iterator[Step]:
    expected = {} if expected is None else expected
    node_statement = statements.create_nodes if fresh else statements.merge_nodes
    edge_statement = statements.create_edges if fresh else statements.merge_edges
    by_name = dict(zip(node_names, node_columns, strict=True))
    properties = [n for n in node_names if n not in ("id", "type")]
    for node_type in NODE_TYPES:
        rows = node_rows.get(node_type, [])
        for start in range(0, len(rows), batch_size):
            chunk = rows[start:start + batch_size]
            maps = _property_maps(properties, [_take(by_name[n], chunk) for n in properties],
                                  len(chunk), clear_missing)
            batch = [{"id": i, "properties": p}
                     for i, p in zip(_take(by_name["id"], chunk), maps, strict=True)]
            expected.setdefault(("node", node_type), set()).update(r["id"] for r in batch)
            yield Step(node_statement(node_type), {"rows": batch, "dataset": dataset_name},
                       len(batch))
    by_name = dict(zip(edge_names, edge_columns, strict=True))
    properties = [n for n in edge_names if n not in ("source", "target", "type")]
    for group, rows in edge_groups:
        seen: dict[str, int] = {}  # identical rows share type, source and target: one group
        for start in range(0, len(rows), batch_size):
            chunk = rows[start:start + batch_size]
            columns = {n: _take(by_name[n], chunk) for n in edge_names}
            keys = _keys(edge_names, [columns[n] for n in edge_names], seen)
            maps = _property_maps(properties, [columns[n] for n in properties], len(chunk),
                                  clear_missing)
            batch = [{"source": s, "target": t, "key": k, "properties": p}
                     for s, t, k, p in zip(columns["source"], columns["target"], keys, maps,
                                           strict=True)]
            expected.setdefault(("edge", group[0]), set()).update(keys)
            yield Step(edge_statement(*group), {"rows": batch, "dataset": dataset_name},
                       len(batch))


def load_state(store: GraphStore) -> dict | None:
    """The load marker's properties (state, dataset(s), counts, metrics), None if never loaded."""
    result = store.read(statements.READ_MARKER)
    return result.rows[0][0] if result.rows else None


def require_complete(store: GraphStore) -> dict:
    """The marker of a completely loaded store, or a StoreError saying what to run."""
    state = load_state(store)
    if state is None:
        raise StoreError(_("{store} holds no ptce-graph data yet: run `ptce-graph load "
                           "DATASET` first", store=store.describe()))
    if state.get("state") != "complete":
        raise StoreError(_("the last load into {store} did not finish (dataset {dataset!r}, "
                           "started {started}): run `ptce-graph load DATASET` again, it resumes "
                           "where it stopped, or with --replace", store=store.describe(),
                           dataset=state.get("dataset"), started=state.get("started")))
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
                    progress: Callable[[Step], None] | None = None,
                    as_of: int | None = None) -> LoadReport:
    """Load a validated dataset (see :func:`ptce_graph.ingest.load_dataset`) into ``store``.

    A plain load converges to the dataset: afterwards the store holds exactly the dataset's
    nodes and relationships for that dataset (rows edited, removed or re-typed since the last
    load leave nothing behind), and the other datasets it holds are untouched.

    ``progress(step)`` is called after each batch (``step.size`` rows). ``as_of``: the year the
    dataset describes as the time model resolves it (declared, else inferred), kept in the
    load marker: library queries that judge membership default to it. Returns the counts of
    nodes and relationships created and updated, and what the store holds afterwards."""
    expected: dict = {}
    steps = iter_load_steps(dataset, batch_size, clear_missing=not replace, fresh=replace,
                            expected=expected)  # checks the dataset before anything is written
    datasets = [dataset.name]
    if not replace:
        previous = load_state(store)
        # an unfinished load does not make the store forget the datasets loaded before it
        if previous:
            datasets = sorted(set(previous.get("datasets") or []) | {dataset.name})
        store.ensure_schema()
    nodes, relationships = len(dataset.nodes), len(dataset.edges)
    marker = Step(statements.MARK_LOADING, {"dataset": dataset.name, "now": _now()})

    def done() -> Step:
        return Step(statements.MARK_COMPLETE, {"datasets": datasets, "nodes": nodes,
                                               "relationships": relationships, "now": _now(),
                                               "as_of": as_of})
    if replace:
        counts = store.write(chain([marker], steps, [done()]), replace=True,
                             progress=_rows_only(progress))
        counts.nodes_created -= 1  # the marker node, created afresh in the new graph
    else:
        store.write([marker], replace=False)
        counts = store.write(steps, replace=False, progress=progress)
        _converge(store, dataset.name, expected)
        store.write([done()], replace=False)
    store.compact()
    store_nodes, store_relationships = stored_counts(store)
    return LoadReport(nodes=nodes, relationships=relationships,
                      nodes_created=counts.nodes_created,
                      relationships_created=counts.relationships_created,
                      store_nodes=store_nodes, store_relationships=store_relationships)


def _converge(store: GraphStore, dataset: str, expected: dict) -> None:
    """Remove what ``dataset`` no longer has: its relationships whose row is gone (edited,
    removed or re-typed rows have new keys), then its nodes whose id is gone or whose type
    changed (a node other datasets list stays, without this dataset)."""
    def stale(listed: str, kind: tuple) -> list:
        found = {row[0] for row in store.read(listed, {"dataset": dataset}).rows}
        return sorted(found - expected.get(kind, set()))

    def in_batches(statement: str, name: str, values: list) -> list[Step]:
        return [Step(statement, {name: chunk, "dataset": dataset})
                for chunk in batches(values, DEFAULT_BATCH_SIZE)]

    for edge_type in EDGE_TYPES:
        keys = stale(statements.dataset_edge_keys(edge_type), ("edge", edge_type))
        if keys:
            store.write(in_batches(statements.delete_dataset_edges(edge_type), "keys", keys))
    for node_type in NODE_TYPES:
        ids = stale(statements.dataset_node_ids(node_type), ("node", node_type))
        if ids:
            store.write(in_batches(statements.drop_dataset_nodes(node_type), "ids", ids)
                        + [Step(statements.delete_unlisted_nodes(node_type), {})])


def _rows_only(progress):
    if progress is None:
        return None
    return lambda step: progress(step) if step.size else None

