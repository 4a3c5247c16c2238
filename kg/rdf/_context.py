"""What every article-graph helper needs: the article's context and its text spans."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass

from rdflib import Literal, URIRef

from kg.errors import GraphError
from kg.rdf import iris
from kg.rdf._sink import TripleSink
from kg.rdf.vocab import NIF, RDF, XSD


@dataclass(frozen=True, slots=True)
class ArticleContext:
    """What every helper needs to know about the article being built."""

    article_id: str
    article: URIRef
    text_node: URIRef
    text: str
    lang: str
    sentence_starts: tuple[int, ...]
    sentence_nodes: tuple[tuple[int, int, URIRef], ...]
    statements: Mapping[str, URIRef]
    holdings: Mapping[str, URIRef]
    descriptors: Mapping[str, str]
    published: Literal | None

    def span(self, graph: TripleSink, start: int, end: int) -> URIRef:
        """Add the ``nif:Phrase`` for ``text[start:end]`` and return its IRI.

        Emits: nif:Phrase, nif:referenceContext, nif:beginIndex, nif:endIndex, nif:anchorOf,
        nif:sentence.
        """
        check_offsets(self.text, start, end, what=f"span [{start}, {end})")
        node = iris.span_iri(self.article_id, start, end)
        add_phrase(graph, self, node, start, end)
        return node

    def sentence_of(self, start: int, end: int) -> URIRef | None:
        """Return the sentence that contains ``[start, end)``, if any."""
        index = bisect_right(self.sentence_starts, start) - 1
        if index < 0:
            return None
        s_start, s_end, node = self.sentence_nodes[index]
        return node if s_start <= start and end <= s_end else None


def check_offsets(text: str, start: int, end: int, *, what: str) -> None:
    """Raise ``GraphError`` unless ``0 <= start <= end <= len(text)`` (code points).

    >>> check_offsets("Kyjiw", 0, 5, what="mention")
    >>> check_offsets("Kyjiw", 2, 9, what="mention")
    Traceback (most recent call last):
    ...
    kg.errors.GraphError: mention has offsets [2, 9) outside the text (0..5 code points)
    """
    if not 0 <= start <= end <= len(text):
        raise GraphError(
            f"{what} has offsets [{start}, {end}) outside the text (0..{len(text)} code points)"
        )


def add_phrase(graph: TripleSink, ctx: ArticleContext, node: URIRef, start: int, end: int) -> None:
    """Describe ``node`` as the span ``[start, end)`` of the article text.

    Emits: nif:Phrase, nif:referenceContext, nif:beginIndex, nif:endIndex (xsd:integer code
    points), nif:anchorOf, nif:sentence.
    """
    graph.add((node, RDF.type, NIF.Phrase))
    graph.add((node, NIF.referenceContext, ctx.text_node))
    graph.add((node, NIF.beginIndex, Literal(start, datatype=XSD.integer)))
    graph.add((node, NIF.endIndex, Literal(end, datatype=XSD.integer)))
    graph.add((node, NIF.anchorOf, Literal(ctx.text[start:end])))
    sentence = ctx.sentence_of(start, end)
    if sentence is not None:
        graph.add((node, NIF.sentence, sentence))
