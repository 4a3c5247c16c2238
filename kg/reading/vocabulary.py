"""The page vocabulary of news pages: month names, age units, comment-section chrome.

The words live in data files, one per language (``kg/reading/lexicons/<lang>/page.tsv`` and
``function_words.txt``); this module loads them once and merges the languages, because the
layout of a page has to be read before its language is known.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ConfigError

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"
LANGUAGES = ("de", "en")

_NUMBERED = frozenset({"month", "unit", "count"})


@dataclass(frozen=True, slots=True, kw_only=True)
class PageVocabulary:
    """Words and whole-line patterns of German and English news pages (lower case)."""

    months: dict[str, int]
    units: dict[str, int]
    counts: dict[str, int]
    ago_words: frozenset[str]
    clock_words: frozenset[str]
    joiners: frozenset[str]
    byline_prefixes: frozenset[str]
    section: re.Pattern[str]
    noise: re.Pattern[str]
    reply_markers: frozenset[str]
    says: frozenset[str]
    more: re.Pattern[str]
    second_person: frozenset[str]
    reply_to_prefixes: tuple[str, ...]
    photo_credits: frozenset[str]
    and_words: frozenset[str]


def _read_rows(path: Path) -> list[list[str]]:
    """Return the tab-separated rows of ``path`` without comments and blank lines."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read lexicon {path}: {exc}; reinstall kg") from exc
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    """Compile whole-line, case-insensitive alternatives (longest first)."""
    body = "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))
    return re.compile(rf"^(?:{body})$", re.IGNORECASE)


@functools.cache
def page_vocabulary() -> PageVocabulary:
    """Load and merge ``page.tsv`` of every supported language (cached; read-only)."""
    numbered: dict[str, dict[str, int]] = {name: {} for name in _NUMBERED}
    words: dict[str, list[str]] = {}
    for lang in LANGUAGES:
        path = LEXICON_DIR / lang / "page.tsv"
        for row in _read_rows(path):
            category, value = row[0], row[1].strip()
            if category in _NUMBERED:
                if len(row) < 3 or not row[2].strip().isdigit():
                    raise ConfigError(f"{path}: {category} {value!r} needs a number column")
                numbered[category][value.casefold()] = int(row[2])
            else:
                words.setdefault(category, []).append(value)

    def wordset(category: str) -> frozenset[str]:
        return frozenset(w.casefold() for w in words.get(category, []))

    return PageVocabulary(
        months=numbered["month"],
        units=numbered["unit"],
        counts=numbered["count"],
        ago_words=wordset("agoword"),
        clock_words=wordset("clock"),
        joiners=wordset("joiner"),
        byline_prefixes=wordset("byline"),
        section=_alternation(words.get("section", [])),
        noise=_alternation(words.get("noise", [])),
        reply_markers=wordset("reply"),
        says=wordset("says"),
        more=re.compile(
            r"\s*(?:" + "|".join(words.get("more", [])) + r")\s*$",
            re.IGNORECASE,
        ),
        second_person=wordset("you"),
        reply_to_prefixes=tuple(sorted(wordset("replyto"), key=len, reverse=True)),
        photo_credits=wordset("photo"),
        and_words=wordset("andword"),
    )


@functools.cache
def function_words(lang: str) -> frozenset[str]:
    """Return the function-word profile of ``lang`` (cached; read-only)."""
    path = LEXICON_DIR / lang / "function_words.txt"
    return frozenset(row[0].strip().casefold() for row in _read_rows(path))
