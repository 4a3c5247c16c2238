"""Build the curated reference graph: gazetteer actors, posts, post holdings, known events.

The graph's identifier is ``iris.REFERENCE_GRAPH``. It is rebuilt from the gazetteer (and the
known-event catalogue) as a whole and replaces the stored reference graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Protocol

from rdflib import Graph, Literal, URIRef

from kg.model import ActorKind, Participant
from kg.rdf import iris
from kg.rdf._sink import RdflibEmitter
from kg.rdf._terms import post_triples, time_literal, type_actor
from kg.rdf.vocab import GK, ORG, PROV, RDF, RDFS, SDO, SEM, SKOS, TIME, XSD, bind_namespaces

if TYPE_CHECKING:  # the rdf layer reads gazetteer records but does not depend on kg.nlp
    from kg.nlp.gazetteer import Entry, Gazetteer, PostSpec

__all__ = ["KnownEvent", "build_reference_graph"]


class KnownEvent(Protocol):
    """A catalogue event as the reference graph reads it (``kg.nlp.known_events.KnownEvent``).

    ``type`` is an ``EventType`` value ("agreement"); ``date``/``end`` are ISO at their
    precision; ``names`` maps language codes to names (the first one is the label).
    """

    @property
    def key(self) -> str: ...

    @property
    def qid(self) -> str | None: ...

    @property
    def type(self) -> str: ...

    @property
    def date(self) -> str: ...

    @property
    def end(self) -> str | None: ...

    @property
    def participants(self) -> Sequence[Participant]: ...

    @property
    def place(self) -> str | None: ...

    @property
    def names(self) -> Mapping[str, Sequence[str]]: ...


def build_reference_graph(gazetteer: Gazetteer, events: Iterable[KnownEvent] = ()) -> Graph:
    """Build the reference graph from the gazetteer and the known-event catalogue.

    Args:
        gazetteer: curated actors, places and their posts.
        events: known events (Budapest Memorandum, 2022 invasion, …): the records of
            ``kg.nlp.known_events.KnownEventCatalogue`` or any objects shaped like ``KnownEvent``.

    Returns:
        A ``Graph`` whose identifier is ``iris.REFERENCE_GRAPH``.

    Raises:
        GraphError: a known event has a date that is not ISO 8601.
    """
    graph = bind_namespaces(Graph(identifier=iris.REFERENCE_GRAPH))
    graph.add((iris.REFERENCE_GRAPH, RDF.type, GK.ReferenceGraph))
    graph.add((iris.REFERENCE_GRAPH, RDF.type, PROV.Entity))
    for entry in gazetteer.entries():
        _add_entry(graph, entry)
        for post in entry.posts:
            _add_curated_holding(graph, entry, post, gazetteer)
    for event in events:
        _add_known_event(graph, event)
    return graph


def _add_entry(graph: Graph, entry: Entry) -> None:
    """Add a curated actor or place.

    Emits: rdf:type, gk:actorKind, rdfs:label (per language), skos:altLabel (aliases per
    language), schema:sameAs (with a QID), gk:partOfState, schema:nationality, gk:metonymFor.
    """
    node = iris.actor_iri(entry.key)
    type_actor(RdflibEmitter(graph), node, entry.kind, entry.state)
    for lang, label in sorted(entry.labels.items()):
        graph.add((node, RDFS.label, Literal(label, lang=lang)))
    for lang, aliases in sorted(entry.aliases.items()):
        for alias in aliases:
            graph.add((node, SKOS.altLabel, Literal(alias, lang=lang)))
    if entry.qid:
        graph.add((node, SDO.sameAs, iris.wikidata_iri(entry.qid)))
    if entry.kind is ActorKind.PLACE and entry.metonym_of:
        graph.add((node, GK.metonymFor, iris.actor_iri(entry.metonym_of)))


def _add_curated_holding(graph: Graph, entry: Entry, post: PostSpec, gazetteer: Gazetteer) -> None:
    """Add a curated post, its holding and the holding's interval.

    Emits: org:Post (+ ``post_triples``), rdfs:label, gk:PostHolding, org:Membership,
    org:member, org:organization, org:role, gk:post, org:memberDuring, time:Interval,
    time:hasBeginning, time:hasEnd, time:Instant, time:inXSDDate.
    """
    post_node = post_triples(RdflibEmitter(graph), post.role, post.of)
    of_entry = gazetteer.get(post.of) if post.of else None
    if of_entry is not None:
        label = f"{post.role} of {of_entry.label('en')}"
        graph.add((post_node, RDFS.label, Literal(label, lang="en")))
    start = post.start.isoformat() if post.start else None
    holding = iris.holding_iri(entry.key, post.role, post.of, start)
    graph.add((holding, RDF.type, GK.PostHolding))
    graph.add((holding, RDF.type, ORG.Membership))
    graph.add((holding, ORG.member, iris.actor_iri(entry.key)))
    if post.of is not None:
        graph.add((holding, ORG.organization, iris.actor_iri(post.of)))
    graph.add((holding, ORG.role, iris.vocab_iri("post-role", post.role)))
    graph.add((holding, GK.post, post_node))
    if post.start is None and post.end is None:
        return
    interval = iris.interval_iri(holding)
    graph.add((holding, ORG.memberDuring, interval))
    graph.add((interval, RDF.type, TIME.Interval))
    for which, prop, day in (
        ("begin", TIME.hasBeginning, post.start),
        ("end", TIME.hasEnd, post.end),
    ):
        if day is not None:
            _add_instant(graph, interval, iris.instant_iri(holding, which), prop, day)


def _add_instant(graph: Graph, interval: URIRef, node: URIRef, prop: URIRef, day: date) -> None:
    """Emits: time:hasBeginning | time:hasEnd, time:Instant, time:inXSDDate."""
    graph.add((interval, prop, node))
    graph.add((node, RDF.type, TIME.Instant))
    graph.add((node, TIME.inXSDDate, Literal(day.isoformat(), datatype=XSD.date)))


def _add_known_event(graph: Graph, event: KnownEvent) -> None:
    """Add a catalogue event (identity-level facts only).

    Emits: gk:Event, sem:Event, rdfs:label (first name per language), skos:altLabel (other
    names), sem:eventType, sem:hasTimeStamp | sem:hasBeginTimeStamp + sem:hasEndTimeStamp,
    sem:hasPlace, sem:hasActor, sem:Role, rdf:value, sem:roleType, schema:sameAs (with a QID).
    """
    node = iris.event_iri(event.key)
    graph.add((node, RDF.type, GK.Event))
    graph.add((node, RDF.type, SEM.Event))
    for lang, names in sorted(event.names.items()):
        for position, name in enumerate(names):
            label = RDFS.label if position == 0 else SKOS.altLabel
            graph.add((node, label, Literal(name, lang=lang)))
    graph.add((node, SEM.eventType, iris.vocab_iri("event-type", str(event.type))))
    if event.end:
        graph.add((node, SEM.hasBeginTimeStamp, time_literal(event.date)))
        graph.add((node, SEM.hasEndTimeStamp, time_literal(event.end)))
    elif event.date:
        graph.add((node, SEM.hasTimeStamp, time_literal(event.date)))
    if event.place:
        graph.add((node, SEM.hasPlace, iris.actor_iri(event.place)))
    for participant in event.participants:
        role = iris.participation_iri(node, participant.role, participant.actor)
        graph.add((node, SEM.hasActor, role))
        graph.add((role, RDF.type, SEM.Role))
        graph.add((role, RDF.value, iris.actor_iri(participant.actor)))
        graph.add((role, SEM.roleType, iris.vocab_iri("role", participant.role)))
    if event.qid:
        graph.add((node, SDO.sameAs, iris.wikidata_iri(event.qid)))
