"""Events as reported in an article, and the claims that keep contested events apart."""

from __future__ import annotations

from collections.abc import Mapping

from kg.model import EpistemicStatus, Event, TimeExpression
from kg.rdf import iris
from kg.rdf._context import ArticleContext
from kg.rdf._sink import Emitter, L, N

#: Claims with these statuses are vouched for by the article itself or by independent
#: confirmation: their event stays in the article graph. Every other status puts the event
#: into a claim graph (ontology.md §3.8: the KG does not assert it).
ASSERTED_STATUSES = frozenset({EpistemicStatus.ASSERTED_BY_NARRATOR, EpistemicStatus.CONFIRMED})


def add_claim(
    graph: Emitter[N, L],
    ctx: ArticleContext[N, L],
    event: Event,
    number: int,
    run: N,
) -> Emitter[N, L]:
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
    gk, sdo, rdf_type = graph.GK, graph.SDO, graph.RDF.type
    node = graph.iri(iris.claim_iri_str(ctx.article_id, number))
    event_node = graph.iri(iris.article_event_iri_str(ctx.article_id, event.id))
    graph.add(node, rdf_type, gk.Claim)
    graph.add(node, rdf_type, sdo.Claim)
    if claim.author is not None:
        graph.add(node, sdo.author, graph.actor(claim.author))
    elif claim.status is EpistemicStatus.ASSERTED_BY_NARRATOR:
        graph.add(node, sdo.author, ctx.article)
    graph.add(node, gk.epistemicStatus, graph.concept("epistemic-status", claim.status.value))
    if claim.phrase:
        graph.add(node, gk.accordingToPhrase, graph.text(claim.phrase, ctx.lang))
    if claim.start is not None and claim.end is not None:
        graph.add(node, graph.GAF.denotedBy, ctx.span(graph, claim.start, claim.end))
    graph.add(node, sdo.appearance, ctx.article)
    graph.add(node, sdo.about, event_node)
    if claim.status in ASSERTED_STATUSES:
        return graph
    claim_graph = graph.iri(iris.claim_graph_iri_str(ctx.article_id, number))
    graph.add(node, gk.content, claim_graph)
    graph.add(claim_graph, rdf_type, gk.ClaimGraph)
    graph.add(claim_graph, rdf_type, graph.PROV.Entity)
    graph.add(claim_graph, graph.PROV.wasDerivedFrom, ctx.article)
    graph.add(claim_graph, graph.PROV.wasGeneratedBy, run)
    return graph.graph(claim_graph)


def add_event(
    target: Emitter[N, L], graph: Emitter[N, L], ctx: ArticleContext[N, L], event: Event
) -> N:
    """Add an event to ``target`` (the article graph, or its claim graph when contested).

    The trigger span always sits in the article graph (``graph``); it denotes the event only
    when the event is asserted. Returns the event's IRI.

    Emits: gk:Event, sem:Event, sem:eventType, gk:trigger, gaf:denotedBy, gaf:denotes,
    sem:hasTimeStamp | sem:hasBeginTimeStamp + sem:hasEndTimeStamp, sem:hasPlace, sem:hasActor,
    sem:Role, rdf:value, sem:roleType, schema:sameAs (catalogue event, Wikidata), gk:quantity,
    gk:quantityUnit, gk:evidence, gk:reportedIn, gk:confidence, gk:extractionMethod.
    """
    gk, sem, rdf = target.GK, target.SEM, target.RDF
    iri = iris.article_event_iri_str(ctx.article_id, event.id)
    node = target.iri(iri)
    target.add(node, rdf.type, gk.Event)
    target.add(node, rdf.type, sem.Event)
    target.add(node, sem.eventType, target.concept("event-type", event.type.value))
    target.add(node, gk.trigger, target.text(event.trigger, ctx.lang))
    span = ctx.span(graph, event.start, event.end)
    target.add(node, target.GAF.denotedBy, span)
    if target is graph:
        graph.add(span, graph.GAF.denotes, node)
    if event.place is not None:
        target.add(node, sem.hasPlace, target.actor(event.place))
    for participant in event.participants:
        role = target.iri(iris.participation_iri_str(iri, participant.role, participant.actor))
        target.add(node, sem.hasActor, role)
        target.add(role, rdf.type, sem.Role)
        target.add(role, rdf.value, target.actor(participant.actor))
        target.add(role, sem.roleType, target.concept("role", participant.role))
    if event.known_event is not None:
        target.add(node, target.SDO.sameAs, target.iri(iris.event_iri_str(event.known_event)))
    if event.wikidata is not None:
        target.add(node, target.SDO.sameAs, target.iri(iris.wikidata_iri_str(event.wikidata)))
    if event.quantity is not None:
        target.add(node, gk.quantity, target.integer(event.quantity))
    if event.quantity_unit:
        target.add(node, gk.quantityUnit, target.text(event.quantity_unit, ctx.lang))
    if event.statement is not None and event.statement in ctx.statements:
        target.add(node, gk.evidence, ctx.statements[event.statement])
    target.add(node, gk.reportedIn, ctx.article)
    target.add(node, gk.confidence, target.decimal(event.confidence))
    target.add(node, gk.extractionMethod, target.string(event.method))
    return node


def add_event_time(
    graph: Emitter[N, L], node: N, event: Event, timexes: Mapping[str, TimeExpression]
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
            graph.add(node, graph.SEM.hasTimeStamp, graph.time(event.when))
        return
    if begin is not None:
        graph.add(node, graph.SEM.hasBeginTimeStamp, graph.time(begin))
    if end is not None:
        graph.add(node, graph.SEM.hasEndTimeStamp, graph.time(end))


def _event_bounds(event: Event) -> tuple[str | None, str | None]:
    """Return interval bounds encoded in ``when`` as ``begin/end`` (ISO 8601 interval)."""
    if event.when and "/" in event.when:
        begin, _, end = event.when.partition("/")
        return begin or None, end or None
    return None, None
