"""Events as reported in an article, and the claims that keep contested events apart."""

from __future__ import annotations

from collections.abc import Mapping

from rdflib import Literal, URIRef

from kg.model import EpistemicStatus, Event, TimeExpression
from kg.rdf import iris
from kg.rdf._context import ArticleContext
from kg.rdf._sink import QuadSink, TripleSink
from kg.rdf._terms import decimal_literal, time_literal
from kg.rdf.vocab import GAF, GK, PROV, RDF, SDO, SEM, XSD

#: Claims with these statuses are vouched for by the article itself or by independent
#: confirmation: their event stays in the article graph. Every other status puts the event
#: into a claim graph (ontology.md §3.8: the KG does not assert it).
ASSERTED_STATUSES = frozenset({EpistemicStatus.ASSERTED_BY_NARRATOR, EpistemicStatus.CONFIRMED})


def add_claim(
    dataset: QuadSink,
    graph: TripleSink,
    ctx: ArticleContext,
    event: Event,
    number: int,
    run: URIRef,
) -> TripleSink:
    """Add the ``gk:Claim`` for an event and return the graph the event itself goes into.

    Contested events (status not in ``ASSERTED_STATUSES``) go into a new claim graph that the
    claim points to with ``gk:content``; the article graph lists it as a ``gk:ClaimGraph``.

    Emits: gk:Claim, schema:Claim, schema:author (the source; the article for narrator voice),
    gk:epistemicStatus, gk:accordingToPhrase, schema:appearance, schema:about, gaf:denotedBy,
    gk:content, gk:ClaimGraph, prov:wasDerivedFrom, prov:wasGeneratedBy.
    """
    claim = event.claim
    if claim is None:  # pragma: no cover - the caller checks
        return graph
    node = iris.claim_iri(ctx.article_id, number)
    event_node = iris.article_event_iri(ctx.article_id, event.id)
    graph.add((node, RDF.type, GK.Claim))
    graph.add((node, RDF.type, SDO.Claim))
    if claim.author is not None:
        graph.add((node, SDO.author, iris.actor_iri(claim.author)))
    elif claim.status is EpistemicStatus.ASSERTED_BY_NARRATOR:
        graph.add((node, SDO.author, ctx.article))
    graph.add((node, GK.epistemicStatus, iris.vocab_iri("epistemic-status", claim.status.value)))
    if claim.phrase:
        graph.add((node, GK.accordingToPhrase, Literal(claim.phrase, lang=ctx.lang)))
    if claim.start is not None and claim.end is not None:
        graph.add((node, GAF.denotedBy, ctx.span(graph, claim.start, claim.end)))
    graph.add((node, SDO.appearance, ctx.article))
    graph.add((node, SDO.about, event_node))
    if claim.status in ASSERTED_STATUSES:
        return graph
    claim_graph = iris.claim_graph_iri(ctx.article_id, number)
    graph.add((node, GK.content, claim_graph))
    graph.add((claim_graph, RDF.type, GK.ClaimGraph))
    graph.add((claim_graph, RDF.type, PROV.Entity))
    graph.add((claim_graph, PROV.wasDerivedFrom, ctx.article))
    graph.add((claim_graph, PROV.wasGeneratedBy, run))
    return dataset.graph(claim_graph)


def add_event(target: TripleSink, graph: TripleSink, ctx: ArticleContext, event: Event) -> None:
    """Add an event to ``target`` (the article graph, or its claim graph when contested).

    The trigger span always sits in the article graph (``graph``); it denotes the event only
    when the event is asserted.

    Emits: gk:Event, sem:Event, sem:eventType, gk:trigger, gaf:denotedBy, gaf:denotes,
    sem:hasTimeStamp | sem:hasBeginTimeStamp + sem:hasEndTimeStamp, sem:hasPlace, sem:hasActor,
    sem:Role, rdf:value, sem:roleType, schema:sameAs (catalogue event, Wikidata), gk:quantity,
    gk:quantityUnit, gk:evidence, gk:reportedIn, gk:confidence, gk:extractionMethod.
    """
    node = iris.article_event_iri(ctx.article_id, event.id)
    target.add((node, RDF.type, GK.Event))
    target.add((node, RDF.type, SEM.Event))
    target.add((node, SEM.eventType, iris.vocab_iri("event-type", event.type.value)))
    target.add((node, GK.trigger, Literal(event.trigger, lang=ctx.lang)))
    span = ctx.span(graph, event.start, event.end)
    target.add((node, GAF.denotedBy, span))
    if target is graph:
        graph.add((span, GAF.denotes, node))
    if event.place is not None:
        target.add((node, SEM.hasPlace, iris.actor_iri(event.place)))
    for participant in event.participants:
        role = iris.participation_iri(node, participant.role, participant.actor)
        target.add((node, SEM.hasActor, role))
        target.add((role, RDF.type, SEM.Role))
        target.add((role, RDF.value, iris.actor_iri(participant.actor)))
        target.add((role, SEM.roleType, iris.vocab_iri("role", participant.role)))
    if event.known_event is not None:
        target.add((node, SDO.sameAs, iris.event_iri(event.known_event)))
    if event.wikidata is not None:
        target.add((node, SDO.sameAs, iris.wikidata_iri(event.wikidata)))
    if event.quantity is not None:
        target.add((node, GK.quantity, Literal(event.quantity, datatype=XSD.integer)))
    if event.quantity_unit:
        target.add((node, GK.quantityUnit, Literal(event.quantity_unit, lang=ctx.lang)))
    if event.statement is not None and event.statement in ctx.statements:
        target.add((node, GK.evidence, ctx.statements[event.statement]))
    target.add((node, GK.reportedIn, ctx.article))
    target.add((node, GK.confidence, decimal_literal(event.confidence)))
    target.add((node, GK.extractionMethod, Literal(event.method)))


def add_event_time(
    graph: TripleSink, node: URIRef, event: Event, timexes: Mapping[str, TimeExpression]
) -> None:
    """Add the event's time at the text's precision (interval bounds when it has them).

    An interval comes from the event's time expression (``is_interval``: ``begin`` and
    ``end_value``) or from ``when`` written as an ISO 8601 interval ``begin/end``.

    Emits: sem:hasTimeStamp, sem:hasBeginTimeStamp, sem:hasEndTimeStamp.
    """
    timex = timexes.get(event.time) if event.time is not None else None
    if timex is not None and timex.is_interval:
        begin, end = timex.begin, timex.end_value
    else:
        begin, end = _event_bounds(event)
    if begin is None and end is None:
        if event.when:
            graph.add((node, SEM.hasTimeStamp, time_literal(event.when)))
        return
    if begin is not None:
        graph.add((node, SEM.hasBeginTimeStamp, time_literal(begin)))
    if end is not None:
        graph.add((node, SEM.hasEndTimeStamp, time_literal(end)))


def _event_bounds(event: Event) -> tuple[str | None, str | None]:
    """Return interval bounds encoded in ``when`` as ``begin/end`` (ISO 8601 interval)."""
    if event.when and "/" in event.when:
        begin, _, end = event.when.partition("/")
        return begin or None, end or None
    return None, None
