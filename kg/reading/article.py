"""Assemble an :class:`~kg.model.Article` from laid-out blocks: text, offsets, id, language."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

from kg.errors import InputError
from kg.model import Article, Block, BlockKind, Comment
from kg.reading.language import detect_language
from kg.reading.vocabulary import LANGUAGES, PageVocabulary

#: Length of an article id derived from a hash: the scheme of ``kg.rdf.iris.short_hash``
#: (sha256 hex, first 16 digits = 64 bits; collisions are negligible below ~10^8 articles).
ID_HASH_LENGTH = 16

#: Longest slug kept from an explicit record id; longer ids are cut (IRIs stay readable).
MAX_ID_CHARS = 80

BLOCK_SEPARATOR = "\n\n"
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def normalize_text(text: str) -> str:
    """NFC-normalise, unify line ends, drop a BOM and collapse runs of spaces."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return _SPACES.sub(" ", text.lstrip("\ufeff"))


def slugify(value: str) -> str:
    """Make an ASCII slug of an explicit record id ("Art 12/A" → "art-12-a")."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:MAX_ID_CHARS].strip("-")


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:ID_HASH_LENGTH]


def article_id(*, record_id: str | None, url: str | None, text: str) -> str:
    """Explicit record id (slugified) > sha256(url)[:16] > sha256(text)[:16]."""
    if record_id:
        slug = slugify(record_id)
        return slug or _hash(record_id)
    if url:
        return _hash(url)
    return _hash(text)


def _primary(tag: str) -> str:
    """ "de-AT" → "de", "en_GB" → "en"."""
    return tag.strip().lower().replace("_", "-").split("-")[0]


def resolve_language(
    text: str,
    *,
    source: str,
    lang: str | None,
    declared: str | None = None,
    hint: str | None = None,
) -> str:
    """The article language, by precedence.

    1. ``lang``, the caller's choice (``--lang``);
    2. ``declared``, a record's or front matter's ``lang`` (explicit metadata);
    3. detection from the text;
    4. ``hint``, a page's ``<html lang>``, used only when detection cannot decide, because
       site templates often declare a default language whatever the article's language.

    Raises:
        InputError: ``lang`` or ``declared`` is not de/en, or no language can be told.
    """
    if lang is not None:
        if lang not in LANGUAGES:
            raise InputError(source, f"unsupported language {lang!r}; use --lang de|en")
        return lang
    if declared:
        if _primary(declared) not in LANGUAGES:
            raise InputError(
                source, f"unsupported language {declared!r} declared; kg reads de and en"
            )
        return _primary(declared)
    detected = detect_language(text)
    if detected is not None:
        return detected
    if hint and _primary(hint) in LANGUAGES:
        return _primary(hint)
    raise InputError(source, "unknown language (neither German nor English); use --lang de|en")


@dataclass(slots=True)
class Draft:
    """What a parser found, before it becomes an Article."""

    parts: list[tuple[BlockKind, str]] = field(default_factory=list)
    headline: str | None = None
    published: date | None = None
    published_at: datetime | None = None
    url: str | None = None
    publisher: str | None = None
    agencies: tuple[str, ...] = ()
    comments: tuple[Comment, ...] = ()
    record_id: str | None = None
    declared_lang: str | None = None  # explicit metadata (record, front matter)
    lang_hint: str | None = None  # a page's own declaration (<html lang>)


def finish_article(
    draft: Draft, *, source: str, lang: str | None, published: date | None
) -> Article:
    """Join the blocks, compute offsets, decide language, date and id.

    Raises:
        InputError: no text, or unknown/unsupported language.
    """
    blocks: list[Block] = []
    texts: list[str] = []
    offset = 0
    for kind, raw in draft.parts:
        part = normalize_text(raw).strip()
        if not part:
            continue
        if texts:
            offset += len(BLOCK_SEPARATOR)
        blocks.append(Block(kind=kind, start=offset, end=offset + len(part)))
        texts.append(part)
        offset += len(part)
    text = BLOCK_SEPARATOR.join(texts)
    if not text.strip():
        raise InputError(source, "no article text found")
    headline = normalize_text(draft.headline).strip() if draft.headline else None
    return Article(
        id=article_id(record_id=draft.record_id, url=draft.url, text=text),
        text=text,
        lang=resolve_language(
            text, source=source, lang=lang, declared=draft.declared_lang, hint=draft.lang_hint
        ),
        source=source,
        headline=headline or None,
        blocks=tuple(blocks),
        published=draft.published or published,
        published_at=draft.published_at if draft.published else None,
        url=draft.url,
        publisher=draft.publisher,
        agencies=draft.agencies,
        comments=draft.comments,
    )


def split_agencies(value: str, vocab: PageVocabulary) -> tuple[str, ...]:
    """ "APA/Reuters/dpa", "Reuters and AP", "[APA, dpa]" → ("APA", "Reuters", "dpa")."""
    words = "|".join(re.escape(w) for w in sorted(vocab.and_words))
    pieces = re.split(rf"[/,;&|+]|\s(?:{words})\s", value.strip().strip("[]"))
    names = [p.strip().strip("\"'()") for p in pieces]
    return tuple(dict.fromkeys(n for n in names if n))
