"""Literal prefilters for lexicon regexes: which patterns can match in a span at all.

A lexicon of many case-insensitive regexes (event triggers, claim cues) is tried span by span;
most patterns match nowhere. Each pattern names literal *keys* (for every alternative one word
that any match of it contains); one Aho-Corasick pass over the case-folded span finds the keys
present, and only the patterns with a key there are run. The regexes themselves are unchanged,
so the result is the same: a pattern without a key in the span cannot match in it.

``fold_case`` lowercases text the way ``re.IGNORECASE`` compares characters (simple lowercase
mapping plus the extra Latin equivalences of ``re``: dotless i, long s), keeping every offset.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Iterable, Iterator, Sequence

import ahocorasick

# Characters that ``re.IGNORECASE`` equates with an ASCII letter although ``str.lower`` does not
# map them to it (the Latin entries of CPython's ``re._casefix``), and "İ", whose full lowercase
# mapping has two characters (``re`` uses the simple one, "i").
_CASE_FIXES = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"))
# Key characters whose IGNORECASE equivalents ``fold_case`` provably covers: ASCII and the
# Latin-1 letters (none of them has an extra equivalence in ``re``). A key with another
# character makes its pattern a candidate everywhere.
_SAFE_KEY_CHARS = frozenset(
    [chr(c) for c in range(128)] + [chr(c) for c in range(0xC0, 0x100) if c not in (0xD7, 0xF7)]
)

_VALUE = operator.itemgetter(1)  # of an automaton hit: (length, patterns)


def fold_case(text: str) -> str:
    """Return ``text`` case-folded as ``re.IGNORECASE`` compares it, with the same length.

    >>> fold_case("NATO-Gipfel İstanbul")
    'nato-gipfel istanbul'
    """
    for char, replacement in _CASE_FIXES:
        if char in text:
            text = text.replace(char, replacement)
    return text.lower()


@functools.lru_cache(maxsize=4)
def fold_text(text: str) -> str:
    """Return ``fold_case(text)`` of an article text, remembered for the stages after this one."""
    return fold_case(text)


class LiteralIndex:
    """Keys of a sequence of patterns; ``candidates`` returns the patterns that may match."""

    def __init__(
        self, keys: Sequence[Iterable[str] | None], *, word_start: str | None = None
    ) -> None:
        r"""Index ``keys[i]``: words one of which every match of pattern ``i`` contains.

        ``None`` (or a key that cannot be folded safely, or an empty key) makes pattern ``i`` a
        candidate everywhere. With ``word_start`` a key counts only where neither a word
        character (``\w``) nor one of the characters of ``word_start`` precedes it (the
        patterns' ``(?<![\w.-])`` for ``word_start=".-"``).
        """
        self._always: list[int] = []
        # With word_start, text and keys are searched with every character that is neither a
        # word character, a space nor one of word_start turned into a space, and keys get a
        # leading space: a hit then has no word character or word_start character before it.
        self._others = None
        if word_start is not None:
            self._others = re.compile(rf"[^\w {re.escape(word_start)}]")
        by_key: dict[str, list[int]] = {}
        for index, words in enumerate(keys):
            folded = None if words is None else [fold_case(w) for w in words]
            if not folded or any(not w or not set(w) <= _SAFE_KEY_CHARS for w in folded):
                self._always.append(index)
                continue
            for word in dict.fromkeys(folded):
                if self._others is not None:
                    word = " " + self._others.sub(" ", word)
                by_key.setdefault(word, []).append(index)
        self._automaton: ahocorasick.Automaton | None = None
        if by_key:
            self._automaton = ahocorasick.Automaton()
            for word, indices in by_key.items():
                self._automaton.add_word(word, (len(word), tuple(indices)))
            self._automaton.make_automaton()
        self.size = len(keys)

    def _hits(self, folded: str, start: int, end: int) -> list[tuple[int, tuple[int, ...]]]:
        """Return ``(position, patterns)`` for each key beginning inside ``folded[start:end]``."""
        if self._automaton is None or end <= start:
            return []
        if self._others is None:
            # A slice, not iter(text, start, end): a CI worker once died of SIGSEGV inside
            # pyahocorasick 2.3.1's iter(text, start, end) (cause not isolated); the slice
            # costs a copy of one span.
            found = self._automaton.iter(folded[start:end])
            return [(start + last - length + 1, indices) for last, (length, indices) in found]
        # Folding keeps word characters (tests/nlp/test_literals.py), so the folded text says
        # what the patterns' lookbehinds see. The leading character stands before ``start``.
        before = self._others.sub(" ", folded[start - 1]) if start else " "
        spaced = before + self._others.sub(" ", folded[start:end])
        found = self._automaton.iter(spaced)
        return [(start + last - length + 1, indices) for last, (length, indices) in found]

    def candidates(self, folded: str, start: int, end: int) -> list[int]:
        """Return, in order, the patterns that may match inside ``folded[start:end]``."""
        hits = set(self._always)
        if self._automaton is not None and self._others is None and end > start:
            for _, indices in set(map(_VALUE, self._automaton.iter(folded[start:end]))):
                hits.update(indices)  # each key's value once, however often it occurs
            return sorted(hits)
        for _, indices in self._hits(folded, start, end):
            hits.update(indices)
        return sorted(hits)

    def occurrences(self, folded: str, start: int, end: int) -> dict[int, list[int] | None]:
        """Return, by pattern in order, where its keys begin inside ``folded[start:end]``.

        Patterns that may match anywhere map to None; patterns without a key there are left out.
        """
        by_patterns: dict[tuple[int, ...], list[int]] = {}
        for position, indices in self._hits(folded, start, end):
            by_patterns.setdefault(indices, []).append(position)
        found: dict[int, list[int]] = {}
        for indices, positions in by_patterns.items():
            for index in indices:
                found.setdefault(index, []).extend(positions)
        result: dict[int, list[int] | None] = dict.fromkeys(self._always)
        result.update((index, sorted(set(positions))) for index, positions in found.items())
        return dict(sorted(result.items()))

    @property
    def complete(self) -> bool:
        """True when every pattern has keys (``starts`` then finds every possible match start)."""
        return not self._always

    def starts(self, folded: str, start: int = 0, end: int | None = None) -> list[int]:
        """Return, ascending, where a key begins inside ``folded[start:end]``."""
        hits = self._hits(folded, start, len(folded) if end is None else end)
        return sorted({position for position, _ in hits})


def finditer_at(
    pattern: re.Pattern[str], text: str, starts: Iterable[int], end: int | None = None
) -> Iterator[re.Match[str]]:
    """Return ``pattern.finditer(text, 0, end)`` for a pattern that can only match at ``starts``.

    ``starts`` is ascending and holds every position where a match may begin; the pattern never
    matches the empty string. Each start is tried as ``finditer`` tries positions (lookbehinds
    see the text before it), skipping those inside an earlier match.
    """
    stop = len(text) if end is None else end
    pos = 0
    for start in starts:
        if start < pos:
            continue
        match = pattern.match(text, start, stop)
        if match is not None:
            yield match
            pos = match.end()


def run_start(text: str, pos: int) -> int:
    r"""Return where the run of ``[\w-]`` characters (word characters, hyphens) at ``pos`` starts.

    >>> run_start("Der Luftangriff", 8)
    4
    """
    while pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in "_-"):
        pos -= 1
    return pos
