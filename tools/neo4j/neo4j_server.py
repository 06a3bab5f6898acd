"""A Neo4j Community 5.26 server with the Graph Data Science plugin, run from the jars that
``make neo4j-jars`` fetched from Maven Central into ``.cache/neo4j`` (see ``pom.xml`` beside this
file). The test suite starts one per session; ``make neo4j`` runs one for an analyst.

The server listens on the loopback only, on a free port; authentication is on, with a password
generated for the run (Neo4j starts with neo4j/neo4j expired: the first connection sets the new
one); its data, logs and configuration live in one folder. The password is never printed: it is
kept in memory, or for ``make neo4j`` in a file only its owner can read.

Usage: ``python tools/neo4j/neo4j_server.py [--home FOLDER] [--port PORT] [--http-port PORT]``
runs a server in the foreground until Ctrl-C (or SIGTERM) and prints where it listens, where
Neo4j Browser is (http://127.0.0.1:7474/browser/ by default; ``--http-port 0`` turns HTTP off)
and where the password file is; started again on the same folder, it reuses its data and
password."""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache" / "neo4j"
LOOPBACK = "127.0.0.1"
USER = "neo4j"
STARTUP_TIMEOUT = 240  # seconds; 25-55 s measured on 2 busy cores


class Neo4jLaunchError(RuntimeError):
    """The server could not be started; the message says why and where its log is."""


def jars_present(cache: Path = CACHE) -> bool:
    return (cache / "lib").is_dir() and any((cache / "lib").glob("neo4j-5.*.jar")) \
        and any((cache / "plugins").glob("proc-*.jar"))


def java_command() -> str:
    """The java of JAVA_HOME, else the one on PATH."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return str(Path(home) / "bin" / "java")
    found = shutil.which("java")
    if not found:
        raise Neo4jLaunchError("no java found: install a JDK 17 (`make neo4j-jars` does it with "
                               "apt) or set JAVA_HOME")
    return found


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def _http(http_port: int | None) -> list[str]:
    """HTTP off, or on the loopback at ``http_port`` serving Neo4j Browser (the
    ``neo4j-browser`` jar on the classpath, see pom.xml) and the query API; Browser itself
    talks to the server over Bolt (WebSocket) with the same user and password."""
    if not http_port:
        return ["server.http.enabled=false"]
    return ["server.http.enabled=true",
            f"server.http.listen_address={LOOPBACK}:{http_port}",
            f"server.http.advertised_address={LOOPBACK}:{http_port}",
            "server.http_enabled_modules=TRANSACTIONAL_ENDPOINTS,BROWSER"]


def _configuration(home: Path, port: int, plugins: Path, heap: str, pagecache: str,
                   http_port: int | None = None) -> str:
    return "\n".join([
        f"server.default_listen_address={LOOPBACK}",
        f"server.default_advertised_address={LOOPBACK}",
        f"server.bolt.listen_address={LOOPBACK}:{port}",
        f"server.bolt.advertised_address={LOOPBACK}:{port}",
        *_http(http_port),
        "server.https.enabled=false",
        f"server.directories.data={home / 'data'}",
        f"server.directories.logs={home / 'logs'}",
        f"server.directories.run={home / 'run'}",
        f"server.directories.plugins={plugins}",
        f"server.directories.import={home / 'import'}",
        "dbms.security.auth_enabled=true",
        # GDS reaches below the procedure API for speed: Neo4j must let it
        "dbms.security.procedures.unrestricted=gds.*",
        "dbms.security.procedures.allowlist=gds.*",
        f"server.memory.heap.initial_size={heap}",
        f"server.memory.heap.max_size={heap}",
        f"server.memory.pagecache.size={pagecache}",
        "db.tx_log.rotation.retention_policy=1 files",
        "dbms.usage_report.enabled=false",
        "",
    ])


@dataclass
class Neo4jServer:
    """A running server started by :func:`start`; ``stop()`` ends it (by its pid)."""

    home: Path
    port: int
    process: subprocess.Popen
    password: str = field(repr=False)
    user: str = USER
    http_port: int | None = None

    @property
    def uri(self) -> str:
        return f"bolt://{LOOPBACK}:{self.port}"

    @property
    def browser(self) -> str | None:
        """Neo4j Browser's address, when the server was started with HTTP on."""
        return f"http://{LOOPBACK}:{self.http_port}/browser/" if self.http_port else None

    @property
    def logs(self) -> Path:
        return self.home / "logs"

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self, timeout: float = 60) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def keep_logs(self, target: Path) -> Path:
        """Copy the server's logs (neo4j.log, debug.log, the console) into ``target``."""
        target.mkdir(parents=True, exist_ok=True)
        for log in sorted(self.logs.glob("*.log")) + [self.home / "console.log"]:
            if log.exists():
                shutil.copy2(log, target / log.name)
        return target


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def _started(log: Path, offset: int = 0) -> bool:
    """Whether the log says "Started." past ``offset`` (its size before this start)."""
    try:
        with open(log, "rb") as handle:
            handle.seek(offset)
            return b"INFO  Started." in handle.read()
    except OSError:
        return False


def _set_password(uri: str, password: str, deadline: float, process, log: Path,
                  offset: int, *, existing: bool = False) -> None:
    """Wait for Bolt to answer, then replace the expired initial password (neo4j/neo4j), or
    with ``existing`` check that ``password`` (set on an earlier start) opens the server."""
    import neo4j
    from neo4j import exceptions

    last: Exception | None = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise Neo4jLaunchError(f"the Neo4j server stopped while starting (exit code "
                                   f"{process.returncode})")
        # Bolt accepts connections before it answers them: a driver that connects then may
        # wait for its handshake for ever. Neo4j logs "Started." once it answers.
        if not _started(log, offset):
            time.sleep(0.25)
            continue
        try:
            with neo4j.GraphDatabase.driver(uri, auth=(USER, password if existing else "neo4j"),
                                            connection_timeout=5) as driver, \
                    driver.session(database="system") as session:
                if existing:
                    session.run("RETURN 1").consume()
                else:
                    session.run("ALTER CURRENT USER SET PASSWORD FROM $old TO $new",
                                old="neo4j", new=password).consume()
            return
        except (exceptions.ServiceUnavailable, exceptions.SessionExpired, OSError) as err:
            last = err
            time.sleep(0.25)
        except exceptions.Neo4jError as err:
            if "DatabaseUnavailable" in (err.code or ""):  # the system database still starting
                last = err
                time.sleep(0.25)
                continue
            raise
    raise Neo4jLaunchError(f"Neo4j did not answer on {uri} within {STARTUP_TIMEOUT} s "
                           f"({last.__class__.__name__ if last else 'no answer'})")


def start(home: Path, *, port: int | None = None, cache: Path = CACHE, heap: str = "1g",
          pagecache: str = "256m", jvm_options: tuple[str, ...] = (),
          password: str | None = None, http_port: int | None = None) -> Neo4jServer:
    """Start a server whose data, logs and configuration live in ``home`` (created), wait until
    it answers, set a new random password (or, for a ``home`` started before, check the
    ``password`` set then), and return it. ``http_port``: serve Neo4j Browser there (on the
    loopback; HTTP is off without it). On failure the message carries the end of its log;
    the process is stopped."""
    if not jars_present(cache):
        raise Neo4jLaunchError(f"the Neo4j jars are missing from {cache}: run `make neo4j-jars`")
    home = Path(home).resolve()
    for folder in ("conf", "data", "logs", "run", "import"):
        (home / folder).mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    (home / "conf" / "neo4j.conf").write_text(
        _configuration(home, port, cache / "plugins", heap, pagecache, http_port),
        encoding="utf-8")
    command = [java_command(), f"-Xms{heap}", f"-Xmx{heap}",
               "--add-opens=java.base/java.nio=ALL-UNNAMED",
               "--add-opens=java.base/java.lang=ALL-UNNAMED",
               "-XX:+UseG1GC", "-Dfile.encoding=UTF-8", *jvm_options,
               "-cp", f"{cache / 'lib'}/*", "org.neo4j.server.CommunityEntryPoint",
               f"--home-dir={home}", f"--config-dir={home / 'conf'}"]
    log = home / "logs" / "neo4j.log"
    offset = log.stat().st_size if log.exists() else 0
    console = open(home / "console.log", "wb")  # noqa: SIM115 - the server outlives this call
    process = subprocess.Popen(command, stdout=console, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, cwd=home, start_new_session=True)
    console.close()
    existing = password is not None
    password = password or secrets.token_urlsafe(18)
    server = Neo4jServer(home=home, port=port, process=process, password=password,
                         http_port=http_port)
    try:
        _set_password(server.uri, password, time.monotonic() + STARTUP_TIMEOUT, process,
                      log, offset, existing=existing)
    except BaseException as err:
        server.stop()
        if isinstance(err, Neo4jLaunchError):
            raise Neo4jLaunchError(f"{err}; end of {home / 'logs' / 'neo4j.log'}:\n"
                                   f"{_tail(home / 'logs' / 'neo4j.log')}\n"
                                   f"{_tail(home / 'console.log')}") from None
        raise
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--home", type=Path, default=CACHE / "server",
                        help="folder for the data, logs and configuration [.cache/neo4j/server]")
    parser.add_argument("--port", type=int, default=7687, help="Bolt port [7687]")
    parser.add_argument("--heap", default="2g", help="Java heap [2g]")
    parser.add_argument("--http-port", type=int, default=7474,
                        help="port of Neo4j Browser, on 127.0.0.1 (0: HTTP off) [7474]")
    args = parser.parse_args(argv)
    secret = args.home / "password"
    earlier = secret.read_text(encoding="utf-8").strip() if secret.exists() else None
    if earlier is None and (args.home / "data" / "databases").exists():
        print(f"{args.home} holds a Neo4j database but no password file: remove the folder "
              "to start afresh", file=sys.stderr)
        return 1
    started = time.monotonic()
    try:
        server = start(args.home, port=args.port, heap=args.heap, password=earlier,
                       http_port=args.http_port or None)
    except Neo4jLaunchError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if earlier is None:
        secret.touch(mode=0o600)
        secret.write_text(server.password + "\n", encoding="utf-8")
    print(f"Neo4j 5.26 with GDS on {server.uri} (user neo4j), started in "
          f"{time.monotonic() - started:.0f} s; password in {secret} (readable by you only).\n"
          f"  export NEO4J_URI={server.uri} NEO4J_USERNAME=neo4j "
          f"NEO4J_PASSWORD=\"$(cat {secret})\"\n"
          + (f"Neo4j Browser: {server.browser} (connect to {server.uri}, user neo4j, the "
             "same password)\n" if server.browser else "")
          + f"Ctrl-C stops it; the data stays in {args.home}.", flush=True)
    # Ctrl-C, or SIGTERM (a job started in the background ignores Ctrl-C): stop the server too.
    # The handler only interrupts the wait below: stopping the server from inside it, while
    # that wait holds the child's waitpid lock, hung the launcher for ever (its java stopped).
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.process.wait()
    except KeyboardInterrupt:
        server.stop()
    return 0


def _interrupt(*_):
    raise KeyboardInterrupt


if __name__ == "__main__":
    sys.exit(main())
