"""Reading articles: plain text (with or without front matter), HTML, JSON/JSONL records, URLs.

Every reader returns :class:`kg.model.Article` records and raises only
:class:`kg.errors.InputError` for input it cannot read.
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
