"""Read the graph back from the store in the dataset format (``ptce-graph pull``).

A node's type comes from its label, an edge's from its relationship type; the store's own
bookkeeping (``ptce_key``, the load marker) is left out, and so are the metrics written back by
``analyze --write-back`` unless asked for. Through :func:`pull_dataset` then
:func:`ptce_graph.ingest.load_dataset`, a dataset comes back with every node, edge and value."""

from __future__ import annotations

import tempfile
from pathlib import Path

import networkx as nx
import pandas as pd

from ..build import build_graph
from ..ingest import Dataset, load_dataset, write_dataset
from ..schema import EDGE_COLUMNS, EDGE_TYPES, NODE_COLUMNS, NODE_TYPES
from . import statements
from .backend import GraphStore
from .load import require_complete

__all__ = ["pull_tables", "pull_dataset", "pull_graph"]


def pull_tables(store: GraphStore, *, with_metrics: bool = False
                ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The store's nodes and edges as two DataFrames with the dataset's columns."""
    marker = require_complete(store)
    hidden = set() if with_metrics else set(marker.get("metrics") or [])
    node_rows = []
    for node_type in NODE_TYPES:
        for node_id, props in store.read(statements.pull_nodes(node_type)).rows:
            props = {k: v for k, v in props.items()
                     if k not in hidden and k != "id" and k not in statements.BOOKKEEPING}
            node_rows.append({"id": node_id, "type": node_type, **props})
    edge_rows = []
    for edge_type in EDGE_TYPES:
        for source, target, props in store.read(statements.pull_edges(edge_type)).rows:
            props = {k: v for k, v in props.items() if k not in statements.BOOKKEEPING}
            edge_rows.append({"source": source, "target": target, "type": edge_type, **props})
    return (_columns(node_rows, NODE_COLUMNS), _columns(edge_rows, EDGE_COLUMNS))


def _columns(rows: list[dict], spec) -> pd.DataFrame:
    names = [c.name for c in spec]
    frame = pd.DataFrame(rows, dtype=object)
    for name in names[:3]:
        if name not in frame.columns:
            frame[name] = pd.Series(dtype=object)
    known = [n for n in names if n in frame.columns]
    extra = sorted(c for c in frame.columns if c not in names)
    return frame[known + extra]


def pull_dataset(store: GraphStore, folder: str | Path, *, with_metrics: bool = False) -> Path:
    """Write the store's graph as nodes.csv and edges.csv into ``folder``."""
    nodes, edges = pull_tables(store, with_metrics=with_metrics)
    for frame in (nodes, edges):
        for column in frame.columns:
            frame[column] = frame[column].map(_cell, na_action="ignore")
    return write_dataset(nodes, edges, folder)


def _cell(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return value


def pull_validated(store: GraphStore) -> Dataset:
    """The store's graph as a validated Dataset (typed exactly as a dataset read from files)."""
    with tempfile.TemporaryDirectory(prefix="ptce-pull-") as folder:
        pull_dataset(store, folder)
        dataset = load_dataset(folder)
    dataset.name = _dataset_name(store)
    return dataset


def _dataset_name(store: GraphStore) -> str:
    marker = require_complete(store)
    names = marker.get("datasets") or []
    return " + ".join(names) if names else store.describe()


def pull_graph(store: GraphStore) -> nx.MultiDiGraph:
    """The store's graph as the networkx graph :func:`ptce_graph.build.build_graph` makes."""
    dataset = pull_validated(store)
    return build_graph(dataset.nodes, dataset.edges, name=dataset.name)
