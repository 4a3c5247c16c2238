"""A kg store on any SPARQL 1.1 endpoint (query + update protocol), tested against Virtuoso 7.

Open it with ``open_store("http://HOST:PORT/sparql")`` or ``kg … --store URL``. Settings from
the environment (all optional):

=========================  ================================================================
``KG_STORE_UPDATE_URL``    update endpoint (default: the query URL, as Virtuoso and Oxigraph
                           server accept both on ``/sparql``; Fuseki wants ``…/update``)
``KG_STORE_GRAPH_URL``     SPARQL 1.1 Graph Store HTTP Protocol endpoint (Virtuoso:
                           ``…/sparql-graph-crud``, Fuseki: ``…/data``, Oxigraph server:
                           ``…/store``); when set, whole graphs are read with one ``GET``
                           (export, dump, ``quads``) instead of a SELECT over the graph,
                           which also avoids a server's cap on result rows
``KG_STORE_USER``          HTTP Basic user for both endpoints
``KG_STORE_PASSWORD``      HTTP Basic password
``KG_STORE_TIMEOUT``       seconds per request (default 120)
``KG_STORE_RETRIES``       retries after a connection error, timeout or HTTP 5xx (default 3);
                           a query the server stopped at its own time limit is not retried
=========================  ================================================================

Graph layout: the same named graphs as the embedded store. Many servers (Virtuoso among them)
have no separate default graph (a query without ``FROM`` sees the union of all graphs), so
kg's catalogue (the embedded default graph) lives in the named graph :data:`CATALOGUE_GRAPH`.
A query that never says ``GRAPH`` is sent with ``default-graph-uri`` set to it, so it reads the
catalogue as on the embedded store. A query that says ``GRAPH`` is sent without dataset
parameters: by the protocol ``default-graph-uri`` alone would hide every named graph (Virtuoso
7.2 then finds nothing in ``GRAPH <iri>``), so its default graph is the server's (on Virtuoso
the union of all graphs; kg's named queries read every pattern through ``GRAPH``). ``union=True``
sends no dataset parameters. ``graphs()`` lists only graphs under kg's base IRI, so an endpoint
may hold other data too.

Writes. Replacing an article is **one update request** (``DROP SILENT GRAPH`` for the article
and its claim graphs, ``DELETE WHERE`` for their catalogue entries, ``INSERT DATA``), retried as
a whole (it is idempotent) on connection errors, timeouts and 5xx with exponential backoff.
What Virtuoso 7.2 guarantees (tested in ``tests/store/test_remote.py``): the request is parsed
before anything runs, so a malformed request changes nothing; but the operations of a request
are *not* one transaction: a runtime error in a later operation keeps the earlier ones. For
kg's requests (only DROP, DELETE WHERE and INSERT DATA of validated terms) no such runtime error
is known; a request that fails in transit never reaches the server or runs whole, and a retry
converges to the new version. :meth:`RemoteStore.replace_many` sends several articles per
request (bulk loads, ``kg load``).
"""

from __future__ import annotations

import base64
import json
import logging
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, BinaryIO

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import BNode, Literal, Node, URIRef

from kg.errors import GraphError, QueryError, StoreError
from kg.rdf import iris
from kg.store._substitute import names_graphs, sparql_term, substitute, unbound_tests
from kg.store._terms import from_ox, to_ox_quad
from kg.store.base import DumpFormat, Quad, QueryRows, Term, Triple

if TYPE_CHECKING:
    from types import TracebackType

logger = logging.getLogger(__name__)

#: The named graph holding kg's catalogue on a remote store (the embedded default graph).
CATALOGUE_GRAPH = URIRef(iris.BASE + "graph/catalogue")
#: Seconds per HTTP request (an aggregate over 100k articles on Virtuoso takes tens of seconds).
DEFAULT_TIMEOUT = 120.0
#: Retries after a transient failure; waits BACKOFF, 2×BACKOFF, 4×BACKOFF … seconds.
DEFAULT_RETRIES = 3
BACKOFF = 0.5
#: Quads per update request in ``replace_many``: Virtuoso parses ~2 MB of INSERT DATA text in
#: well under a second; bigger requests gave no more throughput in benchmarks/bench_scale.py.
BATCH_QUADS = 20_000
#: Triples per ``INSERT DATA`` operation: Virtuoso 7.2's SPARQL parser fails with "memory
#: exhausted" near 5,000 triples in one block, so longer inserts are split into operations of
#: this size within the same request.
TRIPLES_PER_INSERT = 2_000
#: Claim graphs probed per round trip (the builder numbers them 1..n without gaps).
CLAIM_PROBE = 32
#: An HTTP 5xx answer to a query whose message says the server stopped it at its own time
#: limit (Virtuoso: ``S1T00 Error SR171: Transaction timed out``; Fuseki: ``Query timed out``).
#: Sending the same query again only waits as long again, so it is not retried.
_SERVER_TIME_LIMIT = re.compile(r"timed out|time ?out|\bSR171\b", re.IGNORECASE)
_JSON_RESULTS = "application/sparql-results+json"
_N_TRIPLES = "application/n-triples"
_BNODE_JUNK = re.compile(r"[^A-Za-z0-9_-]")
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_FORMATS = {
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "turtle": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
}


def open_remote(url: str, *, read_only: bool = False) -> RemoteStore:
    """Open the SPARQL endpoint ``url`` (settings from ``KG_STORE_*``; see the module docstring).

    Raises:
        StoreError: a setting is malformed or the endpoint does not answer a probe query.
    """
    env = os.environ
    try:
        timeout = float(env.get("KG_STORE_TIMEOUT", DEFAULT_TIMEOUT))
        retries = int(env.get("KG_STORE_RETRIES", DEFAULT_RETRIES))
    except ValueError as exc:
        raise StoreError(
            f"KG_STORE_TIMEOUT/KG_STORE_RETRIES must be numbers: {exc}", target=url
        ) from exc
    store = RemoteStore(
        url,
        update_url=env.get("KG_STORE_UPDATE_URL") or None,
        graph_store_url=env.get("KG_STORE_GRAPH_URL") or None,
        user=env.get("KG_STORE_USER") or None,
        password=env.get("KG_STORE_PASSWORD") or None,
        read_only=read_only,
        timeout=timeout,
        retries=retries,
    )
    store.ask("ASK { }")
    return store


class RemoteStore:
    """A kg store on a SPARQL 1.1 endpoint (see :class:`kg.store.base.Store` for the contract)."""

    def __init__(
        self,
        url: str,
        *,
        update_url: str | None = None,
        graph_store_url: str | None = None,
        user: str | None = None,
        password: str | None = None,
        read_only: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
        retries: int = DEFAULT_RETRIES,
    ) -> None:
        self._url = url
        self._update_url = update_url or url
        self._graph_store_url = graph_store_url
        self._read_only = read_only
        self._timeout = timeout
        self._retries = max(0, retries)
        self._auth: str | None = None
        if user is not None:
            token = base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
            self._auth = f"Basic {token}"

    @property
    def target(self) -> str:
        """The query endpoint URL."""
        return self._url

    @property
    def read_only(self) -> bool:
        """True if opened with ``read_only=True`` (writes are refused client-side)."""
        return self._read_only

    def optimize(self) -> None:
        """Nothing to do: the endpoint manages its own storage."""

    def close(self) -> None:
        """Nothing to release: every request is its own connection."""

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<RemoteStore {self._url} {'read-only' if self._read_only else 'read-write'}>"

    # -- writes ------------------------------------------------------------------------------

    def replace_graphs(self, article_graph: URIRef, quads: Iterable[Quad] | Dataset) -> int:
        """Replace an article graph and its claim graphs in one update request (see module)."""
        return self.replace_many([(article_graph, quads)])

    def replace_many(self, articles: Iterable[tuple[URIRef, Iterable[Quad] | Dataset]]) -> int:
        """Replace several articles' graphs, batching up to ``BATCH_QUADS`` quads per request.

        Each article's drop and insert are in the same request, so an article is never split
        across requests. Returns the number of quads written.
        """
        return self._replace_prepared((g, _article_quads(g, quads)) for g, quads in articles)

    def _replace_prepared(self, articles: Iterable[tuple[URIRef, list[ox.Quad]]]) -> int:
        """``replace_many`` of quads already checked and converted (``_article_quads``)."""
        self._check_writable()
        written, pending, size = 0, [], 0
        for article_graph, items in articles:
            pending.append((article_graph, items))
            size += len(items)
            written += len(items)
            if size >= BATCH_QUADS:
                self._send_replacements(pending)
                pending, size = [], 0
        if pending:
            self._send_replacements(pending)
        return written

    def replace_articles(self, articles: Iterable[tuple[URIRef, bytes]]) -> int:
        """Replace articles given as N-Quads bytes (``replace_many`` batching; see ``Store``)."""
        count = 0

        def parsed() -> Iterator[tuple[URIRef, list[ox.Quad]]]:
            nonlocal count
            for article_graph, nquads in articles:
                count += 1
                try:
                    quads = list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
                except SyntaxError as exc:
                    raise GraphError(f"article data is not valid N-Quads: {exc}") from exc
                yield article_graph, _article_ox_quads(article_graph, quads)

        # Oxigraph's terms straight into the request, not through rdflib's: with the update sent
        # as the body, kg load into Virtuoso went from 18k to 27k quads/s (424k quads)
        self._replace_prepared(parsed())
        return count

    def _send_replacements(self, batch: Sequence[tuple[URIRef, list[ox.Quad]]]) -> None:
        claims = self._claim_graphs([graph for graph, _ in batch])
        operations: list[str] = []
        for graph, items in batch:
            operations.extend(_drop_operations([graph, *claims.get(graph, ())]))
            operations.append(_insert_data(items))
        self._update(" ;\n".join(op for op in operations if op))

    def replace_graph(
        self,
        graph: URIRef,
        triples: Iterable[Triple] | Graph,
        *,
        catalogue: Iterable[tuple[Node, Node]] = (),
    ) -> int:
        """Replace one named graph and its catalogue entry in one update request."""
        self._check_writable()
        items = [to_ox_quad(s, p, o, graph) for s, p, o in triples]
        written = len(items)
        items.extend(to_ox_quad(graph, p, o, CATALOGUE_GRAPH) for p, o in catalogue)
        self._update(" ;\n".join([*_drop_operations([graph]), _insert_data(items)]))
        return written

    def delete_graph(self, graph: URIRef, *, with_claims: bool = False) -> None:
        """Drop a named graph (optionally with its claim graphs) and its catalogue entry."""
        self._check_writable()
        claims = self._claim_graphs([graph]).get(graph, []) if with_claims else []
        self._update(" ;\n".join(_drop_operations([graph, *claims])))

    def _claim_graphs(self, article_graphs: Sequence[URIRef]) -> dict[URIRef, list[URIRef]]:
        """Existing ``<g>-claim-<n>`` graphs of each article, probed in one query per round."""
        found: dict[URIRef, list[URIRef]] = {}
        start, todo = 1, list(article_graphs)
        while todo:
            candidates = [
                URIRef(f"{graph}-claim-{n}")
                for graph in todo
                for n in range(start, start + CLAIM_PROBE)
            ]
            values = " ".join(sparql_term(c) for c in candidates)
            rows = self.query(
                f"SELECT ?g WHERE {{ VALUES ?g {{ {values} }} "
                "FILTER EXISTS { GRAPH ?g { ?s ?p ?o } } }"
            ).rows
            hits = {str(row[0]) for row in rows}
            full = []
            for graph in todo:
                mine = [URIRef(f"{graph}-claim-{n}") for n in range(start, start + CLAIM_PROBE)]
                found.setdefault(graph, []).extend(c for c in mine if str(c) in hits)
                if str(mine[-1]) in hits:  # the last probed number exists: look further
                    full.append(graph)
            start, todo = start + CLAIM_PROBE, full
        return found

    def _check_writable(self) -> None:
        if self._read_only:
            raise StoreError(f"store {self._url} is open read-only", target=self._url)

    # -- reads -------------------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Term] | None = None,
        *,
        union: bool = False,
    ) -> QueryRows:
        """Run a SELECT query; bound variables are substituted into the text (see ``Store``)."""
        text = substitute(unbound_tests(sparql, bindings or {}), bindings or {})
        result = self._select(text, union=union)
        head, results = result.get("head"), result.get("results")
        if not isinstance(results, dict) or not isinstance(head, dict):
            raise QueryError("expected a SELECT query", query="<inline query>", target=self._url)
        names = tuple(head.get("vars", ()))
        rows = tuple(
            tuple(_term(binding.get(name)) for name in names)
            for binding in results.get("bindings", ())
        )
        return QueryRows(names, rows)

    def ask(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> bool:
        """Run an ASK query."""
        result = self._select(substitute(sparql, bindings or {}), union=False)
        if "boolean" in result:
            return bool(result["boolean"])
        # Virtuoso 7.2 answers ASK in JSON as a one-column SELECT (?__ASK_RETVAL = 1, or no row).
        head, results = result.get("head"), result.get("results")
        if isinstance(head, dict) and head.get("vars") == ["__ASK_RETVAL"]:
            rows = results.get("bindings", []) if isinstance(results, dict) else []
            return any(str(row.get("__ASK_RETVAL", {}).get("value")) == "1" for row in rows)
        raise QueryError("expected an ASK query", query="<inline query>", target=self._url)

    def has_graph(self, graph: URIRef) -> bool:
        """True if the named graph holds at least one triple."""
        return self.ask("ASK { GRAPH ?g { ?s ?p ?o } }", {"g": graph})

    def graphs(self) -> tuple[URIRef, ...]:
        """Every named graph under kg's base IRI (not the catalogue graph), sorted."""
        rows = self.query(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
            "FILTER(STRSTARTS(STR(?g), ?base) && ?g != ?catalogue) }".replace(
                "?base", sparql_term(Literal(iris.BASE))
            ).replace("?catalogue", sparql_term(CATALOGUE_GRAPH))
        ).rows
        return tuple(sorted(URIRef(str(row[0])) for row in rows if row[0] is not None))

    def quads(self, graph: URIRef | None = None) -> Iterator[Quad]:
        """Yield every quad (the catalogue as the default graph), or those of one graph."""
        if graph is not None:
            yield from self._graph_quads(graph, graph)
            return
        yield from self._graph_quads(CATALOGUE_GRAPH, None)
        for name in self.graphs():
            yield from self._graph_quads(name, name)

    def _graph_quads(self, graph: URIRef, label: URIRef | None) -> Iterator[Quad]:
        if self._graph_store_url is not None:
            yield from self._fetch_graph(self._graph_store_url, graph, label)
            return
        rows = self.query("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": graph}).rows
        for s, p, o in rows:
            if s is not None and p is not None and o is not None:
                yield (s, p, o, label)

    def count(self, graph: URIRef | None = None) -> int:
        """Number of quads in kg's graphs (catalogue included), or in one named graph."""
        if graph is not None:
            sparql = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
            rows = self.query(sparql, {"g": graph}).rows
        else:
            sparql = (
                "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                "FILTER(STRSTARTS(STR(?g), ?base)) }"
            ).replace("?base", sparql_term(Literal(iris.BASE)))
            rows = self.query(sparql).rows
        return int(str(rows[0][0])) if rows and rows[0][0] is not None else 0

    def dump(self, output: BinaryIO, fmt: DumpFormat, *, graph: URIRef | None = None) -> None:
        """Serialise the store (or one graph); ``turtle`` is the union of the graphs."""
        quads = (to_ox_quad(*q) for q in self.quads(graph))
        try:
            if fmt == "turtle":
                seen = {q.triple for q in quads}
                ox.serialize(sorted(seen, key=str), output, _FORMATS[fmt])
            else:
                ox.serialize(quads, output, _FORMATS[fmt])
        except (OSError, ValueError) as exc:
            raise StoreError(f"cannot write {fmt}: {exc}", target=self._url) from exc

    def dataset(self, graphs: Iterable[URIRef] | None = None) -> Dataset:
        """An in-memory rdflib copy of the store (or of ``graphs``)."""
        dataset = Dataset()
        dataset.bind("schema", "http://schema.org/", override=True, replace=True)
        sources = [self.quads()] if graphs is None else [self.quads(g) for g in graphs]
        for source in sources:
            for s, p, o, g in source:
                target = dataset.default_graph if g is None else dataset.graph(g)  # type: ignore[arg-type]
                target.add((s, p, o))
        return dataset

    def _fetch_graph(self, endpoint: str, graph: URIRef, label: URIRef | None) -> Iterator[Quad]:
        """One graph through the Graph Store Protocol (``GET ?graph=IRI``, N-Triples)."""
        separator = "&" if "?" in endpoint else "?"
        url = endpoint + separator + urllib.parse.urlencode({"graph": str(graph)})
        body = self._send(url, None, {"Accept": _N_TRIPLES}, what="graph read", missing_ok=True)
        if body is None:  # 404: the graph does not exist (or is empty)
            return
        try:
            for triple in ox.parse(body, ox.RdfFormat.N_TRIPLES):
                yield (
                    from_ox(triple.subject),
                    from_ox(triple.predicate),
                    from_ox(triple.object),
                    label,
                )
        except SyntaxError as exc:
            raise StoreError(
                f"graph store {endpoint} returned bad N-Triples for {graph}: {exc}", target=endpoint
            ) from exc

    # -- HTTP --------------------------------------------------------------------------------

    def _select(self, sparql: str, *, union: bool) -> dict[str, object]:
        fields = [("query", sparql)]
        if not union and not names_graphs(sparql):
            fields.append(("default-graph-uri", str(CATALOGUE_GRAPH)))
        body = self._post(self._url, fields, accept=_JSON_RESULTS, what="query")
        try:
            result = json.loads(body)
        except ValueError as exc:
            raise QueryError(
                f"endpoint {self._url} returned no JSON results: {body[:120]!r}",
                query="<inline query>",
                target=self._url,
            ) from exc
        if not isinstance(result, dict):
            raise QueryError("unexpected result shape", query="<inline query>", target=self._url)
        return result

    def _update(self, sparql: str) -> None:
        # The update as the request body (SPARQL 1.1 Protocol, "update via POST directly"):
        # percent-encoding a form of ~2 MB took longer than Virtuoso took to apply it.
        headers = {"Accept": "*/*", "Content-Type": "application/sparql-update; charset=utf-8"}
        self._send(self._update_url, sparql.encode("utf-8"), headers, what="update")

    def _post(self, url: str, fields: list[tuple[str, str]], *, accept: str, what: str) -> bytes:
        """POST a form; retry transient failures with backoff; errors become StoreError."""
        data = urllib.parse.urlencode(fields).encode("utf-8")
        headers = {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"}
        body = self._send(url, data, headers, what=what)
        return b"" if body is None else body  # None only for missing_ok requests

    def _send(
        self,
        url: str,
        data: bytes | None,
        headers: dict[str, str],
        *,
        what: str,
        missing_ok: bool = False,
    ) -> bytes | None:
        """POST ``data`` (or GET if None); retry transient failures with backoff.

        Returns None for HTTP 404 when ``missing_ok``. Errors become StoreError (QueryError for
        a rejected query).
        """
        if self._auth:
            headers = {**headers, "Authorization": self._auth}
        method = "GET" if data is None else "POST"
        for attempt in range(self._retries + 1):
            request = urllib.request.Request(url, data=data, headers=headers, method=method)  # noqa: S310
            try:
                with urllib.request.urlopen(request, timeout=self._timeout) as response:  # noqa: S310
                    return bytes(response.read())
            except urllib.error.HTTPError as exc:
                if exc.code == 404 and missing_ok:
                    return None
                detail = _first_line(exc.read())
                if exc.code < 500:
                    error = QueryError if what == "query" else StoreError
                    message = f"{what} rejected by {url}: HTTP {exc.code}: {detail}"
                    if error is QueryError:
                        raise QueryError(message, query="<inline query>", target=url) from exc
                    raise StoreError(message, target=url) from exc
                problem = f"HTTP {exc.code}: {detail}"
                if what == "query" and _SERVER_TIME_LIMIT.search(detail):
                    raise QueryError(
                        f"query stopped by {url} at the server's time limit: {problem}",
                        query="<inline query>",
                        target=url,
                    ) from exc
            except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
                reason = getattr(exc, "reason", exc)
                problem = (
                    f"timed out after {self._timeout:g} s"
                    if isinstance(reason, TimeoutError)
                    else f"{reason}"
                )
            if attempt < self._retries:
                delay = BACKOFF * 2**attempt
                logger.warning("%s to %s failed (%s); retry in %.1f s", what, url, problem, delay)
                time.sleep(delay)
        raise StoreError(
            f"{what} to {url} failed after {self._retries + 1} attempt(s): {problem}", target=url
        )


def _article_quads(article_graph: URIRef, quads: Iterable[Quad] | Dataset) -> list[ox.Quad]:
    """The quads of one article as Oxigraph quads (the default graph as the catalogue graph),
    checked to use only its graphs and the catalogue."""
    source = quads.quads((None, None, None, None)) if isinstance(quads, Dataset) else quads
    items: list[ox.Quad] = []
    for s, p, o, g in source:
        graph = None if g == DATASET_DEFAULT_GRAPH_ID else g
        if graph is not None:
            _check_article_graph(article_graph, str(graph))
        items.append(to_ox_quad(s, p, o, CATALOGUE_GRAPH if graph is None else graph))
    return items


def _article_ox_quads(article_graph: URIRef, quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """``_article_quads`` of quads Oxigraph parsed (terms already valid)."""
    catalogue = ox.NamedNode(str(CATALOGUE_GRAPH))
    items: list[ox.Quad] = []
    for quad in quads:
        name = quad.graph_name
        if isinstance(name, ox.DefaultGraph):
            quad = ox.Quad(quad.subject, quad.predicate, quad.object, catalogue)
        else:
            _check_article_graph(article_graph, name.value)
        items.append(quad)
    return items


def _check_article_graph(article_graph: URIRef, graph: str) -> None:
    """Raise GraphError unless ``graph`` is the article graph or one of its claim graphs."""
    prefix = f"{article_graph}-claim-"
    if not (
        graph == str(article_graph) or (graph.startswith(prefix) and graph[len(prefix) :].isdigit())
    ):
        raise GraphError(
            f"quad in graph {graph} given for article graph {article_graph}; only the "
            f"article graph, its claim graphs ({prefix}<n>) and the default graph are allowed"
        )


def _drop_operations(graphs: Iterable[URIRef]) -> list[str]:
    operations = []
    catalogue = sparql_term(CATALOGUE_GRAPH)
    for graph in sorted(set(graphs)):
        name = sparql_term(graph)
        operations.append(f"DROP SILENT GRAPH {name}")
        operations.append(f"DELETE WHERE {{ GRAPH {catalogue} {{ {name} ?p ?o }} }}")
    return operations


def _insert_data(items: Iterable[ox.Quad]) -> str:
    """``INSERT DATA`` grouped by graph (callers put catalogue entries in the catalogue graph);
    terms are written by Oxigraph's N-Triples serialiser (Oxigraph parsed them, or
    ``to_ox_quad`` checked and converted rdflib's).

    A chunk holding blank nodes becomes ``INSERT { … } WHERE { }`` (Virtuoso 7.2 refuses blank
    nodes in ``INSERT DATA``); a blank node split across two chunks of one graph would become
    two nodes, which kg's graphs (no blank nodes in article graphs) never need.
    """
    by_graph: dict[str, list[str]] = {}
    for quad in items:
        by_graph.setdefault(str(quad.graph_name), []).append(
            f"{quad.subject} {quad.predicate} {quad.object} ."
        )
    operations = []
    for name, lines in by_graph.items():
        for i in range(0, len(lines), TRIPLES_PER_INSERT):
            body = "\n".join(lines[i : i + TRIPLES_PER_INSERT])
            if "_:" in body:  # Virtuoso 7.2 refuses blank nodes in INSERT DATA, not in templates
                operations.append(f"INSERT {{ GRAPH {name} {{\n{body}\n}} }} WHERE {{ }}")
            else:
                operations.append(f"INSERT DATA {{ GRAPH {name} {{\n{body}\n}} }}")
    return " ;\n".join(operations)


def _term(cell: object) -> Term | None:
    """An rdflib term from a SPARQL JSON results cell (xsd:string literals get no datatype)."""
    if not isinstance(cell, dict):
        return None
    kind, value = cell.get("type"), str(cell.get("value", ""))
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":  # Virtuoso labels them "nodeID://b123": keep a valid N-Triples label
        return BNode(_BNODE_JUNK.sub("", value.removeprefix("nodeID://")) or "b")
    language = cell.get("xml:lang")
    if language:
        return Literal(value, lang=str(language))
    datatype = cell.get("datatype")
    if datatype and datatype != _XSD_STRING:
        return Literal(value, datatype=URIRef(str(datatype)))
    return Literal(value)


def _first_line(body: bytes) -> str:
    text = body.decode("utf-8", errors="replace").strip()
    return (text.splitlines() or [""])[0][:300]
