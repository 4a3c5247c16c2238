"""Decoded input to Articles by format, and the checks every input's bytes pass first.

Bytes are checked before any parser sees them: size limit, NUL bytes and control characters
(binary input), UTF-8 with an optional BOM (HTML may declare another charset).
"""

from __future__ import annotations

import codecs
import json
import logging
import re
from collections.abc import Iterator
from datetime import date
from typing import Any, BinaryIO

from kg.errors import InputError
from kg.model import Article
from kg.reading.html import parse_html
from kg.reading.records import parse_record
from kg.reading.text import parse_news_text

log = logging.getLogger(__name__)

#: Largest input kg reads (bytes), checked before reading. News pages are 50 KB–2 MB of HTML
#: (inline scripts included) and a few KB of text; 10 MiB leaves room for the heaviest pages while
#: refusing a mistaken archive, database dump or video, which would otherwise be read into
#: memory whole. JSONL files are exempt (read line by line) but each line obeys the limit.
MAX_INPUT_BYTES = 10 * 1024 * 1024

#: Fraction of control characters (other than tab, newline, carriage return, form feed) above
#: which decoded input counts as binary. Text has none; UTF-8-valid binary data (random bytes
#: that happen to decode) has ~12% (32 of 256 byte values); 1% tolerates stray escapes.
MAX_CONTROL_CHAR_RATIO = 0.01

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def read_capped(stream: BinaryIO, name: str, limit: int) -> bytes:
    """Read at most ``limit`` bytes; refuse a stream that holds more."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(name, f"input is larger than the limit of {limit} bytes")
    return data


def decode_text(data: bytes, name: str, *, html: bool = False, charset: str | None = None) -> str:
    """Decode input bytes: UTF-8 (BOM accepted), or the charset a page or server declares.

    Raises:
        InputError: empty, binary (NUL bytes, control characters), or undecodable input.
    """
    if not data.strip():
        raise InputError(name, "empty input")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif b"\x00" in data:
        offset = data.index(b"\x00")
        raise InputError(name, f"binary input (NUL byte at offset {offset}); expected text")
    elif data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    else:
        declared = charset
        if html and declared is None:
            match = _CHARSET.search(data[:4096])
            declared = match.group(1).decode("ascii") if match else None
        encoding = "utf-8"
        if declared:
            try:
                encoding = codecs.lookup(declared).name
            except LookupError:
                log.debug("%s: unknown charset %r, trying UTF-8", name, declared)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            name, f"invalid {encoding.upper()} at byte offset {exc.start}; expected UTF-8 text"
        ) from exc
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or controls > MAX_CONTROL_CHAR_RATIO * len(text):
        raise InputError(name, "binary input (control characters); expected text")
    if not text.strip():
        raise InputError(name, "empty input")
    return text


def json_articles(
    text: str, name: str, *, lang: str | None, published: date | None
) -> Iterator[Article | InputError]:
    """One JSON document (an object or a list of objects) into per-record results."""
    try:
        data: Any = json.loads(text)
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        where = f"{name}:{line}" if line else name
        yield InputError(where, f"malformed JSON: {exc}")
        return
    except RecursionError:
        yield InputError(name, "malformed JSON: nested too deeply")
        return
    records = data if isinstance(data, list) else [data]
    if not records:
        yield InputError(name, "JSON list holds no records")
    for number, record in enumerate(records, start=1):
        where = f"{name}[{number}]" if isinstance(data, list) else name
        try:
            yield parse_record(record, source=where, lang=lang, published=published)
        except InputError as exc:
            yield exc


def articles_from_text(
    text: str,
    fmt: str,
    name: str,
    *,
    url: str | None = None,
    lang: str | None = None,
    published: date | None = None,
) -> Iterator[Article | InputError]:
    """Parse decoded input of format ``fmt`` (text, html, json, jsonl) into per-record results."""
    try:
        if fmt == "html":
            yield parse_html(text, source=name, url=url, lang=lang, published=published)
        elif fmt == "json":
            yield from json_articles(text, name, lang=lang, published=published)
        elif fmt == "jsonl":
            for number, line in enumerate(text.splitlines(), start=1):
                if line.strip():
                    yield from json_articles(
                        line, f"{name}:{number}", lang=lang, published=published
                    )
        else:
            yield parse_news_text(text, source=name, url=url, lang=lang, published=published)
    except InputError as exc:
        yield exc
