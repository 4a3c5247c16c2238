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
from rdflib import Dataset, Graph, URIRef

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
from kg.rdf._ox import OxEmitter, named_node, serialize_nquads
from kg.rdf._sink import Emitter, L, N, Quad, QuadSink, RdflibEmitter
from kg.rdf._terms import actor_triples, issue_triples, post_triples
from kg.rdf.reference import build_reference_graph
from kg.rdf.vocab import bind_namespaces

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
# Entry points
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
    quads: list[Quad] = []
    sink = QuadSink(quads, iris.article_graph_iri(analysis.article.id))
    _build(RdflibEmitter(sink), analysis)
    return quads


def build_article_oxquads(analysis: Analysis) -> list[ox.Quad]:
    """``build_article_quads`` as pyoxigraph quads (the ingest path: ``serialize_nquads``).

    The same quads in the same order, made as pyoxigraph terms directly (no rdflib term).

    Raises:
        GraphError: see ``build_article_quads``; also a term Oxigraph refuses (an invalid IRI).
    """
    quads: list[ox.Quad] = []
    graph = named_node(iris.article_graph_iri_str(analysis.article.id))
    _build(OxEmitter(quads, graph), analysis)
    return quads


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


def _build(graph: Emitter[N, L], analysis: Analysis) -> None:
    """Write the article graph and its claim graphs through ``graph`` (the article graph)."""
    article = analysis.article
    ctx = _make_context(graph, analysis)
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
    _add_mention_links(graph, ctx, analysis)
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
        target = graph
        if event.claim is not None:
            claim_number += 1
            target = add_claim(graph, ctx, event, claim_number, run)
        node = add_event(target, graph, ctx, event)
        add_event_time(target, node, event, timexes)
    add_comments(graph, ctx, analysis)


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


def _make_context(graph: Emitter[N, L], analysis: Analysis) -> ArticleContext[N, L]:
    article = analysis.article
    article_id = article.id
    sentences = sorted(
        (s.start, s.end, iris.sentence_iri_str(article_id, s.id))
        for s in analysis.sentences
        if s.comment is None
    )
    for start, end, iri in sentences:
        check_offsets(article.text, start, end, what=f"sentence {iri}")
    published = None
    if article.published is not None:
        published = graph.date(article.published)
    elif article.published_at is not None:
        published = graph.date(article.published_at.date())
    return ArticleContext(
        article_id=article_id,
        article=graph.iri(iris.article_iri_str(article_id)),
        text_node=graph.iri(iris.text_iri_str(article_id)),
        text=article.text,
        lang=article.lang,
        sentence_starts=tuple(start for start, _, _ in sentences),
        sentence_nodes=tuple((start, end, graph.iri(node)) for start, end, node in sentences),
        statements={
            s.id: graph.iri(iris.statement_iri_str(s.speaker, s.text)) for s in analysis.statements
        },
        holdings={
            h.id: graph.iri(iris.observed_holding_iri_str(article_id, h.id))
            for h in analysis.holdings
        },
        descriptors={h.id: h.descriptor for h in analysis.holdings if h.descriptor},
        published=published,
    )


# --------------------------------------------------------------------------------------------
# Provenance, article, text
# --------------------------------------------------------------------------------------------


def _add_provenance(graph: Emitter[N, L], analysis: Analysis) -> N:
    """Describe the article graph itself and the run that made it; return the run IRI.

    Emits: gk:ArticleGraph, prov:Entity, prov:wasDerivedFrom, prov:wasGeneratedBy,
    prov:Activity, prov:wasAssociatedWith, prov:startedAtTime, prov:SoftwareAgent, rdfs:label.
    """
    prov, rdf_type = graph.PROV, graph.RDF.type
    article_id = analysis.article.id
    started = analysis.extracted_at.isoformat() if analysis.extracted_at else ""
    run = graph.iri(iris.run_iri_str(article_id, analysis.extractor, started))
    agent = graph.iri(iris.agent_iri_str(analysis.extractor))
    node = graph.iri(iris.article_graph_iri_str(article_id))
    graph.add(node, rdf_type, graph.GK.ArticleGraph)
    graph.add(node, rdf_type, prov.Entity)
    graph.add(node, prov.wasDerivedFrom, graph.iri(iris.article_iri_str(article_id)))
    graph.add(node, prov.wasGeneratedBy, run)
    graph.add(run, rdf_type, prov.Activity)
    graph.add(run, prov.wasAssociatedWith, agent)
    if analysis.extracted_at is not None:
        graph.add(run, prov.startedAtTime, graph.datetime(analysis.extracted_at))
    graph.add(agent, rdf_type, prov.SoftwareAgent)
    graph.add(agent, graph.RDFS.label, graph.string(analysis.extractor))
    return run


def _add_article(graph: Emitter[N, L], ctx: ArticleContext[N, L], article: Article) -> None:
    """Describe the article.

    Emits: schema:NewsArticle, prov:Entity, schema:identifier, schema:headline,
    schema:datePublished (xsd:date), gk:publishedAt, schema:inLanguage, schema:url,
    schema:publisher, schema:creditText, schema:contributor, schema:Organization, schema:name.
    """
    sdo, rdf_type = graph.SDO, graph.RDF.type
    node = ctx.article
    graph.add(node, rdf_type, sdo.NewsArticle)
    graph.add(node, rdf_type, graph.PROV.Entity)
    graph.add(node, sdo.identifier, graph.string(article.id))
    graph.add(node, sdo.inLanguage, graph.string(article.lang))
    if article.headline:
        graph.add(node, sdo.headline, graph.text(article.headline, article.lang))
    if ctx.published is not None:
        graph.add(node, sdo.datePublished, ctx.published)
    if article.published_at is not None:
        graph.add(node, graph.GK.publishedAt, graph.datetime(article.published_at))
    if article.url and urlsplit(article.url).scheme in {"http", "https"}:
        graph.add(node, sdo.url, graph.iri(article.url))
    if article.publisher:
        graph.add(node, sdo.publisher, _source(graph, article.publisher))
    if article.agencies:
        graph.add(node, sdo.creditText, graph.string("/".join(article.agencies)))
        for agency in article.agencies:
            graph.add(node, sdo.contributor, _source(graph, agency))


def _source(graph: Emitter[N, L], name: str) -> N:
    """Add a publisher or agency and return its IRI. Emits: schema:Organization, schema:name."""
    node = graph.iri(iris.source_iri_str(name))
    graph.add(node, graph.RDF.type, graph.SDO.Organization)
    graph.add(node, graph.SDO.name, graph.string(name))
    return node


def _add_text(graph: Emitter[N, L], ctx: ArticleContext[N, L], analysis: Analysis) -> None:
    """Store the exact text and its sentences.

    Emits: gk:hasText, nif:Context, nif:isString, nif:beginIndex, nif:endIndex, gk:sha256,
    nif:Sentence, nif:referenceContext.
    """
    nif, rdf_type = graph.NIF, graph.RDF.type
    text = ctx.text
    text_node = ctx.text_node
    graph.add(ctx.article, graph.GK.hasText, text_node)
    graph.add(text_node, rdf_type, nif.Context)
    graph.add(text_node, nif.isString, graph.string(text))
    graph.add(text_node, nif.beginIndex, graph.integer(0))
    graph.add(text_node, nif.endIndex, graph.integer(len(text)))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    graph.add(text_node, graph.GK.sha256, graph.string(digest))
    for start, end, node in ctx.sentence_nodes:  # offsets checked by _make_context
        graph.add(node, rdf_type, nif.Sentence)
        graph.add(node, nif.referenceContext, text_node)
        graph.add(node, nif.beginIndex, graph.integer(start))
        graph.add(node, nif.endIndex, graph.integer(end))


def _add_mention(graph: Emitter[N, L], ctx: ArticleContext[N, L], mention: Mention) -> None:
    """Add a mention span that denotes an actor.

    Emits: nif:Phrase (+ span terms), gaf:denotes, gk:mentionForm, gk:confidence,
    gk:extractionMethod.
    """
    check_offsets(ctx.text, mention.start, mention.end, what=f"mention {mention.id!r}")
    gk = graph.GK
    node = graph.iri(iris.mention_iri_str(ctx.article_id, mention.id))
    add_phrase(graph, ctx, node, mention.start, mention.end)
    graph.add(node, graph.GAF.denotes, graph.actor(mention.actor))
    graph.add(node, gk.mentionForm, graph.concept("mention-form", mention.form.value))
    graph.add(node, gk.confidence, graph.decimal(mention.confidence))
    graph.add(node, gk.extractionMethod, graph.string(mention.method))


def _add_mention_links(graph: Emitter[N, L], ctx: ArticleContext[N, L], analysis: Analysis) -> None:
    """Link the article and each statement to the actors their body-text mentions denote.

    ``gk:mentionsActor`` is a shortcut derived from the NIF mentions (``_add_mention``), one
    triple per distinct (subject, actor): queries that start from an actor read one triple per
    article instead of every mention span. The article links every actor with a mention in the
    article text (comment mentions are not body mentions: they are ``schema:mentions`` of their
    comment); a statement links every actor with a mention inside one of its spans
    (``statement.start <= mention.start`` and ``mention.end <= statement.end``), several
    statement records with the same node (same speaker and words) pooling their spans.
    Called after the mentions and statements are added, so their offsets are already checked.

    Emits: gk:mentionsActor.
    """
    mentions = [m for m in analysis.mentions if m.comment is None]
    mentions_actor = graph.GK.mentionsActor
    for actor in dict.fromkeys(m.actor for m in mentions):
        graph.add(ctx.article, mentions_actor, graph.actor(actor))
    linked: dict[N, set[str]] = {}
    for statement in analysis.statements:
        node = ctx.statements[statement.id]
        seen = linked.setdefault(node, set())
        for mention in mentions:
            inside = statement.start <= mention.start and mention.end <= statement.end
            if inside and mention.actor not in seen:
                seen.add(mention.actor)
                graph.add(node, mentions_actor, graph.actor(mention.actor))


# --------------------------------------------------------------------------------------------
# Posts, statements, stances
# --------------------------------------------------------------------------------------------


def _add_holding(graph: Emitter[N, L], ctx: ArticleContext[N, L], holding: PostHolding) -> None:
    """Add a post holding the article attests.

    Emits: gk:PostHolding, org:Membership, org:member, org:organization, org:role, gk:post,
    gk:observedAt, rdfs:label (the article's wording), gaf:denotedBy, gk:reportedIn,
    gk:confidence, gk:extractionMethod, plus the org:Post (``post_triples``).
    """
    gk, org, rdf_type = graph.GK, graph.ORG, graph.RDF.type
    node = ctx.holdings[holding.id]
    post = post_triples(graph, holding.role, holding.of)
    graph.add(node, rdf_type, gk.PostHolding)
    graph.add(node, rdf_type, org.Membership)
    graph.add(node, org.member, graph.actor(holding.person))
    if holding.of is not None:
        graph.add(node, org.organization, graph.actor(holding.of))
    graph.add(node, org.role, graph.concept("post-role", holding.role))
    graph.add(node, gk.post, post)
    observed = graph.date(holding.observed) if holding.observed else ctx.published
    if observed is not None:
        graph.add(node, gk.observedAt, observed)
    if holding.descriptor:
        graph.add(node, graph.RDFS.label, graph.text(holding.descriptor, ctx.lang))
    if holding.start is not None and holding.end is not None:
        graph.add(node, graph.GAF.denotedBy, ctx.span(graph, holding.start, holding.end))
    graph.add(node, gk.reportedIn, ctx.article)
    graph.add(node, gk.confidence, graph.decimal(holding.confidence))
    graph.add(node, gk.extractionMethod, graph.string(holding.method))


def _add_statement(graph: Emitter[N, L], ctx: ArticleContext[N, L], statement: Statement) -> None:
    """Add a direct quote or reported speech; one node per (speaker, words) across articles.

    Emits: gk:DirectQuote + schema:Quotation | gk:ReportedSpeech, schema:creator,
    gk:speakerCapacity, gk:speakerDescriptor, gk:onBehalfOf, gk:reportingVerb, gk:quoteMode,
    schema:text, gk:reportedIn, gaf:denotedBy/gaf:denotes (span), schema:dateCreated or
    sem:hasLatestBeginTimeStamp (publication date), schema:locationCreated.
    """
    gk, sdo, gaf, rdf_type = graph.GK, graph.SDO, graph.GAF, graph.RDF.type
    node = ctx.statements[statement.id]
    if statement.mode is QuoteMode.DIRECT:
        graph.add(node, rdf_type, gk.DirectQuote)
        graph.add(node, rdf_type, sdo.Quotation)
    else:
        graph.add(node, rdf_type, gk.ReportedSpeech)
    graph.add(node, gk.quoteMode, graph.concept("quote-mode", statement.mode.value))
    graph.add(node, sdo.text, graph.text(statement.text, ctx.lang))
    graph.add(node, gk.reportedIn, ctx.article)
    span = ctx.span(graph, statement.start, statement.end)
    graph.add(node, gaf.denotedBy, span)
    graph.add(span, gaf.denotes, node)
    if statement.speaker is not None:
        graph.add(node, sdo.creator, graph.actor(statement.speaker))
    if statement.capacity is not None and statement.capacity in ctx.holdings:
        graph.add(node, gk.speakerCapacity, ctx.holdings[statement.capacity])
        descriptor = ctx.descriptors.get(statement.capacity)
        if descriptor:
            graph.add(node, gk.speakerDescriptor, graph.text(descriptor, ctx.lang))
    if statement.on_behalf_of is not None:
        graph.add(node, gk.onBehalfOf, graph.actor(statement.on_behalf_of))
    if statement.reporting_verb:
        graph.add(node, gk.reportingVerb, graph.text(statement.reporting_verb, ctx.lang))
    if statement.date:
        graph.add(node, sdo.dateCreated, graph.time(statement.date))
    elif ctx.published is not None:
        graph.add(node, graph.SEM.hasLatestBeginTimeStamp, ctx.published)
    if statement.place is not None:
        graph.add(node, sdo.locationCreated, graph.actor(statement.place))


def _add_stance(
    graph: Emitter[N, L],
    ctx: ArticleContext[N, L],
    stance: Stance,
    statements: Mapping[str, Statement],
) -> None:
    """Add a stance with its evidence.

    Emits: gk:Stance, gk:holder, gk:issue, gk:position, gk:expressedBy, gk:onBehalfOf,
    gk:evidence, gk:validAt, gk:cue, gaf:denotedBy (span or narrator sentence), gk:reportedIn,
    gk:confidence, gk:extractionMethod.
    """
    gk = graph.GK
    node = graph.iri(iris.stance_iri_str(ctx.article_id, stance.id))
    graph.add(node, graph.RDF.type, gk.Stance)
    graph.add(node, gk.holder, graph.actor(stance.holder))
    graph.add(node, gk.issue, graph.iri(iris.issue_iri_str(stance.issue)))
    graph.add(node, gk.position, graph.concept("stance", stance.position.value))
    if stance.expressed_by is not None:
        graph.add(node, gk.expressedBy, graph.actor(stance.expressed_by))
    for statement_id in stance.evidence:
        if statement_id not in statements:
            raise GraphError(
                f"stance {stance.id!r} cites unknown statement {statement_id!r}; "
                f"known: {', '.join(sorted(statements)) or 'none'}"
            )
        graph.add(node, gk.evidence, ctx.statements[statement_id])
        behalf = statements[statement_id].on_behalf_of
        if behalf is not None:
            graph.add(node, gk.onBehalfOf, graph.actor(behalf))
    valid_at = graph.time(stance.valid_at) if stance.valid_at else ctx.published
    if valid_at is not None:
        graph.add(node, gk.validAt, valid_at)
    if stance.start is not None and stance.end is not None:
        graph.add(node, graph.GAF.denotedBy, ctx.span(graph, stance.start, stance.end))
    elif stance.sentence_id is not None:
        sentence = iris.sentence_iri_str(ctx.article_id, stance.sentence_id)
        graph.add(node, graph.GAF.denotedBy, graph.iri(sentence))
    if stance.cue:
        graph.add(node, gk.cue, graph.text(stance.cue, ctx.lang))
    graph.add(node, gk.reportedIn, ctx.article)
    graph.add(node, gk.confidence, graph.decimal(stance.confidence))
    graph.add(node, gk.extractionMethod, graph.string(stance.method))
