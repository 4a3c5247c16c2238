"""The two builder back ends (rdflib, pyoxigraph) write the same RDF, term for term."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdf_fixture import make_t1, make_t2
from rdflib import Graph, Literal, URIRef

from kg.errors import GraphError
from kg.model import Analysis
from kg.rdf import iris
from kg.rdf._ox import OxEmitter, ox_term
from kg.rdf._sink import RdflibEmitter, TermNamespace
from kg.rdf.build import build_article_oxquads, build_article_quads, serialize_nquads
from kg.rdf.vocab import GK
from kg.store._terms import to_ox_quad

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"
SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_37f2beed3ee40e28.txt"


def _odd_values() -> Analysis:
    """t1 with literal values at the edges: escapes, control characters, odd confidences."""
    analysis = make_t1()
    article = dataclasses.replace(
        analysis.article,
        headline='Zitat: "Nein"\\ja\r\n\t\x00\x7f – 🇺🇦',
        published=date(994, 1, 2),
        published_at=datetime(2024, 12, 3, 19, 30, 1, 250, tzinfo=timezone(timedelta(hours=-3))),
        comments=tuple(
            dataclasses.replace(c, created=datetime(2024, 1, 1, 0, 0), upvotes=-1, rank="")
            for c in analysis.article.comments
        ),
    )
    confidences = (0.0, 1e-7, 0.0005, 0.0015, 1 / 3, 0.999999, 1.0)
    mentions = tuple(
        dataclasses.replace(m, confidence=confidences[i % len(confidences)])
        for i, m in enumerate(analysis.mentions)
    )
    events = tuple(
        dataclasses.replace(e, when=when, quantity=0)
        for e, when in zip(
            analysis.events, ("0994-05", "2024-01-01T10:00", "2024-02-30/2024-03"), strict=False
        )
    )
    stances = tuple(
        dataclasses.replace(s, valid_at="2024-12-03T10:00:00Z") for s in analysis.stances
    )
    return dataclasses.replace(
        analysis,
        article=article,
        mentions=mentions,
        events=events,
        stances=stances,
        extracted_at=datetime(2024, 12, 4, 10, 0, 0, 999999),
    )


FIXTURES: dict[str, Callable[[], Analysis]] = {
    "t1": make_t1,
    "t2": make_t2,
    "odd-values": _odd_values,
}


def _assert_same(analysis: Analysis) -> None:
    direct = build_article_oxquads(analysis)
    converted = [to_ox_quad(*quad) for quad in build_article_quads(analysis)]
    assert direct == converted
    assert serialize_nquads(direct) == serialize_nquads(converted)


@pytest.mark.parametrize("make", FIXTURES.values(), ids=FIXTURES.keys())
def test_oxigraph_quads_are_the_rdflib_quads_converted(make: Callable[[], Analysis]) -> None:
    _assert_same(make())


def _articles() -> list[Path]:
    paths = sorted(EXAMPLES.glob("*"))
    return [*paths, SEED] if SEED.is_file() else paths


@pytest.mark.parametrize("path", _articles(), ids=lambda path: path.name)
def test_both_back_ends_agree_on_analysed_articles(path: Path, resources) -> None:  # type: ignore[no-untyped-def]
    from kg.ingest import read_articles
    from kg.nlp.pipeline import analyze

    for article in read_articles([str(path)]):
        analysis = analyze(article, resources)
        assert len(analysis.mentions) > 0, "an article without mentions tests little"
        _assert_same(analysis)


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=-2.0, max_value=2.0, allow_nan=False))
def test_decimal_literals_agree(value: float) -> None:
    ox_emitter = OxEmitter([], ox.NamedNode("https://example.org/g"))
    assert ox_emitter.decimal(value) == ox_term(RdflibEmitter(Graph()).decimal(value))


@settings(max_examples=200, deadline=None)
@given(st.text(), st.sampled_from(["de", "en", "en-GB", ""]))
def test_string_and_language_literals_agree(value: str, lang: str) -> None:
    ox_emitter, rdf_emitter = (
        OxEmitter([], ox.NamedNode("https://example.org/g")),
        RdflibEmitter(Graph()),
    )
    assert ox_emitter.string(value) == ox_term(rdf_emitter.string(value))
    assert ox_emitter.text(value, lang) == ox_term(rdf_emitter.text(value, lang))


@settings(max_examples=200, deadline=None)
@given(
    st.datetimes(
        min_value=datetime(1, 1, 1),
        timezones=st.sampled_from([None, UTC, timezone(timedelta(hours=5, minutes=30))]),
    ),
    st.integers(),
)
def test_date_time_and_integer_literals_agree(value: datetime, number: int) -> None:
    ox_emitter, rdf_emitter = (
        OxEmitter([], ox.NamedNode("https://example.org/g")),
        RdflibEmitter(Graph()),
    )
    assert ox_emitter.datetime(value) == ox_term(rdf_emitter.datetime(value))
    assert ox_emitter.date(value.date()) == ox_term(rdf_emitter.date(value.date()))
    assert ox_emitter.integer(number) == ox_term(rdf_emitter.integer(number))


@pytest.mark.parametrize(
    "value",
    [
        "1994",
        "0994",
        "-0044",
        "2022-09",
        "2024-12-03",
        "2024-02-30",
        "2024-01-01T10:00",
        "2024-01-01T10:00:00Z",
    ],
)
def test_time_literals_agree(value: str) -> None:
    ox_emitter = OxEmitter([], ox.NamedNode("https://example.org/g"))
    assert ox_emitter.time(value) == ox_term(RdflibEmitter(Graph()).time(value))


def test_time_literal_that_is_not_iso_raises_on_both_back_ends() -> None:
    ox_emitter = OxEmitter([], ox.NamedNode("https://example.org/g"))
    for emitter in (ox_emitter, RdflibEmitter(Graph())):
        with pytest.raises(GraphError, match="'next week' is not ISO 8601"):
            emitter.time("next week")


def test_namespace_refuses_a_term_the_vocabulary_lacks() -> None:
    namespace = TermNamespace(GK, ox.NamedNode)
    assert namespace.Stance == ox.NamedNode(str(GK.Stance))
    assert "Stance" in vars(namespace)  # converted once, then a plain attribute
    with pytest.raises(AttributeError):
        _ = namespace.Stanse


def test_article_url_that_is_no_iri_raises_graph_error() -> None:
    analysis = make_t1()
    article = dataclasses.replace(analysis.article, url="https://example.org/a b")
    with pytest.raises(GraphError, match=re.escape("invalid IRI 'https://example.org/a b'")):
        build_article_oxquads(dataclasses.replace(analysis, article=article))


def test_claim_graph_needs_a_quad_sink() -> None:
    with pytest.raises(GraphError, match="Graph holds one graph"):
        RdflibEmitter(Graph()).graph(URIRef(iris.claim_graph_iri_str("a1", 1)))


def test_rdflib_back_end_makes_the_literals_rdflib_would() -> None:
    emitter = RdflibEmitter(Graph())
    assert emitter.integer(3) == Literal(
        3, datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer")
    )
    assert emitter.datetime(datetime(2024, 1, 2, tzinfo=UTC)) == Literal(
        datetime(2024, 1, 2, tzinfo=UTC)
    )
