"""Validated tables -> networkx graph, and back. The one place that knows the graph's shape.

The graph is a ``MultiDiGraph``: node ``id`` as the node key, every other non-empty column as a
node attribute (``type`` always there); one edge per row with its ``type`` and non-empty values.
``cooperates_with`` ties are stored once, from the smaller id to the larger, so that the
direction a user wrote never matters; read them with :func:`cooperation_ties` or treat them as
undirected. Dates stay as the text the format uses ('2014' or '2014-03-01')."""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import pandas as pd

from .ingest import load_dataset
from .schema import EDGE_COLUMNS, NODE_COLUMNS, UNDIRECTED_EDGE_TYPES
from .time_model import year_of

__all__ = [
    "build_graph",
    "load_graph",
    "dataset_graph",
    "graph_to_tables",
    "write_graphml",
    "read_graphml",
    "write_gexf",
    "node_name",
    "nodes_of_type",
    "edges_of_type",
    "cooperation_ties",
    "active_in",
    "restrict_to_year",
    "survey_answered",
]


def _present(value) -> bool:
    if value is None or value is pd.NA:
        return False
    if isinstance(value, float) and math.isnan(value):
        return False
    return not (isinstance(value, str) and value == "")


def _plain(value):
    """numpy / pandas scalars as plain Python values, for GraphML and JSON."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return value  # keep floats floats: the column kind decides, not the value
    return value


def build_graph(nodes: pd.DataFrame, edges: pd.DataFrame, *, name: str = "") -> nx.MultiDiGraph:
    """Turn validated node and edge tables into the partnership graph.

    Parameters
    ----------
    nodes, edges : DataFrame
        As :func:`ptce_graph.ingest.read_dataset` returns them (``Dataset.nodes``/``.edges``).
    name : str
        Stored as ``G.graph["name"]``.

    Returns
    -------
    MultiDiGraph
        Nodes keyed by ``id``; node attributes ``type``, ``name`` and every other non-empty
        column; edges keyed by their row number, with ``type`` and every non-empty column.

    Examples
    --------
    >>> nodes = pd.DataFrame({"id": ["a", "p"], "type": ["organisation", "pole"],
    ...                       "name": ["A", "P"]})
    >>> edges = pd.DataFrame({"source": ["a"], "target": ["p"], "type": ["member_of"]})
    >>> G = build_graph(nodes, edges)
    >>> G.nodes["a"]["type"], list(G.edges(keys=True, data="type"))
    ('organisation', [('a', 'p', 0, 'member_of')])
    """
    G = nx.MultiDiGraph(name=name)
    for record in nodes.to_dict("records"):
        attrs = {k: _plain(v) for k, v in record.items() if k != "id" and _present(v)}
        G.add_node(record["id"], **attrs)
    for key, record in enumerate(edges.to_dict("records")):
        source, target = record["source"], record["target"]
        if record["type"] in UNDIRECTED_EDGE_TYPES and str(source) > str(target):
            source, target = target, source
        attrs = {
            k: _plain(v)
            for k, v in record.items()
            if k not in ("source", "target") and _present(v)
        }
        G.add_edge(source, target, key=key, **attrs)
    return G


def load_graph(path) -> nx.MultiDiGraph:
    """Read, validate and build a dataset in one step (raises DatasetError if it is invalid)."""
    return dataset_graph(load_dataset(path), path)


def dataset_graph(data, path) -> nx.MultiDiGraph:
    """The graph of a dataset already read from ``path`` (a :class:`~ptce_graph.ingest.Dataset`),
    with the as-of year the dataset declares there (``meta.csv`` or a ``meta`` sheet)."""
    from .ingest import read_meta

    G = build_graph(data.nodes, data.edges, name=data.name)
    as_of = read_meta(path).get("as_of")
    if as_of:  # the year the dataset describes: see time_model
        G.graph["as_of"] = year_of(as_of)
    return G


def graph_to_tables(G: nx.MultiDiGraph) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The inverse of :func:`build_graph`: node and edge tables in the dataset format."""
    node_rows = [{"id": n, **attrs} for n, attrs in G.nodes(data=True)]
    # in key order, which is the order of the rows the graph was built from
    ordered = sorted(G.edges(keys=True, data=True), key=lambda e: (not isinstance(e[2], int),
                                                                     e[2] if isinstance(e[2], int)
                                                                     else str(e[2])))
    edge_rows = [{"source": u, "target": v, **attrs} for u, v, _, attrs in ordered]
    nodes = _ordered(pd.DataFrame(node_rows), [c.name for c in NODE_COLUMNS])
    edges = _ordered(pd.DataFrame(edge_rows), [c.name for c in EDGE_COLUMNS])
    return nodes, edges


def _ordered(frame: pd.DataFrame, spec: list[str]) -> pd.DataFrame:
    for col in spec[:3]:
        if col not in frame.columns:
            frame[col] = pd.Series(dtype=object)
    return frame[[c for c in spec if c in frame.columns]
                 + sorted(c for c in frame.columns if c not in spec)]


# ---------------------------------------------------------------------------- files


def write_graphml(G: nx.MultiDiGraph, path: str | Path) -> Path:
    """GraphML with every attribute typed (numbers stay numbers, booleans booleans)."""
    path = Path(path)
    nx.write_graphml(G, path, named_key_ids=True, edge_id_from_attribute=None)
    return path


def read_graphml(path: str | Path) -> nx.MultiDiGraph:
    """Read a GraphML file written by :func:`write_graphml` back into the same graph."""
    G = nx.read_graphml(path, force_multigraph=True)
    H = nx.MultiDiGraph(**G.graph)
    H.add_nodes_from(G.nodes(data=True))
    for u, v, k, attrs in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=int(k) if str(k).isdigit() else k, **attrs)
    return H


def write_gexf(G: nx.MultiDiGraph, path: str | Path) -> Path:
    """GEXF for Gephi: node labels are the names, every attribute kept."""
    path = Path(path)
    H = G.copy()
    for n, attrs in H.nodes(data=True):
        attrs["label"] = attrs.get("name", n)
    nx.write_gexf(H, path)
    return path


# ---------------------------------------------------------------------------- reading the shape


def node_name(G: nx.MultiDiGraph, node) -> str:
    """A node's name for people (its id when it has none, or is not in ``G``)."""
    return str(G.nodes[node].get("name") or node) if node in G else str(node)


def nodes_of_type(G: nx.MultiDiGraph, node_type: str) -> list:
    """Ids of the nodes of one type, sorted."""
    return sorted(n for n, t in G.nodes(data="type") if t == node_type)


def edges_of_type(G: nx.MultiDiGraph, edge_type: str):
    """(source, target, attributes) for every edge of one type, in file order."""
    return [(u, v, d) for u, v, d in G.edges(data=True) if d.get("type") == edge_type]


def cooperation_ties(G: nx.MultiDiGraph):
    """The cooperates_with ties as (a, b, attributes) with a < b, whatever way they were written."""
    return [(min(u, v), max(u, v), d) for u, v, d in edges_of_type(G, "cooperates_with")]


_PERIODS = (("since", "until"), ("start", "end"))


def active_in(attrs: dict, year: int | None) -> bool:
    """Whether a node or edge is active in ``year``: its since/until or start/end span holds it.

    Open ends are open: a tie with no ``until`` still holds. ``year=None`` means always.

    >>> active_in({"start": "2014", "end": "2016"}, 2017)
    False
    >>> active_in({"since": "2014-09-01"}, 2020)
    True
    """
    if year is None:
        return True
    for first, last in _PERIODS:
        begin, finish = year_of(attrs.get(first)), year_of(attrs.get(last))
        if begin is not None and year < begin:
            return False
        if finish is not None and year > finish:
            return False
    founded = attrs.get("founded")
    if attrs.get("type") in ("project", "organisation", "pole") and founded is not None:
        if year < int(founded):
            return False
    return True


def restrict_to_year(G: nx.MultiDiGraph, year: int | None) -> nx.MultiDiGraph:
    """A copy of ``G`` holding only what is active in ``year`` (``None``: ``G`` itself).

    Nodes founded after ``year`` and projects not yet started or already ended are dropped with
    their edges; edges whose span excludes ``year`` are dropped.
    """
    if year is None:
        return G
    H = nx.MultiDiGraph(**G.graph)
    H.graph["year"] = year
    H.add_nodes_from((n, d) for n, d in G.nodes(data=True) if active_in(d, year))
    H.add_edges_from(
        (u, v, k, d)
        for u, v, k, d in G.edges(keys=True, data=True)
        if u in H and v in H and active_in(d, year)
    )
    return H


def survey_answered(attrs: dict, year: int | None = None) -> bool | None:
    """Whether a node answered the latest roster survey it was sent (up to ``year``), from
    the ``surveyed`` and ``responded`` years that ``survey collect`` writes; ``None`` when it
    was never surveyed. A member that did not answer is "no answer", never "isolated".

    >>> survey_answered({"surveyed": "2025;2026", "responded": "2025"})
    False
    >>> survey_answered({"surveyed": "2025;2026", "responded": "2025"}, 2025)
    True
    >>> survey_answered({}) is None
    True
    """
    def years(cell) -> set[int]:
        text = cell if isinstance(cell, str) else "" if cell is None else str(cell)
        return {int(p.strip()[:4]) for p in text.split(";") if p.strip()[:4].isdigit()}

    asked = {y for y in years(attrs.get("surveyed")) if year is None or y <= year}
    if not asked:
        return None
    return max(asked) in years(attrs.get("responded"))
