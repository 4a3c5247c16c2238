"""JSON records: one article per object (keys ``id``, ``title``, ``text``, ``date``, ``url``,
``lang``, ``source``, ``agencies``, ``publisher``, ``comments``).

``text`` is laid out like a plain-text page (blank lines separate paragraphs; short lines without
final punctuation are headings). ``source`` in a record names where the article appeared and is
kept as ``Article.publisher`` when there is no ``publisher`` key; ``Article.source`` always says
where kg read it ("<path>:<line>" for JSONL). Comments are objects with ``author``, ``text`` and
optional ``rank``, ``reply_to``, ``age`` or ``date``; ``reply_to`` is taken as given (records are
explicit data) and resolved to ``parent`` when an earlier comment has that author.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from kg.errors import InputError
from kg.model import Article, BlockKind, Comment
from kg.reading.article import Draft, finish_article, normalize_text, split_agencies
from kg.reading.comments import normalize_name
from kg.reading.dates import parse_age, parse_date_text
from kg.reading.text import group_lines, is_heading
from kg.reading.vocabulary import page_vocabulary


def _string(obj: Mapping[str, Any], key: str, source: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(source, f"field {key!r} must be a string, got {type(value).__name__}")
    return value.strip() or None


def _comments(value: object, source: str) -> tuple[Comment, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise InputError(source, f"field 'comments' must be a list, got {type(value).__name__}")
    vocab = page_vocabulary()
    comments: list[Comment] = []
    for index, item in enumerate(value):
        where = f"{source}: comment {index}"
        if not isinstance(item, Mapping):
            raise InputError(where, f"must be an object, got {type(item).__name__}")
        text = _string(item, "text", where)
        if text is None:
            raise InputError(where, "has no 'text'")
        author = _string(item, "author", where) or "anonymous"
        reply_to = _string(item, "reply_to", where)
        age = _string(item, "age", where)
        when = _string(item, "date", where)
        found = parse_date_text(when, vocab=vocab) if when else None
        if age is None and when and found is None and parse_age(when, vocab=vocab) is not None:
            age = when
        parent = None
        if reply_to:
            target = normalize_name(reply_to)
            earlier = [c.index for c in comments if normalize_name(c.author) == target]
            parent = earlier[-1] if earlier else None
        rank = item.get("rank")
        comments.append(
            Comment(
                index=index,
                author=normalize_text(author),
                text=normalize_text(text),
                rank=str(rank) if rank is not None else None,
                age=age,
                created=(found[1] if found else None),
                reply_to=reply_to,
                parent=parent,
            )
        )
    return tuple(comments)


def parse_record(
    obj: Mapping[str, Any],
    *,
    source: str,
    lang: str | None = None,
    published: date | None = None,
) -> Article:
    """Read one JSON record into an Article.

    Raises:
        InputError: not an object, a field of the wrong type, no ``text``, an unreadable
            ``date``, or unknown/unsupported language.
    """
    if not isinstance(obj, Mapping):
        raise InputError(source, f"expected a JSON object, got {type(obj).__name__}")
    text = _string(obj, "text", source)
    if text is None:
        raise InputError(source, "record has no 'text'")
    vocab = page_vocabulary()
    raw_agencies = obj.get("agencies")
    if isinstance(raw_agencies, list) and all(isinstance(a, str) for a in raw_agencies):
        agencies = tuple(a.strip() for a in raw_agencies if a.strip())
    else:
        agencies = split_agencies(_string(obj, "agencies", source) or "", vocab)
    record_id = obj.get("id")
    if record_id is not None and not isinstance(record_id, str | int):
        raise InputError(
            source, f"field 'id' must be a string or number, got {type(record_id).__name__}"
        )
    draft = Draft(
        headline=_string(obj, "title", source),
        url=_string(obj, "url", source),
        publisher=_string(obj, "publisher", source) or _string(obj, "source", source),
        agencies=agencies,
        record_id=str(record_id) if record_id is not None else None,
        declared_lang=_string(obj, "lang", source),
        comments=_comments(obj.get("comments"), source),
    )
    when = _string(obj, "date", source)
    if when:
        found = parse_date_text(when, vocab=vocab)
        if found is None:
            raise InputError(source, f"field 'date' {when!r} is not a date")
        draft.published, draft.published_at = found
    blocks = group_lines(normalize_text(text).split("\n"))
    if draft.headline:
        draft.parts.append((BlockKind.HEADLINE, draft.headline))
        if blocks and blocks[0][0] == normalize_text(draft.headline).strip():
            blocks = blocks[1:]
    for i, (block, markdown) in enumerate(blocks):
        last = i == len(blocks) - 1
        heading = markdown or (not last and is_heading(block))
        draft.parts.append((BlockKind.HEADING if heading else BlockKind.PARAGRAPH, block))
    return finish_article(draft, source=source, lang=lang, published=published)
