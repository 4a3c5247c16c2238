"""Find balanced quotation-mark pairs in article text; refuse unbalanced marks.

Handles „…“ „…” “…” ”…” «…» »…« "…" and the single forms ‚…‘ ‘…’ '…' ‹…› (singles only
outside double quotes: inside they are quotes within the quote). A quote may span paragraphs only
by the typographic convention: the paragraph ends inside the quote and the next one opens with a
quotation mark. Anything else that does not pair up is dropped and logged, never guessed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

logger = logging.getLogger(__name__)

_DOUBLE = frozenset('"„“”«»')
_SINGLE = frozenset("'‚‘’‹›")
_OPEN_ONLY = frozenset("„‚")
# Characters after which a mark opens (besides white space and the start of a paragraph).
_OPENER_CONTEXT = frozenset("([{—–-/:")
# Characters before which a mark closes (besides white space and the end of a paragraph).
_CLOSER_CONTEXT = frozenset(".,;:!?)]}—–-…/")
_MARKS = _DOUBLE | _SINGLE
_FAMILY = {
    family: re.compile("[" + re.escape("".join(sorted(family))) + "]")
    for family in (_DOUBLE, _SINGLE)
}


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A balanced pair: the opening mark at ``open``, the closing mark at ``close``.

    The quoted content is ``text[open + 1 : close]``.
    """

    open: int
    close: int

    @property
    def content_start(self) -> int:
        """Offset of the first character inside the marks."""
        return self.open + 1


@dataclass(frozen=True, slots=True)
class _Mark:
    pos: int
    can_open: bool
    can_close: bool
    para: int
    at_para_start: bool


def _classify(text: str, pos: int, start: int, end: int, para: int, first: int) -> _Mark | None:
    """The mark at ``pos`` of paragraph ``start..end`` (``first``: its first non-space)."""
    char = text[pos]
    before = text[pos - 1] if pos > start else " "
    after = text[pos + 1] if pos + 1 < end else " "
    if char in _SINGLE and before.isalnum() and after.isalnum():
        return None  # apostrophe: "Putin's", "geht’s"
    if char in _OPEN_ONLY:
        can_open, can_close = not after.isspace(), False
    else:
        can_open = not after.isspace() and (
            before.isspace() or before in _OPENER_CONTEXT or before in _MARKS
        )
        can_close = not before.isspace() and (
            after.isspace() or after in _CLOSER_CONTEXT or after in _MARKS
        )
    if not (can_open or can_close):
        return None
    return _Mark(pos, can_open, can_close, para, pos <= first)


def _marks(
    text: str, paragraphs: Sequence[tuple[int, int]], family: frozenset[str]
) -> Iterator[_Mark]:
    pattern = _FAMILY[family]
    for index, (start, end) in enumerate(paragraphs):
        first = -1
        for found in pattern.finditer(text, start, end):
            pos = found.start()
            if first < 0:
                body = text[start:end]
                first = start + len(body) - len(body.lstrip())
            mark = _classify(text, pos, start, end, index, first)
            if mark is not None:
                yield mark


def _pair(marks: Sequence[_Mark], *, strict: bool) -> list[QuoteSpan]:
    """Pair marks left to right. ``strict`` logs refusals (double quotes); singles are lenient
    because an unpaired single mark is usually an apostrophe."""
    spans: list[QuoteSpan] = []
    pending: _Mark | None = None
    last_para = -1
    for mark in marks:
        if pending is not None and mark.para != last_para:
            if mark.para == last_para + 1 and mark.at_para_start and mark.can_open:
                last_para = mark.para  # continuation: the quote goes on in this paragraph
                continue
            if strict:
                logger.debug("refused quote opened at %d: not closed in its paragraph", pending.pos)
            pending = None
        if pending is None:
            if mark.can_open:
                pending, last_para = mark, mark.para
            elif strict:
                logger.debug("refused closing mark at %d: nothing open", mark.pos)
        elif mark.can_close:
            spans.append(QuoteSpan(pending.pos, mark.pos))
            pending = None
        else:
            if strict:
                logger.debug("refused quote opened at %d: reopened at %d", pending.pos, mark.pos)
            pending, last_para = mark, mark.para
    if pending is not None and strict:
        logger.debug("refused quote opened at %d: never closed", pending.pos)
    return spans


def find_quote_spans(text: str, paragraphs: Sequence[tuple[int, int]]) -> tuple[QuoteSpan, ...]:
    """Return the balanced quotation-mark pairs of ``text``, in text order.

    Args:
        text: the article text.
        paragraphs: ``(start, end)`` of each block, in order; quotes never cross a block except
            by the paragraph-continuation convention.

    Example:
        >>> text = "„Wir helfen“, sagte er. Das ist „gut."
        >>> [text[q.open : q.close + 1] for q in find_quote_spans(text, [(0, len(text))])]
        ['„Wir helfen“']
    """
    doubles = _pair(list(_marks(text, paragraphs, _DOUBLE)), strict=True)
    singles = [
        span
        for span in _pair(list(_marks(text, paragraphs, _SINGLE)), strict=False)
        if not any(d.open < span.open < d.close for d in doubles)
        and not any(span.open < d.open < span.close for d in doubles)
        and text[span.open + 1 : span.close].strip()
    ]
    return tuple(sorted(doubles + singles, key=lambda q: q.open))
