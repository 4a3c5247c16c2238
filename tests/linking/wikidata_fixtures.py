"""Helpers for tests/linking: the Wikidata-shaped fixture on Virtuoso and tiny HTTP servers.

``wikidata_endpoint`` loads ``tests/data/wikidata/fixture.ttl`` into the graph
``FIXTURE_GRAPH`` of the session's Virtuoso server (``virtuoso`` fixture, tests/conftest.py);
clients restrict their queries to that graph so that other tests' data on the same server
cannot answer. ``http_server`` serves canned answers on 127.0.0.1 for the failure paths.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kg.linking.cache import ResultCache
from kg.linking.wikidata import ClientOptions, WikidataClient

DATA = Path(__file__).resolve().parent.parent / "data" / "wikidata"
FIXTURE = DATA / "fixture.ttl"
ARTICLES = DATA / "articles"
FIXTURE_GRAPH = "http://kg.test/wikidata-fixture"

EMPTY_RESULT = {"head": {"vars": ["x"]}, "results": {"bindings": []}}


@pytest.fixture(scope="session", name="wikidata_endpoint")
def wikidata_endpoint_fixture(virtuoso) -> str:  # type: ignore[no-untyped-def]
    """The SPARQL URL of the session's Virtuoso, with the fixture loaded into FIXTURE_GRAPH."""
    target = Path(virtuoso.directory) / "wikidata-fixture.ttl"
    shutil.copy(FIXTURE, target)
    virtuoso.isql(f"SPARQL CLEAR GRAPH <{FIXTURE_GRAPH}>;")
    virtuoso.isql(f"DB.DBA.TTLP(file_to_string('{target}'), '', '{FIXTURE_GRAPH}');")
    return str(virtuoso.sparql_url)


def fixture_client(endpoint: str, cache_dir: Path | None, **options: object) -> WikidataClient:
    """A client for the fixture graph, with a disk cache in ``cache_dir`` (None: no cache)."""
    return WikidataClient(
        endpoint,
        cache=ResultCache(cache_dir) if cache_dir is not None else None,
        options=ClientOptions(default_graph=FIXTURE_GRAPH, timeout=20, **options),  # type: ignore[arg-type]
    )


# --------------------------------------------------------------------------------------------
# A canned HTTP server on 127.0.0.1
# --------------------------------------------------------------------------------------------


@dataclass
class Reply:
    """One canned answer: status, headers, body, and seconds to wait before answering."""

    status: int = 200
    body: bytes = json.dumps(EMPTY_RESULT).encode()
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Canned:
    """A running canned server: ``replies`` are served in order (the last one repeats)."""

    url: str
    replies: list[Reply]
    seen: list[dict[str, str]] = field(default_factory=list)  # request headers, in order


@pytest.fixture(name="http_server")
def http_server_fixture() -> Iterator[Callable[[list[Reply]], Canned]]:
    """Start canned servers on 127.0.0.1; all are shut down after the test."""
    servers: list[ThreadingHTTPServer] = []

    def start(replies: list[Reply]) -> Canned:
        canned = Canned(url="", replies=list(replies))

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                self.rfile.read(length)
                canned.seen.append(dict(self.headers.items()))
                index = min(len(canned.seen), len(canned.replies)) - 1
                reply = canned.replies[index]
                if reply.delay:
                    time.sleep(reply.delay)
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/sparql-results+json")
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_GET = do_POST  # noqa: N815

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        canned.url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
        return canned

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
