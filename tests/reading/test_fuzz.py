"""Random text and bytes: every reader either returns Articles or raises InputError."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.model import Article
from kg.reading import (
    detect_language,
    iter_sources,
    parse_comment_section,
    parse_html,
    parse_news_text,
    parse_record,
    read_source_results,
)
from kg.reading.formats import decode_text

# Text close to real pages (words, markers, dates, "@names", markup) finds more paths than
# uniform noise; both are drawn.
FRAGMENTS = st.sampled_from(
    [
        "Kommentare",
        "Comments",
        "Antworten",
        "Reply",
        "Von: APA/dpa",
        "By: Reuters",
        "Dienstag, 03. Dezember 2024 | 18:57 Uhr",
        "9 h 51 Min",
        "2 hours ago",
        "@N.G.",
        "---",
        "title: x",
        "date: 2024-13-45",
        "# Titel",
        "wpDiscuz",
        "Sortiert nach: neuste",
        "\n",
        "\n\n",
        "der die das und nicht",
        "the and of that",
        "<p>",
        "</p>",
        "<html>",
        "…",
        "Weiterlesen »",
        "Anna sagt:",
        "December 3, 2024 at 7:20 pm",
        "{",
        "}",
        "\x00",
        "\ufeff",
    ]
)
PAGE_TEXT = st.one_of(
    st.text(max_size=400), st.lists(FRAGMENTS | st.text(max_size=20), max_size=40).map("".join)
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
RECORDS = st.fixed_dictionaries(
    {},
    optional={
        "id": JSON_VALUES,
        "title": JSON_VALUES,
        "text": PAGE_TEXT | JSON_VALUES,
        "date": st.text(max_size=30) | JSON_VALUES,
        "url": JSON_VALUES,
        "lang": st.sampled_from(["de", "en", "fr", ""]) | JSON_VALUES,
        "agencies": JSON_VALUES,
        "comments": st.lists(
            st.fixed_dictionaries(
                {},
                optional={
                    "author": JSON_VALUES,
                    "text": JSON_VALUES,
                    "reply_to": JSON_VALUES,
                    "rank": JSON_VALUES,
                    "age": JSON_VALUES,
                    "date": JSON_VALUES,
                },
            )
            | JSON_VALUES,
            max_size=3,
        )
        | JSON_VALUES,
    },
)
FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _ok_or_input_error(call: Any, *args: Any, **kwargs: Any) -> None:
    result: object = None
    message = ""
    try:
        result = call(*args, **kwargs)
    except InputError as exc:
        message = str(exc)
    assert "\n" not in message  # one line on stderr
    if isinstance(result, Article):
        for block in result.blocks:
            assert 0 <= block.start < block.end <= len(result.text)
        assert result.lang in ("de", "en")


@FAST
@given(PAGE_TEXT)
def test_parse_news_text(text: str) -> None:
    _ok_or_input_error(parse_news_text, text, source="fuzz")


@FAST
@given(PAGE_TEXT)
def test_parse_news_text_with_lang(text: str) -> None:
    _ok_or_input_error(parse_news_text, text, source="fuzz", lang="de")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PAGE_TEXT)
def test_parse_html(text: str) -> None:
    _ok_or_input_error(parse_html, text, source="fuzz.html")
    _ok_or_input_error(
        parse_html, f"<html><body><article><p>{text}</p></article></body></html>", source="f"
    )


@FAST
@given(RECORDS | JSON_VALUES)
def test_parse_record(obj: Any) -> None:
    _ok_or_input_error(parse_record, obj, source="fuzz.json")


@FAST
@given(PAGE_TEXT)
def test_detect_language_and_comments(text: str) -> None:
    assert detect_language(text) in (None, "de", "en")
    comments = parse_comment_section(text.split("\n"))
    for comment in comments:
        assert comment.parent is None or comment.parent < comment.index


@FAST
@given(st.binary(max_size=300), st.booleans())
def test_decode_text(data: bytes, html: bool) -> None:
    with contextlib.suppress(InputError):
        assert isinstance(decode_text(data, "fuzz", html=html), str)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.binary(max_size=300) | PAGE_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from([".txt", ".md", ".html", ".json", ".jsonl"]),
)
def test_read_source_random_bytes(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzz{suffix}"
        path.write_bytes(data)
        (source,) = iter_sources([str(path)])
        for result in read_source_results(source):
            assert isinstance(result, Article | InputError)
