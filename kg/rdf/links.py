"""RDF for Wikidata links: one ``gk:EntityLink`` node per actor, ``schema:sameAs`` when accepted.

The triples belong in ``iris.LINKS_GRAPH`` (``graph/links``). A link below the threshold keeps its
node (method, confidence, target, ``gk:linkAccepted false``) for review, but the actor gets no
``schema:sameAs``: a wrong QID is worse than none.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, Literal
from rdflib.namespace import XSD

from kg.model import Link
from kg.rdf import iris
from kg.rdf._terms import decimal_literal
from kg.rdf.vocab import GK, PROV, RDF, RDFS, SDO, bind_namespaces


def build_links_graph(links: Iterable[Link]) -> Graph:
    """The triples of ``links`` (pure; deterministic IRIs).

    Emits: gk:EntityLink, gk:linkedActor, gk:linkTarget, gk:linkMethod, gk:linkConfidence,
    gk:linkAccepted, rdfs:label (the item's label, for review), schema:sameAs (accepted only).
    """
    graph = Graph()
    bind_namespaces(graph)
    for link in links:
        actor = iris.actor_iri(link.actor)
        item = iris.wikidata_iri(link.qid)
        node = iris.link_iri(link.actor)
        graph.add((node, RDF.type, GK.EntityLink))
        graph.add((node, RDF.type, PROV.Entity))
        graph.add((node, GK.linkedActor, actor))
        graph.add((node, GK.linkTarget, item))
        graph.add((node, GK.linkMethod, Literal(link.method)))
        graph.add((node, GK.linkConfidence, decimal_literal(link.confidence)))
        graph.add((node, GK.linkAccepted, Literal(link.accepted, datatype=XSD.boolean)))
        if link.label:
            graph.add((node, RDFS.label, Literal(link.label)))
        if link.accepted:
            graph.add((actor, SDO.sameAs, item))
    return graph
