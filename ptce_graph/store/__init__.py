"""The graph store: the only code of ptce-graph that talks to a graph database.

Neo4j 5 (production) and a local FalkorDB (zero install) behind one small interface
(:class:`GraphStore`); load a dataset, pull it back, write analysis results onto the nodes, run
the analysts' Cypher library. The database drivers are imported only when a store is opened::

    from ptce_graph import load_dataset
    from ptce_graph.store import load_into_store, open_store, pull_graph

    with open_store("local") as store:          # after `ptce-graph db start`
        load_into_store(store, load_dataset("datasets/centre-isere"))
        G = pull_graph(store)
"""

from .backend import STORE_KINDS, Counts, GraphStore, Neo4jSettings, Result, Step, open_store
from .library import LibraryQuery, convert_parameters, library, resolve_query, run_query
from .load import DEFAULT_BATCH_SIZE, LoadReport, load_into_store, load_state, require_complete
from .pull import pull_dataset, pull_graph, pull_tables
from .server import running_server, server_status, start_server, stop_server
from .writeback import write_back, write_back_frames

__all__ = [
    "Counts",
    "DEFAULT_BATCH_SIZE",
    "GraphStore",
    "LibraryQuery",
    "LoadReport",
    "Neo4jSettings",
    "Result",
    "STORE_KINDS",
    "Step",
    "convert_parameters",
    "library",
    "load_into_store",
    "load_state",
    "open_store",
    "pull_dataset",
    "pull_graph",
    "pull_tables",
    "require_complete",
    "resolve_query",
    "run_query",
    "running_server",
    "server_status",
    "start_server",
    "stop_server",
    "write_back",
    "write_back_frames",
]
