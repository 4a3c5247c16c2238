"""Helpers shared by the article and reference builders: literals, actors, posts, issues.

``time_literal`` and ``decimal_literal`` make rdflib literals (the pyoxigraph back end takes
their lexical forms once per value); the triple helpers write through an ``Emitter``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef

from kg.errors import GraphError
from kg.model import Actor, ActorKind, Issue
from kg.rdf import iris
from kg.rdf.vocab import GK, SDO, WDT, XSD

if TYPE_CHECKING:  # _sink imports the literal helpers below at run time
    from kg.rdf._sink import Emitter, L, N

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


def actor_triples(out: Emitter[N, L], actor: Actor, *, lang: str) -> N:
    """Type and label an actor of one article; return its IRI.

    Discovered (non-curated) actors also get their other names as ``skos:altLabel``.

    Emits: rdf:type (kind class + sem:Actor or sem:Place), rdfs:label, gk:actorKind,
    schema:sameAs (only with a QID), gk:partOfState, schema:nationality, skos:altLabel.
    """
    node = out.actor(actor.key)
    type_actor(out, node, actor.kind, actor.state)
    out.add(node, out.RDFS.label, out.text(actor.name, lang))
    if actor.qid:
        out.add(node, out.SDO.sameAs, out.iri(iris.wikidata_iri_str(actor.qid)))
    if not actor.curated:
        for name in actor.names:
            if name != actor.name:
                out.add(node, out.SKOS.altLabel, out.string(name))
    return node


def type_actor(out: Emitter[N, L], node: N, kind: ActorKind, state: str | None) -> None:
    """Add the kind-dependent types of an actor and the state it belongs to.

    Emits: rdf:type, gk:actorKind, gk:partOfState (bodies, militaries, parties, groups),
    schema:nationality (persons).
    """
    rdf_type = out.RDF.type
    out.add(node, rdf_type, out.term(ACTOR_CLASSES[kind]))
    out.add(node, rdf_type, out.SEM.Place if kind is ActorKind.PLACE else out.SEM.Actor)
    out.add(node, out.GK.actorKind, out.concept("actor-kind", kind.value))
    if state is None or kind is ActorKind.STATE or kind is ActorKind.PLACE:
        return
    if kind is ActorKind.PERSON:
        out.add(node, out.SDO.nationality, out.actor(state))
    else:
        out.add(node, out.GK.partOfState, out.actor(state))


def post_triples(out: Emitter[N, L], role: str, of: str | None) -> N:
    """Add a post (a role in/of an actor) and its role concept; return the post IRI.

    Emits: org:Post, org:postIn, org:role, org:Role, skos:Concept, skos:prefLabel.
    """
    post = out.iri(iris.post_iri_str(role, of))
    role_node = out.concept("post-role", role)
    rdf_type = out.RDF.type
    out.add(post, rdf_type, out.ORG.Post)
    if of is not None:
        out.add(post, out.ORG.postIn, out.actor(of))
    out.add(post, out.ORG.role, role_node)
    out.add(role_node, rdf_type, out.ORG.Role)
    out.add(role_node, rdf_type, out.SKOS.Concept)
    out.add(role_node, out.SKOS.prefLabel, out.text(role, "en"))
    return post


def issue_triples(out: Emitter[N, L], issue: Issue, actors: Sequence[Actor]) -> N:
    """Add an issue with its proposition in Wikidata terms where the parts have QIDs.

    ``subject``/``object`` are QIDs or actor keys (eval/FORMAT.md). A QID becomes
    ``gk:propSubject wd:Q…`` and, when an actor of the article has it, ``gk:issueSubject``
    that actor; an actor key becomes ``gk:issueSubject`` and ``gk:propSubject`` the local IRI.

    Emits: gk:Issue, skos:Concept, skos:notation, skos:prefLabel, gk:relation,
    gk:propSubject, gk:propPredicate, gk:propObject, gk:issueSubject, gk:issueObject.
    """
    gk = out.GK
    node = out.iri(iris.issue_iri_str(issue.key))
    out.add(node, out.RDF.type, gk.Issue)
    out.add(node, out.RDF.type, out.SKOS.Concept)
    out.add(node, out.SKOS.notation, out.string(issue.key))
    out.add(node, out.SKOS.prefLabel, out.string(issue.label or issue.key))
    out.add(node, gk.relation, out.concept("relation", issue.relation))
    if issue.relation in RELATION_PROPERTIES:
        out.add(node, gk.propPredicate, out.term(RELATION_PROPERTIES[issue.relation]))
    by_qid = {actor.qid: actor.key for actor in actors if actor.qid}
    for part, prop, local in (
        (issue.subject, gk.propSubject, gk.issueSubject),
        (issue.object, gk.propObject, gk.issueObject),
    ):
        if not part:
            continue
        if _QID.match(part):
            out.add(node, prop, out.iri(iris.wikidata_iri_str(part)))
            if part in by_qid:
                out.add(node, local, out.actor(by_qid[part]))
        else:
            out.add(node, prop, out.actor(part))
            out.add(node, local, out.actor(part))
    return node
