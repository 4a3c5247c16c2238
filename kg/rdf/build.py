"""Turn one article's ``Analysis`` into RDF named graphs (pure: no I/O, deterministic IRIs).

``build_article_graph`` returns an rdflib ``Dataset`` holding exactly the graphs that belong to
the article: the article graph ``iris.article_graph_iri(id)`` and, for every contested event,
a claim graph ``iris.claim_graph_iri(id, n)``. Its default graph is empty. A store replaces an
article atomically by dropping the article graph and every graph its ``gk:Claim`` nodes point to
(``gk:content``), then inserting every graph of the returned dataset (``dataset.graphs()``
minus the default graph). The article graph describes itself (``gk:ArticleGraph``,
``prov:wasDerivedFrom``, ``prov:wasGeneratedBy``) and lists its claim graphs
(``gk:ClaimGraph``), so replacing the graph replaces its provenance.

Actors: every actor of the analysis is typed, labelled (article language), given its kind and,
when it has a QID, ``schema:sameAs wd:Q…`` *inside the article graph*, so queries work without
the reference graph; the curated detail (all labels, aliases, posts, intervals) lives in the
reference graph built by ``kg.rdf.reference.build_reference_graph``.

No blank nodes: every node has an IRI from ``kg.rdf.iris``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from collections.abc import Mapping
from urllib.parse import urlsplit

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef

from kg.errors import GraphError
from kg.model import (
    Analysis,
    Article,
    Claim,
    EpistemicStatus,
    Event,
    Issue,
    Mention,
    PostHolding,
    QuoteMode,
    Stance,
    Statement,
)
from kg.rdf import iris
from kg.rdf._comments import add_comments
from kg.rdf._context import ArticleContext, add_phrase, check_offsets
from kg.rdf._events import ASSERTED_STATUSES, add_claim, add_event, add_event_time
from kg.rdf._ox import ox_quads, serialize_nquads
from kg.rdf._sink import Quad, QuadSink, TripleSink
from kg.rdf._terms import (
    actor_triples,
    decimal_literal,
    issue_triples,
    post_triples,
    time_literal,
)
from kg.rdf.reference import build_reference_graph
from kg.rdf.vocab import GAF, GK, NIF, ORG, PROV, RDF, RDFS, SDO, SEM, XSD, bind_namespaces

__all__ = [
    "ASSERTED_STATUSES",
    "build_article_graph",
    "build_article_oxquads",
    "build_article_quads",
    "build_reference_graph",
    "issue_from_key",
    "serialize_nquads",
]

logger = logging.getLogger(__name__)

# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


def build_article_quads(analysis: Analysis) -> list[Quad]:
    """Build the named graphs of one analysed article.

    Args:
        analysis: the records the NLP layer produced for one article.

    Returns:
        The quads of the article graph and its claim graphs (no default-graph quads), ready
        for ``Store.replace_graphs``. ``build_article_graph`` wraps them in a ``Dataset``.

    Raises:
        GraphError: a record has offsets outside the text or refers to a record that does not
            exist (an unknown statement id in a stance's evidence).
    """
    article = analysis.article
    quads: list[Quad] = []
    dataset = QuadSink(quads, iris.article_graph_iri(article.id))
    graph = dataset
    ctx = _make_context(analysis)
    run = _add_provenance(graph, analysis)
    _add_article(graph, ctx, article)
    _add_text(graph, ctx, analysis)
    for actor in analysis.actors:
        actor_triples(graph, actor, lang=article.lang)
    for mention in analysis.mentions:
        if mention.comment is None:
            _add_mention(graph, ctx, mention)
    for holding in analysis.holdings:
        _add_holding(graph, ctx, holding)
    for statement in analysis.statements:
        _add_statement(graph, ctx, statement)
    issues = {issue.key: issue for issue in analysis.issues}
    for stance in analysis.stances:
        issues.setdefault(stance.issue, issue_from_key(stance.issue))
    for issue in issues.values():
        issue_triples(graph, issue, analysis.actors)
    statements_by_id = {s.id: s for s in analysis.statements}
    for stance in analysis.stances:
        _add_stance(graph, ctx, stance, statements_by_id)
    timexes = {timex.id: timex for timex in analysis.timexes}
    claim_number = 0
    for reported in analysis.events:
        event = _attributed(reported, statements_by_id)
        target: TripleSink = graph
        if event.claim is not None:
            claim_number += 1
            target = add_claim(dataset, graph, ctx, event, claim_number, run)
        add_event(target, graph, ctx, event)
        add_event_time(target, iris.article_event_iri(article.id, event.id), event, timexes)
    add_comments(graph, ctx, analysis)
    return quads


def build_article_oxquads(analysis: Analysis) -> list[ox.Quad]:
    """``build_article_quads`` as pyoxigraph quads (the ingest path: ``serialize_nquads``).

    Raises:
        GraphError: see ``build_article_quads``; also a term Oxigraph refuses (an invalid IRI).
    """
    return ox_quads(build_article_quads(analysis))


def build_article_graph(analysis: Analysis) -> Dataset:
    """Build the named graphs of one analysed article as an rdflib ``Dataset``.

    The same content as ``build_article_quads``, for validation, export and inspection.

    Raises:
        GraphError: see ``build_article_quads``.
    """
    dataset = Dataset()
    bind_namespaces(dataset)
    graphs: dict[URIRef, Graph] = {}
    for s, p, o, context in build_article_quads(analysis):
        graph = graphs.get(context)
        if graph is None:
            graph = graphs[context] = dataset.graph(context)
        graph.add((s, p, o))
    return dataset


def _attributed(event: Event, statements: Mapping[str, Statement]) -> Event:
    """Return ``event`` with an ``attributed`` claim when only a statement reports it.

    An event taken from someone's words (``event.statement``) is that speaker's claim, not the
    article's assertion (ontology.md §3.8, pitfall 16): it goes into a claim graph.
    """
    if event.claim is not None or event.statement is None or event.statement not in statements:
        return event
    speaker = statements[event.statement].speaker
    claim = Claim(author=speaker, status=EpistemicStatus.ATTRIBUTED)
    return dataclasses.replace(event, claim=claim)


def issue_from_key(key: str) -> Issue:
    """Return a bare ``Issue`` for a key ``relation:subject:object`` (eval/FORMAT.md).

    >>> issue_from_key("membership:Q212:Q7184").relation
    'membership'
    """
    parts = key.split(":", 2)
    parts += [""] * (3 - len(parts))
    return Issue(key=key, relation=parts[0], subject=parts[1] or None, object=parts[2] or None)


def _make_context(analysis: Analysis) -> ArticleContext:
    article = analysis.article
    sentences = sorted(
        (s.start, s.end, iris.sentence_iri(article.id, s.id))
        for s in analysis.sentences
        if s.comment is None
    )
    published = None
    if article.published is not None:
        published = Literal(article.published.isoformat(), datatype=XSD.date)
    elif article.published_at is not None:
        published = Literal(article.published_at.date().isoformat(), datatype=XSD.date)
    return ArticleContext(
        article_id=article.id,
        article=iris.article_iri(article.id),
        text_node=iris.text_iri(article.id),
        text=article.text,
        lang=article.lang,
        sentence_starts=tuple(start for start, _, _ in sentences),
        sentence_nodes=tuple(sentences),
        statements={s.id: iris.statement_iri(s.speaker, s.text) for s in analysis.statements},
        holdings={h.id: iris.observed_holding_iri(article.id, h.id) for h in analysis.holdings},
        descriptors={h.id: h.descriptor for h in analysis.holdings if h.descriptor},
        published=published,
    )


# --------------------------------------------------------------------------------------------
# Provenance, article, text
# --------------------------------------------------------------------------------------------


def _add_provenance(graph: TripleSink, analysis: Analysis) -> URIRef:
    """Describe the article graph itself and the run that made it; return the run IRI.

    Emits: gk:ArticleGraph, prov:Entity, prov:wasDerivedFrom, prov:wasGeneratedBy,
    prov:Activity, prov:wasAssociatedWith, prov:startedAtTime, prov:SoftwareAgent, rdfs:label.
    """
    article_id = analysis.article.id
    started = analysis.extracted_at.isoformat() if analysis.extracted_at else ""
    run = iris.run_iri(article_id, analysis.extractor, started)
    agent = iris.agent_iri(analysis.extractor)
    node = iris.article_graph_iri(article_id)
    graph.add((node, RDF.type, GK.ArticleGraph))
    graph.add((node, RDF.type, PROV.Entity))
    graph.add((node, PROV.wasDerivedFrom, iris.article_iri(article_id)))
    graph.add((node, PROV.wasGeneratedBy, run))
    graph.add((run, RDF.type, PROV.Activity))
    graph.add((run, PROV.wasAssociatedWith, agent))
    if analysis.extracted_at is not None:
        graph.add((run, PROV.startedAtTime, Literal(analysis.extracted_at)))
    graph.add((agent, RDF.type, PROV.SoftwareAgent))
    graph.add((agent, RDFS.label, Literal(analysis.extractor)))
    return run


def _add_article(graph: TripleSink, ctx: ArticleContext, article: Article) -> None:
    """Describe the article.

    Emits: schema:NewsArticle, prov:Entity, schema:identifier, schema:headline,
    schema:datePublished (xsd:date), gk:publishedAt, schema:inLanguage, schema:url,
    schema:publisher, schema:creditText, schema:contributor, schema:Organization, schema:name.
    """
    node = ctx.article
    graph.add((node, RDF.type, SDO.NewsArticle))
    graph.add((node, RDF.type, PROV.Entity))
    graph.add((node, SDO.identifier, Literal(article.id)))
    graph.add((node, SDO.inLanguage, Literal(article.lang)))
    if article.headline:
        graph.add((node, SDO.headline, Literal(article.headline, lang=article.lang)))
    if ctx.published is not None:
        graph.add((node, SDO.datePublished, ctx.published))
    if article.published_at is not None:
        graph.add((node, GK.publishedAt, Literal(article.published_at)))
    if article.url and urlsplit(article.url).scheme in {"http", "https"}:
        graph.add((node, SDO.url, URIRef(article.url)))
    if article.publisher:
        graph.add((node, SDO.publisher, _source(graph, article.publisher)))
    if article.agencies:
        graph.add((node, SDO.creditText, Literal("/".join(article.agencies))))
        for agency in article.agencies:
            graph.add((node, SDO.contributor, _source(graph, agency)))


def _source(graph: TripleSink, name: str) -> URIRef:
    """Add a publisher or agency and return its IRI. Emits: schema:Organization, schema:name."""
    node = iris.source_iri(name)
    graph.add((node, RDF.type, SDO.Organization))
    graph.add((node, SDO.name, Literal(name)))
    return node


def _add_text(graph: TripleSink, ctx: ArticleContext, analysis: Analysis) -> None:
    """Store the exact text and its sentences.

    Emits: gk:hasText, nif:Context, nif:isString, nif:beginIndex, nif:endIndex, gk:sha256,
    nif:Sentence, nif:referenceContext.
    """
    text = ctx.text
    graph.add((ctx.article, GK.hasText, ctx.text_node))
    graph.add((ctx.text_node, RDF.type, NIF.Context))
    graph.add((ctx.text_node, NIF.isString, Literal(text)))
    graph.add((ctx.text_node, NIF.beginIndex, Literal(0, datatype=XSD.integer)))
    graph.add((ctx.text_node, NIF.endIndex, Literal(len(text), datatype=XSD.integer)))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    graph.add((ctx.text_node, GK.sha256, Literal(digest)))
    for start, end, node in ctx.sentence_nodes:
        check_offsets(text, start, end, what=f"sentence {node}")
        graph.add((node, RDF.type, NIF.Sentence))
        graph.add((node, NIF.referenceContext, ctx.text_node))
        graph.add((node, NIF.beginIndex, Literal(start, datatype=XSD.integer)))
        graph.add((node, NIF.endIndex, Literal(end, datatype=XSD.integer)))


def _add_mention(graph: TripleSink, ctx: ArticleContext, mention: Mention) -> None:
    """Add a mention span that denotes an actor.

    Emits: nif:Phrase (+ span terms), gaf:denotes, gk:mentionForm, gk:confidence,
    gk:extractionMethod.
    """
    check_offsets(ctx.text, mention.start, mention.end, what=f"mention {mention.id!r}")
    node = iris.mention_iri(ctx.article_id, mention.id)
    add_phrase(graph, ctx, node, mention.start, mention.end)
    graph.add((node, GAF.denotes, iris.actor_iri(mention.actor)))
    graph.add((node, GK.mentionForm, iris.vocab_iri("mention-form", mention.form.value)))
    graph.add((node, GK.confidence, decimal_literal(mention.confidence)))
    graph.add((node, GK.extractionMethod, Literal(mention.method)))


# --------------------------------------------------------------------------------------------
# Posts, statements, stances
# --------------------------------------------------------------------------------------------


def _add_holding(graph: TripleSink, ctx: ArticleContext, holding: PostHolding) -> None:
    """Add a post holding the article attests.

    Emits: gk:PostHolding, org:Membership, org:member, org:organization, org:role, gk:post,
    gk:observedAt, rdfs:label (the article's wording), gaf:denotedBy, gk:reportedIn,
    gk:confidence, gk:extractionMethod, plus the org:Post (``post_triples``).
    """
    node = ctx.holdings[holding.id]
    post = post_triples(graph, holding.role, holding.of)
    graph.add((node, RDF.type, GK.PostHolding))
    graph.add((node, RDF.type, ORG.Membership))
    graph.add((node, ORG.member, iris.actor_iri(holding.person)))
    if holding.of is not None:
        graph.add((node, ORG.organization, iris.actor_iri(holding.of)))
    graph.add((node, ORG.role, iris.vocab_iri("post-role", holding.role)))
    graph.add((node, GK.post, post))
    observed = (
        Literal(holding.observed.isoformat(), datatype=XSD.date)
        if holding.observed
        else ctx.published
    )
    if observed is not None:
        graph.add((node, GK.observedAt, observed))
    if holding.descriptor:
        graph.add((node, RDFS.label, Literal(holding.descriptor, lang=ctx.lang)))
    if holding.start is not None and holding.end is not None:
        graph.add((node, GAF.denotedBy, ctx.span(graph, holding.start, holding.end)))
    graph.add((node, GK.reportedIn, ctx.article))
    graph.add((node, GK.confidence, decimal_literal(holding.confidence)))
    graph.add((node, GK.extractionMethod, Literal(holding.method)))


def _add_statement(graph: TripleSink, ctx: ArticleContext, statement: Statement) -> None:
    """Add a direct quote or reported speech; one node per (speaker, words) across articles.

    Emits: gk:DirectQuote + schema:Quotation | gk:ReportedSpeech, schema:creator,
    gk:speakerCapacity, gk:speakerDescriptor, gk:onBehalfOf, gk:reportingVerb, gk:quoteMode,
    schema:text, gk:reportedIn, gaf:denotedBy/gaf:denotes (span), schema:dateCreated or
    sem:hasLatestBeginTimeStamp (publication date), schema:locationCreated.
    """
    node = ctx.statements[statement.id]
    if statement.mode is QuoteMode.DIRECT:
        graph.add((node, RDF.type, GK.DirectQuote))
        graph.add((node, RDF.type, SDO.Quotation))
    else:
        graph.add((node, RDF.type, GK.ReportedSpeech))
    graph.add((node, GK.quoteMode, iris.vocab_iri("quote-mode", statement.mode.value)))
    graph.add((node, SDO.text, Literal(statement.text, lang=ctx.lang)))
    graph.add((node, GK.reportedIn, ctx.article))
    span = ctx.span(graph, statement.start, statement.end)
    graph.add((node, GAF.denotedBy, span))
    graph.add((span, GAF.denotes, node))
    if statement.speaker is not None:
        graph.add((node, SDO.creator, iris.actor_iri(statement.speaker)))
    if statement.capacity is not None and statement.capacity in ctx.holdings:
        graph.add((node, GK.speakerCapacity, ctx.holdings[statement.capacity]))
        descriptor = ctx.descriptors.get(statement.capacity)
        if descriptor:
            graph.add((node, GK.speakerDescriptor, Literal(descriptor, lang=ctx.lang)))
    if statement.on_behalf_of is not None:
        graph.add((node, GK.onBehalfOf, iris.actor_iri(statement.on_behalf_of)))
    if statement.reporting_verb:
        graph.add((node, GK.reportingVerb, Literal(statement.reporting_verb, lang=ctx.lang)))
    if statement.date:
        graph.add((node, SDO.dateCreated, time_literal(statement.date)))
    elif ctx.published is not None:
        graph.add((node, SEM.hasLatestBeginTimeStamp, ctx.published))
    if statement.place is not None:
        graph.add((node, SDO.locationCreated, iris.actor_iri(statement.place)))


def _add_stance(
    graph: TripleSink, ctx: ArticleContext, stance: Stance, statements: Mapping[str, Statement]
) -> None:
    """Add a stance with its evidence.

    Emits: gk:Stance, gk:holder, gk:issue, gk:position, gk:expressedBy, gk:onBehalfOf,
    gk:evidence, gk:validAt, gk:cue, gaf:denotedBy (span or narrator sentence), gk:reportedIn,
    gk:confidence, gk:extractionMethod.
    """
    node = iris.stance_iri(ctx.article_id, stance.id)
    graph.add((node, RDF.type, GK.Stance))
    graph.add((node, GK.holder, iris.actor_iri(stance.holder)))
    graph.add((node, GK.issue, iris.issue_iri(stance.issue)))
    graph.add((node, GK.position, iris.vocab_iri("stance", stance.position.value)))
    if stance.expressed_by is not None:
        graph.add((node, GK.expressedBy, iris.actor_iri(stance.expressed_by)))
    for statement_id in stance.evidence:
        if statement_id not in statements:
            raise GraphError(
                f"stance {stance.id!r} cites unknown statement {statement_id!r}; "
                f"known: {', '.join(sorted(statements)) or 'none'}"
            )
        graph.add((node, GK.evidence, ctx.statements[statement_id]))
        behalf = statements[statement_id].on_behalf_of
        if behalf is not None:
            graph.add((node, GK.onBehalfOf, iris.actor_iri(behalf)))
    valid_at = time_literal(stance.valid_at) if stance.valid_at else ctx.published
    if valid_at is not None:
        graph.add((node, GK.validAt, valid_at))
    if stance.start is not None and stance.end is not None:
        graph.add((node, GAF.denotedBy, ctx.span(graph, stance.start, stance.end)))
    elif stance.sentence_id is not None:
        graph.add((node, GAF.denotedBy, iris.sentence_iri(ctx.article_id, stance.sentence_id)))
    if stance.cue:
        graph.add((node, GK.cue, Literal(stance.cue, lang=ctx.lang)))
    graph.add((node, GK.reportedIn, ctx.article))
    graph.add((node, GK.confidence, decimal_literal(stance.confidence)))
    graph.add((node, GK.extractionMethod, Literal(stance.method)))
