"""The RDF of links: schema:sameAs only for accepted links, a reviewable node for every link."""

from __future__ import annotations

from decimal import Decimal

from rdflib import Literal

from kg.model import Link
from kg.rdf import iris
from kg.rdf.links import build_links_graph
from kg.rdf.vocab import GK, SDO


def test_only_accepted_links_become_same_as() -> None:
    graph = build_links_graph(
        [
            Link(actor="dmitry-peskov", qid="Q1", method="wikidata.label+post", confidence=0.95),
            Link(
                actor="anna-nowak",
                qid="Q10",
                method="wikidata.label+ambiguous",
                confidence=0.65,
                accepted=False,
            ),
        ]
    )
    assert set(graph.objects(iris.actor_iri("dmitry-peskov"), SDO.sameAs)) == {
        iris.wikidata_iri("Q1")
    }
    assert set(graph.objects(iris.actor_iri("anna-nowak"), SDO.sameAs)) == set()
    rejected = iris.link_iri("anna-nowak")
    assert graph.value(rejected, GK.linkTarget) == iris.wikidata_iri("Q10")
    assert graph.value(rejected, GK.linkAccepted) == Literal(False)
    assert graph.value(rejected, GK.linkMethod) == Literal("wikidata.label+ambiguous")
    assert graph.value(iris.link_iri("dmitry-peskov"), GK.linkConfidence).toPython() == Decimal(
        "0.95"
    )
