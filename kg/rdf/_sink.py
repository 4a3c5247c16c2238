"""A fast stand-in for ``rdflib.Graph.add`` while building an article's quads.

rdflib's memory store costs about 50 µs per added triple (indexes, events); an article has
1–2 thousand triples, so building into a ``Dataset`` dominated ingest. The builders write into
a ``QuadSink`` (a list of quads) and only callers that need a ``Dataset`` pay for one.
"""

from __future__ import annotations

from typing import Protocol

from rdflib import URIRef
from rdflib.term import Node

Quad = tuple[Node, Node, Node, URIRef]


class TripleSink(Protocol):
    """What the builders need of a graph: ``add`` (``rdflib.Graph`` satisfies it)."""

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
