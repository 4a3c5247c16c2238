"""Every namespace kg writes, defined once; ``GK`` mirrors ``ontology/kg.ttl`` term for term.

``GK`` and the small closed namespaces below raise ``AttributeError`` for unknown terms
(``_fail = True``), so a typo fails loudly instead of minting a new IRI. schema.org is pinned to
``http://schema.org/`` (rdflib's own ``SDO`` uses https; mixing them splits the data).
``tests/rdf/test_vocab_sync.py`` checks that ``GK`` and ``kg.ttl`` define the same terms.
"""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD, DefinedNamespace

from kg.rdf.iris import BASE, ONTOLOGY_NS, WIKIDATA_ENTITY

__all__ = [
    "DCTERMS",
    "GAF",
    "GK",
    "NIF",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SDO",
    "SEM",
    "SKOS",
    "TIME",
    "WD",
    "WDT",
    "XSD",
    "bind_namespaces",
]

WD = Namespace(WIKIDATA_ENTITY)
WDT = Namespace("http://www.wikidata.org/prop/direct/")


class GK(DefinedNamespace):
    """Terms of ``ontology/kg.ttl`` (classes UpperCamel, properties lowerCamel)."""

    _NS = Namespace(ONTOLOGY_NS)
    _fail = True

    # classes
    ArticleGraph: URIRef
    Claim: URIRef
    ClaimGraph: URIRef
    DirectQuote: URIRef
    EntityLink: URIRef
    Event: URIRef
    GovernmentBody: URIRef
    InternationalOrganization: URIRef
    Issue: URIRef
    MilitaryOrganization: URIRef
    NonStateGroup: URIRef
    PoliticalParty: URIRef
    PostHolding: URIRef
    ReferenceGraph: URIRef
    ReportedSpeech: URIRef
    Stance: URIRef
    State: URIRef
    Statement: URIRef

    # properties
    accordingToPhrase: URIRef
    actorKind: URIRef
    cameoCode: URIRef
    confidence: URIRef
    content: URIRef
    cue: URIRef
    duringEvent: URIRef
    epistemicStatus: URIRef
    evidence: URIRef
    expressedBy: URIRef
    extractionMethod: URIRef
    hasText: URIRef
    holder: URIRef
    issue: URIRef
    issueObject: URIRef
    issueSubject: URIRef
    linkAccepted: URIRef
    linkConfidence: URIRef
    linkMethod: URIRef
    linkTarget: URIRef
    linkedActor: URIRef
    mentionForm: URIRef
    mentionsActor: URIRef
    metonymFor: URIRef
    observedAt: URIRef
    onBehalfOf: URIRef
    partOfState: URIRef
    ploverType: URIRef
    position: URIRef
    post: URIRef
    propObject: URIRef
    propPredicate: URIRef
    propSubject: URIRef
    publishedAt: URIRef
    quantity: URIRef
    quantityUnit: URIRef
    quoteMode: URIRef
    relation: URIRef
    reportedIn: URIRef
    reportingVerb: URIRef
    sha256: URIRef
    speakerCapacity: URIRef
    speakerDescriptor: URIRef
    trigger: URIRef
    userRank: URIRef
    validAt: URIRef


class SDO(DefinedNamespace):
    """The schema.org terms kg uses, pinned to ``http://schema.org/``."""

    _NS = Namespace("http://schema.org/")
    _fail = True

    Claim: URIRef
    Comment: URIRef
    Country: URIRef
    CreativeWork: URIRef
    GovernmentOrganization: URIRef
    NewsArticle: URIRef
    Organization: URIRef
    Person: URIRef
    Place: URIRef
    Quotation: URIRef
    about: URIRef
    alternateName: URIRef
    appearance: URIRef
    author: URIRef
    comment: URIRef
    contributor: URIRef
    creator: URIRef
    creditText: URIRef
    dateCreated: URIRef
    datePublished: URIRef
    downvoteCount: URIRef
    headline: URIRef
    identifier: URIRef
    inLanguage: URIRef
    locationCreated: URIRef
    mentions: URIRef
    name: URIRef
    nationality: URIRef
    parentItem: URIRef
    position: URIRef
    publisher: URIRef
    sameAs: URIRef
    text: URIRef
    upvoteCount: URIRef
    url: URIRef


class SEM(DefinedNamespace):
    """Simple Event Model terms kg uses."""

    _NS = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
    _fail = True

    Actor: URIRef
    Event: URIRef
    Place: URIRef
    Role: URIRef
    eventType: URIRef
    hasActor: URIRef
    hasBeginTimeStamp: URIRef
    hasEarliestBeginTimeStamp: URIRef
    hasEndTimeStamp: URIRef
    hasLatestBeginTimeStamp: URIRef
    hasLatestEndTimeStamp: URIRef
    hasPlace: URIRef
    hasTimeStamp: URIRef
    roleType: URIRef


class NIF(DefinedNamespace):
    """NIF 2.1 core terms kg uses (offsets in Unicode code points, end exclusive)."""

    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    _fail = True

    Context: URIRef
    Phrase: URIRef
    Sentence: URIRef
    anchorOf: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    isString: URIRef
    referenceContext: URIRef
    sentence: URIRef


class GAF(DefinedNamespace):
    """Grounded Annotation Framework: a mention denotes an instance."""

    _NS = Namespace("http://groundedannotationframework.org/gaf#")
    _fail = True

    denotedBy: URIRef
    denotes: URIRef


#: Prefixes for serialised output (TriG/Turtle). ``schema`` is rebound on purpose.
PREFIXES: dict[str, str] = {
    "gk": ONTOLOGY_NS,
    "kgid": BASE + "id/",
    "schema": str(SDO._NS),
    "sem": str(SEM._NS),
    "nif": str(NIF._NS),
    "gaf": str(GAF._NS),
    "org": str(ORG._NS),
    "prov": str(PROV._NS),
    "skos": str(SKOS._NS),
    "dcterms": str(DCTERMS._NS),
    "time": str(TIME._NS),
    "wd": str(WD),
    "wdt": str(WDT),
}


def bind_namespaces(graph: Graph) -> Graph:
    """Bind kg's prefixes on ``graph`` (replacing rdflib's https ``schema:``) and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
