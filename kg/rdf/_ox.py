"""pyoxigraph terms for the ingest hot path (N-Quads written by Oxigraph).

``OxEmitter`` is the pyoxigraph back end of ``kg.rdf._sink.Emitter``: the article builders make
``pyoxigraph.Quad`` objects directly. Terms that recur across articles (vocabulary, actors,
code-list concepts, confidences, time values) are made once per process.

``ox_term`` converts an rdflib term the way the store does (``kg.store._terms``; this layer
may not import ``kg.store``): ``OxEmitter`` uses it to make each literal form once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TypeVar

import pyoxigraph as ox
from rdflib.term import Literal, Node, URIRef

from kg.errors import GraphError
from kg.rdf import iris, vocab
from kg.rdf._sink import Emitter, TermNamespace
from kg.rdf._terms import decimal_literal, time_literal

#: Entries per process-wide term cache before it is cleared: far more than a corpus has
#: actors, concepts, confidences or time values (each a ~100-byte entry), so in practice the
#: caches fill once and stay.
TERM_CACHE_SIZE = 200_000

_K = TypeVar("_K")
_V = TypeVar("_V")

_named: dict[str, ox.NamedNode] = {}


def named_node(iri: str) -> ox.NamedNode:
    """Return the (cached) pyoxigraph IRI for ``iri``.

    Raises:
        GraphError: ``iri`` is not a valid absolute IRI.
    """
    node = _named.get(iri)
    return node if node is not None else _remember(_named, iri, _new_node(iri))


def _new_node(iri: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(iri)
    except ValueError as exc:
        raise GraphError(f"invalid IRI {iri!r}: {exc}") from exc


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


def serialize_nquads(quads: Iterable[ox.Quad]) -> bytes:
    """N-Quads bytes for ``quads``, in order (Oxigraph's serialiser)."""
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""


# Process-wide caches of terms that recur across articles (see TERM_CACHE_SIZE).
_actors: dict[str, ox.NamedNode] = {}
_concepts: dict[tuple[str, str], ox.NamedNode] = {}
_decimals: dict[float, ox.Literal] = {}
_times: dict[str, ox.Literal] = {}


def _remember(cache: dict[_K, _V], key: _K, value: _V) -> _V:
    if len(cache) >= TERM_CACHE_SIZE:
        cache.clear()
    cache[key] = value
    return value


_Quad = ox.Quad
_XSD_INTEGER = named_node(str(vocab.XSD.integer))
_XSD_DATE = named_node(str(vocab.XSD.date))
_XSD_DATETIME = named_node(str(vocab.XSD.dateTime))


class OxEmitter(Emitter[ox.NamedNode, ox.Literal]):
    """Makes pyoxigraph terms and appends ``pyoxigraph.Quad`` objects to a list.

    Every literal is the one ``ox_term`` gives for the rdflib literal ``RdflibEmitter`` makes:
    lexical forms of decimals and time values come from ``_terms`` itself (once per value).
    """

    __slots__ = ("_append", "_graph", "_quads")

    RDF = TermNamespace(vocab.RDF, named_node)
    RDFS = TermNamespace(vocab.RDFS, named_node)
    XSD = TermNamespace(vocab.XSD, named_node)
    GK = TermNamespace(vocab.GK, named_node)
    SDO = TermNamespace(vocab.SDO, named_node)
    SEM = TermNamespace(vocab.SEM, named_node)
    NIF = TermNamespace(vocab.NIF, named_node)
    GAF = TermNamespace(vocab.GAF, named_node)
    ORG = TermNamespace(vocab.ORG, named_node)
    PROV = TermNamespace(vocab.PROV, named_node)
    SKOS = TermNamespace(vocab.SKOS, named_node)
    WDT = TermNamespace(vocab.WDT, named_node)

    def __init__(self, quads: list[ox.Quad], graph: ox.NamedNode) -> None:
        self._quads = quads
        self._append = quads.append
        self._graph = graph

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal, /) -> None:
        """Append the quad ``(s, p, o, graph)``."""
        self._append(_Quad(s, p, o, self._graph))

    def graph(self, name: ox.NamedNode) -> OxEmitter:
        """Return an emitter for the named graph ``name`` appending to the same list."""
        return OxEmitter(self._quads, name)

    def iri(self, value: str) -> ox.NamedNode:
        """Return ``NamedNode(value)``.

        Raises:
            GraphError: ``value`` is not a valid absolute IRI.
        """
        return _new_node(value)

    def term(self, iri: URIRef) -> ox.NamedNode:
        """Return the pyoxigraph IRI for a vocabulary constant (cached)."""
        return named_node(str(iri))

    def actor(self, key: str) -> ox.NamedNode:
        """Return the IRI of ``iris.actor_iri(key)`` (cached per key)."""
        node = _actors.get(key)
        if node is None:
            node = _remember(_actors, key, _new_node(iris.actor_iri_str(key)))
        return node

    def concept(self, scheme: str, value: str) -> ox.NamedNode:
        """Return the IRI of ``iris.vocab_iri(scheme, value)`` (cached)."""
        node = _concepts.get((scheme, value))
        if node is None:
            node = _remember(
                _concepts, (scheme, value), _new_node(iris.vocab_iri_str(scheme, value))
            )
        return node

    def string(self, value: str) -> ox.Literal:
        """Return ``Literal(value)`` (``xsd:string``)."""
        return ox.Literal(value)

    def text(self, value: str, lang: str) -> ox.Literal:
        """Return ``Literal(value, language=lang)``; plain when ``lang`` is empty (as rdflib)."""
        return ox.Literal(value, language=lang) if lang else ox.Literal(value)

    def integer(self, value: int) -> ox.Literal:
        """Return an ``xsd:integer`` literal."""
        return ox.Literal(str(value), datatype=_XSD_INTEGER)

    def decimal(self, value: float) -> ox.Literal:
        """Return ``decimal_literal(value)`` as pyoxigraph (cached per non-zero value).

        Zeros are not cached: ``0.0 == -0.0`` as a key, but rdflib writes ``0`` and ``-0``.
        """
        term = _decimals.get(value)
        if term is None:
            term = _literal(decimal_literal(value))
            if value:
                _remember(_decimals, value, term)
        return term

    def date(self, value: date) -> ox.Literal:
        """Return an ``xsd:date`` literal."""
        return ox.Literal(value.isoformat(), datatype=_XSD_DATE)

    def datetime(self, value: datetime) -> ox.Literal:
        """Return an ``xsd:dateTime`` literal (``value.isoformat()``, as rdflib writes it)."""
        return ox.Literal(value.isoformat(), datatype=_XSD_DATETIME)

    def time(self, value: str) -> ox.Literal:
        """Return ``time_literal(value)`` as pyoxigraph (cached per value).

        Raises:
            GraphError: ``value`` is not ISO 8601.
        """
        term = _times.get(value)
        if term is None:
            term = _remember(_times, value, _literal(time_literal(value)))
        return term


def _literal(term: Literal) -> ox.Literal:
    literal = ox_term(term)
    if not isinstance(literal, ox.Literal):  # pragma: no cover - _terms makes literals
        raise GraphError(f"expected a literal, got {term!r}")
    return literal
