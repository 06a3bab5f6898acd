"""The local store: FalkorDB through its Redis-protocol client (never its Bolt listener).

One graph (a Redis key, ``ptce`` by default) holds the partnership graph. Each query is atomic
in FalkorDB, so each batch is its own transaction. ``--replace`` builds the new graph under a
temporary key and renames it over the old one (Redis RENAME is atomic): a load interrupted half
way leaves the old graph untouched and only a stray temporary key, removed by the next load.

Batches are written pipelined: the next batches are built (see
:func:`~ptce_graph.store.load.iter_load_steps`) and their parameters turned into Cypher text (the
client sends them as a ``CYPHER name=value`` header) while the server runs the previous ones, so
on two cores the client's work hides behind the server's. An error stops the load at the
failing batch (at most :data:`PIPELINE_WINDOW` later batches were already sent and may have run:
every batch is a MERGE, or a CREATE into the temporary graph of ``--replace``, so the re-run that
the 'loading' marker asks for converges all the same)."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable

import redis
from falkordb import FalkorDB
from falkordb.edge import Edge
from falkordb.node import Node
from falkordb.path import Path as GraphPath
from falkordb.query_result import QueryResult

from ..errors import StoreError
from ..i18n import Message, _
from ..schema import NODE_LABELS
from . import statements
from .backend import Counts, GraphStore, Result, Step

__all__ = ["FalkorStore", "DEFAULT_GRAPH", "PIPELINE_WINDOW", "cypher_literal",
           "parameter_header"]

DEFAULT_GRAPH = "ptce"
# batches sent ahead of the reply being read: the client prepares batches while the server runs
# the ones before; a lead of 3 lets it get ahead on the cheap batches (nodes) and keep the server
# busy on the costly ones (relationships). Measured with benchmarks/store_bench.py: 1 -> 1.63 s,
# 2 -> 1.59 s, 3 -> 1.33 s, 4 -> 1.40 s, 8 -> 1.61 s for the national --replace load.
PIPELINE_WINDOW = 3


def _lost(host: str, port: int, err: Exception) -> StoreError:
    return StoreError(_("lost the local graph store at {host}:{port} ({err}): check "
                        "`ptce-graph db status`", host=host, port=port, err=str(err)))


def _unsendable(err: Exception) -> StoreError:
    return StoreError(_("cannot send this value to FalkorDB: {err}", err=str(err)))


class FalkorStore(GraphStore):
    kind = "local"

    def __init__(self, host: str, port: int, *, graph: str | None = None,
                 password: str | None = None):
        self.host, self.port = host, int(port)
        self.graph_name = graph or DEFAULT_GRAPH
        self._password = password
        self._db = FalkorDB(host=host, port=self.port, password=password,
                            socket_connect_timeout=5)
        try:
            self._db.connection.ping()
        except redis.AuthenticationError as err:
            raise StoreError(_("the local graph store at {host}:{port} refuses the password "
                               "({err}): is it the server of your data folder? `ptce-graph db "
                               "status` tells", host=host, port=port, err=str(err))) from err
        except redis.BusyLoadingError as err:
            raise StoreError(_("the local graph store at {host}:{port} is still loading its "
                               "data: wait for `ptce-graph db status` to say it is ready",
                               host=host, port=port)) from err
        except redis.RedisError as err:
            raise StoreError(_("no local graph store answers at {host}:{port} ({err}): start "
                               "it with `ptce-graph db start`", host=host, port=port,
                               err=str(err))) from err
        self._graph = self._db.select_graph(self.graph_name)

    def describe(self) -> Message:
        return _("local FalkorDB at {host}:{port} (graph {graph})", host=self.host,
                 port=self.port, graph=self.graph_name)

    # ------------------------------------------------------------------ queries

    def _query(self, graph, statement: str, params: dict | None, read_only: bool) -> Result:
        try:
            if read_only:
                reply = graph.ro_query(statement, params or None)
            else:
                reply = graph.query(statement, params or None)
        except redis.ConnectionError as err:
            raise _lost(self.host, self.port, err) from err
        except redis.ResponseError as err:
            message = str(err)
            if "empty key" in message:  # a graph nothing was loaded into yet
                return Result(columns=[], rows=[])
            if "read-only" in message:
                raise StoreError(_("this query writes to the graph; queries run read-only "
                                   "unless you pass --allow-write")) from err
            raise _refused(err) from err
        except ValueError as err:  # the client refuses some map keys (backticks)
            raise _unsendable(err) from err
        return _result(reply)

    def _reply(self, connection, graph) -> Result:
        """Read one pipelined reply (see :meth:`write`)."""
        try:
            return _result(QueryResult(graph, connection.read_response()))
        except redis.ConnectionError as err:
            raise _lost(self.host, self.port, err) from err
        except redis.ResponseError as err:
            raise _refused(err) from err

    def _write_pipelined(self, graph_name: str, steps: Iterable[Step],
                         progress: Callable[[Step], None] | None) -> Counts:
        total = Counts()
        graph = self._db.select_graph(graph_name)
        pool = self._db.connection.connection_pool
        connection = pool.get_connection()
        pending: deque[Step] = deque()
        finished = False
        try:
            for step in steps:
                try:
                    text = parameter_header(step.params) + step.statement
                except ValueError as err:
                    raise _unsendable(err) from err
                try:
                    connection.send_command("GRAPH.QUERY", graph_name, text, "--compact")
                except redis.ConnectionError as err:
                    raise _lost(self.host, self.port, err) from err
                pending.append(step)
                while len(pending) > PIPELINE_WINDOW:
                    total += self._reply(connection, graph).counts
                    _report(progress, pending.popleft())
            while pending:
                total += self._reply(connection, graph).counts
                _report(progress, pending.popleft())
            finished = True
        finally:
            if not finished:  # replies still unread: the connection cannot be reused
                connection.disconnect()
            pool.release(connection)
        return total

    def read(self, statement: str, params: dict | None = None) -> Result:
        return self._query(self._graph, statement, params, read_only=True)

    def run(self, statement: str, params: dict | None = None) -> Result:
        return self._query(self._graph, statement, params, read_only=False)

    def write(self, steps: Iterable[Step], *, replace: bool = False,
              progress: Callable[[Step], None] | None = None) -> Counts:
        if not replace:
            return self._write_pipelined(self.graph_name, steps, progress)
        temporary = f"{self.graph_name}__loading"
        self._delete_graph(temporary)
        self._ensure_schema_on(temporary)
        total = self._write_pipelined(temporary, steps, progress)
        self._db.connection.rename(temporary, self.graph_name)  # atomic swap
        return total

    # ------------------------------------------------------------------ schema

    def ensure_schema(self) -> None:
        self._ensure_schema_on(self.graph_name)

    def _ensure_schema_on(self, graph_name: str) -> None:
        graph = self._db.select_graph(graph_name)
        for node_type in NODE_LABELS:
            try:
                graph.query(statements.falkordb_index(node_type))
            except redis.ResponseError as err:
                if "already indexed" not in str(err):
                    raise StoreError(f"FalkorDB refused the index on id: {err}") from err
            try:
                self._db.connection.execute_command(
                    "GRAPH.CONSTRAINT", "CREATE", graph_name, "UNIQUE", "NODE",
                    NODE_LABELS[node_type], "PROPERTIES", 1, "id")
            except redis.ResponseError as err:
                if "already exists" not in str(err):
                    raise StoreError(f"FalkorDB refused the constraint on id: {err}") from err

    def _delete_graph(self, graph_name: str) -> None:
        self._db.connection.delete(graph_name)

    def compact(self) -> None:
        from .server import compact_journal

        try:
            compact_journal(self.host, self.port, self._password)
        except redis.RedisError as err:
            raise StoreError(_("the local graph store could not compact its journal ({err}): "
                               "check `ptce-graph db status`", err=str(err))) from err

    def close(self) -> None:
        self._db.connection.close()


def _refused(err: redis.ResponseError) -> StoreError:
    """FalkorDB's refusal as a StoreError; a server that cannot write its files (disk full)
    says MISCONF and refuses every write until space is freed."""
    message = str(err)
    if message.startswith("MISCONF") or "No space left" in message:
        return StoreError(_("the local graph store cannot write to its disk ({message}): free "
                            "space on the disk of its data folder (`ptce-graph db status` names "
                            "it), then load again; nothing written before is lost",
                            message=message))
    return StoreError(_("FalkorDB refused the query: {message}", message=message))


def _report(progress: Callable[[Step], None] | None, step: Step) -> None:
    if progress:
        progress(step)


def _result(reply) -> Result:
    columns = [h[1] for h in reply.header]
    rows = [tuple(_plain(v) for v in row) for row in reply.result_set]
    counts = Counts(
        nodes_created=int(reply.nodes_created),
        nodes_deleted=int(reply.nodes_deleted),
        relationships_created=int(reply.relationships_created),
        relationships_deleted=int(reply.relationships_deleted),
        properties_set=int(reply.properties_set),
    )
    return Result(columns=columns, rows=rows, counts=counts)


def _nul(value) -> ValueError:
    return ValueError(f"the text {value[:40]!r} holds a NUL character (\\x00), which "
                      "FalkorDB cannot store: remove it from the dataset")


def cypher_literal(value) -> str:
    """A parameter value as the Cypher text of FalkorDB's parameter header: the client's
    ``stringify_param_value`` for the plain values the store sends (same quoting and escaping,
    map keys in backticks), without its per-value generic dispatch.

    >>> cypher_literal({"id": 'x"}) //', "n": [1, 2.5, None, True]})
    '{`id`:"x\\\\"}) //",`n`:[1,2.5,null,True]}'
    """
    text = _literal(value)
    if "\x00" in text:  # FalkorDB reads the query as a C string: it would end there
        _find_nul(value)  # one scan of the whole text instead of one per string
        raise _nul(text)
    return text


def _literal(value) -> str:
    kind = type(value)
    if kind is str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if kind is dict:
        return _map(value)
    if value is None:
        return "null"
    if kind is list or kind is tuple:
        return "[" + ",".join([_literal(v) for v in value]) + "]"
    if isinstance(value, str):  # str subclasses
        return _literal(str(value))
    return str(value)


def _map(value: dict) -> str:
    """A map, its plain values written inline (the rows of a batch are maps of maps)."""
    parts = []
    for k, v in value.items():
        key = _KEYS.get(k) if type(k) is str else None
        if key is None:
            key = _key(k)
        kind = type(v)
        if kind is str:
            parts.append(key + ':"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"')
        elif v is None:
            parts.append(key + ":null")
        elif kind is float or kind is int or kind is bool:
            parts.append(key + ":" + str(v))
        elif kind is dict:
            parts.append(key + ":" + _map(v))
        else:
            parts.append(key + ":" + _literal(v))
    return "{" + ",".join(parts) + "}"


def _find_nul(value) -> None:
    """Raise the error naming the text that holds a NUL character (value or map key)."""
    if isinstance(value, str):
        if "\x00" in value:
            raise _nul(value)
    elif isinstance(value, dict):
        for k, v in value.items():
            _find_nul(str(k))
            _find_nul(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            _find_nul(v)


_KEYS: dict[str, str] = {}  # map keys already checked, as written


def _key(key) -> str:
    text = str(key)
    if not text or "`" in text:
        raise ValueError(f"a map key must be a non-empty name without backticks, not {text!r}")
    if type(key) is str and len(_KEYS) < 10_000:
        _KEYS[key] = f"`{text}`"
    return f"`{text}`"


def parameter_header(params: dict | None) -> str:
    """The ``CYPHER name=value ...`` header that carries ``params`` (empty without any)."""
    if not params:
        return ""
    return "CYPHER " + "".join([f"{_key(k)}={cypher_literal(v)} " for k, v in params.items()])


def _plain(value):
    """FalkorDB's nodes, edges and paths as plain values (dicts of properties)."""
    if isinstance(value, Node):
        return {"_labels": list(value.labels or []), **value.properties}
    if isinstance(value, Edge):
        return {"_type": value.relation, **value.properties}
    if isinstance(value, GraphPath):
        return [_plain(n) for n in value.nodes()]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
