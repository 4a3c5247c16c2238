"""A small, fast tokenizer with character offsets (words, numbers, single punctuation marks).

Every stage tokenizes the same article text (whole, or one sentence at a time), so the tokens
of a whole text are built once and memoised; a span is cut from them with two binary searches.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass

from kg.nlp.gazetteer import fold

# Words are runs of letters/digits; every other non-space character is its own token, so
# "NATO-Generalsekretär" is NATO / - / Generalsekretär and "Russia's" is Russia / ' / s.
_TOKEN = re.compile(r"\w+|[^\w\s]")
_NON_SLUG = re.compile(r"[^a-z0-9]+")
#: Texts whose tokens are memoised (least recently used dropped): an article body and its
#: comments are tokenized by several stages in a row; lexicon forms are short and many.
TEXT_CACHE_SIZE = 256


@dataclass(frozen=True, slots=True)
class Token:
    """A token: ``text == source[start:end]``; ``folded`` is its lookup key (see ``fold``)."""

    start: int
    end: int
    text: str
    folded: str = ""

    @property
    def is_capitalized(self) -> bool:
        """True when the token starts with an upper-case letter."""
        return self.text[:1].isupper()


# Tokens are built by setting their slots directly: the same frozen Token, made in half the
# time of the generated ``__init__`` (which goes through ``object.__setattr__`` per field).
_new = object.__new__
_set_start = Token.__dict__["start"].__set__
_set_end = Token.__dict__["end"].__set__
_set_text = Token.__dict__["text"].__set__
_set_folded = Token.__dict__["folded"].__set__


def _scan(text: str, start: int, stop: int) -> tuple[Token, ...]:
    tokens: list[Token] = []
    append = tokens.append
    for match in _TOKEN.finditer(text, start, stop):
        word = match.group()
        token = _new(Token)
        _set_start(token, match.start())
        _set_end(token, match.end())
        _set_text(token, word)
        _set_folded(token, fold(word))
        append(token)
    return tuple(tokens)


@functools.lru_cache(maxsize=TEXT_CACHE_SIZE)
def _text_tokens(text: str) -> tuple[tuple[Token, ...], tuple[int, ...]]:
    """The tokens of a whole text and their start offsets (memoised per text)."""
    tokens = _scan(text, 0, len(text))
    return tokens, tuple(t.start for t in tokens)


def tokens_of(text: str, start: int = 0, end: int | None = None) -> tuple[Token, ...]:
    """Return the tokens of ``text[start:end]`` as an immutable tuple (memoised; see ``tokenize``).

    >>> [t.text for t in tokens_of("Rutte kam. Er sprach.", 11)]
    ['Er', 'sprach', '.']
    """
    stop = len(text) if end is None else min(end, len(text))
    tokens, starts = _text_tokens(text)
    if start <= 0 and stop >= len(text):
        return tokens
    first = bisect_left(starts, start)
    last = bisect_left(starts, stop, first)
    # A word running across either edge tokenizes differently inside the span ("Plan" cut
    # to "Pl"): scan the span itself then (never the case at sentence boundaries).
    if (first > 0 and tokens[first - 1].end > start) or (last > 0 and tokens[last - 1].end > stop):
        return _scan(text, start, stop)
    return tokens[first:last]


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Split ``text[start:end]`` into tokens with offsets into ``text``.

    >>> [t.text for t in tokenize("NATO-Chef Rutte's Plan.")]
    ['NATO', '-', 'Chef', 'Rutte', "'", 's', 'Plan', '.']
    """
    return list(tokens_of(text, start, end))


@functools.lru_cache(maxsize=1 << 14)
def slugify(text: str) -> str:
    """Return a lowercase ASCII slug (the same scheme as ``kg.rdf.iris.slugify``).

    >>> slugify("Andrij Sybiha")
    'andrij-sybiha'
    """
    folded = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    return _NON_SLUG.sub("-", ascii_text).strip("-") or "x"
