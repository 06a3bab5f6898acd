"""Write analysis results onto the store's nodes (``analyze --write-back``).

Generic: any DataFrame with one row per node, keyed by a column of node ids, becomes node
properties named as its columns (snake_case, as everywhere in ptce-graph). Dataset columns
(name, sector...) are never overwritten, and a missing value removes the property. A new
write-back first removes every property the previous one wrote, so no stale figure survives
(a node left out of this analysis, e.g. not active in ``--year``, keeps none). The names written
are recorded on the load marker, so that ``pull`` can leave them out of the dataset.
:func:`analysis_frames` says which analysis columns `analyze --write-back` writes, under which
names (listed in ``cypher/README.md``)."""

from __future__ import annotations

import re
import time
from collections import defaultdict
from collections.abc import Mapping

import pandas as pd

from ..errors import StoreError
from ..schema import NODE_COLUMNS, NODE_TYPES, split_ids
from . import statements
from .backend import GraphStore, parameter_value
from .load import batches, load_state, require_complete

__all__ = ["write_back", "write_back_frames", "metric_columns", "analysis_frames",
           "key_actor_frame", "WRITE_BACK_TABLES", "NODE_METRIC_PROPERTIES",
           "FUNDING_PROPERTIES", "POLE_PROPERTIES", "KEY_ACTOR_PROPERTIES"]

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
            raise StoreError(f"cannot write back {key} {unknown[0]!r}: no such node in the graph")
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
        "layer": options.get("layer") or "cooperation",
        "threshold": float(options.get("threshold") or 0.5)})
    return names


# What `analyze --write-back` writes: node property <- column of an analysis table. Explicit
# (not every column) so that two tables never write different figures under one name on the
# same node: a pole is both a recipient (funding_dependence) and a pole (pole_fragility).
NODE_METRIC_PROPERTIES = {c: c for c in (
    "degree", "degree_centrality", "betweenness", "closeness", "eigenvector", "pagerank",
    "community", "core_number", "constraint", "effective_size", "sector_participation",
    "articulation_point", "isolated", "peripheral")}
FUNDING_PROPERTIES = {
    "total": "funding_received", "n_funders": "n_funders", "top_funder": "top_funder",
    "top_share": "top_share", "hhi": "funding_hhi", "public_share": "public_share",
    "single_funder_dependent": "single_funder_dependent"}
POLE_PROPERTIES = {c: c for c in (
    "top_funder_share", "own_revenue_share", "key_actors", "key_actor_impact",
    "isolated_members", "cross_sector_share", "funding_ends", "fragility_score",
    "fragility_reasons", "fragility_reasons_fr")}
KEY_ACTOR_PROPERTIES = ("key_actor", "key_actor_poles")
WRITE_BACK_TABLES = {"nodes": ("id", NODE_METRIC_PROPERTIES),
                     "funding": ("recipient", FUNDING_PROPERTIES),
                     "poles": ("pole", POLE_PROPERTIES)}
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


def analysis_frames(G, tables: Mapping[str, pd.DataFrame] | None = None, *,
                    options: Mapping | None = None) -> list[tuple[pd.DataFrame, str]]:
    """The (frame, key column) pairs `analyze --write-back` writes for graph ``G``.

    From :func:`~ptce_graph.analysis.node_metrics` (``tables["nodes"]``),
    :func:`~ptce_graph.analysis.funding_dependence` (``tables["funding"]``) and
    :func:`~ptce_graph.analysis.pole_fragility` (``tables["poles"]``), renamed to the
    properties of :data:`NODE_METRIC_PROPERTIES`, :data:`FUNDING_PROPERTIES` and
    :data:`POLE_PROPERTIES`, plus ``key_actor`` / ``key_actor_poles`` (:func:`key_actor_frame`).
    ``tables``: the frames an analysis run of ``G`` itself made (``run.tables``), computed here
    when missing; ``options``: the run's options (``year``, ``layer``, ``threshold``)."""
    from ..analysis import funding_dependence, node_metrics, pole_fragility

    tables = dict(tables or {})
    options = options or {}
    year = options.get("year")
    threshold = options.get("threshold") or 0.5
    if "nodes" not in tables:
        tables["nodes"] = node_metrics(G, year=year,
                                       layer=options.get("layer") or "cooperation")
    if "funding" not in tables or "year" in tables["funding"].columns:
        # --by-year gives a row per recipient and year: a node holds one figure, the run's
        tables["funding"] = funding_dependence(G, year=year, threshold=threshold)
    if "poles" not in tables:
        tables["poles"] = pole_fragility(G, year=year, threshold=threshold)
    frames = [(_renamed(tables[name], key, properties), key)
              for name, (key, properties) in WRITE_BACK_TABLES.items()]
    frames.append((key_actor_frame(tables["nodes"], tables["poles"]), "id"))
    return frames
