"""Reading whole graphs through the SPARQL 1.1 Graph Store Protocol (``KG_STORE_GRAPH_URL``).

Against the real Virtuoso 7 of the ``virtuoso`` fixture (its ``/sparql-graph-crud`` endpoint):
the same quads come back as through SELECT, a missing graph is empty, and an endpoint that does
not answer is a one-line StoreError.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

import pytest
from rdflib import XSD, BNode, Literal, URIRef
from store_fixtures import NASTY, article_quads

from kg.cli import main
from kg.errors import StoreError
from kg.rdf import iris
from kg.store.base import Quad
from kg.store.remote import RemoteStore

pytestmark = pytest.mark.virtuoso


def _article(store: RemoteStore, name: str) -> URIRef:
    article = f"{name}-{time.monotonic_ns()}"
    graph = iris.article_graph_iri(article)
    quads = article_quads(article, triples=25, claims=1)
    odd = URIRef("http://example.org/odd")
    quads += [
        (graph, odd, Literal(NASTY, lang="de"), graph),
        (graph, odd, Literal("tab\tand\nnewline"), graph),
        (graph, odd, Literal("2024-12-03", datatype=XSD.date), graph),
    ]
    store.replace_graphs(graph, quads)
    return graph


def test_graph_store_reads_the_same_quads_as_select(virtuoso) -> None:  # type: ignore[no-untyped-def]
    by_select = RemoteStore(virtuoso.sparql_url)
    by_graph_store = RemoteStore(virtuoso.sparql_url, graph_store_url=virtuoso.graph_store_url)
    graph = _article(by_select, "gsp")
    expected = _without_bnode_labels(by_select.quads(graph))
    assert len(expected) == 28
    assert _without_bnode_labels(by_graph_store.quads(graph)) == expected


def _without_bnode_labels(quads: Iterable[Quad]) -> list[tuple[object, ...]]:
    """Blank node labels are local to one response: compare them as one placeholder."""
    return sorted(tuple("_:" if isinstance(t, BNode) else t for t in q) for q in quads)


def test_missing_graph_is_empty(virtuoso) -> None:  # type: ignore[no-untyped-def]
    store = RemoteStore(virtuoso.sparql_url, graph_store_url=virtuoso.graph_store_url)
    assert list(store.quads(URIRef(iris.BASE + "graph/never-written"))) == []


def test_export_with_the_graph_store_matches(  # type: ignore[no-untyped-def]
    virtuoso, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    graph = _article(RemoteStore(virtuoso.sparql_url), "gspexport")
    plain, via_gsp = tmp_path / "plain.nq", tmp_path / "gsp.nq"
    store = ["--store", virtuoso.sparql_url, "--graph", str(graph), "-q"]
    assert main(["export", "--format", "nquads", "-o", str(plain), *store]) == 0
    monkeypatch.setenv("KG_STORE_GRAPH_URL", virtuoso.graph_store_url)
    assert main(["export", "--format", "nquads", "-o", str(via_gsp), *store]) == 0
    lines = plain.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 28
    assert sorted(via_gsp.read_text(encoding="utf-8").splitlines()) == sorted(lines)


def test_graph_store_down_is_one_line_store_error(virtuoso) -> None:  # type: ignore[no-untyped-def]
    store = RemoteStore(
        virtuoso.sparql_url, graph_store_url="http://127.0.0.1:9/crud", retries=0, timeout=2
    )
    with pytest.raises(StoreError) as error:
        list(store.quads(URIRef(iris.BASE + "graph/x")))
    assert "graph read to http://127.0.0.1:9/crud" in str(error.value)
    assert "\n" not in str(error.value)
