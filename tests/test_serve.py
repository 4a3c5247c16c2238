"""``kg serve``: a real SPARQL 1.1 endpoint on 127.0.0.1, queried with SPARQLWrapper and urllib."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "store"))
from rdflib import Literal
from store_fixtures import NASTY, small_kg

from kg.serve import make_server
from kg.store import list_queries, open_store
from kg.store._substitute import sparql_term
from kg.store.oxigraph import OxigraphStore

SELECT = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


def _serve(store: OxigraphStore, *, writable: bool = False) -> tuple[str, object]:
    server = make_server(store, port=0, writable=writable)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    return f"http://{host}:{port}", server


@pytest.fixture
def endpoint(tmp_path: Path) -> Iterator[str]:
    with open_store(tmp_path / "kg") as store:
        small_kg(store)
    with open_store(tmp_path / "kg", read_only=True) as store:
        assert isinstance(store, OxigraphStore)
        base, server = _serve(store)
        yield base
        server.shutdown()  # type: ignore[attr-defined]
        server.server_close()  # type: ignore[attr-defined]


def _get(url: str, accept: str | None = None) -> tuple[int, str, str, dict[str, str]]:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return (
                response.status,
                response.headers["Content-Type"],
                response.read().decode("utf-8"),
                dict(response.headers),
            )
    except urllib.error.HTTPError as exc:
        with exc:
            return (
                exc.code,
                exc.headers["Content-Type"],
                exc.read().decode("utf-8"),
                dict(exc.headers),
            )


def test_sparqlwrapper_select_ask_construct(endpoint: str) -> None:
    from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

    client = SPARQLWrapper(f"{endpoint}/sparql")
    client.setQuery(SELECT)
    client.setReturnFormat(JSON)
    rows = client.queryAndConvert()["results"]["bindings"]  # type: ignore[index]
    graphs = [row["g"]["value"] for row in rows]
    assert any(g.endswith("graph/t1") for g in graphs)
    assert len(graphs) == 4
    client.setQuery("ASK { GRAPH ?g { ?s ?p ?o } }")
    assert client.queryAndConvert()["boolean"] is True  # type: ignore[index]
    client.setQuery("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 3")
    client.setReturnFormat(TURTLE)
    client.setMethod("POST")
    turtle = client.queryAndConvert()
    assert isinstance(turtle, bytes)
    assert turtle.count(b" .") >= 1


@pytest.mark.parametrize(
    ("accept", "media", "marker"),
    [
        ("application/sparql-results+json", "application/sparql-results+json", '"bindings"'),
        ("application/sparql-results+xml", "application/sparql-results+xml", "<sparql"),
        ("text/csv", "text/csv", "g,n"),
        ("text/tab-separated-values", "text/tab-separated-values", "?g\t?n"),
        ("text/html;q=0.9, */*;q=0.1", "application/sparql-results+json", '"bindings"'),
    ],
    ids=["json", "xml", "csv", "tsv", "wildcard"],
)
def test_content_negotiation(endpoint: str, accept: str, media: str, marker: str) -> None:
    url = f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": SELECT})
    status, kind, body, headers = _get(url, accept)
    assert status == 200
    assert kind.startswith(media)
    assert marker in body
    assert headers["Access-Control-Allow-Origin"] == "*"


def test_construct_as_ntriples_and_unoffered_format(endpoint: str) -> None:
    query = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
    url = f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": query})
    status, kind, body, _ = _get(url, "application/n-triples")
    assert status == 200
    assert kind.startswith("application/n-triples")
    assert all(line.endswith(" .") for line in body.splitlines() if line)
    status, _, body, _ = _get(url + "&format=csv")
    assert status == 406
    assert "not offered" in body


def test_updates_are_refused_unless_writable(endpoint: str, tmp_path: Path) -> None:
    update = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
    request = urllib.request.Request(f"{endpoint}/sparql", data=update)
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request, timeout=10)
    error.value.close()
    assert error.value.code == 403
    status, _, body, _ = _get(f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": SELECT}))
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == 4


def test_writable_server_applies_updates(tmp_path: Path) -> None:
    with open_store(tmp_path / "kg") as store:
        assert isinstance(store, OxigraphStore)
        base, server = _serve(store, writable=True)
        try:
            literal = sparql_term(Literal(NASTY))
            triple = f"<http://ex/s> <http://ex/p> {literal}"
            body = f"INSERT DATA {{ GRAPH <http://ex/g> {{ {triple} }} }}"
            request = urllib.request.Request(
                f"{base}/sparql",
                data=body.encode(),
                headers={"Content-Type": "application/sparql-update"},
            )
            with urllib.request.urlopen(request, timeout=10) as response:
                assert response.status == 204
            assert str(store.query("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0][0]) == NASTY
        finally:
            server.shutdown()  # type: ignore[attr-defined]
            server.server_close()  # type: ignore[attr-defined]


def test_bad_query_is_400_with_the_reason(endpoint: str) -> None:
    status, _, body, _ = _get(f"{endpoint}/sparql?query=SELEKT")
    assert status == 400
    assert "invalid SPARQL" in body


def test_cors_preflight(endpoint: str) -> None:
    request = urllib.request.Request(f"{endpoint}/sparql", method="OPTIONS")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 204
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert "POST" in response.headers["Access-Control-Allow-Methods"]


def test_index_lists_named_queries_and_named_query_route(endpoint: str) -> None:
    status, kind, page, _ = _get(f"{endpoint}/")
    assert status == 200
    assert kind.startswith("text/html")
    for query in list_queries():
        assert query.name in page
    url = f"{endpoint}/queries/statements_by_speaker?" + urllib.parse.urlencode({"speaker": NASTY})
    status, _, body, _ = _get(url)
    assert status == 400
    assert "speaker" in body
    status, _, body, _ = _get(f"{endpoint}/queries/no_such_query")
    assert status == 400
    assert "unknown query" in body


def test_cli_serves_until_interrupted(tmp_path: Path) -> None:
    with open_store(tmp_path / "kg") as store:
        small_kg(store)
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--store", str(tmp_path / "kg"), "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        assert "read-only" in line
        url = line.split(" at ")[1].split()[0]
        status, _, body, _ = _get(url + "?" + urllib.parse.urlencode({"query": SELECT}))
        assert status == 200
        assert "graph/t1" in body
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stderr is not None:
            process.stderr.close()
