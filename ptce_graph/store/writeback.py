"""Write analysis results onto the store's nodes (``analyze --write-back``).

Generic: any DataFrame with one row per node, keyed by a column of node ids, becomes node
properties named as its columns (snake_case, as everywhere in ptce-graph). Dataset columns
(name, sector...) are never overwritten, and a missing value removes the property. A new
write-back first removes every property the previous one wrote, so no stale figure survives
(a node left out of this analysis, e.g. not active in ``--year``, keeps none). The names written
are recorded on the load marker, so that ``pull`` can leave them out of the dataset.
:func:`analysis_properties` says which analysis columns `analyze --write-back` writes, under which
names (the catalogue's ``prop``: docs/outputs.md, cypher/README.md)."""

from __future__ import annotations

import re
import time
from collections import defaultdict
from collections.abc import Mapping

import pandas as pd

from ..catalogue import DERIVED_PROPERTIES
from ..errors import StoreError
from ..i18n import _
from ..options import DEFAULT_LAYER, DEFAULT_THRESHOLD
from ..schema import NODE_COLUMNS, NODE_TYPES, split_ids
from . import statements
from .backend import GraphStore, parameter_value
from .load import batches, load_state, require_complete

__all__ = ["write_back", "write_back_frames", "metric_columns", "analysis_properties",
           "write_back_analysis", "key_actor_frame", "WRITE_BACK_TABLES",
           "KEY_ACTOR_PROPERTIES"]

_DATASET_COLUMNS = {c.name for c in NODE_COLUMNS} | {"poles"}
_PROPERTY_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


def metric_columns(frame: pd.DataFrame, key: str) -> list[str]:
    """The columns of ``frame`` written as properties: all but the key and dataset columns."""
    columns = [c for c in frame.columns if c != key and c not in _DATASET_COLUMNS]
    for column in columns:
        if not _PROPERTY_NAME.match(str(column)):
            raise StoreError(_("cannot write the column {column!r} back: property names are "
                               "snake_case (letters, digits, underscores)", column=column))
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
            raise StoreError(_("cannot write back {key} {id!r}: no such node in the graph",
                               key=key, id=node_id))
        metrics = {c: parameter_value(record[c]) for c in columns}
        by_type[node_types[node_id]].append({"id": node_id, "metrics": metrics})
    for node_type in NODE_TYPES:
        for batch in batches(by_type.get(node_type, []), batch_size):
            store.run(statements.write_back_nodes(node_type), {"rows": batch})
    return columns


def write_back_frames(store: GraphStore, frames: list[tuple[pd.DataFrame, str]],
                      node_types: Mapping[str, str], *,
                      options: Mapping | None = None) -> list[str]:
    """Write several (frame, key column) pairs, after removing the properties an earlier
    write-back left, and record the property names (and the run's ``year``, ``layer`` and
    ``threshold`` from ``options``) on the load marker. Returns the names written."""
    require_complete(store)
    names: list[str] = []
    for frame, key in frames:
        names.extend(c for c in metric_columns(frame, key) if c not in names)
        unknown = [i for i in frame[key] if i not in node_types]
        if unknown:  # before anything is removed or written
            raise StoreError(_("cannot write back {key} {id!r}: no such node in the graph",
                               key=key, id=unknown[0]))
    previous = (load_state(store) or {}).get("metrics") or []
    stale = [n for n in dict.fromkeys([*previous, *names]) if _PROPERTY_NAME.match(str(n))]
    if stale:
        cleared = dict.fromkeys(stale)  # SET n += {name: null} removes the property
        for node_type in NODE_TYPES:
            store.run(statements.clear_metrics(node_type), {"metrics": cleared})
    for frame, key in frames:
        write_back(store, frame, key=key, node_types=node_types)
    options = options or {}
    store.run(statements.MARK_METRICS, {
        "metrics": names, "now": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "year": parameter_value(options.get("year")),
        "layer": options.get("layer") or DEFAULT_LAYER,
        "threshold": float(options.get("threshold") or DEFAULT_THRESHOLD)})
    return names


# What `analyze --write-back` writes: node property <- column of an analysis table, as the
# catalogue's ``prop`` of each column says (ptce_graph/catalogue.py, docs/outputs.md). Explicit
# (not every column) so that two tables never write different figures under one name on the
# same node: a pole is both a recipient (funding) and a pole (poles).
WRITE_BACK_TABLES = ("nodes", "funding", "poles")
KEY_ACTOR_PROPERTIES = tuple(DERIVED_PROPERTIES)  # key_actor, key_actor_poles

_ACTOR_TYPES = ("organisation", "collectivity")


def key_actor_frame(nodes: pd.DataFrame, poles: pd.DataFrame) -> pd.DataFrame:
    """``id, key_actor, key_actor_poles`` for every organisation and collectivity of ``nodes``
    (node_metrics): whether it is among the ``key_actors`` of a pole (pole_fragility: its
    departure cuts other actors of the pole off), and of which poles (sorted ids, else None).

    >>> nodes = pd.DataFrame({"id": ["a", "b", "p"],
    ...                       "type": ["organisation", "organisation", "pole"]})
    >>> poles = pd.DataFrame({"pole": ["p"], "key_actors": ["b"]})
    >>> key_actor_frame(nodes, poles).to_dict("records")[1]
    {'id': 'b', 'key_actor': True, 'key_actor_poles': ['p']}
    """
    of_actor: dict[str, list[str]] = defaultdict(list)
    for row in poles.to_dict("records"):
        for actor in split_ids(row["key_actors"]):
            of_actor[actor].append(row["pole"])
    actors = nodes[nodes["type"].isin(_ACTOR_TYPES)]["id"].tolist()
    return pd.DataFrame({
        "id": actors,
        "key_actor": [a in of_actor for a in actors],
        "key_actor_poles": [sorted(of_actor[a]) if a in of_actor else None for a in actors],
    }, columns=["id", *KEY_ACTOR_PROPERTIES])


def _renamed(frame: pd.DataFrame, key: str, properties: Mapping[str, str]) -> pd.DataFrame:
    out = frame[[key, *properties]].rename(columns=dict(properties))
    if "key_actors" in out.columns:  # a list in the database: `'org-x' IN p.key_actors`
        out["key_actors"] = [split_ids(v) or None for v in out["key_actors"]]
    return out


def analysis_properties(analysis) -> list[tuple[pd.DataFrame, str]]:
    """The (frame, key column) pairs `analyze --write-back` writes for ``analysis`` (an
    :class:`~ptce_graph.analysis.Analysis` of the store's own graph): the columns of its
    tables :data:`WRITE_BACK_TABLES` that the catalogue gives a property, renamed to it, plus
    ``key_actor`` / ``key_actor_poles`` (:func:`key_actor_frame`). Computes nothing."""
    from ..catalogue import TABLES, rendered, write_back_properties

    frames = []
    for name in WRITE_BACK_TABLES:
        key = TABLES[name].key
        frame = rendered(analysis[name], TABLES[name], analysis.name)  # reasons as text
        frames.append((_renamed(frame, key, write_back_properties(name)), key))
    frames.append((key_actor_frame(analysis["nodes"], analysis["poles"]), "id"))
    return frames


def write_back_analysis(store: GraphStore, analysis) -> list[str]:
    """Write :func:`analysis_properties` of ``analysis`` onto the store's nodes, recording the
    analysis' year, layer and threshold on the load marker. Returns the property names."""
    options = analysis.options
    return write_back_frames(store, analysis_properties(analysis),
                             node_types=dict(analysis.graph.nodes(data="type")),
                             options={"year": options.year, "layer": options.layer,
                                      "threshold": options.threshold})
