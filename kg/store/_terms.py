"""Convert terms between rdflib and pyoxigraph (the only module that knows both term models)."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import XSD
from rdflib.term import BNode, Literal, Node, URIRef

from kg.errors import GraphError

_XSD_STRING = str(XSD.string)
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal
OxGraphName = ox.NamedNode | ox.BlankNode | ox.DefaultGraph


def to_ox(term: Node) -> OxTerm:
    """Return the pyoxigraph term for an rdflib ``URIRef``, ``BNode`` or ``Literal``.

    Raises:
        GraphError: ``term`` is of another kind (a variable, a quoted graph, a tuple).
    """
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise GraphError(f"cannot store {term!r}: only IRIs, blank nodes and literals are supported")


def to_ox_graph(graph: Node | None) -> OxGraphName:
    """Return the pyoxigraph graph name; None and rdflib's default-graph IRI map to the default."""
    if graph is None or graph == DATASET_DEFAULT_GRAPH_ID:
        return ox.DefaultGraph()
    if isinstance(graph, URIRef):
        return ox.NamedNode(str(graph))
    if isinstance(graph, BNode):
        return ox.BlankNode(str(graph))
    raise GraphError(f"cannot use {graph!r} as a graph name; use an IRI")


def to_ox_quad(s: Node, p: Node, o: Node, g: Node | None = None) -> ox.Quad:
    """Return a pyoxigraph quad, checking term positions (no literal subjects or predicates).

    Raises:
        GraphError: a term is not allowed in its position.
    """
    subject, predicate, obj = to_ox(s), to_ox(p), to_ox(o)
    if isinstance(subject, ox.Literal) or not isinstance(predicate, ox.NamedNode):
        raise GraphError(f"invalid triple ({s!r}, {p!r}, {o!r}): subject or predicate not allowed")
    return ox.Quad(subject, predicate, obj, to_ox_graph(g))


def from_ox(term: object) -> URIRef | BNode | Literal:
    """Return the rdflib term for a pyoxigraph term (xsd:string literals get no datatype).

    Raises:
        GraphError: ``term`` is an RDF 1.2 triple term, which rdflib cannot represent.
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype in (_XSD_STRING, _RDF_LANG_STRING):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise GraphError(f"the store holds {term!r}, which rdflib cannot represent (pitfall 22)")


def from_ox_graph(graph: object) -> URIRef | BNode | None:
    """Return the rdflib graph name, None for the default graph."""
    if isinstance(graph, ox.DefaultGraph):
        return None
    term = from_ox(graph)
    if isinstance(term, Literal):  # pragma: no cover - Oxigraph never names a graph by a literal
        raise GraphError(f"invalid graph name {term!r}")
    return term
