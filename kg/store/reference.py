"""Write the reference graph only when its content changed (a content hash in the catalogue)."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Literal

from kg.rdf import iris
from kg.store._terms import to_ox_quad
from kg.store.base import Store, Triple

logger = logging.getLogger(__name__)

#: Catalogue predicate holding a graph's content hash (schema.org: "the SHA-2 SHA256 hash of the
#: content of the item"); stated in the default graph about the graph IRI.
SHA256 = URIRef("http://schema.org/sha256")


def graph_digest(triples: Iterable[Triple]) -> str:
    """SHA-256 of the RDFC-1.0 canonical N-Quads of ``triples`` (blank-node labels do not matter).

    >>> from rdflib import BNode, URIRef
    >>> p = URIRef("http://example.org/p")
    >>> graph_digest([(BNode("a"), p, BNode("b"))]) == graph_digest([(BNode("x"), p, BNode("y"))])
    True
    """
    dataset = ox.Dataset(to_ox_quad(s, p, o) for s, p, o in triples)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    lines = sorted(str(q) for q in dataset)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def stored_digest(store: Store, graph: URIRef) -> str | None:
    """The content hash recorded for ``graph``, or None."""
    from kg.store.queries import _internal, _select_columns

    query = _internal("catalogue_hash")
    rows = _select_columns(query, store.query(query.text, {"graph": graph})).rows
    return str(rows[0][1]) if rows else None


def ensure_reference(
    store: Store, graph: Graph | Iterable[Triple], *, iri: URIRef = iris.REFERENCE_GRAPH
) -> bool:
    """Write ``graph`` as the reference graph unless the store already holds the same content.

    Cheap enough to call on every ingest run: one canonicalisation and one lookup when nothing
    changed. The hash is stored with the graph in the same transaction.

    Returns:
        True if the graph was (re)written, False if it was already up to date.
    """
    triples = list(graph)
    digest = graph_digest(triples)
    if stored_digest(store, iri) == digest and store.has_graph(iri):
        logger.debug("reference graph %s unchanged (%s)", iri, digest[:12])
        return False
    store.replace_graph(iri, triples, catalogue=[(SHA256, Literal(digest))])
    logger.info("wrote reference graph %s: %d triples", iri, len(triples))
    return True
