"""Reader comments in plain text: split a comment section into comments and rebuild threads.

Plain text (a copied page, an export) keeps the comment headers but loses the indentation that
shows who answers whom. Headers are found around *anchor* lines, a relative age ("9 h 51 Min",
"2 hours ago") or an absolute time ("3. Dezember 2024 um 19:20"): the short lines just above the
anchor are the author (often printed twice, as wpDiscuz does) and the author's rank or badge.

Threads are rebuilt by :func:`thread_comments` with these rules, in order:

1. **Explicit address.** A comment that starts with "@Name" (or "Antwort an Name", "In reply to
   Name") answers the latest earlier comment by the author whose name matches ("@N.G." matches
   "N. G.": spaces, dots, underscores and hyphens are ignored), wherever it is.
2. **Chronology.** Replies inside a thread are shown oldest first, so each reply is younger than
   the comment before it. A comment *older* than (or as old as) its predecessor starts a new
   thread; so does every comment when the page gives no times.
3. **Address cues decide a younger comment.** A younger comment joins the current thread when it
   addresses someone: the name of a thread member, or a prefix of at least
   :data:`MIN_NAME_PREFIX` letters of it ("Goenne…" for "Goennenihrwichtigtuer"), or a
   second-person pronoun ("du", "dir", "you"). Without a cue it joins only when it follows its
   predecessor within :data:`MAX_SILENT_REPLY_GAP_S`; a comment written many hours later that
   addresses nobody is a new top-level comment that the page sorted after the thread.
4. **Target.** A thread reply answers the member it names, else the thread's first comment; a
   reply by the thread's starter answers the latest reply by someone else.

Names mentioned in a comment that starts a new thread ("LG an Speedy") do not make it a reply.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from kg.model import Comment
from kg.reading.dates import is_dateline, parse_age, parse_date_text
from kg.reading.vocabulary import PageVocabulary, page_vocabulary

#: Longest line taken as an author name or rank (characters). Pseudonyms on news sites are
#: limited to 20–50 characters (WordPress display names are often cut at 30); 40 keeps all of
#: those and rejects most text lines.
MAX_AUTHOR_CHARS = 40

#: Most words in an author or rank line: "Dr. Anna Maria Berger" has 4; longer lines are text.
MAX_AUTHOR_WORDS = 4

#: Blank lines allowed between an author line and the age line below it. Copied pages put one
#: blank line between blocks; two tolerate a line with an avatar image that copied as nothing.
MAX_HEADER_GAP_LINES = 2

#: Shortest name prefix that counts as addressing a thread member ("Goenne…", "Speedy"). Three
#: letters catch function words ("die", "der"); four is the shortest prefix in the seed's
#: comments and our dev threads that readers use for a pseudonym.
MIN_NAME_PREFIX = 4

#: Longest gap (seconds) between a reply that addresses nobody and the comment before it.
#: Estimated on the seed's gold threads (the only gold we have): the silent reply there came
#: 1 h 21 min after its predecessor, the silent new top-level comment 11 h 18 min after; 4 h is
#: their geometric midpoint (≈ 3.9 h), rounded. Our dev threads agree (gaps ≤ 1 h vs ≥ 10 h).
MAX_SILENT_REPLY_GAP_S = 4 * 3600

#: Characters around an age line that are layout, not text ("• 3 hours ago").
AGE_DECORATION = " •·|-–—"

_AT_NAME = re.compile(r"^\s*@\s*(?P<rest>\S.*)$", re.DOTALL)
_WORD = re.compile(r"[^\W\d_]+")
_NAME_SEPARATORS = re.compile(r"[\s._\-]+")


@dataclass(frozen=True, slots=True)
class RawComment:
    """A comment as read from the page, before threading."""

    author: str
    text: str
    rank: str | None = None
    age: str | None = None
    age_seconds: int | None = None
    created: datetime | None = None


def normalize_name(name: str) -> str:
    """Fold a pseudonym for matching: "@N.G." and "N. G." both give "ng"."""
    return _NAME_SEPARATORS.sub("", name.lstrip("@")).casefold()


@functools.lru_cache(maxsize=4096)
def _name_pattern(author: str) -> re.Pattern[str] | None:
    """A pattern matching ``author`` with any spacing/dots between its characters."""
    chars = [c for c in author if c.isalnum()]
    if not chars:
        return None
    body = r"[\s._\-]*".join(re.escape(c) for c in chars)
    return re.compile(rf"(?<![^\W_]){body}\.?(?![^\W_])", re.IGNORECASE)


def _addressed(text: str, vocab: PageVocabulary) -> str | None:
    """What follows "@" or "Antwort an"/"In reply to" at the start of ``text``, else None."""
    match = _AT_NAME.match(text)
    if match is not None:
        return match["rest"]
    head = text.lstrip().casefold()
    for prefix in vocab.reply_to_prefixes:
        if head.startswith(prefix + " "):
            return text.lstrip()[len(prefix) + 1 :].lstrip(" @:")
    return None


def _at_target(text: str, authors: Sequence[str], vocab: PageVocabulary) -> str | None:
    """The earlier author that "@Name" (or "In reply to Name") at the start of ``text`` names."""
    rest = _addressed(text, vocab)
    if not rest:
        return None
    best: str | None = None
    for author in authors:
        pattern = _name_pattern(author)
        if (
            pattern is not None
            and pattern.match(rest)
            and (best is None or len(author) > len(best))
        ):
            best = author
    if best is None:  # "@Speedy" for "Speedy Gonzales": a long enough prefix of the name
        first = _WORD.match(rest)
        word = first.group(0).casefold() if first else ""
        if len(word) >= MIN_NAME_PREFIX:
            best = next((a for a in authors if normalize_name(a).startswith(word)), None)
    return best


def _address_words(text: str) -> frozenset[str]:
    """The words of ``text`` long enough to stand for a name (case-folded)."""
    return frozenset(w.casefold() for w in _WORD.findall(text) if len(w) >= MIN_NAME_PREFIX)


@functools.lru_cache(maxsize=4096)
def _name_keys(author: str) -> tuple[str, frozenset[str]]:
    return normalize_name(author), frozenset(t.casefold() for t in _WORD.findall(author))


def _names(words: frozenset[str], author: str) -> bool:
    """Do ``words`` name ``author``: a name token ("Speedy") or a prefix of it ("Goenne")?"""
    if not words:
        return False
    folded, tokens = _name_keys(author)
    return any(folded.startswith(word) or word in tokens for word in words)


def _addresses_you(text: str, vocab: PageVocabulary) -> bool:
    return any(w.casefold() in vocab.second_person for w in _WORD.findall(text))


def _time_key(raw: RawComment) -> tuple[str, float] | None:
    """Sort key: larger is younger. Absolute and relative times are not comparable."""
    if raw.created is not None:
        return ("abs", raw.created.timestamp())
    if raw.age_seconds is not None:
        return ("rel", -float(raw.age_seconds))
    return None


def _gap(younger: RawComment, older: RawComment) -> float | None:
    """Seconds from ``older`` to ``younger`` when both times are known and comparable."""
    a, b = _time_key(younger), _time_key(older)
    if a is None or b is None or a[0] != b[0]:
        return None
    return a[1] - b[1]


def thread_comments(
    raws: Sequence[RawComment], *, vocab: PageVocabulary | None = None
) -> tuple[Comment, ...]:
    """Number the comments and fill ``reply_to``/``parent`` (rules in the module docstring)."""
    vocab = vocab or page_vocabulary()
    comments: list[Comment] = []
    latest: dict[str, int] = {}  # author -> index of their latest comment so far
    root: int | None = None  # first comment of the current thread
    in_thread: dict[str, int] = {}  # author -> their latest comment in the current thread
    for index, raw in enumerate(raws):
        at = _at_target(raw.text, list(latest), vocab)
        gap = _gap(raw, raws[index - 1]) if index else None
        parent: int | None = None
        joins = False
        if gap is not None and gap > 0 and root is not None:
            words = _address_words(raw.text)
            named = [i for a, i in in_thread.items() if a != raw.author and _names(words, a)]
            cue = bool(named) or at is not None or _addresses_you(raw.text, vocab)
            if cue or gap <= MAX_SILENT_REPLY_GAP_S:
                others = [i for a, i in in_thread.items() if a != raw.author]
                if named:
                    parent = max(named)
                elif raws[root].author == raw.author and others:
                    parent = max(others)  # the thread's starter answers whoever replied last
                else:
                    parent = root
                joins = True
        if at is not None:
            parent = latest[at]
        if not joins:
            root, in_thread = index, {}
        in_thread[raw.author] = index
        latest[raw.author] = index
        comments.append(
            Comment(
                index=index,
                author=raw.author,
                text=raw.text,
                rank=raw.rank,
                age=raw.age,
                created=raw.created,
                reply_to=comments[parent].author if parent is not None else None,
                parent=parent,
            )
        )
    return tuple(comments)


# --------------------------------------------------------------------------------------------
# Splitting a comment section into comments
# --------------------------------------------------------------------------------------------


def is_reply_marker(line: str, vocab: PageVocabulary) -> bool:
    """ "Antworten", "Reply ↓", "↪ Reply" (buttons copied with their arrows)."""
    return line.strip(" ↓↑→↩↪⤷»«·•|").casefold() in vocab.reply_markers


def _is_chrome(line: str, vocab: PageVocabulary) -> bool:
    return bool(vocab.section.match(line) or vocab.noise.match(line))


def _says_name(line: str, vocab: PageVocabulary) -> str | None:
    """ "Anna Berger sagt:" / "Anna says:" → "Anna Berger"."""
    words = line.rstrip(":").split()
    if len(words) >= 2 and line.endswith(":") and words[-1].casefold() in vocab.says:
        return " ".join(words[:-1])
    return None


def _is_name_like(line: str, vocab: PageVocabulary) -> bool:
    """Could ``line`` be an author or rank line of a comment header?"""
    if not line or len(line) > MAX_AUTHOR_CHARS or _is_chrome(line, vocab):
        return False
    if is_reply_marker(line, vocab):
        return False
    if _says_name(line, vocab):
        return True
    words = line.split()
    if len(words) > MAX_AUTHOR_WORDS or line[-1] in '!?,;:…"“”»':
        return False
    # a final dot is allowed only after an initial ("N. G.")
    return not line.endswith(".") or len(words[-1]) <= 2


def _is_anchor(line: str, vocab: PageVocabulary) -> tuple[int | None, datetime | None] | None:
    age = parse_age(line, vocab=vocab)
    if age is not None:
        return age, None
    if is_dateline(line, vocab=vocab):
        found = parse_date_text(line, vocab=vocab)
        if found is not None:
            day, at = found
            return None, at or datetime(day.year, day.month, day.day)
    return None


@dataclass(frozen=True, slots=True)
class _Header:
    start: int  # first line of the header
    anchor: int  # the age/date line
    author: str
    rank: str | None


def _header(
    lines: Sequence[str], anchor: int, floor: int, ranks: bool, vocab: PageVocabulary
) -> _Header | None:
    """Read the author (and rank) lines right above the anchor line, down to ``floor``.

    Blank lines right above the anchor are skipped ("Anna", "", "vor 2 Stunden"), at most
    :data:`MAX_HEADER_GAP_LINES` of them.
    """
    run: list[int] = []
    i = anchor - 1
    while i >= floor and anchor - 1 - i < MAX_HEADER_GAP_LINES and not lines[i]:
        i -= 1
    while i >= floor and len(run) < 3 and _is_name_like(lines[i], vocab):
        run.insert(0, i)
        i -= 1
    if not run:
        return None
    text = [lines[i] for i in run]
    says = _says_name(text[-1], vocab)
    if says:
        return _Header(run[-1], anchor, says, None)
    if len(text) == 3 and text[0] == text[1]:
        return _Header(run[0], anchor, text[0], text[2])
    if len(text) >= 2 and text[-2] == text[-1]:
        return _Header(run[-2], anchor, text[-1], None)
    if ranks and len(text) >= 2:
        return _Header(run[-2], anchor, text[-2], text[-1])
    return _Header(run[-1], anchor, text[-1], None)


def _comment_text(lines: Sequence[str], vocab: PageVocabulary) -> str:
    """Join a comment's lines: drop reply buttons and chrome, cut "… Weiterlesen »"."""
    kept: list[str] = []
    for line in lines:
        if is_reply_marker(line, vocab) or (line and _is_chrome(line, vocab)):
            continue
        kept.append(vocab.more.sub("", line) if line else line)
    text = "\n".join(kept).strip()
    return re.sub(r"\n{3,}", "\n\n", text)


def _by_anchors(lines: Sequence[str], vocab: PageVocabulary) -> list[RawComment]:
    anchors = [(i, a) for i, line in enumerate(lines) if (a := _is_anchor(line, vocab))]
    if not anchors:
        return []
    headers: list[_Header] = []
    for ranks in (False, True):
        headers = []
        floor = 0
        for i, _ in anchors:
            header = _header(lines, i, floor, ranks, vocab)
            if header is not None:
                headers.append(header)
                floor = i + 1
        if ranks or not any(h.rank for h in headers):
            break
    times = dict(anchors)
    raws: list[RawComment] = []
    for k, header in enumerate(headers):
        end = headers[k + 1].start if k + 1 < len(headers) else len(lines)
        age_seconds, created = times[header.anchor]
        raws.append(
            RawComment(
                author=header.author,
                text=_comment_text(lines[header.anchor + 1 : end], vocab),
                rank=header.rank,
                age=lines[header.anchor].strip(AGE_DECORATION) if age_seconds is not None else None,
                age_seconds=age_seconds,
                created=created,
            )
        )
    return raws


def _by_reply_markers(lines: Sequence[str], vocab: PageVocabulary) -> list[RawComment]:
    """Comments separated by "Antworten"/"Reply" buttons, author on the first line."""
    raws: list[RawComment] = []
    segments: list[list[str]] = [[]]
    for line in lines:
        if is_reply_marker(line, vocab):
            segments.append([])
        else:
            segments[-1].append(line)
    if len(segments) < 2:  # no reply button at all: not this layout
        return []
    for segment in segments:
        body = [s for s in segment if s and not _is_chrome(s, vocab)]
        if len(body) < 2 or not _is_name_like(body[0], vocab):
            continue
        author = _says_name(body[0], vocab) or body[0]
        rest = body[2:] if body[1] == body[0] else body[1:]
        raws.append(RawComment(author=author, text=_comment_text(rest, vocab)))
    return raws


def split_comments(
    lines: Sequence[str], *, vocab: PageVocabulary | None = None
) -> list[RawComment]:
    """Split the lines of a comment section into comments (no threading yet)."""
    vocab = vocab or page_vocabulary()
    stripped = [line.strip() for line in lines]
    return _by_anchors(stripped, vocab) or _by_reply_markers(stripped, vocab)


def parse_comment_section(
    lines: Sequence[str], *, vocab: PageVocabulary | None = None
) -> tuple[Comment, ...]:
    """Split a plain-text comment section into threaded :class:`~kg.model.Comment` records."""
    vocab = vocab or page_vocabulary()
    return thread_comments(split_comments(lines, vocab=vocab), vocab=vocab)
