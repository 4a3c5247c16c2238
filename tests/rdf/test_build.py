"""``kg.rdf.build``: the article graph, its claim graphs and the reference graph."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import pyoxigraph
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdf_fixture import KNOWN_EVENTS, QUOTE, REPORTED, make_gazetteer, make_t1, make_t2
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.errors import GraphError
from kg.model import (
    Actor,
    ActorKind,
    Analysis,
    Article,
    Event,
    EventType,
    Mention,
    TimeExpression,
)
from kg.nlp.pipeline import Resources
from kg.rdf import iris
from kg.rdf.build import (
    build_article_graph,
    build_article_oxquads,
    build_article_quads,
    build_reference_graph,
)
from kg.rdf.vocab import GAF, GK, NIF, ORG, PROV, RDF, RDFS, SDO, SEM, SKOS, TIME, WD, WDT, XSD

T1 = iris.article_iri("t1")
T1_GRAPH = iris.article_graph_iri("t1")
CLAIM_GRAPH = iris.claim_graph_iri("t1", 1)
Q1 = iris.statement_iri("mark-rutte", QUOTE)


def part(local: str) -> URIRef:
    return iris.article_part_iri("t1", local)


@pytest.fixture(scope="module")
def t1() -> Dataset:
    return build_article_graph(make_t1())


@pytest.fixture(scope="module")
def article_graph(t1: Dataset) -> Graph:
    return t1.graph(T1_GRAPH)


def test_dataset_holds_the_article_graph_and_its_claim_graph_only(t1: Dataset) -> None:
    named = {g.identifier for g in t1.graphs() if len(g)}
    assert named == {T1_GRAPH, CLAIM_GRAPH}
    assert len(t1.default_graph) == 0


def test_no_blank_nodes_anywhere(t1: Dataset) -> None:
    blank = [
        quad
        for quad in t1.quads((None, None, None, None))
        if any(isinstance(term, BNode) for term in quad[:3])
    ]
    assert blank == []


def test_same_analysis_gives_the_same_quads() -> None:
    first, second = build_article_graph(make_t1()), build_article_graph(make_t1())
    assert set(first.quads((None, None, None, None))) == set(second.quads((None, None, None, None)))
    assert isomorphic(first.graph(T1_GRAPH), second.graph(T1_GRAPH))


EXPECTED = [
    ("graph-type", T1_GRAPH, RDF.type, GK.ArticleGraph),
    ("graph-derived", T1_GRAPH, PROV.wasDerivedFrom, T1),
    ("article-type", T1, RDF.type, SDO.NewsArticle),
    ("headline", T1, SDO.headline, Literal("Rutte: Bündnis steht zur Ukraine", lang="de")),
    ("date", T1, SDO.datePublished, Literal("2024-12-03", datatype=XSD.date)),
    ("lang", T1, SDO.inLanguage, Literal("de")),
    ("url", T1, SDO.url, URIRef("https://news.example/t1")),
    ("credit", T1, SDO.creditText, Literal("APA/dpa")),
    ("agency", T1, SDO.contributor, iris.source_iri("APA")),
    ("publisher", T1, SDO.publisher, iris.source_iri("news.example")),
    ("text", T1, GK.hasText, part("text")),
    ("mention-begin", part("mention-m2"), NIF.beginIndex, Literal(34, datatype=XSD.integer)),
    ("mention-denotes", part("mention-m2"), GAF.denotes, iris.actor_iri("mark-rutte")),
    ("mention-sentence", part("mention-m2"), NIF.sentence, part("sentence-s1")),
    ("holding", part("holding-h1"), GK.post, iris.post_iri("secretary general", "nato")),
    ("holding-member", part("holding-h1"), ORG.member, iris.actor_iri("mark-rutte")),
    ("holding-seen", part("holding-h1"), GK.observedAt, Literal("2024-12-03", datatype=XSD.date)),
    ("post", iris.post_iri("secretary general", "nato"), ORG.postIn, iris.actor_iri("nato")),
    ("quote-type", Q1, RDF.type, GK.DirectQuote),
    ("quote-speaker", Q1, SDO.creator, iris.actor_iri("mark-rutte")),
    ("quote-capacity", Q1, GK.speakerCapacity, part("holding-h1")),
    ("quote-mode", Q1, GK.quoteMode, iris.vocab_iri("quote-mode", "direct")),
    ("quote-descriptor", Q1, GK.speakerDescriptor, Literal("NATO-Generalsekretär", lang="de")),
    ("quote-text", Q1, SDO.text, Literal(QUOTE, lang="de")),
    ("quote-said", Q1, SDO.dateCreated, Literal("2024-12-03", datatype=XSD.date)),
    ("quote-place", Q1, SDO.locationCreated, iris.actor_iri("brussels")),
    ("quote-verb", Q1, GK.reportingVerb, Literal("sagen", lang="de")),
    ("quote-in", Q1, GK.reportedIn, T1),
    ("issue-subject", iris.issue_iri("membership:Q212:Q7184"), GK.propSubject, WD.Q212),
    ("issue-predicate", iris.issue_iri("membership:Q212:Q7184"), GK.propPredicate, WDT.P463),
    ("issue-object", iris.issue_iri("membership:Q212:Q7184"), GK.propObject, WD.Q7184),
    (
        "issue-local",
        iris.issue_iri("membership:Q212:Q7184"),
        GK.issueSubject,
        iris.actor_iri("ukraine"),
    ),
    ("stance-holder", part("stance-st1"), GK.holder, iris.actor_iri("nato")),
    ("stance-position", part("stance-st1"), GK.position, iris.vocab_iri("stance", "supports")),
    ("stance-evidence", part("stance-st1"), GK.evidence, Q1),
    ("stance-confidence", part("stance-st1"), GK.confidence, Literal("0.85", datatype=XSD.decimal)),
    ("stance-behalf", part("stance-st2"), GK.onBehalfOf, iris.actor_iri("russia")),
    ("event-year", part("event-e2"), SEM.hasTimeStamp, Literal("1994", datatype=XSD.gYear)),
    ("event-known", part("event-e2"), SDO.sameAs, iris.event_iri("budapest-memorandum")),
    (
        "event-role",
        part("event-e2"),
        SEM.hasActor,
        iris.participation_iri(part("event-e2"), "agent", "ukraine"),
    ),
    (
        "role-value",
        iris.participation_iri(part("event-e2"), "agent", "ukraine"),
        RDF.value,
        iris.actor_iri("ukraine"),
    ),
    ("event-place", part("event-e3"), SEM.hasPlace, iris.actor_iri("brussels")),
    ("claim-content", part("claim-1"), GK.content, CLAIM_GRAPH),
    ("claim-author", part("claim-1"), SDO.author, iris.actor_iri("ministry-of-defence-of-russia")),
    (
        "claim-status",
        part("claim-1"),
        GK.epistemicStatus,
        iris.vocab_iri("epistemic-status", "claimed-unverified"),
    ),
    ("narrator-claim", part("claim-2"), SDO.author, T1),
    ("claim-graph", CLAIM_GRAPH, RDF.type, GK.ClaimGraph),
    ("comment", T1, SDO.comment, part("comment-1")),
    ("reply", part("comment-1"), SDO.parentItem, part("comment-0")),
    ("top-level", part("comment-0"), SDO.parentItem, T1),
    ("comment-author", part("comment-1"), SDO.author, iris.user_iri("news.example", "kaffeesatz")),
    ("comment-mentions", part("comment-1"), SDO.mentions, iris.actor_iri("nato")),
    ("comment-position", part("comment-1"), SDO.position, Literal(2, datatype=XSD.integer)),
    (
        "pseudonym",
        iris.user_iri("news.example", "Nordlicht_42"),
        SDO.alternateName,
        Literal("Nordlicht_42"),
    ),
    (
        "rank",
        iris.user_iri("news.example", "Nordlicht_42"),
        GK.userRank,
        Literal("Top-Kommentator"),
    ),
    ("actor-type", iris.actor_iri("russia"), RDF.type, GK.State),
    ("actor-qid", iris.actor_iri("russia"), SDO.sameAs, WD.Q159),
    ("actor-label", iris.actor_iri("russia"), RDFS.label, Literal("Russland", lang="de")),
    (
        "body-state",
        iris.actor_iri("presidential-administration-of-russia"),
        GK.partOfState,
        iris.actor_iri("russia"),
    ),
    (
        "discovered-alias",
        iris.actor_iri("ministry-of-defence-of-russia"),
        SKOS.altLabel,
        Literal("Verteidigungsministerium"),
    ),
]


@pytest.mark.parametrize(("s", "p", "o"), [e[1:] for e in EXPECTED], ids=[e[0] for e in EXPECTED])
def test_article_graph_contains(article_graph: Graph, s: URIRef, p: URIRef, o: object) -> None:
    assert (s, p, o) in article_graph


@pytest.mark.parametrize(
    ("s", "p"),
    [
        (iris.statement_iri(None, "Bündnis steht zur Ukraine"), SDO.creator),  # no licensed speaker
        (iris.actor_iri("dmitry-peskov"), SDO.sameAs),  # no QID, no sameAs
        (iris.statement_iri("dmitry-peskov", make_t1().statements[1].text), SDO.dateCreated),
        (T1_GRAPH, RDF.value),
    ],
    ids=["speakerless-statement", "actor-without-qid", "undated-statement", "sanity"],
)
def test_article_graph_lacks(article_graph: Graph, s: URIRef, p: URIRef) -> None:
    assert list(article_graph.objects(s, p)) == []


def test_contested_event_lives_only_in_its_claim_graph(t1: Dataset, article_graph: Graph) -> None:
    event = part("event-e1")
    claim_graph = t1.graph(CLAIM_GRAPH)
    assert (event, RDF.type, GK.Event) in claim_graph
    assert (event, GK.quantity, Literal(2, datatype=XSD.integer)) in claim_graph
    assert list(article_graph.predicate_objects(event)) == []
    assert (None, GAF.denotes, event) not in article_graph


def test_undated_statement_is_bounded_by_the_publication_date(article_graph: Graph) -> None:
    statement = iris.statement_iri("dmitry-peskov", make_t1().statements[1].text)
    assert article_graph.value(statement, SEM.hasLatestBeginTimeStamp) == Literal(
        "2024-12-03", datatype=XSD.date
    )


def test_text_is_stored_with_its_hash(article_graph: Graph) -> None:
    text = make_t1().article.text
    assert article_graph.value(part("text"), NIF.isString) == Literal(text)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert article_graph.value(part("text"), GK.sha256) == Literal(digest)


def test_same_quote_in_two_articles_is_one_statement_with_two_reports() -> None:
    union = Graph()
    for analysis in (make_t1(), make_t2()):
        for graph in build_article_graph(analysis).graphs():
            union += graph
    reports = set(union.objects(Q1, GK.reportedIn))
    assert reports == {T1, iris.article_iri("t2")}
    assert len(set(union.objects(Q1, GAF.denotedBy))) == 2


def _ox(term: object) -> pyoxigraph.NamedNode | pyoxigraph.Literal:
    if isinstance(term, Literal):
        if term.language:
            return pyoxigraph.Literal(str(term), language=term.language)
        datatype = pyoxigraph.NamedNode(str(term.datatype or XSD.string))
        return pyoxigraph.Literal(str(term), datatype=datatype)
    return pyoxigraph.NamedNode(str(term))


def to_oxigraph(dataset: Dataset) -> pyoxigraph.Store:
    """Copy a dataset into an in-memory Oxigraph store (rdflib 7.6 serialisers warn)."""
    store = pyoxigraph.Store()
    store.extend(
        pyoxigraph.Quad(_ox(s), _ox(p), _ox(o), pyoxigraph.NamedNode(str(g)))
        for s, p, o, g in dataset.quads((None, None, None, None))
        if g is not None
    )
    return store


def _emoji_analysis() -> Analysis:
    text = "🤔 Über Kyjiw sagte Selenskyj: 🇺🇦 bleibt."
    start = text.index("Selenskyj")
    actor = Actor(key="volodymyr-zelensky", name="Selenskyj", kind=ActorKind.PERSON)
    mention = Mention(id="m1", start=start, end=start + 9, surface="Selenskyj", actor=actor.key)
    return Analysis(
        article=Article(id="emoji", text=text, lang="de", source="x"),
        actors=(actor,),
        mentions=(mention,),
    )


def test_offsets_are_code_points_that_sparql_substr_agrees_with() -> None:
    dataset = build_article_graph(_emoji_analysis())
    store = to_oxigraph(dataset)
    rows = list(
        store.query(
            """PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        SELECT ?anchor (SUBSTR(?text, ?b + 1, ?e - ?b) AS ?cut) WHERE { GRAPH ?g {
          ?m nif:anchorOf ?anchor ; nif:beginIndex ?b ; nif:endIndex ?e ; nif:referenceContext ?c .
          ?c nif:isString ?text } }"""
        )
    )
    assert [(row["anchor"].value, row["cut"].value) for row in rows] == [("Selenskyj", "Selenskyj")]
    begin = next(dataset.graph(iris.article_graph_iri("emoji")).objects(None, NIF.beginIndex))
    assert begin.datatype == XSD.integer


@pytest.mark.parametrize(
    "change",
    [
        {"start": 40, "end": 60},
        {"start": 5, "end": 3},
        {"start": -1, "end": 3},
    ],
    ids=["past-the-end", "reversed", "negative"],
)
def test_offsets_outside_the_text_raise(change: dict[str, int]) -> None:
    analysis = _emoji_analysis()
    mention = dataclasses.replace(analysis.mentions[0], **change)
    with pytest.raises(GraphError, match="outside the text"):
        build_article_graph(dataclasses.replace(analysis, mentions=(mention,)))


def test_stance_citing_an_unknown_statement_raises() -> None:
    analysis = make_t1()
    stance = dataclasses.replace(analysis.stances[0], evidence=("nope",))
    with pytest.raises(GraphError, match="unknown statement 'nope'"):
        build_article_graph(dataclasses.replace(analysis, stances=(stance,)))


@pytest.mark.parametrize(
    ("timex", "when", "expected"),
    [
        (
            TimeExpression(
                id="t",
                start=0,
                end=4,
                surface="seit 2014",
                value=None,
                begin="2014",
                is_interval=True,
            ),
            None,
            {SEM.hasBeginTimeStamp: Literal("2014", datatype=XSD.gYear)},
        ),
        (
            None,
            "2022-02-24/2022-09",
            {
                SEM.hasBeginTimeStamp: Literal("2022-02-24", datatype=XSD.date),
                SEM.hasEndTimeStamp: Literal("2022-09", datatype=XSD.gYearMonth),
            },
        ),
        (None, "2022-09", {SEM.hasTimeStamp: Literal("2022-09", datatype=XSD.gYearMonth)}),
    ],
    ids=["open-interval-timex", "iso-interval", "month"],
)
def test_event_time_keeps_its_precision(
    timex: TimeExpression | None, when: str | None, expected: dict[URIRef, Literal]
) -> None:
    event = Event(
        id="e",
        type=EventType.ATTACK,
        start=0,
        end=4,
        trigger="seit",
        when=when,
        time=timex.id if timex else None,
    )
    analysis = Analysis(
        article=Article(id="a", text="seit 2014 kämpft", lang="de", source="x"),
        events=(event,),
        timexes=(timex,) if timex else (),
    )
    graph = build_article_graph(analysis).graph(iris.article_graph_iri("a"))
    node = iris.article_event_iri("a", "e")
    stamps = {
        p: o
        for p, o in graph.predicate_objects(node)
        if p in (SEM.hasTimeStamp, SEM.hasBeginTimeStamp, SEM.hasEndTimeStamp)
    }
    assert stamps == expected


# -- reference graph ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reference() -> Graph:
    return build_reference_graph(make_gazetteer(), KNOWN_EVENTS)


RUTTE_SG = iris.holding_iri("mark-rutte", "secretary general", "nato", "2024-10-01")
REFERENCE_EXPECTED = [
    ("graph", iris.REFERENCE_GRAPH, RDF.type, GK.ReferenceGraph),
    ("label-de", iris.actor_iri("russia"), RDFS.label, Literal("Russland", lang="de")),
    ("label-en", iris.actor_iri("russia"), RDFS.label, Literal("Russia", lang="en")),
    ("alias", iris.actor_iri("nato"), SKOS.altLabel, Literal("Nordatlantikpakt", lang="de")),
    ("qid", iris.actor_iri("mark-rutte"), SDO.sameAs, WD.Q57792),
    ("org-type", iris.actor_iri("nato"), RDF.type, GK.InternationalOrganization),
    ("sem-actor", iris.actor_iri("nato"), RDF.type, SEM.Actor),
    ("place", iris.actor_iri("brussels"), RDF.type, SEM.Place),
    (
        "metonym",
        iris.actor_iri("kremlin"),
        GK.metonymFor,
        iris.actor_iri("presidential-administration-of-russia"),
    ),
    ("nationality", iris.actor_iri("dmitry-peskov"), SDO.nationality, iris.actor_iri("russia")),
    ("post", iris.post_iri("secretary general", "nato"), RDF.type, ORG.Post),
    (
        "post-label",
        iris.post_iri("secretary general", "nato"),
        RDFS.label,
        Literal("secretary general of NATO", lang="en"),
    ),
    ("holding", RUTTE_SG, RDF.type, GK.PostHolding),
    ("holding-post", RUTTE_SG, GK.post, iris.post_iri("secretary general", "nato")),
    ("holding-interval", RUTTE_SG, ORG.memberDuring, iris.interval_iri(RUTTE_SG)),
    (
        "interval-begin",
        iris.instant_iri(RUTTE_SG, "begin"),
        TIME.inXSDDate,
        Literal("2024-10-01", datatype=XSD.date),
    ),
    (
        "event",
        iris.event_iri("budapest-memorandum"),
        SEM.eventType,
        iris.vocab_iri("event-type", "agreement"),
    ),
    (
        "event-date",
        iris.event_iri("budapest-memorandum"),
        SEM.hasTimeStamp,
        Literal("1994-12-05", datatype=XSD.date),
    ),
    (
        "event-role",
        iris.participation_iri(iris.event_iri("budapest-memorandum"), "guarantor", "russia"),
        RDF.value,
        iris.actor_iri("russia"),
    ),
    (
        "event-alias",
        iris.event_iri("budapest-memorandum"),
        SKOS.altLabel,
        Literal("Budapest Memorandum on Security Assurances", lang="en"),
    ),
    (
        "event-begin",
        iris.event_iri("war-in-donbas"),
        SEM.hasBeginTimeStamp,
        Literal("2014-04", datatype=XSD.gYearMonth),
    ),
    (
        "event-end",
        iris.event_iri("war-in-donbas"),
        SEM.hasEndTimeStamp,
        Literal("2022-02", datatype=XSD.gYearMonth),
    ),
]


@pytest.mark.parametrize(
    ("s", "p", "o"), [e[1:] for e in REFERENCE_EXPECTED], ids=[e[0] for e in REFERENCE_EXPECTED]
)
def test_reference_graph_contains(reference: Graph, s: URIRef, p: URIRef, o: object) -> None:
    assert (s, p, o) in reference


def test_reference_graph_is_named_and_has_no_blank_nodes(reference: Graph) -> None:
    assert reference.identifier == iris.REFERENCE_GRAPH
    assert not any(isinstance(term, BNode) for triple in reference for term in triple)


def test_open_ended_holding_has_no_end(reference: Graph) -> None:
    assert reference.value(iris.interval_iri(RUTTE_SG), TIME.hasEnd) is None
    peskov = iris.holding_iri(
        "dmitry-peskov", "spokesperson", "presidential-administration-of-russia"
    )
    assert reference.value(peskov, ORG.memberDuring) is None


def test_two_terms_in_the_same_post_are_two_holdings() -> None:
    from datetime import date

    from kg.nlp.gazetteer import Entry, Gazetteer, PostSpec

    terms = (
        PostSpec(role="chancellor", of="austria", start=date(2021, 10, 11), end=date(2021, 12, 6)),
        PostSpec(role="chancellor", of="austria", start=date(2024, 1, 5), end=date(2025, 3, 3)),
    )
    person = Entry(
        key="a-person",
        kind=ActorKind.PERSON,
        qid=None,
        labels={"de": "A. Person"},
        aliases={},
        demonyms={},
        metonyms={},
        posts=terms,
    )
    graph = build_reference_graph(Gazetteer([person]))
    holdings = set(graph.subjects(RDF.type, GK.PostHolding))
    assert holdings == {
        iris.holding_iri("a-person", "chancellor", "austria", "2021-10-11"),
        iris.holding_iri("a-person", "chancellor", "austria", "2024-01-05"),
    }


@settings(max_examples=40, deadline=None)
@given(data=st.data(), text=st.text(min_size=1, max_size=60))
def test_any_span_of_any_text_is_anchored_by_code_points(data: st.DataObject, text: str) -> None:
    start = data.draw(st.integers(min_value=0, max_value=len(text)), label="start")
    end = data.draw(st.integers(min_value=start, max_value=len(text)), label="end")
    actor = Actor(key="x", name="X", kind=ActorKind.STATE)
    mention = Mention(id="m", start=start, end=end, surface=text[start:end], actor="x")
    analysis = Analysis(
        article=Article(id="h", text=text, lang="en", source="h"),
        actors=(actor,),
        mentions=(mention,),
    )
    graph = build_article_graph(analysis).graph(iris.article_graph_iri("h"))
    node = iris.mention_iri("h", "m")
    assert graph.value(node, NIF.anchorOf) == Literal(text[start:end])
    assert graph.value(node, NIF.beginIndex) == Literal(start, datatype=XSD.integer)
    assert graph.value(node, NIF.endIndex) == Literal(end, datatype=XSD.integer)


def test_reply_to_an_unknown_comment_hangs_on_the_article(caplog: pytest.LogCaptureFixture) -> None:
    from kg.model import Comment

    article = Article(
        id="c",
        text="Text.",
        lang="de",
        source="x",
        comments=(Comment(index=0, author="a", text="Hallo", parent=7),),
    )
    graph = build_article_graph(Analysis(article=article)).graph(iris.article_graph_iri("c"))
    comment = iris.comment_iri("c", 0)
    assert graph.value(comment, SDO.parentItem) == iris.article_iri("c")
    assert "unknown comment 7" in caplog.text


def test_store_keeps_every_quad_exactly(tmp_path: Path) -> None:
    """No literal is normalised on the way into Oxigraph (offsets are plain xsd:integer)."""
    from kg.store import open_store

    dataset = build_article_graph(make_t1())
    built = {(s, p, o, str(g)) for s, p, o, g in dataset.quads((None, None, None, None))}
    with open_store(tmp_path / "kg") as store:
        store.replace_graphs(T1_GRAPH, dataset)
        stored = {(s, p, o, str(g)) for s, p, o, g in store.quads() if g is not None}
    assert stored == built


def test_event_taken_from_a_statement_is_the_speakers_claim() -> None:
    analysis = make_t1()
    event = dataclasses.replace(analysis.events[2], claim=None, statement="q2")
    dataset = build_article_graph(dataclasses.replace(analysis, events=(event,)))
    claim = part("claim-1")
    graph = dataset.graph(T1_GRAPH)
    assert graph.value(claim, SDO.author) == iris.actor_iri("dmitry-peskov")
    assert graph.value(claim, GK.epistemicStatus) == iris.vocab_iri(
        "epistemic-status", "attributed"
    )
    assert (part("event-e3"), RDF.type, GK.Event) in dataset.graph(CLAIM_GRAPH)
    assert (part("event-e3"), RDF.type, GK.Event) not in graph


# --- gk:mentionsActor: the shortcut derived from the mentions ---------------------------------

#: The links as the NIF mentions define them (the queries' definitions before the shortcut):
#: an article's body mentions, and a statement's mentions inside one of its spans.
DERIVED_LINKS = """
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX nif:  <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX gaf:  <http://groundedannotationframework.org/gaf#>
PREFIX gk:   <https://w3id.org/newskg/ont#>
SELECT DISTINCT ?s ?actor WHERE {
  GRAPH ?g {
    ?m gaf:denotes ?actor ; gk:mentionForm ?form ; nif:referenceContext ?text .
    {
      ?g prov:wasDerivedFrom ?s . ?s gk:hasText ?text .
    } UNION {
      ?s gk:quoteMode ?mode ; gaf:denotedBy ?span .
      ?span nif:referenceContext ?text ; nif:beginIndex ?b ; nif:endIndex ?e .
      ?m nif:beginIndex ?mb ; nif:endIndex ?me .
      FILTER(?mb >= ?b && ?me <= ?e)
    }
  }
}
"""

#: Subjects other than mention spans that denote an actor the article links (there are none:
#: statement and trigger spans denote statements and events).
OTHER_DENOTERS = """
PREFIX gaf: <http://groundedannotationframework.org/gaf#>
PREFIX gk:  <https://w3id.org/newskg/ont#>
SELECT ?s WHERE {
  GRAPH ?g { ?article gk:mentionsActor ?actor . ?s gaf:denotes ?actor }
  FILTER NOT EXISTS { GRAPH ?g { ?s gk:mentionForm ?form } }
}
"""


def _t1_with_more_mentions() -> Analysis:
    """t1 plus mentions inside the quotes, across a quote's end and in a comment only."""
    analysis = make_t1()
    text = analysis.article.text

    def mention(
        key: str, needle: str, actor: str, after: str, comment: int | None = None
    ) -> Mention:
        start = text.index(needle, text.index(after)) if comment is None else 0
        return Mention(
            id=key, start=start, end=start + len(needle), surface=needle, actor=actor,
            comment=comment,
        )  # fmt: skip

    extra = (
        mention("x1", "Ukraine", "ukraine", after=QUOTE),
        mention("x2", "Ukraine", "ukraine", after=REPORTED),
        mention("x3", "Moskau", "russia", after=REPORTED),
        mention(
            "x4", "inakzeptabel. Nach", "presidential-administration-of-russia", after=REPORTED
        ),
        mention("x5", "Nato", "european-union", after="", comment=1),
    )
    return dataclasses.replace(analysis, mentions=analysis.mentions + extra)


def test_mention_links_name_each_body_actor_once_and_each_statement_its_inner_actors() -> None:
    quads = build_article_quads(_t1_with_more_mentions())
    links = [(s, o, g) for s, p, o, g in quads if p == GK.mentionsActor]
    assert len(links) == len(set(links)), "one triple per distinct (subject, actor)"
    assert {g for _, _, g in links} == {T1_GRAPH}
    by_subject: dict[str, set[str]] = {}
    for s, o, _ in links:
        by_subject.setdefault(str(s), set()).add(str(o).removeprefix(iris.BASE + "id/"))
    assert by_subject == {
        str(T1): {
            "mark-rutte", "brussels", "dmitry-peskov", "ministry-of-defence-of-russia", "ukraine",
            "nato", "russia", "presidential-administration-of-russia",
        },  # not european-union: mentioned in a comment only
        str(Q1): {"ukraine"},
        # not the presidential administration: its mention crosses the end of the words
        str(iris.statement_iri("dmitry-peskov", REPORTED)): {"nato", "ukraine", "russia"},
    }  # fmt: skip


def test_two_records_of_one_statement_pool_their_spans() -> None:
    analysis = _t1_with_more_mentions()
    again = dataclasses.replace(analysis.statements[1], id="q2b")  # same speaker and words
    text = analysis.article.text
    start = text.index("zwei Dörfer")
    inner = Mention(id="x6", start=start, end=start + 4, surface="zwei", actor="russian-army")
    moved = dataclasses.replace(again, start=start, end=start + len("zwei Dörfer"))
    analysis = dataclasses.replace(
        analysis, statements=(*analysis.statements, moved), mentions=(*analysis.mentions, inner)
    )
    peskov = iris.statement_iri("dmitry-peskov", REPORTED)
    links = [
        str(o)
        for s, p, o, _ in build_article_quads(analysis)
        if p == GK.mentionsActor and s == peskov
    ]
    keys = ("nato", "ukraine", "russia", "russian-army")
    assert sorted(links) == sorted(str(iris.actor_iri(key)) for key in keys)


def _select(store: pyoxigraph.Store, query: str) -> pyoxigraph.QuerySolutions:
    solutions = store.query(query)
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    return solutions


EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples" / "articles").glob("*"))
SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_37f2beed3ee40e28.txt"
SOURCES: dict[str, Analysis | Path] = {
    "t1-more-mentions": _t1_with_more_mentions(),
    "t2": make_t2(),
    **{path.name: path for path in (*EXAMPLES, SEED) if path.is_file()},
}


@pytest.mark.parametrize("name", SOURCES)
def test_mention_links_are_what_the_mentions_imply(name: str, resources: Resources) -> None:
    """On hand-made and analysed articles, the links equal the mention-span definitions."""
    source = SOURCES[name]
    if isinstance(source, Path):
        from kg.ingest import read_articles
        from kg.nlp.pipeline import analyze

        analyses = [analyze(article, resources) for article in read_articles([str(source)])]
    else:
        analyses = [source]
    mentions_actor = pyoxigraph.NamedNode(str(GK.mentionsActor))
    for analysis in analyses:
        store = pyoxigraph.Store()
        store.extend(build_article_oxquads(analysis))
        derived = {(row["s"], row["actor"]) for row in _select(store, DERIVED_LINKS)}
        linked = {
            (quad.subject, quad.object)
            for quad in store.quads_for_pattern(None, mentions_actor, None)
        }
        assert len(derived) > 1, f"{name}: too few mentions to test"
        assert linked == derived
        # articles_about_actor counts the subjects that denote a linked actor as its mentions
        assert list(_select(store, OTHER_DENOTERS)) == []
