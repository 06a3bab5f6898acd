"""What Neo4j guarantees beyond the tests both backends share, on the live server: a uniqueness
constraint on the id of every label; `load --replace` as one transaction, so that a client
killed half-way (kill -9 of a real process) leaves the previous graph whole; a plain load killed
half-way that converges when run again; one clear line, without traceback or password, for
a wrong password, a stopped server and a missing database; and `make neo4j`'s launcher serving
Neo4j Browser and stopping on SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request

import pytest
from click.testing import CliRunner

from ptce_graph.cli import cli
from ptce_graph.errors import StoreError
from ptce_graph.generate import write_generated_dataset
from ptce_graph.ingest import load_dataset
from ptce_graph.schema import NODE_LABELS
from ptce_graph.store import Neo4jSettings, load_into_store, open_store, require_complete
from ptce_graph.store.load import stored_counts
from ptce_graph.store.pull import pull_validated
from ptce_graph.store.server import free_port

from .conftest import ROOT, clear_neo4j
from .test_load_pull import edge_multiset, node_records


@pytest.fixture
def neo4j(neo4j_server):
    """An open Neo4j store on an empty database."""
    with open_store("neo4j", neo4j=neo4j_server.settings) as handle:
        clear_neo4j(handle)
        yield handle


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A synthetic dataset big enough for a load to take seconds in small batches."""
    folder = write_generated_dataset(60, tmp_path_factory.mktemp("generated"), seed=3)
    return folder, load_dataset(folder)


def test_every_label_has_a_uniqueness_constraint_on_id(neo4j, datasets):
    for label in NODE_LABELS:
        neo4j.run(f"DROP CONSTRAINT ptce_{label}_id IF EXISTS")
    # --replace creates them too, before its transaction: without their indexes each
    # relationship batch would scan whole labels
    load_into_store(neo4j, datasets["pays-de-bray"], replace=True)
    load_into_store(neo4j, datasets["pays-de-bray"])  # IF NOT EXISTS: a second load is fine
    rows = neo4j.read("SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties "
                      "WHERE type = 'UNIQUENESS' RETURN labelsOrTypes[0] AS label, "
                      "properties AS properties").rows
    assert {label: properties for label, properties in rows} == {
        label: ["id"] for label in NODE_LABELS.values()}
    with pytest.raises(StoreError, match="already exists"):
        neo4j.run("CREATE (:Organisation {id: $id})",
                  {"id": datasets["pays-de-bray"].nodes.query("type == 'organisation'")
                   ["id"].iloc[0]})


def _load_process(folder, env, *extra) -> subprocess.Popen:
    command = [sys.executable, "-m", "ptce_graph", "load", str(folder), "--store", "neo4j",
               "--batch-size", "10", *extra]
    return subprocess.Popen(command, env={**os.environ, **env}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


def _wait_for(condition, process, what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        if process.poll() is not None:
            out, err = process.communicate()
            pytest.fail(f"the load ended (exit {process.returncode}) before {what}:\n"
                        f"{out.decode()}\n{err.decode()}")
        time.sleep(0.05)
    process.kill()
    pytest.fail(f"timed out waiting for {what}")


def _load_transactions(store) -> list[str]:
    """The queries of the load's open transactions, other than this one."""
    rows = store.read("SHOW TRANSACTIONS YIELD currentQuery, status "
                      "WHERE currentQuery CONTAINS 'UNWIND $rows' "
                      "RETURN currentQuery AS query").rows
    return [query for (query,) in rows]


def test_replace_killed_half_way_leaves_the_previous_graph_whole(neo4j, neo4j_server,
                                                                  datasets, generated):
    old = datasets["centre-isere"]
    load_into_store(neo4j, old, replace=True)
    before = pull_validated(neo4j)
    folder, _ = generated
    process = _load_process(folder, neo4j_server.env, "--replace")
    try:
        # the transaction deletes the old graph first, then runs the batches: a batch running
        # means the old graph is deleted inside the uncommitted transaction
        _wait_for(lambda: _load_transactions(neo4j), process, "the first batch ran")
        time.sleep(1.0)
        assert process.poll() is None, "the load finished before it could be killed"
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    assert process.returncode == -signal.SIGKILL
    deadline = time.monotonic() + 60  # the server rolls back once it sees the client gone
    while _load_transactions(neo4j) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert stored_counts(neo4j) == (len(old.nodes), len(old.edges))
    assert require_complete(neo4j)["datasets"] == ["centre-isere"]
    after = pull_validated(neo4j)
    assert node_records(after.nodes) == node_records(before.nodes)
    assert edge_multiset(after.edges) == edge_multiset(before.edges)


def test_plain_load_killed_half_way_converges_when_run_again(neo4j, neo4j_server, datasets,
                                                              generated):
    bray = datasets["pays-de-bray"]
    folder, generated = generated
    load_into_store(neo4j, bray, replace=True)
    process = _load_process(folder, neo4j_server.env)
    try:
        # batches commit one by one: wait until some of the new nodes are in
        _wait_for(lambda: stored_counts(neo4j)[0] > len(bray.nodes) + 200, process,
                  "200 nodes were loaded")
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    nodes, _ = stored_counts(neo4j)
    assert len(bray.nodes) + 200 < nodes < len(bray.nodes) + len(generated.nodes)
    with pytest.raises(StoreError, match="did not finish"):
        require_complete(neo4j)
    again = subprocess.run(
        [sys.executable, "-m", "ptce_graph", "load", str(folder), "--store", "neo4j"],
        env={**os.environ, **neo4j_server.env}, capture_output=True, text=True, check=False)
    assert again.returncode == 0, again.stderr
    assert sorted(require_complete(neo4j)["datasets"]) == sorted([bray.name, generated.name])
    ids = set(bray.nodes["id"]) | set(generated.nodes["id"])  # a funder or two in common
    assert stored_counts(neo4j) == (len(ids), len(bray.edges) + len(generated.edges))
    pulled = pull_validated(neo4j)
    # a node in both takes the values of the last load over those of the first
    expected = node_records(bray.nodes)
    for node_id, record in node_records(generated.nodes).items():
        expected[node_id] = {**expected.get(node_id, {}), **record}
    assert node_records(pulled.nodes) == expected
    assert sorted(edge_multiset(pulled.edges)) == sorted(
        edge_multiset(bray.edges) + edge_multiset(generated.edges))


def _one_clear_line(result, password: str) -> str:
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert "Traceback" not in result.output and password not in result.output
    return lines[0]


def test_wrong_password_stopped_server_missing_database(neo4j_server):
    runner = CliRunner()
    settings = neo4j_server.settings
    wrong = "not-" + settings.password
    env = {**neo4j_server.env, "NEO4J_PASSWORD": wrong}
    line = _one_clear_line(runner.invoke(cli, ["query", "unfunded-projects", "--store", "neo4j"],
                                         env=env), wrong)
    assert line == (f"Error: Neo4j at {settings.uri} refused the credentials of user "
                    f"'{settings.user}': check NEO4J_USERNAME and NEO4J_PASSWORD (or "
                    "--neo4j-user/--neo4j-password)")

    stopped = f"bolt://127.0.0.1:{free_port()}"  # nothing listens there any more
    line = _one_clear_line(runner.invoke(cli, ["pull", "-o", "x", "--store", "neo4j"],
                                         env={**neo4j_server.env, "NEO4J_URI": stopped}),
                           settings.password)
    assert line == (f"Error: cannot reach Neo4j at {stopped}: is the server running and is "
                    "NEO4J_URI right (e.g. bolt://localhost:7687)?")

    env = {**neo4j_server.env, "NEO4J_DATABASE": "nosuchdb"}
    line = _one_clear_line(runner.invoke(cli, ["analyze", "--store", "neo4j", "-o", "x"],
                                         env=env), settings.password)
    assert line == (f"Error: Neo4j at {settings.uri} has no database 'nosuchdb': check "
                    "NEO4J_DATABASE (SHOW DATABASES lists them)")
    # the right settings still work after these refusals
    with open_store("neo4j", neo4j=Neo4jSettings(uri=settings.uri, user=settings.user,
                                                 password=settings.password)) as store:
        assert store.read("RETURN 1 AS one").rows == [(1,)]



def test_make_neo4j_serves_browser_and_stops_on_sigterm(tmp_path):
    # `make neo4j` as an analyst runs it (tools/neo4j/neo4j_server.py in the foreground):
    # Neo4j Browser's pages on the loopback, the discovery document that tells Browser which
    # Bolt address to connect to, and a SIGTERM (how a background job is stopped) that ends
    # the launcher and its server: it used to hang for ever once the server had stopped
    launcher = ROOT / "tools" / "neo4j" / "neo4j_server.py"
    bolt, http = free_port(), free_port()
    process = subprocess.Popen(
        [sys.executable, str(launcher), "--home", str(tmp_path / "server"), "--port", str(bolt),
         "--http-port", str(http), "--heap", "512m"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = []
        for line in process.stdout:  # the launcher prints its banner once the server answers
            lines.append(line)
            if line.startswith("Ctrl-C stops it"):
                break
        banner = "".join(lines)
        browser = f"http://127.0.0.1:{http}/browser/"
        assert f"Neo4j Browser: {browser} (connect to bolt://127.0.0.1:{bolt}" in banner, banner
        password = (tmp_path / "server" / "password").read_text("utf-8").strip()
        assert password not in banner
        with urllib.request.urlopen(browser, timeout=30) as page:
            assert page.status == 200 and b"<title>Neo4j Browser</title>" in page.read()
        request = urllib.request.Request(f"http://127.0.0.1:{http}/",
                                         headers={"Accept": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            discovery = json.load(answer)
        assert discovery["bolt_direct"] == f"bolt://127.0.0.1:{bolt}"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=120) == 0
        with pytest.raises(OSError):  # nothing listens any more
            urllib.request.urlopen(browser, timeout=5)
    finally:
        if process.poll() is None:  # stop the server with it (its own session)
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=120)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
