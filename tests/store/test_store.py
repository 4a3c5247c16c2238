"""The embedded Oxigraph store: open/reopen, atomic graph replacement, reads, read-only mode."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import RDFS
from store_fixtures import EX, NASTY, article_quads, graph_is_complete

from kg.errors import GraphError, QueryError, StoreError
from kg.rdf import iris
from kg.store import Quad, ensure_reference, graph_digest, open_store
from kg.store._terms import to_ox_quad
from kg.store.reference import SHA256, stored_digest

A1 = iris.article_graph_iri("a1")
PREFIX = f"PREFIX ex: <{EX}>\n"


def test_open_creates_the_directory_and_reopens_with_the_data(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "store"
    with open_store(target) as store:
        assert store.count() == 0
        store.replace_graphs(A1, article_quads("a1", triples=12))
    assert target.is_dir()
    with open_store(target) as store:
        assert store.count() == 12
        assert store.graphs() == (A1,)
        assert graph_is_complete(store, A1)


@pytest.mark.parametrize(
    "target",
    [
        pytest.param("ftp://localhost/sparql", id="ftp"),
        pytest.param("s3://bucket/store", id="s3"),
    ],
)
def test_other_urls_are_not_supported_and_the_error_lists_supported_targets(target: str) -> None:
    # http(s) URLs open a remote SPARQL store (tests/store/test_remote.py)
    with pytest.raises(StoreError, match="supported: a directory"):
        open_store(target)


def test_a_non_empty_directory_that_is_no_store_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(StoreError, match="not empty and holds no kg store"):
        open_store(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_a_directory_holding_only_a_stale_lock_file_opens(tmp_path: Path) -> None:
    (tmp_path / "kg.lock").write_text("12345\n", encoding="utf-8")
    with open_store(tmp_path) as store:
        assert store.count() == 0


def test_read_only_needs_an_existing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no kg store"):
        open_store(tmp_path / "missing", read_only=True)
    assert not (tmp_path / "missing").exists()


def test_read_only_store_reads_and_refuses_writes(tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as store:
        store.replace_graphs(A1, article_quads("a1", triples=5))
    with open_store(tmp_path / "s", read_only=True) as store:
        assert store.read_only
        assert store.count(A1) == 5
        with pytest.raises(StoreError, match="read-only"):
            store.replace_graphs(A1, article_quads("a1", triples=3))
        with pytest.raises(StoreError, match="read-only"):
            store.delete_graph(A1)
        assert store.count(A1) == 5


def test_replacing_an_article_twice_leaves_one_copy(tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as store:
        store.replace_graphs(A1, article_quads("a1", triples=30, claims=2))
        first = store.count()
        store.replace_graphs(A1, article_quads("a1", triples=30, claims=2))
        assert store.count() == first == 90  # blank nodes did not duplicate either
        assert all(graph_is_complete(store, g) for g in store.graphs())


def test_replacing_drops_claim_graphs_the_new_version_lacks(tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as store:
        store.replace_graphs(A1, article_quads("a1", claims=3))
        store.replace_graphs(iris.article_graph_iri("a10"), article_quads("a10", claims=1))
        store.replace_graphs(A1, article_quads("a1", triples=4, claims=1))
        assert store.graphs() == (
            A1,
            iris.claim_graph_iri("a1", 1),
            iris.article_graph_iri("a10"),
            iris.claim_graph_iri("a10", 1),
        )
        assert store.count(A1) == 4
        assert store.count(iris.article_graph_iri("a10")) == 20  # a1's prefix spared a10


def test_replacing_replaces_catalogue_entries_of_the_dropped_graphs(tmp_path: Path) -> None:
    claim = iris.claim_graph_iri("a1", 1)
    with open_store(tmp_path / "s") as store:
        store.replace_graphs(
            A1, [*article_quads("a1", claims=1), (claim, EX.status, Literal("old"), None)]
        )
        store.replace_graphs(A1, [*article_quads("a1"), (A1, EX.status, Literal("new"), None)])
        assert sorted(q[2] for q in store.quads() if q[3] is None) == [Literal("new")]


def test_quads_outside_the_article_graphs_are_refused_and_nothing_changes(tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as store:
        store.replace_graphs(A1, article_quads("a1", triples=6))
        other = [*article_quads("a1", triples=3), (EX.s, EX.p, EX.o, iris.article_graph_iri("a2"))]
        with pytest.raises(GraphError, match="graph/a2 given for article graph"):
            store.replace_graphs(A1, other)
        assert store.count() == 6


def test_a_literal_subject_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as store:
        with pytest.raises(GraphError, match="subject or predicate"):
            store.replace_graphs(A1, [(Literal("x"), EX.p, EX.o, A1)])
        assert store.count() == 0


def test_replace_graphs_accepts_an_rdflib_dataset(tmp_path: Path) -> None:
    dataset = Dataset()
    for s, p, o, g in article_quads("a1", triples=8, claims=1):
        dataset.add((s, p, o, g))
    with open_store(tmp_path / "s") as store:
        assert store.replace_graphs(A1, dataset) == 16
        assert store.graphs() == (A1, iris.claim_graph_iri("a1", 1))


@pytest.mark.parametrize(
    "literal",
    [
        pytest.param(Literal(NASTY), id="injection"),
        pytest.param(Literal(NASTY, lang="de"), id="lang"),
        pytest.param(
            Literal("1994", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYear")), id="gyear"
        ),
        pytest.param(Literal("a\tb\r\nc\u0000d"), id="control"),
    ],
)
def test_literals_survive_the_insert_unchanged(tmp_path: Path, literal: Literal) -> None:
    with open_store(tmp_path / "s") as store:
        store.replace_graphs(A1, [(EX.s, EX.p, literal, A1)])
        assert [q[2] for q in store.quads(A1)] == [literal]


def test_delete_graph_with_claims(tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as store:
        store.replace_graphs(A1, article_quads("a1", claims=2))
        store.delete_graph(A1)
        assert store.graphs() == (iris.claim_graph_iri("a1", 1), iris.claim_graph_iri("a1", 2))
        store.replace_graphs(A1, article_quads("a1", claims=2))
        store.delete_graph(A1, with_claims=True)
        assert store.graphs() == ()
        assert store.count() == 0


def test_query_binds_terms_and_reports_unprojected_variables(tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as store:
        store.replace_graphs(A1, article_quads("a1", triples=5))
        sparql = PREFIX + "SELECT ?g ?n WHERE { GRAPH ?g { ?g ex:tripleCount ?n } }"
        rows = store.query(sparql, {"g": A1})
        assert rows.variables == ("g", "n")
        assert rows.rows == ((A1, Literal(5)),)
        assert store.query(sparql, {"g": iris.article_graph_iri("a2")}).rows == ()
        with pytest.raises(QueryError, match=r"\?g is bound but not in the SELECT projection"):
            store.query(PREFIX + "SELECT ?n WHERE { GRAPH ?g { ?g ex:tripleCount ?n } }", {"g": A1})
        with pytest.raises(QueryError, match="invalid SPARQL"):
            store.query("SELECT WHERE {")
        assert store.ask("ASK { GRAPH ?g { ?s ?p ?o } }")


def test_union_default_graph_is_opt_in(tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as store:
        store.replace_graphs(A1, article_quads("a1", triples=5))
        sparql = PREFIX + "SELECT ?n WHERE { ?g ex:tripleCount ?n }"
        assert len(store.query(sparql)) == 0
        assert len(store.query(sparql, union=True)) == 1


def test_dataset_copy_holds_the_store_with_plain_string_literals(tmp_path: Path) -> None:
    claim = iris.claim_graph_iri("a1", 1)
    with open_store(tmp_path / "s") as store:
        store.replace_graphs(
            A1, [*article_quads("a1", triples=7, claims=1), (A1, EX.lang, Literal("de"), None)]
        )
        dataset = store.dataset()
        assert len(list(dataset.quads((None, None, None, None)))) == 15
        assert {g.identifier for g in dataset.graphs() if len(g)} >= {A1, claim}
        # "de", not "de"^^xsd:string: rdflib (and pySHACL's sh:in) tell the two apart
        assert (A1, EX.lang, Literal("de")) in dataset.default_graph
        only = store.dataset([claim])
        assert {q[3] for q in only.quads((None, None, None, None))} == {claim}


def test_ensure_reference_writes_only_when_the_content_changes(tmp_path: Path) -> None:
    ref = [(EX.nato, RDFS.label, Literal("NATO", lang="de")), (EX.nato, EX.part, BNode("b1"))]
    with open_store(tmp_path / "s") as store:
        assert ensure_reference(store, ref) is True
        assert stored_digest(store, iris.REFERENCE_GRAPH) == graph_digest(ref)
        relabelled = [ref[0], (EX.nato, EX.part, BNode("other"))]
        assert ensure_reference(store, relabelled) is False
        assert store.count(iris.REFERENCE_GRAPH) == 2
        assert ensure_reference(store, [*ref, (EX.ukraine, RDFS.label, Literal("Ukraine"))]) is True
        assert store.count(iris.REFERENCE_GRAPH) == 3
        hashes = [q for q in store.quads() if q[1] == SHA256]
        assert len(hashes) == 1  # the old hash was replaced with the graph


def test_ensure_reference_rewrites_a_dropped_graph(tmp_path: Path) -> None:
    ref = [(EX.nato, RDFS.label, Literal("NATO"))]
    with open_store(tmp_path / "s") as store:
        ensure_reference(store, ref)
        store.oxigraph.remove_graph(ox.NamedNode(str(iris.REFERENCE_GRAPH)))  # hash stays
        assert ensure_reference(store, ref) is True
        assert store.count(iris.REFERENCE_GRAPH) == 1


def test_closed_store_raises_store_error(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s")
    store.close()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.count()


def _nquads(quads: list[Quad]) -> bytes:
    return ox.serialize([to_ox_quad(*q) for q in quads], format=ox.RdfFormat.N_QUADS) or b""


def test_replace_articles_bulk_loads_new_ones_and_replaces_known_ones(tmp_path: Path) -> None:
    a2 = iris.article_graph_iri("a2")
    with open_store(tmp_path / "s") as store:
        store.replace_graphs(a2, article_quads("a2", triples=9, claims=2))
        written = store.replace_articles(
            [
                (A1, _nquads(article_quads("a1", triples=12, claims=2))),
                (a2, _nquads(article_quads("a2", triples=5, claims=1, version=1))),
                (A1, _nquads(article_quads("a1", triples=7, claims=1, version=1))),  # wins
            ]
        )
        assert written == 3
        claims = [iris.claim_graph_iri(a, 1) for a in ("a1", "a2")]
        assert set(store.graphs()) == {A1, a2, *claims}
        assert all(graph_is_complete(store, g) for g in store.graphs())
        assert store.count(A1) == 7
        assert store.count(a2) == 5
        assert store.count() == 7 * 2 + 5 * 2


def test_replace_articles_refuses_malformed_data(tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as store, pytest.raises(GraphError, match="N-Quads"):
        store.replace_articles([(A1, b"<http://example.org/s> <broken .\n")])
    with open_store(tmp_path / "s") as store:
        assert store.count() == 0


def test_optimize_keeps_every_quad_and_needs_a_writable_store(tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as store:
        for n in range(5):  # one bulk load each: several file sets to merge
            name = f"a{n}"
            store.replace_articles(
                [(iris.article_graph_iri(name), _nquads(article_quads(name, triples=20)))]
            )
        before = sorted(map(str, store.quads()))
        store.optimize()
        assert sorted(map(str, store.quads())) == before
        assert store.count() == 5 * 20
    with open_store(tmp_path / "s", read_only=True) as store:
        with pytest.raises(StoreError, match="read-only"):
            store.optimize()
        assert store.count() == 5 * 20
