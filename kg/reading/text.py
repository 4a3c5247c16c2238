"""Plain-text news pages: front matter, headline, dateline, byline, headings, comments.

Layout read from a copied news page (the seed ``000_37f2beed3ee40e28.txt`` is one)::

    Headline
    Sub-headline                      (optional)
    Dienstag, 03. Dezember 2024 | 18:57 Uhr
    Von: APA/Reuters/dpa              (byline: agencies)
    Paragraph …
    Section heading                   (short line, no final punctuation)
    Paragraph …
    Kommentare                        (comment section: see kg.reading.comments)

Blocks are separated by blank lines. Inside a block, a line break is a soft wrap (joined with a
space) when the line does not end a sentence and either the next line starts in lower case or
the line is long; otherwise each line is its own block. A leading ``---`` block of ``key: value``
lines (front matter) gives title, date, url, lang, source, id, agencies and publisher.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from datetime import date

from kg.errors import InputError
from kg.model import Article, BlockKind
from kg.reading.article import Draft, finish_article, normalize_text, split_agencies
from kg.reading.comments import is_reply_marker, parse_comment_section, split_comments
from kg.reading.dates import is_dateline, parse_age, parse_date_text
from kg.reading.vocabulary import PageVocabulary, page_vocabulary

log = logging.getLogger(__name__)

#: Front-matter keys kg understands; others are ignored with a debug log.
FRONT_MATTER_KEYS = frozenset(
    {"title", "date", "url", "lang", "language", "source", "id", "agencies", "publisher"}
)

#: Most lines a front-matter block may have before its closing ``---``: real headers have
#: 3–15 keys; a text that merely starts with a ``---`` rule must not swallow the article.
MAX_FRONT_MATTER_LINES = 50

#: Longest line (characters) read as a section heading. The seed's longest heading has 51;
#: German news headings stay under ~90. Longer lines are paragraphs.
MAX_HEADING_CHARS = 100

#: Most words in a section heading (the seed's longest has 7; two-line headings are rare).
MAX_HEADING_WORDS = 14

#: How many blocks after the headline may hold the sub-headline, dateline and byline. The seed
#: uses 3 (sub-headline, dateline, byline); one more allows a photo credit or a "Stand:" line.
HEADER_SCAN_BLOCKS = 4

#: Longest byline (characters): "Von: APA/Reuters/Ukrinform/dpa/TASS" has 35; a line of 120
#: holds a handful of authors and agencies; longer lines are paragraphs starting with "Von".
MAX_BYLINE_CHARS = 120

#: Most words of one name in a closing credit line "(APA/dpa)": agency names are one or two
#: words ("Associated Press"); a longer parenthesis is an aside, not a credit.
MAX_CREDIT_NAME_WORDS = 2

#: Lines after the first comment anchor that are read to confirm a comment section: one
#: comment's text (the seed's longest has 7 lines) with room to spare; bounding the probe keeps
#: pages with many marker-like lines linear.
COMMENT_PROBE_LINES = 60

#: A line at least this long (characters) that does not end a sentence is taken to be hard-wrapped
#: and continues on the next line. Hard-wrapped text is wrapped at 60–80 columns; headings,
#: datelines and bylines are shorter than 60 in the seed and our dev pages.
WRAP_MIN_LINE_CHARS = 60

_SENTENCE_END = ".!?…:;"
_CLOSERS = "\"'“”„»«›‹)]’‘"
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(?P<text>.+?)\s*#*$")


def split_front_matter(text: str, source: str) -> tuple[dict[str, str], str]:
    """Split a leading ``---`` block of ``key: value`` lines from the body.

    Raises:
        InputError: the block is never closed or a line is not ``key: value``.
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    meta: dict[str, str] = {}
    for number, line in enumerate(lines[1 : MAX_FRONT_MATTER_LINES + 2], start=2):
        if line.strip() == "---":
            return meta, "\n".join(lines[number:])
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, colon, value = line.partition(":")
        if not colon or not key.strip():
            raise InputError(source, f"front matter line {number} is not 'key: value': {line!r}")
        key = key.strip().lower()
        if key not in FRONT_MATTER_KEYS:
            log.debug("%s: ignoring front-matter key %r", source, key)
            continue
        meta[key] = value.strip().strip("\"'")
    raise InputError(
        source,
        f"front matter opened with '---' is not closed within {MAX_FRONT_MATTER_LINES} lines",
    )


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip().rstrip(_CLOSERS)
    return not stripped or stripped[-1] in _SENTENCE_END


def group_lines(lines: Sequence[str]) -> list[tuple[str, bool]]:
    """Blocks of a page body as ``(text, markdown_heading)``, one or more lines joined."""
    blocks: list[tuple[str, bool]] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            blocks.append((" ".join(current), False))
            current.clear()

    for raw in [*lines, ""]:
        line = raw.strip()
        heading = _MARKDOWN_HEADING.match(line)
        if not line or heading:
            flush()
            if heading:
                blocks.append((heading["text"], True))
            continue
        if current:
            previous = current[-1]
            soft = not _ends_sentence(previous) and (
                line[0].islower() or len(previous) >= WRAP_MIN_LINE_CHARS
            )
            if not soft:
                flush()
        current.append(line)
    return blocks


def is_heading(text: str) -> bool:
    if len(text) > MAX_HEADING_CHARS or len(text.split()) > MAX_HEADING_WORDS:
        return False
    stripped = text.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and (stripped[-1] not in _SENTENCE_END or stripped[-1] == "?")


def byline_agencies(
    text: str, vocab: PageVocabulary, *, need_colon: bool = False
) -> tuple[str, ...] | None:
    """Agencies of a byline, or None if ``text`` is none.

    The byline may share its line with a date, separated by "|" or "·":
    "Von: APA/dpa", "By Reuters", "14. Januar 2025, 09:30 Uhr | Quelle: dpa".

    Args:
        text: one line.
        vocab: the page vocabulary (byline prefixes, "und"/"and").
        need_colon: accept only "Prefix: …" (for lines found anywhere on an HTML page).
    """
    if len(text) > MAX_BYLINE_CHARS:
        return None
    segments = [s.strip() for s in re.split(r"\s[|·•]\s", text) if s.strip()]
    names: list[str] = []
    found = False
    for i, segment in enumerate(segments):
        match = re.match(r"^(?P<prefix>[^\W\d_]+)\s*(?P<colon>:)?\s*(?P<rest>.+)$", segment)
        if match is None or match["prefix"].casefold() not in vocab.byline_prefixes:
            continue
        if not match["colon"] and (need_colon or _ends_sentence(segment)):
            continue
        found = True
        rest = [match["rest"], *segments[i + 1 :]]
        names.extend(
            name
            for part in rest
            if not is_dateline(part, vocab=vocab)
            for name in split_agencies(part, vocab)
        )
        break
    return tuple(dict.fromkeys(names)) or None if found else None


def _is_photo_credit(block: str, vocab: PageVocabulary) -> bool:
    """ "Foto: APA/EXPA", "Photo: AP/Jane Doe": a picture credit, not article text."""
    prefix, colon, rest = block.partition(":")
    return (
        bool(colon)
        and prefix.strip().casefold() in vocab.photo_credits
        and len(block) <= MAX_BYLINE_CHARS
        and not _ends_sentence(rest)
    )


def _take_header_line(block: str, draft: Draft, vocab: PageVocabulary) -> bool:
    """Apply a dateline or byline to ``draft``; False when ``block`` is neither."""
    agencies = byline_agencies(block, vocab)
    if agencies is None and not is_dateline(block, vocab=vocab):
        return False
    draft.agencies = draft.agencies or agencies or ()
    found = parse_date_text(block, vocab=vocab)
    if found and draft.published is None:
        draft.published, draft.published_at = found
    return True


def _credit_agencies(block: str, vocab: PageVocabulary) -> tuple[str, ...] | None:
    """Agencies of a closing credit line: "(APA/dpa)", "Quelle: APA", else None."""
    match = re.fullmatch(r"\((?P<names>[^()]{1,60})\)", block.strip())
    if match is None:
        return byline_agencies(block, vocab)
    names = split_agencies(match["names"], vocab)
    if names and all(len(n.split()) <= MAX_CREDIT_NAME_WORDS for n in names):
        return names
    return None


def _is_chrome_line(line: str, vocab: PageVocabulary) -> bool:
    line = line.strip()
    return not line or bool(vocab.section.match(line) or vocab.noise.match(line))


def _anchor_lines(lines: Sequence[str], vocab: PageVocabulary) -> list[int]:
    """Lines that can only belong to a comment: an age, a reply button, or a date under a name."""
    anchors = []
    for j, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        own = is_reply_marker(line, vocab) or parse_age(line, vocab=vocab) is not None
        if own or (j and lines[j - 1].strip() and is_dateline(line, vocab=vocab)):
            anchors.append(j)
    return anchors


def _comment_start(lines: Sequence[str], vocab: PageVocabulary) -> int:
    """Index of the line that opens the comment section, or ``len(lines)``.

    A section marker ("Kommentare", "3 comments on …") opens the section only when comments
    follow it (or nothing but more chrome). An article heading that looks like a marker
    ("Diskussion") is skipped: the section starts at the *last* marker before the first comment,
    extended back over the chrome lines right above it ("Kommentare", "Hinterlasse …").
    Each line is examined a bounded number of times, so long inputs stay linear.
    """
    candidates = [
        i
        for i, raw in enumerate(lines)
        if i > 0
        and vocab.section.match(raw.strip())
        and not lines[i - 1].strip()
        and any(line.strip() for line in lines[:i])
    ]
    if not candidates:
        return len(lines)
    chrome_from = len(lines)  # every line from here on is chrome
    while chrome_from > 0 and _is_chrome_line(lines[chrome_from - 1], vocab):
        chrome_from -= 1
    anchors = _anchor_lines(lines, vocab)
    tried_up_to = -1
    for candidate in candidates:
        if candidate >= chrome_from:
            return candidate
        anchor = next((a for a in anchors if a > candidate), None)
        if anchor is None or anchor <= tried_up_to:
            continue
        tried_up_to = anchor
        if not split_comments(lines[candidate : anchor + COMMENT_PROBE_LINES], vocab=vocab):
            continue
        start = max(c for c in candidates if c < anchor)
        while start > 1 and _is_chrome_line(lines[start - 1], vocab):
            start -= 1
        return start
    return len(lines)


def parse_news_text(
    text: str,
    *,
    source: str,
    url: str | None = None,
    lang: str | None = None,
    published: date | None = None,
) -> Article:
    """Read a plain-text news page (optionally with front matter) into an Article.

    Args:
        text: the page as text.
        source: where it came from (path, URL, "<stdin>"), for messages and ``Article.source``.
        url: the page's URL when known (front matter ``url`` wins).
        lang: "de" or "en" to override detection.
        published: fallback publication date when neither front matter nor dateline gives one.

    Raises:
        InputError: no article text, bad front matter, or unknown/unsupported language.
    """
    vocab = page_vocabulary()
    meta, body = split_front_matter(normalize_text(text), source)
    lines = body.split("\n")
    cut = _comment_start(lines, vocab)
    draft = Draft(
        url=meta.get("url") or url,
        publisher=meta.get("publisher") or meta.get("source") or None,
        record_id=meta.get("id") or None,
        declared_lang=meta.get("lang") or meta.get("language"),
        agencies=split_agencies(meta.get("agencies", ""), vocab),
        comments=parse_comment_section(lines[cut:], vocab=vocab),
    )
    if meta.get("date"):
        found = parse_date_text(meta["date"], vocab=vocab)
        if found is None:
            raise InputError(source, f"front matter date {meta['date']!r} is not a date")
        draft.published, draft.published_at = found
    blocks = group_lines(lines[:cut])
    while blocks and not blocks[0][1] and _take_header_line(blocks[0][0], draft, vocab):
        blocks = blocks[1:]  # a dateline or byline printed above the headline
    if meta.get("title"):
        draft.headline = meta["title"]
        if blocks and blocks[0][0] == draft.headline:
            blocks = blocks[1:]
    elif blocks:
        draft.headline = blocks[0][0]
        blocks = blocks[1:]
    if draft.headline:
        draft.parts.append((BlockKind.HEADLINE, draft.headline))
    _read_body(blocks, draft, vocab)
    return finish_article(draft, source=source, lang=lang, published=published)


def _read_body(blocks: Sequence[tuple[str, bool]], draft: Draft, vocab: PageVocabulary) -> None:
    """Classify the blocks after the headline into header lines, headings and paragraphs."""
    header: list[int] = []  # indexes of dateline/byline blocks
    for i, (block, markdown) in enumerate(blocks[:HEADER_SCAN_BLOCKS]):
        if not markdown and _take_header_line(block, draft, vocab):
            header.append(i)
        elif header:
            break
    skip = set(header)
    if (
        blocks
        and len(blocks) > 1
        and (header[:1] == [1] or (not header and is_heading(blocks[0][0])))
    ):
        draft.parts.append((BlockKind.SUBHEADLINE, blocks[0][0]))
        skip.add(0)
    body = [b for i, b in enumerate(blocks) if i not in skip and not _is_photo_credit(b[0], vocab)]
    if len(body) > 1 and not body[-1][1]:
        credit = _credit_agencies(body[-1][0], vocab)
        if credit:  # "(APA/dpa)" or "Quelle: APA" closing the article
            draft.agencies = draft.agencies or credit
            body = body[:-1]
    for i, (block, markdown) in enumerate(body):
        last = i == len(body) - 1
        kind = BlockKind.HEADING if markdown or (not last and is_heading(block)) else None
        draft.parts.append((kind or BlockKind.PARAGRAPH, block))
