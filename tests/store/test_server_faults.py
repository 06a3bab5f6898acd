"""The local store's life cycle under faults (issue 15): a long replay, a lost state file, a state
file naming another program, a port taken by another program, two data folders, a full disk, and
other users (password, file modes). Every server here is a real FalkorDB started by the test."""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import redis
from click.testing import CliRunner

from ptce_graph.cli import cli
from ptce_graph.errors import StoreError
from ptce_graph.ingest import bundled_dataset, load_dataset
from ptce_graph.store import load_into_store, open_store, server_status, start_server, stop_server
from ptce_graph.store.load import stored_counts
from ptce_graph.store.server import folder_port, server_password

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("PTCE_GRAPH_DATA", str(tmp_path / "home"))
    return tmp_path


@pytest.fixture
def folders():
    """Data folders whose servers are stopped at the end, whatever happened."""
    used: list[Path] = []
    yield used
    for folder in used:
        stop_server(folder)


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result


def _raw(state, password=None):
    return redis.Redis(host=state.host, port=state.port, password=password, socket_timeout=30)


def _kill(state) -> None:
    """Kill -9 the server, as a crash or a killed terminal would (no journal compaction)."""
    os.kill(state.pid, signal.SIGKILL)
    while True:
        try:
            finished, _ = os.waitpid(state.pid, os.WNOHANG)
        except ChildProcessError:
            finished = state.pid
        if finished == state.pid:
            break
        time.sleep(0.05)


# enough journal for a replay of several seconds on a quiet machine (12 gave about 2 s, too
# short to be seen reliably between two probes)
QUERIES = 30


def test_start_waits_for_a_long_replay_with_progress(home, folders):
    """A journal that takes seconds to replay (queries run, then the server killed before any
    compaction): `db start` waits for the data with progress, `db status` meanwhile says the
    store runs but is loading, and the data is all there afterwards."""
    data = home / "data"
    folders.append(data)
    state, _ = start_server(data)
    client = _raw(state, server_password(data))
    for _ in range(QUERIES):  # each query is a few bytes of journal and a few tenths of a second
        client.execute_command("GRAPH.QUERY", "scratch",
                               "UNWIND range(1, 150000) AS i CREATE (:Scratch {i: i})")
    client.close()
    _kill(state)
    lines: list[str] = []
    statuses = []

    finished = threading.Event()

    def watch():
        while not lines and not finished.is_set():
            time.sleep(0.05)
        if lines:
            statuses.append(run("db", "status", "--data", data))

    watcher = threading.Thread(target=watch)
    watcher.start()
    began = time.monotonic()
    try:
        state, started = start_server(data, progress=lines.append, silent_wait=0.5)
    finally:
        finished.set()
        watcher.join()
    waited = time.monotonic() - began
    assert started and waited > 1.0, waited  # longer than silent_wait: it was loading
    assert any("loading" in str(line) or "replaying" in str(line) for line in lines), lines
    status = statuses[0]
    assert status.exit_code == 2 and "Running, in trouble" in status.output, status.output
    assert "replaying its journal" in status.output or "loading" in status.output
    reply = _raw(state, server_password(data)).execute_command(
        "GRAPH.RO_QUERY", "scratch", "MATCH (n:Scratch) RETURN count(n)")
    assert reply[1][0][0] == QUERIES * 150000


def test_journal_is_compacted_after_load_and_stop(home, folders):
    """After a load and a stop, the journal holds one snapshot, not the queries run: the part
    replayed query by query at the next start is (almost) empty."""
    data = home / "data"
    folders.append(data)
    state, _ = start_server(data)
    dataset = load_dataset(bundled_dataset("auvergne-rhone-alpes"))
    with open_store("local", address=(state.host, state.port)) as store:
        for _ in range(3):
            load_into_store(store, dataset)
        before = stored_counts(store)
    stop_server(data)
    journal = data / "appendonlydir"
    increments = sum(p.stat().st_size for p in journal.glob("*.incr.aof"))
    bases = [p for p in journal.glob("*.base.*")]
    assert bases and increments < 2_000, (increments, sorted(p.name for p in journal.iterdir()))
    state, _ = start_server(data)
    with open_store("local", address=(state.host, state.port)) as store:
        assert stored_counts(store) == before


def test_lost_state_file_does_not_start_a_second_server(home, folders):
    data = home / "data"
    folders.append(data)
    first, _ = start_server(data)
    (data / "server.json").unlink()  # lost, as the old `db status` lost it on a full disk
    assert server_status(data) == first.__class__(**{**first.__dict__, "started": ""})
    second, started = start_server(data)
    assert not started and second.pid == first.pid
    result = run("db", "status", "--data", data)
    assert result.exit_code == 0 and f"pid {first.pid}" in result.output


def test_state_file_naming_another_program_is_neither_trusted_nor_signalled(home, falkordb_server):
    """server.json names a live process that is not the store, and a port where a server
    answers: status and stop say the store does not run, leave that process alone, and no
    traceback."""
    data = home / "data"
    data.mkdir(parents=True)
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (data / "server.json").write_text(
            f'{{"pid": {other.pid}, "host": "127.0.0.1", "port": {falkordb_server.port}, '
            f'"data": "{data}"}}', encoding="utf-8")
        status = run("db", "status", "--data", data)
        assert status.exit_code == 1 and "not running" in status.output, status.output
        (data / "server.json").write_text(
            f'{{"pid": {other.pid}, "host": "127.0.0.1", "port": {falkordb_server.port}, '
            f'"data": "{data}"}}', encoding="utf-8")
        stop = run("db", "stop", "--data", data)
        assert stop.exit_code == 0 and "not running" in stop.output
        time.sleep(0.2)
        assert other.poll() is None  # still alive: never signalled
    finally:
        other.kill()
        other.wait()


def test_port_taken_names_its_owner(home):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        with pytest.raises(StoreError, match=rf"port {port} is already used by pid "
                                             rf"{os.getpid()} \("):
            start_server(home / "data", port)
        result = run("db", "start", "--data", home / "data", "--port", port)
        assert result.exit_code == 1 and f"pid {os.getpid()}" in result.output


def test_each_data_folder_has_its_own_default_port(home, folders):
    """Not every store on 16379: the default port comes from the data folder (and its owner),
    is recorded in the folder and used again at the next start."""
    a, b = home / "a", home / "b"
    folders.extend([a, b])
    first, _ = start_server(a)
    second, _ = start_server(b)
    assert first.port != second.port and 16379 not in (first.port, second.port)
    assert first.port == folder_port(a.resolve()) or first.port > folder_port(a.resolve())
    assert int((a / "port").read_text()) == first.port
    stop_server(a)
    again, _ = start_server(a)
    assert again.port == first.port


def test_other_users_are_kept_out(home, folders):
    """A password made at the first start (0600), a data folder 0700, the client reading the
    password itself; a connection without the password is refused; loopback only."""
    data = home / "data"
    folders.append(data)
    state, _ = start_server(data)
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for name in ("password", "falkordb.conf"):
        assert stat.S_IMODE((data / name).stat().st_mode) == 0o600
    password = server_password(data)
    assert password and len(password) >= 32
    assert password not in " ".join(Path(f"/proc/{state.pid}/cmdline").read_text().split("\0"))
    with pytest.raises(redis.AuthenticationError):
        _raw(state).execute_command("GRAPH.QUERY", "ptce", "MATCH (n) RETURN count(n)")
    with pytest.raises(redis.AuthenticationError):
        _raw(state, "guess").ping()
    with open_store("local") as store:  # the client finds the password by itself
        assert store._db.connection.config_get("bind")["bind"] == "127.0.0.1"
    for path in data.rglob("*"):
        assert not stat.S_IMODE(path.stat().st_mode) & 0o077, path
    stop_server(data)
    start_server(data)
    assert server_password(data) == password  # kept across restarts


DISK_FULL_SCENARIO = r"""
import os, shutil, subprocess, sys, json
from pathlib import Path
from click.testing import CliRunner
from ptce_graph.cli import cli
from ptce_graph.errors import StoreError
from ptce_graph.generate import write_generated_dataset
from ptce_graph.ingest import bundled_dataset, load_dataset
from ptce_graph.store import load_into_store, open_store, start_server, stop_server
from ptce_graph.store.load import stored_counts

disk = Path(sys.argv[1])
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk)], check=True)
os.environ["PTCE_GRAPH_DATA"] = str(disk / "home")
out = {}
def cli_run(*args):
    r = CliRunner().invoke(cli, [str(a) for a in args])
    return {"code": r.exit_code, "output": r.output}
data = disk / "data"
state, _ = start_server(data)
try:
    small = load_dataset(bundled_dataset("pays-de-bray"))
    with open_store("local") as store:
        load_into_store(store, small)
        out["before"] = list(stored_counts(store))
    free = shutil.disk_usage(disk).free
    (disk / "ballast").write_bytes(b"x" * max(free - 150_000, 0))
    big = load_dataset(write_generated_dataset(60, disk.parent / "generated", seed=3))
    out["load"] = cli_run("load", disk.parent / "generated")
    out["status"] = cli_run("db", "status")
    out["state_kept"] = (data / "server.json").exists()
    out["stop"] = cli_run("db", "stop")
    out["alive_after_stop"] = os.path.exists(f"/proc/{state.pid}") and \
        "zombie" not in Path(f"/proc/{state.pid}/status").read_text().lower()
    (disk / "ballast").unlink()
    out["start"] = cli_run("db", "start", "--data", data)
    out["status_after"] = cli_run("db", "status")
    out["load_after"] = cli_run("load", bundled_dataset("pays-de-bray"))
finally:
    stop_server(data)
    stop_server(disk / "home")  # were a start to go to the default folder by mistake
print("RESULT " + json.dumps(out))
"""


def test_full_disk_is_said_and_the_store_survives_it(tmp_path):
    """A 4 MB tmpfs as the data folder's disk (mounted in a private mount namespace, so no
    privilege is needed where unprivileged user namespaces are allowed), filled up during a
    load: a clear error, `db status` says the store runs in trouble and keeps its state, `db
    stop` stops it, and once space is freed it starts again with its data."""
    disk = tmp_path / "disk"
    disk.mkdir()
    script = tmp_path / "scenario.py"
    script.write_text(DISK_FULL_SCENARIO, encoding="utf-8")
    unshare = ["unshare", "--mount"] + ([] if os.geteuid() == 0 else ["--map-root-user"])
    done = subprocess.run(unshare + [sys.executable, str(script), str(disk)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    import json

    out = json.loads(done.stdout.split("RESULT ", 1)[1])
    load = out["load"]
    assert load["code"] == 1 and "Traceback" not in load["output"]
    assert "disk" in load["output"] and "space" in load["output"], load["output"]
    status = out["status"]
    assert status["code"] == 2 and "Running, in trouble" in status["output"], status
    assert "cannot write its files" in status["output"]
    assert out["state_kept"]
    assert "Stopped" in out["stop"]["output"] and not out["alive_after_stop"]
    assert out["start"]["code"] == 0, out["start"]
    assert out["status_after"]["code"] == 0, out["status_after"]
    # what was loaded before the disk filled is there (the failed load's nodes too, marked
    # as an unfinished load that the next load completes)
    assert "61 relationships (pays-de-bray); last load loading" in out["status_after"]["output"]
    assert out["load_after"]["code"] == 0, out["load_after"]
