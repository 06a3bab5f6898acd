"""The one small interface every graph database of ptce-graph offers, and how to open one.

Two implementations: :class:`~ptce_graph.store.falkor.FalkorStore` (the local FalkorDB that
``ptce-graph db start`` runs, over its Redis protocol) and
:class:`~ptce_graph.store.neo4j.Neo4jStore` (Neo4j 5 over Bolt). Everything above this module
(load, pull, write-back, the query library) speaks only Cypher both engines run, through
:meth:`GraphStore.read`, :meth:`GraphStore.run` and :meth:`GraphStore.write`."""

from __future__ import annotations

import math
import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..errors import StoreError
from ..i18n import _, listed

__all__ = [
    "Counts",
    "Result",
    "Step",
    "GraphStore",
    "Neo4jSettings",
    "STORE_KINDS",
    "open_store",
    "parameter_value",
    "plain_columns",
    "plain_records",
]

STORE_KINDS = ("local", "neo4j")


@dataclass
class Counts:
    """What a write changed, as both engines report it."""

    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    properties_set: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self


@dataclass
class Result:
    """Rows of a query: ``columns`` in RETURN order, ``rows`` as tuples of plain Python values
    (nodes and relationships come back as dicts of their properties)."""

    columns: list[str]
    rows: list[tuple]
    counts: Counts = field(default_factory=Counts)

    def records(self) -> list[dict]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@dataclass(frozen=True)
class Step:
    """One write statement with its parameters; ``size`` is how many rows it carries (progress)."""

    statement: str
    params: dict
    size: int = 0


class GraphStore(ABC):
    """A graph database holding one partnership graph."""

    kind: str  # "local" or "neo4j"

    @abstractmethod
    def describe(self):
        """Where the graph lives, for messages (never a password): a
        :class:`ptce_graph.i18n.Message` (``str()`` gives its English)."""

    @abstractmethod
    def read(self, statement: str, params: dict | None = None) -> Result:
        """Run a read-only statement; the engine refuses any write."""

    @abstractmethod
    def run(self, statement: str, params: dict | None = None) -> Result:
        """Run one statement that may write, in its own transaction."""

    @abstractmethod
    def write(self, steps: Iterable[Step], *, replace: bool = False,
              progress: Callable[[Step], None] | None = None) -> Counts:
        """Run write steps in order, each batch in its own transaction.

        With ``replace``, the steps build a fresh graph that takes the place of the old one only
        once every step has succeeded: an interruption leaves the old graph as it was."""

    @abstractmethod
    def ensure_schema(self) -> None:
        """Create the uniqueness constraints on ``id`` (one per label) if they are missing."""

    def compact(self) -> None:
        """Make the stored graph quick to open again after a large write (the local FalkorDB
        rewrites its journal as one snapshot); nothing to do for a server that manages its
        own files (Neo4j)."""
        return None

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def parameter_value(value):
    """A value as a Cypher parameter: plain Python types only, None for missing.

    NaN and missing become None; numpy scalars plain numbers; lists and tuples lists;
    anything else (dates, decimals) its text.

    >>> parameter_value(float("nan")) is None
    True
    >>> parameter_value([1, "a"])
    [1, 'a']
    """
    if value is None or value.__class__.__name__ in ("NAType", "NaTType"):
        return None
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        value = value.tolist()  # numpy scalars and arrays
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if math.isinf(value):
            raise StoreError(_("cannot store the infinite number {value}: replace it by a "
                               "finite value or leave the cell empty", value=value))
        return value
    if isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [parameter_value(v) for v in value]
        return [v for v in items if v is not None]
    return str(value)


def plain_records(frame) -> list[dict]:
    """The rows of a DataFrame as dicts of parameter values (see :func:`parameter_value`),
    converted column by column: much faster than ``to_dict`` on large tables.

    >>> import pandas as pd
    >>> plain_records(pd.DataFrame({"a": ["x", None], "b": pd.array([1, None], dtype="Int64")}))
    [{'a': 'x', 'b': 1}, {'a': None, 'b': None}]
    """
    names, columns = plain_columns(frame)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)] \
        if names else [{} for _ in range(len(frame))]


_PLAIN_TYPES = {str, type(None)}  # values that need no conversion


def plain_columns(frame) -> tuple[list[str], list[list]]:
    """The column names of a DataFrame and each column as a list of parameter values (see
    :func:`parameter_value`).

    >>> import pandas as pd
    >>> plain_columns(pd.DataFrame({"a": ["x", None], "b": [1.5, float("nan")]}))
    (['a', 'b'], [['x', None], [1.5, None]])
    """
    columns = []
    for name in frame.columns:
        values = frame[name].to_numpy(dtype=object, na_value=None).tolist()
        if not set(map(type, values)) <= _PLAIN_TYPES:
            values = [v if v is None or type(v) is str else parameter_value(v) for v in values]
        columns.append(values)
    return list(frame.columns), columns


@dataclass(frozen=True)
class Neo4jSettings:
    """How to reach Neo4j; ``None`` fields fall back to NEO4J_URI, NEO4J_USERNAME,
    NEO4J_PASSWORD and NEO4J_DATABASE. ``repr`` never shows the password."""

    uri: str | None = None
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    database: str | None = None

    def resolved(self) -> Neo4jSettings:
        uri = self.uri or os.environ.get("NEO4J_URI")
        if not uri:
            raise StoreError(_("no Neo4j address: set NEO4J_URI (e.g. bolt://localhost:7687) "
                               "or pass --neo4j-uri"))
        return Neo4jSettings(
            uri=uri,
            user=self.user or os.environ.get("NEO4J_USERNAME") or "neo4j",
            password=self.password if self.password is not None
            else os.environ.get("NEO4J_PASSWORD", ""),
            database=self.database or os.environ.get("NEO4J_DATABASE") or None,
        )


def open_store(kind: str = "local", *, neo4j: Neo4jSettings | None = None,
               address: tuple[str, int] | None = None, graph: str | None = None) -> GraphStore:
    """Connect to the local FalkorDB (``kind="local"``) or to Neo4j (``kind="neo4j"``).

    The local store is found from ``address`` (host, port) or else from the state file that
    ``ptce-graph db start`` wrote; the connection is checked before returning, so an unreachable
    server, a wrong password or an unknown database raise :class:`StoreError` here.
    """
    if kind == "local":
        from .falkor import FalkorStore
        from .server import password_for, running_server, server_password

        if address is None:
            state = running_server()
            address, password = (state.host, state.port), server_password(state.data)
        else:
            password = password_for(*address)
        return FalkorStore(*address, graph=graph, password=password)
    if kind == "neo4j":
        from .neo4j import Neo4jStore

        return Neo4jStore((neo4j or Neo4jSettings()).resolved())
    raise StoreError(_("unknown store {kind!r}: choose one of {kinds}", kind=kind,
                       kinds=listed(STORE_KINDS)))
