"""`ptce-graph db start|status|stop`: a second server in its own folder, on the loopback only,
keeping its data across a restart."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ptce_graph.cli import cli
from ptce_graph.errors import StoreError
from ptce_graph.ingest import bundled_dataset
from ptce_graph.store import open_store, server_status, start_server
from ptce_graph.store.server import free_port


def test_start_status_stop_restart(tmp_path, monkeypatch):
    monkeypatch.setenv("PTCE_GRAPH_DATA", str(tmp_path / "home"))
    runner = CliRunner()
    data, port = tmp_path / "graph-data", free_port()

    def run(*args):
        return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)

    assert run("db", "status").exit_code == 1
    started = run("db", "start", "--data", data, "--port", port)
    assert started.exit_code == 0 and f"127.0.0.1:{port}" in started.output
    try:
        assert "Already running" in run("db", "start").output  # found without --data
        state = server_status()
        assert state is not None and state.port == port and state.data == str(data.resolve())
        with open_store("local") as store:
            assert store._db.connection.config_get("bind")["bind"] == "127.0.0.1"
        assert run("load", bundled_dataset("pays-de-bray")).exit_code == 0
        status = run("db", "status")
        assert "Holds 27 nodes and 61 relationships (pays-de-bray)" in status.output
        assert run("db", "stop").exit_code == 0
        assert server_status() is None and run("db", "status").exit_code == 1
        assert run("db", "start", "--data", data).exit_code == 0  # same data, new port
        assert "Holds 27 nodes and 61 relationships" in run("db", "status").output
    finally:
        stopped = run("db", "stop", "--data", data)
    assert "Stopped" in stopped.output


def test_port_in_use_is_refused(falkordb_server, tmp_path, monkeypatch):
    monkeypatch.setenv("PTCE_GRAPH_DATA", str(tmp_path / "home"))
    with pytest.raises(StoreError, match=f"port {falkordb_server.port} is already used"):
        start_server(tmp_path / "other", falkordb_server.port)
