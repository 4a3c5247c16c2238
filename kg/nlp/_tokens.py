"""A small, fast tokenizer with character offsets (words, numbers, single punctuation marks)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kg.nlp.gazetteer import fold

# Words are runs of letters/digits; every other non-space character is its own token, so
# "NATO-Generalsekretär" is NATO / - / Generalsekretär and "Russia's" is Russia / ' / s.
_TOKEN = re.compile(r"\w+|[^\w\s]")
_NON_SLUG = re.compile(r"[^a-z0-9]+")


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


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Split ``text[start:end]`` into tokens with offsets into ``text``.

    >>> [t.text for t in tokenize("NATO-Chef Rutte's Plan.")]
    ['NATO', '-', 'Chef', 'Rutte', "'", 's', 'Plan', '.']
    """
    stop = len(text) if end is None else end
    return [
        Token(m.start(), m.end(), m.group(), fold(m.group()))
        for m in _TOKEN.finditer(text, start, stop)
    ]


def slugify(text: str) -> str:
    """Return a lowercase ASCII slug (the same scheme as ``kg.rdf.iris.slugify``).

    >>> slugify("Andrij Sybiha")
    'andrij-sybiha'
    """
    folded = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    return _NON_SLUG.sub("-", ascii_text).strip("-") or "x"
