"""Write analysis results onto the store's nodes (``analyze --write-back``).

Generic: any DataFrame with one row per node, keyed by a column of node ids, becomes node
properties named as its columns (snake_case, as everywhere in ptce-graph). Dataset columns
(name, sector...) are never overwritten, and a missing value removes the property so that no
stale figure survives a new analysis. The names written are recorded on the load marker, so that
``pull`` can leave them out of the dataset."""

from __future__ import annotations

import re
import time
from collections import defaultdict
from collections.abc import Mapping

import pandas as pd

from ..errors import StoreError
from ..schema import NODE_COLUMNS, NODE_TYPES
from . import statements
from .backend import GraphStore, parameter_value
from .load import batches, load_state, require_complete

__all__ = ["write_back", "write_back_frames", "metric_columns", "analysis_frames",
           "WRITE_BACK_TABLES"]

_DATASET_COLUMNS = {c.name for c in NODE_COLUMNS} | {"poles"}
_PROPERTY_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


def metric_columns(frame: pd.DataFrame, key: str) -> list[str]:
    """The columns of ``frame`` written as properties: all but the key and dataset columns."""
    columns = [c for c in frame.columns if c != key and c not in _DATASET_COLUMNS]
    for column in columns:
        if not _PROPERTY_NAME.match(str(column)):
            raise StoreError(f"cannot write the column {column!r} back: property names are "
                             "snake_case (letters, digits, underscores)")
    return columns


def write_back(store: GraphStore, frame: pd.DataFrame, *, key: str,
               node_types: Mapping[str, str], batch_size: int = 1000) -> list[str]:
    """Set the columns of ``frame`` as properties of the nodes whose id is in column ``key``.

    ``node_types`` maps node ids to their type (``G.nodes[id]["type"]``): the label the MATCH
    uses. Returns the property names written."""
    columns = metric_columns(frame, key)
    if not columns or frame.empty:
        return columns
    by_type: dict[str, list[dict]] = defaultdict(list)
    for record in frame.to_dict("records"):
        node_id = record[key]
        if node_id not in node_types:
            raise StoreError(f"cannot write back {key} {node_id!r}: no such node in the graph")
        metrics = {c: parameter_value(record[c]) for c in columns}
        by_type[node_types[node_id]].append({"id": node_id, "metrics": metrics})
    for node_type in NODE_TYPES:
        for batch in batches(by_type.get(node_type, []), batch_size):
            store.run(statements.write_back_nodes(node_type), {"rows": batch})
    return columns


def write_back_frames(store: GraphStore, frames: list[tuple[pd.DataFrame, str]],
                      node_types: Mapping[str, str]) -> list[str]:
    """Write several (frame, key column) pairs and record every property name on the marker."""
    require_complete(store)
    written: list[str] = []
    for frame, key in frames:
        for name in write_back(store, frame, key=key, node_types=node_types):
            if name not in written:
                written.append(name)
    previous = (load_state(store) or {}).get("metrics") or []
    names = list(dict.fromkeys([*previous, *written]))
    store.run(statements.MARK_METRICS, {"metrics": names,
                                        "now": time.strftime("%Y-%m-%dT%H:%M:%S")})
    return written


# The analysis tables written back, with the column holding node ids. Taken from the analysis
# run when a stage stored them in ``run.tables``, else computed here.
WRITE_BACK_TABLES = (("node_metrics", "id"), ("funding_dependence", "recipient"),
                     ("pole_fragility", "pole"))


def analysis_frames(G, tables: Mapping[str, pd.DataFrame] | None = None, *,
                    year: int | None = None) -> list[tuple[pd.DataFrame, str]]:
    """The (frame, key column) pairs to write back for graph ``G``: node metrics, funding
    dependence and pole fragility, as far as this version of the analysis provides them."""
    from .. import analysis

    tables = tables or {}
    frames = []
    for name, key in WRITE_BACK_TABLES:
        frame = tables.get(name)
        if frame is None:
            function = getattr(analysis, name, None)
            if function is None:
                continue
            frame = function(G, year=year) if year is not None else function(G)
        if key in frame.columns:
            frames.append((frame, key))
    return frames
