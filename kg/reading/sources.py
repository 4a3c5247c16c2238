"""Inputs: expand CLI specs into sources, read their bytes safely, dispatch on format.

A source is a file, standard input (``-``) or an http(s) URL. Bytes are checked before any
parser sees them: size limit, NUL bytes and control characters (binary input), UTF-8 with an
optional BOM (HTML may declare another charset). JSONL is read one line at a time, and each line
becomes its own result, so a caller can skip a bad line and go on (``read_source_results``).
"""

from __future__ import annotations

import codecs
import glob
import json
import logging
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any, BinaryIO

import kg
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

#: Seconds to wait for a server to answer before giving up on a URL.
URL_TIMEOUT_S = 20.0

#: Where kg is developed; named in the User-Agent so site owners can reach us (placeholder
#: until the project has its public home).
PROJECT_URL = "https://github.com/kg-project/kg"
USER_AGENT = f"kg/{kg.__version__} (+{PROJECT_URL})"

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_GLOB_CHARS = re.compile(r"[*?\[]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class SourceKind(StrEnum):
    """Where an input comes from."""

    FILE = "file"
    STDIN = "stdin"
    URL = "url"


@dataclass(frozen=True, slots=True)
class Source:
    """One input: a file path, ``-`` for standard input, or an http(s) URL."""

    location: str
    kind: SourceKind

    @property
    def name(self) -> str:
        """How messages and ``Article.source`` name this input."""
        return "<stdin>" if self.kind is SourceKind.STDIN else self.location


def _is_url(spec: str) -> bool:
    return spec.lower().startswith(("http://", "https://"))


def _directory_files(directory: Path) -> list[Path]:
    found = [
        p
        for p in directory.rglob("*")
        if p.is_file()
        and p.suffix.lower() in ARTICLE_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(directory).parts)
    ]
    return sorted(found)


def iter_sources(specs: Sequence[str]) -> list[Source]:
    """Expand CLI inputs into sources: files, directories, globs, ``-``, URLs.

    Directories are searched recursively for ``*.txt *.md *.html *.htm *.json *.jsonl`` (hidden
    files and folders skipped). Each source appears once, in the order given.

    Raises:
        InputError: a spec matches nothing, or a directory holds no article files.
    """
    sources: list[Source] = []
    for spec in specs:
        if spec == "-":
            sources.append(Source("-", SourceKind.STDIN))
            continue
        if _is_url(spec):
            sources.append(Source(spec, SourceKind.URL))
            continue
        path = Path(spec)
        if path.is_dir():
            files = _directory_files(path)
            if not files:
                raise InputError(
                    spec, f"no articles in directory (looked for {' '.join(ARTICLE_SUFFIXES)})"
                )
        elif path.is_file():
            files = [path]
        elif _GLOB_CHARS.search(spec):
            # glob.glob: a user's pattern may be absolute, which Path.glob does not accept
            matches = glob.glob(spec, recursive=True)  # noqa: PTH207
            files = sorted(Path(p) for p in matches if Path(p).is_file())
        else:
            files = []
        if not files:
            raise InputError(spec, "no such file or directory")
        sources.extend(Source(str(f), SourceKind.FILE) for f in files)
    return list(dict.fromkeys(sources))


# --------------------------------------------------------------------------------------------
# Bytes → text
# --------------------------------------------------------------------------------------------


def _read_capped(stream: BinaryIO, name: str, limit: int) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(name, f"input is larger than the limit of {limit} bytes")
    return data


def _read_file(path: Path, name: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(
                name, f"file is {size} bytes, larger than the limit of {MAX_INPUT_BYTES} bytes"
            )
        with path.open("rb") as stream:
            return _read_capped(stream, name, MAX_INPUT_BYTES)
    except FileNotFoundError as exc:
        raise InputError(name, "no such file or directory") from exc
    except IsADirectoryError as exc:
        raise InputError(name, "is a directory, not a file") from exc
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from exc


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


# --------------------------------------------------------------------------------------------
# Dispatch
# --------------------------------------------------------------------------------------------


def _json_articles(
    text: str, name: str, *, lang: str | None, published: date | None
) -> Iterator[Article | InputError]:
    try:
        data: Any = json.loads(text)
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        where = f"{name}:{line}" if line else name
        yield InputError(where, f"malformed JSON: {exc}")
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


def _jsonl_lines(source: Source) -> Iterator[bytes]:
    if source.kind is SourceKind.STDIN:
        yield from _read_capped(sys.stdin.buffer, source.name, MAX_INPUT_BYTES).splitlines()
        return
    try:
        with Path(source.location).open("rb") as stream:
            while line := stream.readline(MAX_INPUT_BYTES + 1):
                yield line
    except OSError as exc:
        raise InputError(source.name, f"cannot read: {exc.strerror or exc}") from exc


def _jsonl_articles(
    source: Source, *, lang: str | None, published: date | None
) -> Iterator[Article | InputError]:
    seen = False
    for number, raw in enumerate(_jsonl_lines(source), start=1):
        where = f"{source.name}:{number}"
        if len(raw) > MAX_INPUT_BYTES:
            yield InputError(where, f"line is larger than the limit of {MAX_INPUT_BYTES} bytes")
            return  # the rest of this line would be read as further lines
        if not raw.strip():
            continue
        seen = True
        try:
            record = json.loads(decode_text(raw, where))
            yield parse_record(record, source=where, lang=lang, published=published)
        except ValueError as exc:
            yield InputError(where, f"malformed JSON: {exc}")
        except InputError as exc:
            yield exc
    if not seen:
        yield InputError(source.name, "empty input")


def _format(name: str, text: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in _HTML_SUFFIXES:
        return "html"
    if suffix == ".json":
        return "json"
    if suffix in _JSONL_SUFFIXES:
        return "jsonl"
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")):
        return "html"
    if suffix not in (".txt", ".md") and head.startswith(("{", "[")):
        return "json"
    return "text"


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
            yield from _json_articles(text, name, lang=lang, published=published)
        elif fmt == "jsonl":
            for number, line in enumerate(text.splitlines(), start=1):
                if line.strip():
                    yield from _json_articles(
                        line, f"{name}:{number}", lang=lang, published=published
                    )
        else:
            yield parse_news_text(text, source=name, url=url, lang=lang, published=published)
    except InputError as exc:
        yield exc


def read_source_results(
    source: Source, *, lang: str | None = None, published: date | None = None
) -> Iterator[Article | InputError]:
    """Read a source into per-record results: an Article or the InputError for that record.

    Use this to go on after a bad record (``--keep-going``): a malformed JSONL line yields its
    InputError and reading continues with the next line.
    """
    try:
        if source.kind is SourceKind.URL:
            yield from read_url_results(source.location, lang=lang, published=published)
            return
        if (
            source.kind is SourceKind.FILE
            and Path(source.location).suffix.lower() in _JSONL_SUFFIXES
        ):
            yield from _jsonl_articles(source, lang=lang, published=published)
            return
        if source.kind is SourceKind.STDIN:
            data = _read_capped(sys.stdin.buffer, source.name, MAX_INPUT_BYTES)
        else:
            data = _read_file(Path(source.location), source.name)
        sniff = data.lstrip()[:200].lower()
        text = decode_text(
            data,
            source.name,
            html=sniff.startswith((b"<!doctype", b"<html", b"<?xml"))
            or Path(source.location).suffix.lower() in _HTML_SUFFIXES,
        )
        fmt = _format(source.location, text)
        if source.kind is SourceKind.STDIN and fmt == "json" and "\n{" in text.strip():
            fmt = "jsonl"
        yield from articles_from_text(text, fmt, source.name, lang=lang, published=published)
    except InputError as exc:
        yield exc


def read_source(
    source: Source, *, lang: str | None = None, published: date | None = None
) -> Iterator[Article]:
    """Read a source into Articles: one per file or URL, one per line of JSONL.

    Good records are yielded before the error of a bad one is raised; to skip bad records and
    go on, use :func:`read_source_results`.

    Raises:
        InputError: the source or one of its records cannot be read as an article.
    """
    for result in read_source_results(source, lang=lang, published=published):
        if isinstance(result, InputError):
            raise result
        yield result


# --------------------------------------------------------------------------------------------
# URLs
# --------------------------------------------------------------------------------------------


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http(s) URLs (urllib would also follow ftp://)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        scheme = urllib.parse.urlsplit(newurl).scheme.lower()
        if scheme not in ("http", "https"):
            fp.close()
            raise InputError(req.full_url, f"redirect to a non-HTTP URL refused: {newurl}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@dataclass(frozen=True, slots=True)
class Fetched:
    """The body of an HTTP response and what kg needs to know about it."""

    url: str  # after redirects
    data: bytes
    content_type: str
    charset: str | None


def fetch_url(
    url: str, *, timeout: float = URL_TIMEOUT_S, max_bytes: int = MAX_INPUT_BYTES
) -> Fetched:
    """GET ``url`` with kg's User-Agent, a timeout and a size cap.

    Raises:
        InputError: not http(s), HTTP error status, network failure, timeout, or too large.
    """
    if not _is_url(url):
        raise InputError(url, "only http:// and https:// URLs can be read")
    request = urllib.request.Request(  # noqa: S310 (scheme checked above)
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html, application/json, text/plain;q=0.9, */*;q=0.1",
        },
    )
    opener = urllib.request.build_opener(_HttpOnlyRedirects)
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isascii() and length.isdigit() and int(length) > max_bytes:
                raise InputError(
                    url, f"response is {length} bytes, larger than the limit of {max_bytes} bytes"
                )
            data = _read_capped(response, url, max_bytes)
            return Fetched(
                url=response.geturl(),
                data=data,
                content_type=response.headers.get_content_type(),
                charset=response.headers.get_content_charset(),
            )
    except urllib.error.HTTPError as exc:
        exc.close()  # an HTTPError holds the open response
        raise InputError(url, f"HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise InputError(url, f"cannot fetch: {exc.reason}") from exc
    except TimeoutError as exc:
        raise InputError(url, f"no answer within {timeout:g} s") from exc
    except (OSError, ValueError) as exc:
        raise InputError(url, f"cannot fetch: {exc}") from exc


def _content_format(content_type: str, url: str) -> str:
    if content_type in ("text/html", "application/xhtml+xml"):
        return "html"
    if content_type in ("application/x-ndjson", "application/jsonl", "application/x-jsonlines"):
        return "jsonl"
    if content_type == "application/json" or content_type.endswith("+json"):
        return "json"
    if content_type in ("text/plain", "text/markdown"):
        return "text"
    raise InputError(
        url, f"unsupported content type {content_type!r}; expected HTML, JSON or plain text"
    )


def read_url_results(
    url: str,
    *,
    lang: str | None = None,
    published: date | None = None,
    timeout: float = URL_TIMEOUT_S,
) -> Iterator[Article | InputError]:
    """Fetch a URL and read it by its content type, as per-record results."""
    try:
        fetched = fetch_url(url, timeout=timeout)
        fmt = _content_format(fetched.content_type, url)
        text = decode_text(fetched.data, url, html=fmt == "html", charset=fetched.charset)
    except InputError as exc:
        yield exc
        return
    page_url = fetched.url if fmt in ("html", "text") else None
    yield from articles_from_text(text, fmt, url, url=page_url, lang=lang, published=published)


def read_url(
    url: str,
    *,
    lang: str | None = None,
    published: date | None = None,
    timeout: float = URL_TIMEOUT_S,
) -> Iterator[Article]:
    """Fetch a URL and read it into Articles (HTML page, JSON record(s) or plain text).

    Raises:
        InputError: the fetch failed (the message names the HTTP status) or the body is bad.
    """
    for result in read_url_results(url, lang=lang, published=published, timeout=timeout):
        if isinstance(result, InputError):
            raise result
        yield result
