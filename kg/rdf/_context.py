"""What every article-graph helper needs: the article's context and its text spans."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Generic

from kg.errors import GraphError
from kg.rdf import iris
from kg.rdf._sink import Emitter, L, N


@dataclass(frozen=True, slots=True)
class ArticleContext(Generic[N, L]):
    """What every helper needs to know about the article being built (terms of one back end)."""

    article_id: str
    article: N
    text_node: N
    text: str
    lang: str
    sentence_starts: tuple[int, ...]
    sentence_nodes: tuple[tuple[int, int, N], ...]
    statements: Mapping[str, N]
    holdings: Mapping[str, N]
    descriptors: Mapping[str, str]
    published: L | None

    def span(self, out: Emitter[N, L], start: int, end: int) -> N:
        """Add the ``nif:Phrase`` for ``text[start:end]`` and return its IRI.

        Emits: nif:Phrase, nif:referenceContext, nif:beginIndex, nif:endIndex, nif:anchorOf,
        nif:sentence.
        """
        check_offsets(self.text, start, end, what=f"span [{start}, {end})")
        node = out.iri(iris.span_iri_str(self.article_id, start, end))
        add_phrase(out, self, node, start, end)
        return node

    def sentence_of(self, start: int, end: int) -> N | None:
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


def add_phrase(
    out: Emitter[N, L], ctx: ArticleContext[N, L], node: N, start: int, end: int
) -> None:
    """Describe ``node`` as the span ``[start, end)`` of the article text.

    Emits: nif:Phrase, nif:referenceContext, nif:beginIndex, nif:endIndex (xsd:integer code
    points), nif:anchorOf, nif:sentence.
    """
    nif = out.NIF
    out.add(node, out.RDF.type, nif.Phrase)
    out.add(node, nif.referenceContext, ctx.text_node)
    out.add(node, nif.beginIndex, out.integer(start))
    out.add(node, nif.endIndex, out.integer(end))
    out.add(node, nif.anchorOf, out.string(ctx.text[start:end]))
    sentence = ctx.sentence_of(start, end)
    if sentence is not None:
        out.add(node, nif.sentence, sentence)
