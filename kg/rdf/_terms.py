"""Helpers shared by the article and reference builders: literals, actors, posts, issues."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from rdflib import Literal, URIRef

from kg.errors import GraphError
from kg.model import Actor, ActorKind, Issue
from kg.rdf import iris
from kg.rdf._sink import TripleSink
from kg.rdf.vocab import GK, ORG, RDF, RDFS, SDO, SEM, SKOS, WDT, XSD

#: rdf:type per actor kind (the gk: classes are subclasses of schema.org classes, kg.ttl).
ACTOR_CLASSES: dict[ActorKind, URIRef] = {
    ActorKind.STATE: GK.State,
    ActorKind.ORGANIZATION: GK.InternationalOrganization,
    ActorKind.GOVERNMENT_BODY: GK.GovernmentBody,
    ActorKind.MILITARY: GK.MilitaryOrganization,
    ActorKind.PERSON: SDO.Person,
    ActorKind.PARTY: GK.PoliticalParty,
    ActorKind.GROUP: GK.NonStateGroup,
    ActorKind.PLACE: SDO.Place,
}

#: Issue relations with a Wikidata property for their proposition (eval/FORMAT.md relations).
#: Only relations whose Wikidata property is unambiguous are mapped: P463 "member of".
RELATION_PROPERTIES: dict[str, URIRef] = {
    "membership": WDT.P463,
    "accession": WDT.P463,
}

_QID = re.compile(r"^Q[1-9][0-9]*$")
_YEAR = re.compile(r"^-?[0-9]{4}$")
_YEAR_MONTH = re.compile(r"^-?[0-9]{4}-[0-9]{2}$")
_DATE = re.compile(r"^-?[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def time_literal(value: str) -> Literal:
    """Return an ISO time value as a literal that keeps its precision.

    >>> time_literal("1994").datatype.endswith("gYear")
    True
    >>> time_literal("2022-09").datatype.endswith("gYearMonth")
    True
    >>> time_literal("2024-12-03").datatype.endswith("#date")
    True

    Raises:
        GraphError: ``value`` is not an ISO year, year-month, date or date-time.
    """
    if _YEAR.match(value):
        return Literal(value, datatype=XSD.gYear)
    if _YEAR_MONTH.match(value):
        return Literal(value, datatype=XSD.gYearMonth)
    if _DATE.match(value):
        return Literal(value, datatype=XSD.date)
    try:
        return Literal(datetime.fromisoformat(value))
    except ValueError as exc:
        raise GraphError(
            f"time value {value!r} is not ISO 8601; allowed: YYYY, YYYY-MM, YYYY-MM-DD, "
            "or a date-time"
        ) from exc


def decimal_literal(value: float) -> Literal:
    """Return a confidence as an ``xsd:decimal`` literal rounded to 3 places.

    >>> decimal_literal(0.85)
    rdflib.term.Literal('0.85', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal'))
    """
    return Literal(Decimal(str(round(value, 3))).normalize(), datatype=XSD.decimal)


def actor_triples(graph: TripleSink, actor: Actor, *, lang: str) -> URIRef:
    """Type and label an actor of one article; return its IRI.

    Discovered (non-curated) actors also get their other names as ``skos:altLabel``.

    Emits: rdf:type (kind class + sem:Actor or sem:Place), rdfs:label, gk:actorKind,
    schema:sameAs (only with a QID), gk:partOfState, schema:nationality, skos:altLabel.
    """
    node = iris.actor_iri(actor.key)
    type_actor(graph, node, actor.kind, actor.state)
    graph.add((node, RDFS.label, Literal(actor.name, lang=lang)))
    if actor.qid:
        graph.add((node, SDO.sameAs, iris.wikidata_iri(actor.qid)))
    if not actor.curated:
        for name in actor.names:
            if name != actor.name:
                graph.add((node, SKOS.altLabel, Literal(name)))
    return node


def type_actor(graph: TripleSink, node: URIRef, kind: ActorKind, state: str | None) -> None:
    """Add the kind-dependent types of an actor and the state it belongs to.

    Emits: rdf:type, gk:actorKind, gk:partOfState (bodies, militaries, parties, groups),
    schema:nationality (persons).
    """
    graph.add((node, RDF.type, ACTOR_CLASSES[kind]))
    graph.add((node, RDF.type, SEM.Place if kind is ActorKind.PLACE else SEM.Actor))
    graph.add((node, GK.actorKind, iris.vocab_iri("actor-kind", kind.value)))
    if state is None or kind in {ActorKind.STATE, ActorKind.PLACE}:
        return
    if kind is ActorKind.PERSON:
        graph.add((node, SDO.nationality, iris.actor_iri(state)))
    else:
        graph.add((node, GK.partOfState, iris.actor_iri(state)))


def post_triples(graph: TripleSink, role: str, of: str | None) -> URIRef:
    """Add a post (a role in/of an actor) and its role concept; return the post IRI.

    Emits: org:Post, org:postIn, org:role, org:Role, skos:Concept, skos:prefLabel.
    """
    post = iris.post_iri(role, of)
    role_node = iris.vocab_iri("post-role", role)
    graph.add((post, RDF.type, ORG.Post))
    if of is not None:
        graph.add((post, ORG.postIn, iris.actor_iri(of)))
    graph.add((post, ORG.role, role_node))
    graph.add((role_node, RDF.type, ORG.Role))
    graph.add((role_node, RDF.type, SKOS.Concept))
    graph.add((role_node, SKOS.prefLabel, Literal(role, lang="en")))
    return post


def issue_triples(graph: TripleSink, issue: Issue, actors: Sequence[Actor]) -> URIRef:
    """Add an issue with its proposition in Wikidata terms where the parts have QIDs.

    ``subject``/``object`` are QIDs or actor keys (eval/FORMAT.md). A QID becomes
    ``gk:propSubject wd:Q…`` and, when an actor of the article has it, ``gk:issueSubject``
    that actor; an actor key becomes ``gk:issueSubject`` and ``gk:propSubject`` the local IRI.

    Emits: gk:Issue, skos:Concept, skos:notation, skos:prefLabel, gk:relation,
    gk:propSubject, gk:propPredicate, gk:propObject, gk:issueSubject, gk:issueObject.
    """
    node = iris.issue_iri(issue.key)
    graph.add((node, RDF.type, GK.Issue))
    graph.add((node, RDF.type, SKOS.Concept))
    graph.add((node, SKOS.notation, Literal(issue.key)))
    graph.add((node, SKOS.prefLabel, Literal(issue.label or issue.key)))
    graph.add((node, GK.relation, iris.vocab_iri("relation", issue.relation)))
    if issue.relation in RELATION_PROPERTIES:
        graph.add((node, GK.propPredicate, RELATION_PROPERTIES[issue.relation]))
    by_qid = {actor.qid: actor.key for actor in actors if actor.qid}
    for part, prop, local in (
        (issue.subject, GK.propSubject, GK.issueSubject),
        (issue.object, GK.propObject, GK.issueObject),
    ):
        if not part:
            continue
        if _QID.match(part):
            graph.add((node, prop, iris.wikidata_iri(part)))
            if part in by_qid:
                graph.add((node, local, iris.actor_iri(by_qid[part])))
        else:
            graph.add((node, prop, iris.actor_iri(part)))
            graph.add((node, local, iris.actor_iri(part)))
    return node
