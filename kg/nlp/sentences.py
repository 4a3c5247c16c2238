"""Sentence splitting over the article body and its comments.

Needs: Article. Produces: Sentence (body sentences first, then each comment's, ``comment=i``).
Rules: a sentence ends at ``.``, ``!``, ``?`` or ``…`` (plus closing quotes and brackets)
followed by white space and a sentence opener; never after a known abbreviation, an initial
("J. Smith") or an ordinal number ("03. Dezember"); always at a block boundary.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.model import Article, Block, BlockKind, Sentence

# A candidate boundary: terminal punctuation, then optional closing quotes/brackets, then space.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”“»«’)\]]*(?=\s)")
# What may open the next sentence: a capital, a digit, an opening quote or bracket, a dash.
_OPENER = re.compile(r"\s+[\"'„“”»«‚‘(\[–—-]*[A-ZÄÖÜ0-9]")
_ORDINAL_BEFORE_WORD = re.compile(r"(?:^|\s)\d{1,2}\.$")
_INITIAL = re.compile(r"(?:^|\s)[A-ZÄÖÜ]\.$")
_PARAGRAPH = re.compile(r"\S(?:.*\S)?", re.DOTALL)
_BLANK_LINE = re.compile(r"\n\s*\n")


#: Closing marks stripped before the last word before a period is looked up.
_CLOSING = "\"'”“»«’)]"
#: Characters the ``_INITIAL`` and ``_ORDINAL_BEFORE_WORD`` patterns can span before ``end``.
_TAIL = 5


def _last_token(text: str, end: int) -> str:
    """The word before ``end`` (after the last space, newline or bracket), closing marks cut.

    Searches back from ``end`` only as far as the nearest separator, never copies the head.
    """
    while end > 0 and text[end - 1] in _CLOSING:
        end -= 1
    space = text.rfind(" ", 0, end)
    space = max(space, text.rfind("\n", space + 1, end))
    space = max(space, text.rfind("(", space + 1, end))
    return text[space + 1 : end]


def _is_false_boundary(text: str, end: int, abbreviations: frozenset[str]) -> bool:
    """Return True when the period ending at ``end`` does not close a sentence."""
    if _last_token(text, end) in abbreviations:
        return True
    # Both patterns end at the period and span at most ``_TAIL`` characters; ``^`` still
    # means the start of the text (a search from ``pos`` does not match ``^`` there).
    tail = max(0, end - _TAIL)
    if _INITIAL.search(text, tail, end):
        return True
    # "am 03. Dezember", "zum 2. Mal": in German a one- or two-digit number before a period is
    # an ordinal far more often than the end of a sentence (years have four digits).
    return bool(_ORDINAL_BEFORE_WORD.search(text, tail, end))


def _split_span(
    text: str, start: int, end: int, abbreviations: frozenset[str]
) -> Iterator[tuple[int, int]]:
    """Yield sentence spans inside ``text[start:end]`` (one block)."""
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        stop = match.end()
        if stop >= end or not _OPENER.match(text, stop, end):
            continue
        if match.group().startswith(".") and _is_false_boundary(
            text, match.start() + 1, abbreviations
        ):
            continue
        if text[cursor:stop].strip():
            yield from _trimmed(text, cursor, stop)
        cursor = stop
    if text[cursor:end].strip():
        yield from _trimmed(text, cursor, end)


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` with surrounding white space removed, split at single newlines
    that separate lines without terminal punctuation (lists, comment lines)."""
    match = _PARAGRAPH.search(text, start, end)
    if match is None:
        return
    s, e = match.start(), match.end()
    line_start = s
    for newline in re.finditer(r"\n", text[s:e]):
        cut = s + newline.start()
        yield_start = line_start
        line_start = s + newline.end()
        piece = text[yield_start:cut].strip()
        if piece:
            offset = text.index(piece, yield_start)
            yield offset, offset + len(piece)
    piece = text[line_start:e].strip()
    if piece:
        offset = text.index(piece, line_start)
        yield offset, offset + len(piece)


def _blocks(article: Article) -> tuple[Block, ...]:
    if article.blocks:
        return article.blocks
    return tuple(
        Block(kind=BlockKind.PARAGRAPH, start=m.start(), end=m.end())
        for m in re.finditer(r"(?:(?!\n\s*\n).)+", article.text, re.DOTALL)
        if article.text[m.start() : m.end()].strip()
    )


def split_sentences(article: Article, *, abbreviations: frozenset[str]) -> tuple[Sentence, ...]:
    """Split the article body and every comment into sentences.

    Args:
        article: the article; its ``blocks`` bound sentences (no sentence crosses a block).
        abbreviations: tokens ending in "." that do not end a sentence (lexicon data).

    Returns:
        Body sentences in text order, then the sentences of each comment in page order.

    Example:
        >>> from kg.model import Article
        >>> art = Article(id="a", text="Rutte kam am 03. Dezember. Er sprach z.B. mit Sybiha.",
        ...               lang="de", source="x")
        >>> found = split_sentences(art, abbreviations=frozenset({"z.B."}))
        >>> [art.text[s.start:s.end] for s in found]
        ['Rutte kam am 03. Dezember.', 'Er sprach z.B. mit Sybiha.']
    """
    sentences: list[Sentence] = []
    for block in _blocks(article):
        for start, end in _split_span(article.text, block.start, block.end, abbreviations):
            sentences.append(Sentence(id=f"s-{start}-{end}", start=start, end=end))
    for comment in article.comments:
        for start, end in _split_span(comment.text, 0, len(comment.text), abbreviations):
            sentences.append(
                Sentence(
                    id=f"c{comment.index}-s-{start}-{end}",
                    start=start,
                    end=end,
                    comment=comment.index,
                )
            )
    return tuple(sentences)


def load_abbreviations(path_lines: list[str]) -> frozenset[str]:
    """Return the abbreviations from the lines of an ``abbreviations.txt`` lexicon."""
    return frozenset(
        line.strip() for line in path_lines if line.strip() and not line.startswith("#")
    )
