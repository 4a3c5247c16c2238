"""Start a throw-away Virtuoso server on 127.0.0.1 for tests and benchmarks.

``start_virtuoso(directory)`` writes its own ``virtuoso.ini`` into ``directory`` (two free
loopback ports: the SQL/ISQL port and the HTTP port), starts ``virtuoso-t +wait`` (which returns
once the server is online), grants SPARQL UPDATE to the anonymous SPARQL user through ``isql-vt``
and returns a :class:`Virtuoso` handle whose ``stop()`` shuts the server down with ``shutdown``
(killing it by pid only if that fails). Start-up takes ~7 s on the 2-core machine.

Debian package: ``virtuoso-opensource-7-bin`` (``/usr/bin/virtuoso-t``, ``/usr/bin/isql-vt``).
It ships no default ini, so the one below is minimal: small buffers, no unix socket, the HTTP
server on loopback only.

Example (also usable outside pytest, e.g. from ``benchmarks/bench_scale.py``)::

    server = start_virtuoso(Path("/tmp/vt"))
    try:
        print(server.sparql_url)   # http://127.0.0.1:PORT/sparql
    finally:
        server.stop()
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

VIRTUOSO_BIN = os.environ.get("VIRTUOSO_BIN", "/usr/bin/virtuoso-t")
ISQL_BIN = os.environ.get("VIRTUOSO_ISQL", "/usr/bin/isql-vt")
#: Seconds to wait for the server to come online (it needs ~7 s here).
START_TIMEOUT = 60.0
#: 8 KB pages: 20,000 buffers = ~160 MB of cache (benchmarks pass a larger number).
DEFAULT_BUFFERS = 20_000
#: Server-side limit of one SPARQL query (``MaxQueryExecutionTime``), seconds.
QUERY_SECONDS = 300

_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
CheckpointInterval = 60
DirsAllowed = ., {dir}
MaxQueryMem = 1G

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
MaxClientConnections = 10
ServerThreads = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10

[SPARQL]
ResultSetMaxRows = 10000000
MaxQueryExecutionTime = {query_seconds}
MaxQueryCostEstimationTime = 0
"""

_GRANTS = "GRANT SPARQL_UPDATE TO \"SPARQL\";DB.DBA.RDF_DEFAULT_USER_PERMS_SET('nobody', 7);"


def virtuoso_available() -> bool:
    """True if the Virtuoso server and its ISQL client are installed."""
    return shutil.which(VIRTUOSO_BIN) is not None and shutil.which(ISQL_BIN) is not None


@dataclass(slots=True)
class Virtuoso:
    """A running Virtuoso server started by :func:`start_virtuoso`."""

    directory: Path
    sql_port: int
    http_port: int
    pid: int | None

    @property
    def sparql_url(self) -> str:
        """The SPARQL 1.1 query and update endpoint."""
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def graph_store_url(self) -> str:
        """The SPARQL 1.1 graph store protocol endpoint."""
        return f"http://127.0.0.1:{self.http_port}/sparql-graph-crud"

    def isql(self, statements: str, *, timeout: float = 60) -> str:
        """Run SQL statements as ``dba`` through ``isql-vt``; return its output."""
        result = subprocess.run(
            [ISQL_BIN, f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={statements}"],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if result.returncode != 0 or "*** Error" in result.stdout:
            raise RuntimeError(f"isql-vt failed: {result.stdout}{result.stderr}")
        return result.stdout

    def stop(self) -> None:
        """Shut the server down (checkpoint and exit); kill it if it does not go."""
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            self.isql("shutdown;")
        deadline = time.monotonic() + 20
        while self.pid is not None and _alive(self.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        if self.pid is not None and _alive(self.pid):
            os.kill(self.pid, signal.SIGKILL)
        self.pid = None


def start_virtuoso(
    directory: Path, *, buffers: int = DEFAULT_BUFFERS, query_seconds: int = QUERY_SECONDS
) -> Virtuoso:
    """Start Virtuoso with its database in ``directory`` and SPARQL UPDATE granted.

    A database already in ``directory`` is kept (so a loaded store can be restarted).
    ``query_seconds`` bounds each SPARQL query on the server: a client that gives up does not
    stop Virtuoso, and queries left running pile up until the machine runs out of memory.

    Raises:
        RuntimeError: the binaries are missing or the server does not come up.
    """
    if not virtuoso_available():
        raise RuntimeError(f"{VIRTUOSO_BIN} or {ISQL_BIN} not installed")
    directory = directory.resolve()
    directory.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = _free_port(), _free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(
        _INI.format(
            dir=directory,
            sql_port=sql_port,
            http_port=http_port,
            buffers=buffers,
            dirty=buffers * 3 // 4,
            query_seconds=query_seconds,
        ),
        encoding="utf-8",
    )
    # +wait: the launcher forks the server and returns once it is online (or failed).
    subprocess.run(
        [VIRTUOSO_BIN, "+configfile", str(ini), "+wait"],
        cwd=directory,
        capture_output=True,
        timeout=START_TIMEOUT,
        check=False,
    )
    server = Virtuoso(directory, sql_port, http_port, _server_pid(directory))
    try:
        _wait_http(server.sparql_url)
        server.isql(_GRANTS)
    except Exception:  # noqa: BLE001 - any failure: show the server log, stop it
        log = directory / "virtuoso.log"
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else "(no log)"
        server.stop()
        raise RuntimeError(f"Virtuoso did not start in {directory}:\n{tail}") from None
    return server


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _server_pid(directory: Path) -> int | None:
    """The server's pid from its lock file (``VIRT_PID=1234``)."""
    lock = directory / "virtuoso.lck"
    if not lock.exists():
        return None
    for line in lock.read_text(errors="replace").splitlines():
        if line.startswith("VIRT_PID="):
            return int(line.split("=", 1)[1])
    return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _wait_http(url: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    probe = url + "?query=ASK%7B%7D"
    while True:
        try:
            with urllib.request.urlopen(probe, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.2)
