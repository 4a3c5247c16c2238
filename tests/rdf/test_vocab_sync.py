"""``kg.rdf.vocab.GK`` and ``ontology/kg.ttl`` define exactly the same gk: terms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from kg.rdf import vocab
from kg.rdf.iris import ONTOLOGY_NS
from kg.rdf.vocab import GK, SDO
from kg.resources import ontology_dir

TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


def _ontology_terms() -> set[str]:
    graph = Graph().parse(ontology_dir() / "kg.ttl")
    return {
        str(subject)[len(ONTOLOGY_NS) :]
        for kind in TERM_TYPES
        for subject in graph.subjects(RDF.type, kind)
        if isinstance(subject, URIRef) and str(subject).startswith(ONTOLOGY_NS)
    }


def _vocab_terms() -> set[str]:
    return {name for name in vars(GK).get("__annotations__", {}) if not name.startswith("_")}


def test_vocab_and_ontology_define_the_same_terms() -> None:
    in_ttl, in_py = _ontology_terms(), _vocab_terms()
    assert in_ttl - in_py == set(), "terms in kg.ttl missing from vocab.GK"
    assert in_py - in_ttl == set(), "terms in vocab.GK missing from kg.ttl"


def test_every_gk_iri_used_in_the_ontology_is_declared() -> None:
    graph = Graph().parse(ontology_dir() / "kg.ttl")
    used = {
        str(term)[len(ONTOLOGY_NS) :]
        for triple in graph
        for term in triple
        if isinstance(term, URIRef) and str(term).startswith(ONTOLOGY_NS)
    }
    assert used <= _ontology_terms()


@pytest.mark.parametrize(
    "namespace", [vocab.GK, vocab.SDO, vocab.SEM, vocab.NIF, vocab.GAF], ids=lambda ns: ns.__name__
)
def test_unknown_terms_fail_loudly(namespace: type) -> None:
    with pytest.raises(AttributeError):
        namespace.noSuchTerm  # noqa: B018 - the attribute access is the test


def test_schema_org_is_pinned_to_http() -> None:
    assert str(SDO.text) == "http://schema.org/text"
    graph = vocab.bind_namespaces(Graph())
    assert dict(graph.namespaces())["schema"] == URIRef("http://schema.org/")


def _query_files() -> list[Path]:
    from kg.resources import queries_dir

    return sorted(queries_dir().glob("*.rq"))


@pytest.mark.parametrize("path", _query_files(), ids=lambda p: p.stem)
def test_queries_use_only_declared_gk_terms_and_http_schema_org(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    used = set(re.findall(r"\bgk:([A-Za-z][A-Za-z0-9_]*)", text))
    used |= set(re.findall(re.escape(ONTOLOGY_NS) + r"([A-Za-z][A-Za-z0-9_]*)", text))
    assert used - _ontology_terms() == set()
    assert "https://schema.org" not in text
