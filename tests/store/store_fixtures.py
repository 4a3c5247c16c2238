"""Synthetic quads for the store tests (no NLP): articles with a count marker per graph.

Every graph written by :func:`article_quads` states ``<graph> ex:tripleCount n`` where ``n`` is
the number of triples in that graph including the marker, so a reader can check that a graph is
complete. :func:`small_kg` writes a reference graph and three articles for query tests.
"""

from __future__ import annotations

from rdflib import BNode, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.rdf import iris
from kg.store import Quad, Store

EX = Namespace("http://example.org/test#")
SCHEMA = Namespace("http://schema.org/")
COUNT = EX.tripleCount
#: Strings that would break a query if they were pasted into its text.
NASTY = 'x" } ; DROP ALL ; # \n\\ <http://evil> „Zitat“ 🤔'


def article_quads(
    article_id: str, triples: int = 20, claims: int = 0, *, version: int = 0
) -> list[Quad]:
    """Quads of one article: ``triples`` per graph (marker included), ``claims`` claim graphs."""
    graphs = [iris.article_graph_iri(article_id)]
    graphs += [iris.claim_graph_iri(article_id, n) for n in range(1, claims + 1)]
    quads: list[Quad] = []
    for graph in graphs:
        quads.append((graph, COUNT, Literal(triples), graph))
        node = BNode()
        quads.append((node, RDFS.label, Literal(f"{graph} v{version}", lang="de"), graph))
        for i in range(triples - 2):
            subject = iris.article_part_iri(article_id, f"s{i}")
            quads.append((subject, EX.value, Literal(f"{NASTY} {i} v{version}"), graph))
    return quads


def graph_is_complete(store: Store, graph: URIRef) -> bool:
    """True if ``graph`` holds exactly as many triples as its count marker says."""
    markers = [q[2] for q in store.quads(graph) if q[1] == COUNT]
    return len(markers) == 1 and int(markers[0]) == store.count(graph)


ACTORS = {
    # key: (QID, German label, English label)
    "nato": ("Q7184", "NATO", "NATO"),
    "ukraine": ("Q212", "Ukraine", "Ukraine"),
    "russia": ("Q159", "Russland", "Russia"),
    "mark-rutte": ("Q57792", "Mark Rutte", "Mark Rutte"),
    "peskov-a": (None, "Dmitri Peskow", "Dmitry Peskov"),
    "peskov-b": (None, "Dmitri Peskow", "Dmitri Peskow"),
}
#: (article id, speaker key, date, text) of the synthetic statements.
STATEMENTS = (
    ("t1", "mark-rutte", "2024-12-03", "Die Ukraine wird Mitglied der NATO."),
    ("t1", "russia", "2024-12-03", NASTY),
    ("t2", "mark-rutte", "2025-01-10", "Wir stehen an der Seite der Ukraine."),
    ("t3", "nato", "2025-02-01", "Ein drittes Zitat."),
)


def reference_triples() -> list[tuple[URIRef, URIRef, object]]:
    """The reference graph of :func:`small_kg`: actors with labels and Wikidata links."""
    triples: list[tuple[URIRef, URIRef, object]] = []
    for key, (qid, de, en) in ACTORS.items():
        actor = iris.actor_iri(key)
        triples.append((actor, RDF.type, SCHEMA.Organization))
        triples.append((actor, RDFS.label, Literal(de, lang="de")))
        triples.append((actor, RDFS.label, Literal(en, lang="en")))
        if qid:
            triples.append((actor, SCHEMA.sameAs, iris.wikidata_iri(qid)))
    return triples


def small_kg(store: Store) -> None:
    """Write the reference graph and articles t1–t3 with their statements."""
    store.replace_graph(iris.REFERENCE_GRAPH, reference_triples())  # type: ignore[arg-type]
    by_article: dict[str, list[Quad]] = {}
    for number, (article, speaker, day, text) in enumerate(STATEMENTS):
        graph = iris.article_graph_iri(article)
        statement = iris.article_part_iri(article, f"stmt-{number}")
        by_article.setdefault(
            article, [(iris.article_iri(article), RDF.type, SCHEMA.NewsArticle, graph)]
        )
        by_article[article] += [
            (statement, RDF.type, SCHEMA.Quotation, graph),
            (statement, SCHEMA.creator, iris.actor_iri(speaker), graph),
            (statement, SCHEMA.text, Literal(text, lang="de"), graph),
            (statement, SCHEMA.dateCreated, Literal(day, datatype=XSD.date), graph),
            (statement, SCHEMA.isPartOf, iris.article_iri(article), graph),
        ]
    for article, quads in by_article.items():
        store.replace_graphs(iris.article_graph_iri(article), quads)
