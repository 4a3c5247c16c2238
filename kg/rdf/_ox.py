"""rdflib terms to pyoxigraph terms for the ingest hot path (N-Quads written by Oxigraph).

``kg.store._terms`` does the same conversion for the store; ``kg.rdf`` may not import
``kg.store``, and this copy is tuned for an article's quads: IRIs repeat (predicates, classes,
actors, the article itself), so each distinct IRI string is converted once per process.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib.term import Literal, Node, URIRef

from kg.errors import GraphError

#: Distinct IRIs remembered: far more than an article uses, small next to the N-Quads of one
#: 64-article batch (~100 bytes per entry); cleared when full.
IRI_CACHE_SIZE = 200_000

_named: dict[str, ox.NamedNode] = {}


def named_node(iri: str) -> ox.NamedNode:
    """Return the (cached) pyoxigraph IRI for ``iri``.

    Raises:
        GraphError: ``iri`` is not a valid absolute IRI.
    """
    node = _named.get(iri)
    if node is None:
        try:
            node = ox.NamedNode(iri)
        except ValueError as exc:
            raise GraphError(f"invalid IRI {iri!r}: {exc}") from exc
        if len(_named) >= IRI_CACHE_SIZE:
            _named.clear()
        _named[iri] = node
    return node


def ox_term(term: Node) -> ox.NamedNode | ox.Literal:
    """Return the pyoxigraph term for an rdflib IRI or literal (as ``kg.store._terms.to_ox``).

    Raises:
        GraphError: ``term`` is neither (kg's article graphs have no blank nodes).
    """
    if type(term) is URIRef:
        return named_node(term)
    if isinstance(term, Literal):
        try:
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype is not None:
                return ox.Literal(str(term), datatype=named_node(term.datatype))
            return ox.Literal(str(term))
        except ValueError as exc:
            raise GraphError(f"cannot store literal {term!r}: {exc}") from exc
    if isinstance(term, URIRef):
        return named_node(str(term))
    raise GraphError(f"cannot store {term!r} in an article graph: only IRIs and literals")


def ox_quads(quads: Iterable[tuple[Node, Node, Node, URIRef]]) -> list[ox.Quad]:
    """Return pyoxigraph quads for rdflib ``(s, p, o, graph)`` quads.

    Raises:
        GraphError: a term is not allowed in its position (a literal subject or predicate).
    """
    out: list[ox.Quad] = []
    append = out.append
    for s, p, o, g in quads:
        subject, predicate = ox_term(s), ox_term(p)
        if not isinstance(subject, ox.NamedNode) or not isinstance(predicate, ox.NamedNode):
            raise GraphError(f"invalid triple ({s!r}, {p!r}, {o!r}): literal subject or predicate")
        append(ox.Quad(subject, predicate, ox_term(o), named_node(g)))
    return out


def serialize_nquads(quads: Iterable[ox.Quad]) -> bytes:
    """N-Quads bytes for ``quads``, in order (Oxigraph's serialiser)."""
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
