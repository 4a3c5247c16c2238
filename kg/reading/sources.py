"""Inputs: expand CLI specs into sources and read each source into Articles.

A source is a file, standard input (``-``) or an http(s) URL. A file's size is checked before
it is read (``MAX_INPUT_BYTES``); its format follows from its suffix, else from its first bytes.
JSONL is read one line at a time, and each line becomes its own result, so a caller can skip a
bad line and go on (``read_source_results``).
"""

from __future__ import annotations

import glob
import json
import logging
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

from kg.errors import InputError
from kg.model import Article
from kg.reading.formats import (
    MAX_INPUT_BYTES,
    articles_from_text,
    decode_text,
    read_capped,
)
from kg.reading.records import parse_record
from kg.reading.url import is_url, read_url_results

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_GLOB_CHARS = re.compile(r"[*?\[]")


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

    def __str__(self) -> str:
        return self.name


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
        if is_url(spec):
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


def _read_file(path: Path, name: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(
                name, f"file is {size} bytes, larger than the limit of {MAX_INPUT_BYTES} bytes"
            )
        with path.open("rb") as stream:
            return read_capped(stream, name, MAX_INPUT_BYTES)
    except FileNotFoundError as exc:
        raise InputError(name, "no such file or directory") from exc
    except IsADirectoryError as exc:
        raise InputError(name, "is a directory, not a file") from exc
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from exc


# --------------------------------------------------------------------------------------------
# Dispatch
# --------------------------------------------------------------------------------------------


def _jsonl_lines(source: Source) -> Iterator[bytes]:
    if source.kind is SourceKind.STDIN:
        yield from read_capped(sys.stdin.buffer, source.name, MAX_INPUT_BYTES).splitlines()
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
        except ValueError as exc:
            yield InputError(where, f"malformed JSON: {exc}")
            continue
        except RecursionError:
            yield InputError(where, "malformed JSON: nested too deeply")
            continue
        except InputError as exc:
            yield exc
            continue
        try:
            yield parse_record(record, source=where, lang=lang, published=published)
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
            data = read_capped(sys.stdin.buffer, source.name, MAX_INPUT_BYTES)
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
