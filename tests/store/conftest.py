"""Fixtures of the store tests: a real FalkorDB server from the pip package, Neo4j when NEO4J_URI
is set, and one Node process running Neo4j's Cypher front-end for the whole session.

Run the same integration tests against Neo4j 5 too::

    NEO4J_URI=bolt://localhost:7687 NEO4J_USERNAME=neo4j NEO4J_PASSWORD=... \\
        .venv/bin/pytest tests/store

(use a throwaway database: the tests replace the ptce-graph nodes it holds)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ptce_graph.ingest import BUNDLED_DATASETS, bundled_dataset, load_dataset
from ptce_graph.store import open_store
from ptce_graph.store.server import start_server, stop_server

ROOT = Path(__file__).resolve().parents[2]
BACKENDS = ["local"] + (["neo4j"] if os.environ.get("NEO4J_URI") else [])


@pytest.fixture(scope="session")
def falkordb_server(tmp_path_factory):
    """A FalkorDB server on a free loopback port, its files and the pointer file in a temporary
    folder (PTCE_GRAPH_DATA points there, so the CLI finds it); stopped by its pid."""
    home = tmp_path_factory.mktemp("ptce-home")
    previous = os.environ.get("PTCE_GRAPH_DATA")
    os.environ["PTCE_GRAPH_DATA"] = str(home)
    state, started = start_server(home / "data")
    assert started and state.host == "127.0.0.1"
    try:
        yield state
    finally:
        stop_server(home / "data")
        if previous is None:
            os.environ.pop("PTCE_GRAPH_DATA", None)
        else:
            os.environ["PTCE_GRAPH_DATA"] = previous


@pytest.fixture(params=BACKENDS)
def store(request, falkordb_server):
    """An open store: the local FalkorDB, and Neo4j too when NEO4J_URI is set."""
    if request.param == "local":
        handle = open_store("local", address=(falkordb_server.host, falkordb_server.port))
    else:
        handle = open_store("neo4j")
    with handle:
        yield handle


@pytest.fixture(scope="session")
def datasets():
    return {name: load_dataset(bundled_dataset(name)) for name in BUNDLED_DATASETS}


class CypherLinter:
    """Neo4j's Cypher front-end (npm @neo4j-cypher/language-support) in one Node process."""

    def __init__(self):
        node = shutil.which("node")
        assert node, "node is needed for the Cypher check: install Node.js, then `make test`"
        assert (ROOT / "node_modules" / "@neo4j-cypher" / "language-support").exists(), (
            "the Cypher front-end is missing: run `npm install` at the repository root")
        self.process = subprocess.Popen(
            [node, str(Path(__file__).with_name("cypher_lint.mjs"))], cwd=ROOT,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")
        self.count = 0

    def lint(self, query: str, parameters=()) -> list[dict]:
        self.count += 1
        request = {"id": self.count, "query": query, "parameters": list(parameters)}
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        answer = json.loads(self.process.stdout.readline())
        assert answer["id"] == self.count
        return answer["diagnostics"]

    def close(self):
        self.process.stdin.close()
        self.process.wait()


@pytest.fixture(scope="session")
def cypher_linter():
    linter = CypherLinter()
    yield linter
    linter.close()
