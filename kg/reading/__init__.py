"""Reading articles: plain text (with or without front matter), HTML, JSON/JSONL records, URLs.

Every reader returns :class:`kg.model.Article` records and raises only
:class:`kg.errors.InputError` (its message starts with the source: path, URL, "<stdin>",
"<path>:<line>" for JSONL, "<path>[<n>]" for the n-th record of a JSON list).

Typical use (what ``kg ingest`` does)::

    from kg.reading import iter_sources, read_source_results

    for source in iter_sources(["articles/", "https://example.org/a.html", "-"]):
        for result in read_source_results(source, lang=None):
            if isinstance(result, InputError):  # --keep-going: report, go on
                ...
            else:
                article = result

``read_source`` is the strict variant: it yields Articles and raises the first InputError.
Modules: ``sources`` (inputs), ``formats`` (bytes checks, format dispatch), ``url``,
``text`` (plain-text pages), ``comments`` (comment sections and threads), ``html``, ``records``,
``dates``, ``language``, ``article`` (offsets, ids), ``vocabulary`` (page words per language,
in ``lexicons/<lang>/``).
"""

from __future__ import annotations

from kg.reading.comments import parse_comment_section, thread_comments
from kg.reading.formats import MAX_INPUT_BYTES
from kg.reading.html import parse_html
from kg.reading.language import detect_language
from kg.reading.records import parse_record
from kg.reading.sources import (
    Source,
    SourceKind,
    iter_sources,
    read_source,
    read_source_results,
)
from kg.reading.text import parse_news_text
from kg.reading.url import read_url, read_url_results

__all__ = [
    "MAX_INPUT_BYTES",
    "Source",
    "SourceKind",
    "detect_language",
    "iter_sources",
    "parse_comment_section",
    "parse_html",
    "parse_news_text",
    "parse_record",
    "read_source",
    "read_source_results",
    "read_url",
    "read_url_results",
    "thread_comments",
]
