"""Where the graph builders write: an ``Emitter`` makes terms and adds triples to one graph.

The article builders are written once against ``Emitter[N, L]`` (``N`` the IRI type, ``L`` the
literal type of one RDF library) and run on two back ends:

* ``RdflibEmitter`` makes rdflib terms and adds them to a ``TripleSink``: a ``QuadSink`` (the
  library API: ``build_article_quads``/``build_article_graph``) or an rdflib ``Graph`` (the
  reference graph);
* ``kg.rdf._ox.OxEmitter`` makes pyoxigraph terms and quads directly (the ingest hot path, which
  only needs N-Quads bytes): no rdflib term is built and none is converted.

Both back ends must give the same RDF; ``tests/rdf/test_sink.py`` checks that the pyoxigraph
quads equal the rdflib quads converted term by term, article for article.

``QuadSink`` is a fast stand-in for ``rdflib.Graph.add``: rdflib's memory store costs about
50 µs per added triple (indexes, events); an article has 1–2 thousand triples, so building into a
``Dataset`` dominated ingest. Only callers that need a ``Dataset`` pay for one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Generic, Protocol, TypeVar

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.errors import GraphError
from kg.rdf import iris, vocab
from kg.rdf._terms import decimal_literal, time_literal

Quad = tuple[Node, Node, Node, URIRef]

#: The IRI term type of a back end (``rdflib.URIRef`` or ``pyoxigraph.NamedNode``).
N = TypeVar("N")
#: The literal term type of a back end (``rdflib.Literal`` or ``pyoxigraph.Literal``).
L = TypeVar("L")


class TripleSink(Protocol):
    """What ``RdflibEmitter`` needs of a graph: ``add`` (``rdflib.Graph`` satisfies it)."""

    def add(self, triple: tuple[Node, Node, Node], /) -> object:
        """Add one triple."""


class QuadSink:
    """Collects the triples of one named graph into a shared list of quads."""

    __slots__ = ("context", "quads")

    def __init__(self, quads: list[Quad], context: URIRef) -> None:
        self.quads = quads
        self.context = context

    def add(self, triple: tuple[Node, Node, Node], /) -> QuadSink:
        """Add one triple to this sink's graph."""
        s, p, o = triple
        self.quads.append((s, p, o, self.context))
        return self

    def graph(self, context: URIRef) -> QuadSink:
        """Return a sink for another named graph that writes into the same list."""
        return QuadSink(self.quads, context)


class TermNamespace(Generic[N]):
    """One of ``kg.rdf.vocab``'s namespaces with its terms made by a back end's IRI factory.

    A term is looked up in the rdflib namespace (closed namespaces raise ``AttributeError`` for
    a typo) and converted once; later reads are plain attribute reads.
    """

    def __init__(self, namespace: object, factory: Callable[[str], N]) -> None:
        self._namespace = namespace
        self._factory = factory

    def __getattr__(self, name: str) -> N:
        if name.startswith("_"):
            raise AttributeError(name)
        term = self._factory(str(getattr(self._namespace, name)))
        setattr(self, name, term)
        return term


class Emitter(Generic[N, L]):
    """Makes the terms of one RDF library and adds triples to one named graph.

    Subclasses set the namespaces (``RDF``, ``GK``, … as ``TermNamespace``) as class attributes
    and implement every method; ``graph`` returns an emitter for another named graph that
    writes into the same output.
    """

    __slots__ = ()

    RDF: TermNamespace[N]
    RDFS: TermNamespace[N]
    XSD: TermNamespace[N]
    GK: TermNamespace[N]
    SDO: TermNamespace[N]
    SEM: TermNamespace[N]
    NIF: TermNamespace[N]
    GAF: TermNamespace[N]
    ORG: TermNamespace[N]
    PROV: TermNamespace[N]
    SKOS: TermNamespace[N]
    WDT: TermNamespace[N]

    def add(self, s: N, p: N, o: N | L, /) -> None:
        """Add the triple ``(s, p, o)`` to this emitter's graph."""
        raise NotImplementedError

    def graph(self, name: N) -> Emitter[N, L]:
        """Return an emitter for the named graph ``name`` writing into the same output."""
        raise NotImplementedError

    def iri(self, value: str) -> N:
        """Return the IRI ``value`` (minted by ``kg.rdf.iris``).

        Raises:
            GraphError: the back end refuses ``value`` as an IRI.
        """
        raise NotImplementedError

    def term(self, iri: URIRef) -> N:
        """Return a vocabulary IRI held as an rdflib constant (``_terms.ACTOR_CLASSES``)."""
        raise NotImplementedError

    def actor(self, key: str) -> N:
        """Return ``iris.actor_iri(key)``."""
        raise NotImplementedError

    def concept(self, scheme: str, value: str) -> N:
        """Return ``iris.vocab_iri(scheme, value)``."""
        raise NotImplementedError

    def string(self, value: str) -> L:
        """Return a plain (``xsd:string``) literal."""
        raise NotImplementedError

    def text(self, value: str, lang: str) -> L:
        """Return a literal in language ``lang`` (plain when ``lang`` is empty)."""
        raise NotImplementedError

    def integer(self, value: int) -> L:
        """Return an ``xsd:integer`` literal."""
        raise NotImplementedError

    def decimal(self, value: float) -> L:
        """Return ``_terms.decimal_literal(value)`` (a confidence rounded to 3 places)."""
        raise NotImplementedError

    def date(self, value: date) -> L:
        """Return an ``xsd:date`` literal."""
        raise NotImplementedError

    def datetime(self, value: datetime) -> L:
        """Return an ``xsd:dateTime`` literal (ISO 8601 as ``datetime.isoformat`` writes it)."""
        raise NotImplementedError

    def time(self, value: str) -> L:
        """Return ``_terms.time_literal(value)`` (an ISO time value at its precision).

        Raises:
            GraphError: ``value`` is not ISO 8601.
        """
        raise NotImplementedError


def _uriref(value: str) -> URIRef:
    return URIRef(value)


class RdflibEmitter(Emitter[URIRef, Literal]):
    """Makes rdflib terms and adds them to a ``TripleSink`` (a ``QuadSink`` or a ``Graph``)."""

    __slots__ = ("_target",)

    RDF = TermNamespace(vocab.RDF, _uriref)
    RDFS = TermNamespace(vocab.RDFS, _uriref)
    XSD = TermNamespace(vocab.XSD, _uriref)
    GK = TermNamespace(vocab.GK, _uriref)
    SDO = TermNamespace(vocab.SDO, _uriref)
    SEM = TermNamespace(vocab.SEM, _uriref)
    NIF = TermNamespace(vocab.NIF, _uriref)
    GAF = TermNamespace(vocab.GAF, _uriref)
    ORG = TermNamespace(vocab.ORG, _uriref)
    PROV = TermNamespace(vocab.PROV, _uriref)
    SKOS = TermNamespace(vocab.SKOS, _uriref)
    WDT = TermNamespace(vocab.WDT, _uriref)

    def __init__(self, target: TripleSink) -> None:
        self._target = target

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal, /) -> None:
        """Add the triple ``(s, p, o)`` to the target graph."""
        self._target.add((s, p, o))

    def graph(self, name: URIRef) -> RdflibEmitter:
        """Return an emitter for the named graph ``name`` (the target must be a ``QuadSink``).

        Raises:
            GraphError: the target holds a single graph.
        """
        if not isinstance(self._target, QuadSink):
            raise GraphError(
                f"cannot add named graph {name}: {type(self._target).__name__} holds one graph; "
                "allowed: a QuadSink"
            )
        return RdflibEmitter(self._target.graph(name))

    def iri(self, value: str) -> URIRef:
        """Return ``URIRef(value)``."""
        return URIRef(value)

    def term(self, iri: URIRef) -> URIRef:
        """Return ``iri`` itself."""
        return iri

    def actor(self, key: str) -> URIRef:
        """Return ``iris.actor_iri(key)``."""
        return iris.actor_iri(key)

    def concept(self, scheme: str, value: str) -> URIRef:
        """Return ``iris.vocab_iri(scheme, value)``."""
        return iris.vocab_iri(scheme, value)

    def string(self, value: str) -> Literal:
        """Return ``Literal(value)``."""
        return Literal(value)

    def text(self, value: str, lang: str) -> Literal:
        """Return ``Literal(value, lang=lang)``."""
        return Literal(value, lang=lang)

    def integer(self, value: int) -> Literal:
        """Return ``Literal(value, datatype=XSD.integer)``."""
        return Literal(value, datatype=vocab.XSD.integer)

    def decimal(self, value: float) -> Literal:
        """Return ``decimal_literal(value)``."""
        return decimal_literal(value)

    def date(self, value: date) -> Literal:
        """Return ``Literal(value.isoformat(), datatype=XSD.date)``."""
        return Literal(value.isoformat(), datatype=vocab.XSD.date)

    def datetime(self, value: datetime) -> Literal:
        """Return ``Literal(value)`` (rdflib writes ``value.isoformat()``, ``xsd:dateTime``)."""
        return Literal(value)

    def time(self, value: str) -> Literal:
        """Return ``time_literal(value)``."""
        return time_literal(value)
