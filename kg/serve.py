"""A SPARQL 1.1 protocol endpoint over the embedded store (``kg serve``).

Routes (stdlib ``ThreadingHTTPServer``; bind 127.0.0.1 by default):

* ``GET /sparql?query=…`` and ``POST /sparql`` (form ``query=…`` or an
  ``application/sparql-query`` body), with ``default-graph-uri`` / ``named-graph-uri``.
  Results by content negotiation (``Accept``, or a ``format`` parameter): SELECT and ASK as
  SPARQL JSON (default), XML, CSV or TSV; CONSTRUCT and DESCRIBE as Turtle (default),
  N-Triples or N-Quads. As in ``kg query``, the default graph is kg's catalogue unless
  ``union`` is asked for (``--union-default-graph``).
* ``POST /sparql`` with ``update=…`` or an ``application/sparql-update`` body: refused (403)
  unless the server was started writable.
* ``GET /queries/NAME?param=value`` runs a named query with its parameters bound safely and
  answers SPARQL JSON; ``GET /`` is a small HTML page listing the named queries and views.

Every response carries ``Access-Control-Allow-Origin: *`` so YASGUI (or any page) can query it.
"""

from __future__ import annotations

import html
import logging
import urllib.parse
from collections.abc import Callable, Mapping
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.errors import KGError, StoreError

if TYPE_CHECKING:
    from kg.store.oxigraph import OxigraphStore

logger = logging.getLogger(__name__)

#: Largest request body accepted (a SPARQL query or update), in bytes.
MAX_BODY = 10 * 1024 * 1024
_RESULT_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/n-quads": ox.RdfFormat.N_QUADS,
}
_SHORT = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "nquads": "application/n-quads",
}


def make_server(
    store: OxigraphStore,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    writable: bool = False,
    union: bool = False,
) -> ThreadingHTTPServer:
    """A server (not yet started) answering SPARQL over ``store``; port 0 picks a free port.

    Raises:
        StoreError: the address cannot be bound.
    """
    handler = type("KGHandler", (_Handler,), {"store": store, "writable": writable, "union": union})
    try:
        server = ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        raise StoreError(f"cannot listen on {host}:{port}: {exc}", target=store.target) from exc
    server.daemon_threads = True
    return server


class _Handler(BaseHTTPRequestHandler):
    store: OxigraphStore
    writable: bool
    union: bool
    server_version = "kg-serve"

    # -- routing ---------------------------------------------------------------------------

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        routes: dict[str, Callable[[], None]] = {
            "/": self._index,
            "/sparql": lambda: self._sparql(params),
        }
        if url.path in routes:
            routes[url.path]()
        elif url.path.startswith("/queries/"):
            self._named(url.path.removeprefix("/queries/"), params)
        else:
            self._text(HTTPStatus.NOT_FOUND, f"no such page {url.path}; try / or /sparql")

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/sparql":
            self._text(HTTPStatus.NOT_FOUND, "POST /sparql only")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._text(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"body over {MAX_BODY} bytes")
            return
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/sparql-query":
            params["query"] = [body]
        elif kind == "application/sparql-update":
            params["update"] = [body]
        else:
            params.update(urllib.parse.parse_qs(body, keep_blank_values=True))
        if "update" in params:
            self._update(params["update"][0])
        else:
            self._sparql(params)

    def do_OPTIONS(self) -> None:
        self.send_response(HTTPStatus.NO_CONTENT)
        self._cors()
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept, Authorization")
        self.send_header("Access-Control-Max-Age", "86400")
        self.end_headers()

    # -- SPARQL ----------------------------------------------------------------------------

    def _sparql(self, params: dict[str, list[str]]) -> None:
        if "query" not in params:
            self._text(HTTPStatus.BAD_REQUEST, "missing 'query' parameter")
            return
        try:
            result = self.store.oxigraph.query(
                params["query"][0],
                use_default_graph_as_union=self.union and "default-graph-uri" not in params,
                default_graph=_graphs(params.get("default-graph-uri")),  # type: ignore[arg-type]
                named_graphs=_graphs(params.get("named-graph-uri")),
            )
            self._results(result, params.get("format", [""])[0])
        except SyntaxError as exc:
            self._text(HTTPStatus.BAD_REQUEST, f"invalid SPARQL: {exc}")
        except (OSError, RuntimeError, ValueError) as exc:
            self._text(HTTPStatus.INTERNAL_SERVER_ERROR, f"query failed: {exc}")

    def _results(
        self, result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, wanted: str
    ) -> None:
        if isinstance(result, ox.QueryTriples):
            media = self._negotiate(_GRAPH_TYPES, wanted, "text/turtle")
            if media is None:
                return
            data = ox.serialize(result, format=_GRAPH_TYPES[media])
        else:
            media = self._negotiate(_RESULT_TYPES, wanted, "application/sparql-results+json")
            if media is None:
                return
            data = result.serialize(format=_RESULT_TYPES[media])
        self._send(HTTPStatus.OK, f"{media}; charset=utf-8", data or b"")

    def _negotiate(self, offered: Mapping[str, object], wanted: str, default: str) -> str | None:
        if wanted:
            media = _SHORT.get(wanted, wanted)
            if media in offered:
                return media
            self._text(
                HTTPStatus.NOT_ACCEPTABLE,
                f"format {wanted!r} not offered; use one of {', '.join(offered)}",
            )
            return None
        for media in _accepted(self.headers.get("Accept", "")):
            if media in offered:
                return media
            if media in ("*/*", "application/*", "text/*"):
                return default
        return default

    def _update(self, update: str) -> None:
        if not self.writable:
            self._text(
                HTTPStatus.FORBIDDEN,
                "this endpoint is read-only; start kg serve --writable to allow updates",
            )
            return
        try:
            self.store.oxigraph.update(update)
        except SyntaxError as exc:
            self._text(HTTPStatus.BAD_REQUEST, f"invalid SPARQL update: {exc}")
            return
        except OSError as exc:
            self._text(HTTPStatus.INTERNAL_SERVER_ERROR, f"update failed: {exc}")
            return
        self._send(HTTPStatus.NO_CONTENT, "text/plain", b"")

    # -- named queries and the index page --------------------------------------------------

    def _named(self, name: str, params: dict[str, list[str]]) -> None:
        from kg.store.queries import run_query

        values = {key: items[-1] for key, items in params.items() if key != "format"}
        try:
            result = run_query(self.store, name, values)
        except KGError as exc:
            self._text(HTTPStatus.BAD_REQUEST, str(exc))
            return
        from kg.store.results import format_json

        body = format_json(result)
        self._send(
            HTTPStatus.OK, "application/sparql-results+json; charset=utf-8", body.encode("utf-8")
        )

    def _index(self) -> None:
        from kg.store.queries import list_queries

        items = []
        for query in list_queries():
            params = ", ".join(
                f"{p.name} ({p.type}{'' if p.required else ', optional'})" for p in query.params
            )
            link = "/sparql?" + urllib.parse.urlencode({"query": query.text})
            items.append(
                f"<li><b>{html.escape(query.name)}</b>: {html.escape(query.description)}"
                + (f"<br><small>parameters: {html.escape(params)}</small>" if params else "")
                + f' <a href="{html.escape(link)}">run text</a>'
                f" · <code>/queries/{html.escape(query.name)}?…</code></li>"
            )
        views = ", ".join(_views())
        page = (
            "<!doctype html><html lang=en><meta charset=utf-8><title>kg SPARQL endpoint</title>"
            f"<h1>kg SPARQL endpoint</h1><p>Store: {html.escape(self.store.target)} "
            f"({'writable' if self.writable else 'read-only'}). SPARQL 1.1 protocol at "
            "<code>/sparql</code> (GET or POST; JSON, XML, CSV, TSV, Turtle, N-Triples). "
            "Named queries with bound parameters at <code>/queries/NAME?param=value</code>.</p>"
            f"<h2>Named queries</h2><ul>{''.join(items)}</ul>"
            f"<h2>Views</h2><p>{html.escape(views)} (draw them with "
            "<code>kg viz --view NAME</code>).</p></html>"
        )
        self._send(HTTPStatus.OK, "text/html; charset=utf-8", page.encode("utf-8"))

    # -- plumbing --------------------------------------------------------------------------

    def _cors(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")

    def _send(self, status: HTTPStatus, media: str, body: bytes) -> None:
        self.send_response(status)
        self._cors()
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _text(self, status: HTTPStatus, message: str) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        logger.info("%s " + format, self.address_string(), *args)


def _graphs(values: list[str] | None) -> list[ox.NamedNode | ox.BlankNode] | None:
    if not values:
        return None
    return [ox.NamedNode(v) for v in values]


def _accepted(header: str) -> list[str]:
    """Media types of an Accept header, best first (by q, then order)."""
    ranked = []
    for position, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        quality = 1.0
        for extra in fields[1:]:
            if extra.startswith("q="):
                try:
                    quality = float(extra[2:])
                except ValueError:
                    quality = 0.0
        if fields[0] and quality > 0:
            ranked.append((-quality, position, fields[0].lower()))
    return [media for _, _, media in sorted(ranked)]


def _views() -> tuple[str, ...]:
    try:
        from kg.viz import VIEWS
    except ImportError:  # pragma: no cover - viz is part of kg
        return ()
    return tuple(VIEWS)


__all__ = ["make_server"]
