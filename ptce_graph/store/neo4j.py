"""The production store: Neo4j 5 through the official driver over Bolt.

Writes use managed transactions (``execute_write``): each batch is one transaction the driver
retries on transient errors. ``--replace`` runs the whole load, deletion of the old graph
included, as ONE managed transaction: it commits complete or rolls back and leaves the old graph.
Reads run in read transactions, so the server refuses a query that writes. The password is given
to the driver and nowhere else: not in messages, not in ``repr``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

import neo4j
from neo4j import exceptions as neo4j_errors

from ..errors import StoreError
from ..i18n import Message, _
from ..schema import NODE_LABELS
from . import statements
from .backend import Counts, GraphStore, Neo4jSettings, Result, Step

__all__ = ["Neo4jStore", "safe_uri", "describe_error", "BOLT_SCHEMES"]

BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def safe_uri(uri: str) -> str:
    """The URI without any user:password part, for messages.

    >>> safe_uri("neo4j://alice:secret@db.example:7687")
    'neo4j://db.example:7687'
    """
    try:
        parts = urlsplit(uri)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:  # a port that is not a number: keep what follows any credentials
        return uri.rpartition("@")[2] if "://" not in uri else (
            uri.partition("://")[0] + "://" + uri.partition("://")[2].rpartition("@")[2])
    return f"{parts.scheme}://{host}{port}" if parts.scheme else uri.rpartition("@")[2]


def describe_error(err: Exception, settings: Neo4jSettings) -> Message:
    """One line saying what went wrong talking to Neo4j and what to check (``str()`` is
    English; the CLI renders it in the reader's language)."""
    where = safe_uri(settings.uri or "")
    if isinstance(err, neo4j_errors.AuthError):
        return _("Neo4j at {where} refused the credentials of user {user!r}: check "
                 "NEO4J_USERNAME and NEO4J_PASSWORD (or --neo4j-user/--neo4j-password)",
                 where=where, user=settings.user)
    if isinstance(err, neo4j_errors.ServiceUnavailable):
        return _("cannot reach Neo4j at {where}: is the server running and is NEO4J_URI "
                 "right (e.g. bolt://localhost:7687)?", where=where)
    if isinstance(err, neo4j_errors.Neo4jError):
        code = err.code or ""
        if code.endswith("DatabaseNotFound"):
            return _("Neo4j at {where} has no database {database!r}: check NEO4J_DATABASE "
                     "(SHOW DATABASES lists them)", where=where, database=settings.database)
        if "AccessMode" in code or "read access mode" in (err.message or ""):
            return _("this query writes to the graph; queries run read-only unless you pass "
                     "--allow-write")
        return _("Neo4j refused the query ({code}): {reason}", code=code,
                 reason=err.message or "")
    if isinstance(err, (neo4j_errors.ConfigurationError, ValueError)):
        return _("NEO4J_URI {where!r} is not a Neo4j address ({kind}): use bolt://HOST:7687 "
                 "or neo4j://HOST:7687", where=where, kind=err.__class__.__name__)
    return _("Neo4j at {where}: {kind}", where=where, kind=err.__class__.__name__)


class Neo4jStore(GraphStore):
    kind = "neo4j"

    def __init__(self, settings: Neo4jSettings):
        self.settings = settings
        scheme = (settings.uri or "").partition("://")[0]
        if scheme not in BOLT_SCHEMES:
            raise StoreError(_("NEO4J_URI {where!r} is not a Bolt address: use "
                               "bolt://HOST:7687 or neo4j://HOST:7687 (+s for TLS)",
                               where=safe_uri(settings.uri or "")))
        try:
            self._driver = neo4j.GraphDatabase.driver(
                settings.uri, auth=(settings.user, settings.password),
                connection_timeout=10, max_transaction_retry_time=15)
            self._driver.verify_connectivity()
            # verify_connectivity does not open the database: a cheap read does
            self._driver.execute_query("RETURN 1", database_=settings.database,
                                       routing_=neo4j.RoutingControl.READ)
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, ValueError) as err:
            self._close_quietly()
            raise StoreError(describe_error(err, settings)) from None

    def describe(self) -> Message:
        database = self.settings.database or _("default database")
        return _("Neo4j at {uri} ({database})", uri=safe_uri(self.settings.uri),
                 database=database)

    def _session(self):
        return self._driver.session(database=self.settings.database)

    def _guard(self, work):
        try:
            return work()
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, ValueError) as err:
            raise StoreError(describe_error(err, self.settings)) from None

    def read(self, statement: str, params: dict | None = None) -> Result:
        def work():
            with self._session() as session:
                return session.execute_read(_collect, statement, params or {})
        return self._guard(work)

    def run(self, statement: str, params: dict | None = None) -> Result:
        def work():
            with self._session() as session:
                return session.execute_write(_collect, statement, params or {})
        return self._guard(work)

    def write(self, steps: Iterable[Step], *, replace: bool = False,
              progress: Callable[[Step], None] | None = None) -> Counts:
        if not replace:
            def batches():
                total = Counts()
                with self._session() as session:
                    for step in steps:
                        total += session.execute_write(_collect, step.statement,
                                                       step.params).counts
                        if progress:
                            progress(step)
                return total
            return self._guard(batches)
        # the constraints first (Neo4j refuses schema changes in a transaction that writes):
        # without their indexes every MATCH of a relationship batch scans a whole label
        self.ensure_schema()
        steps = list(steps)

        def replace_all(tx):
            total = Counts()
            for node_type in NODE_LABELS:
                total += _collect(tx, statements.delete_nodes(node_type), {}).counts
            total += _collect(tx, statements.DELETE_MARKER, {}).counts
            for step in steps:
                total += _collect(tx, step.statement, step.params).counts
                if progress:
                    progress(step)
            return total

        def one_transaction():
            with self._session() as session:
                return session.execute_write(replace_all)
        return self._guard(one_transaction)

    def ensure_schema(self) -> None:
        for node_type in NODE_LABELS:
            self.run(statements.neo4j_constraint(node_type))

    def close(self) -> None:
        self._close_quietly()

    def _close_quietly(self) -> None:
        driver = getattr(self, "_driver", None)
        if driver is not None:
            driver.close()


def _collect(tx, statement: str, params: dict) -> Result:
    """Run inside a transaction and consume the result there, as the driver requires."""
    cursor = tx.run(statement, params)
    columns = list(cursor.keys())
    rows = [tuple(_plain(v) for v in record.values()) for record in cursor]
    counters = cursor.consume().counters
    return Result(columns=columns, rows=rows, counts=Counts(
        nodes_created=counters.nodes_created,
        nodes_deleted=counters.nodes_deleted,
        relationships_created=counters.relationships_created,
        relationships_deleted=counters.relationships_deleted,
        properties_set=counters.properties_set,
    ))


def _plain(value):
    """Driver nodes and relationships as dicts of properties; temporal values as ISO text."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {"_labels": sorted(value.labels), **dict(value)}
    if isinstance(value, Relationship):
        return {"_type": value.type, **dict(value)}
    if isinstance(value, Path):
        return [_plain(n) for n in value.nodes]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value
