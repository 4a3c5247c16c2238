"""Tests for kg.nlp.timex: finding and normalising time expressions (German and English)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from kg.model import Article, Comment, Sentence, TimePrecision
from kg.nlp.timex import find_time_expressions, load_time_lexicon, resolve_weekday

TUESDAY = date(2024, 12, 3)


def _article(text: str, lang: str, published: date | None = TUESDAY) -> Article:
    return Article(id="a", text=text, lang=lang, source="<test>", published=published)


def _found(text: str, lang: str) -> list[tuple[str, str | None, str | None, str | None]]:
    return [
        (t.surface, t.value, t.begin, t.end_value)
        for t in find_time_expressions(_article(text, lang), ())
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1994 hatte die Ukraine abgegeben.", [("1994", "1994", None, None)]),
        ("im September 2022 annektiert", [("September 2022", "2022-09", None, None)]),
        ("am Dienstag sagte er", [("Dienstag", "2024-12-03", None, None)]),
        ("am Freitag sagte er", [("Freitag", "2024-11-29", None, None)]),
        ("Am Freitag wird die NATO tagen.", [("Freitag", "2024-12-06", None, None)]),
        ("am 3. Dezember", [("3. Dezember", "2024-12-03", None, None)]),
        ("gestern", [("gestern", "2024-12-02", None, None)]),
        ("vor fast 30 Jahren", [("vor fast 30 Jahren", "1994", None, None)]),
        ("vor zwei Wochen", [("vor zwei Wochen", "2024-11-19", None, None)]),
        ("vor dreißig Jahren", [("vor dreißig Jahren", "1994", None, None)]),
        ("seit 2014", [("seit 2014", "2014", "2014", None)]),
        ("ab 2022", [("ab 2022", "2022", "2022", None)]),
        ("bis 2025", [("bis 2025", None, None, "2025")]),
        ("zwischen 2014 und 2022", [("zwischen 2014 und 2022", None, "2014", "2022")]),
        ("Anfang Mai", [("Anfang Mai", "2024-05", "2024-05-01", "2024-05-10")]),
        ("Mitte Oktober 2023", [("Mitte Oktober 2023", "2023-10", "2023-10-11", "2023-10-20")]),
        ("Ende Juni 2019", [("Ende Juni 2019", "2019-06", "2019-06-21", "2019-06-30")]),
        ("Ende 2022", [("Ende 2022", "2022", "2022-09", "2022-12")]),
        ("am 24.12. war es", [("24.12.", "2024-12-24", None, None)]),
        (
            "Dienstag, 03. Dezember 2024 | 18:57 Uhr",
            [("Dienstag, 03. Dezember 2024", "2024-12-03", None, None)],
        ),
        ("letzten Dienstag", [("letzten Dienstag", "2024-11-26", None, None)]),
        ("im vergangenen Jahr", [("vergangenen Jahr", "2023", None, None)]),
        ("im kommenden Monat", [("kommenden Monat", "2025-01", None, None)]),
        ("Freitagabend", [("Freitagabend", "2024-11-29", None, None)]),
        ("Am Vormittag hatte er", [("Vormittag", "2024-12-03", None, None)]),
        (
            "die Stichwahl ist für den 3. Januar angesetzt",
            [("3. Januar", "2025-01-03", None, None)],
        ),
        ("am 3. Januar sagte er", [("3. Januar", "2024-01-03", None, None)]),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_find_time_expressions_german(text: str, expected: list[tuple[str, ...]]) -> None:
    assert _found(text, "de") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Tuesday", [("Tuesday", "2024-12-03", None, None)]),
        ("last Tuesday", [("last Tuesday", "2024-11-26", None, None)]),
        ("in September 2022", [("September 2022", "2022-09", None, None)]),
        ("since 2014", [("since 2014", "2014", "2014", None)]),
        ("from 2022", [("from 2022", "2022", "2022", None)]),
        ("almost 30 years ago", [("almost 30 years ago", "1994", None, None)]),
        ("two weeks ago", [("two weeks ago", "2024-11-19", None, None)]),
        ("on December 3", [("December 3", "2024-12-03", None, None)]),
        ("December 3, 2024", [("December 3, 2024", "2024-12-03", None, None)]),
        ("3 December 2024", [("3 December 2024", "2024-12-03", None, None)]),
        ("early May", [("early May", "2024-05", "2024-05-01", "2024-05-10")]),
        ("mid-2022", [("mid-2022", "2022", "2022-05", "2022-08")]),
        ("yesterday", [("yesterday", "2024-12-02", None, None)]),
        ("this year", [("this year", "2024", None, None)]),
        ("last week", [("last week", None, "2024-11-25", "2024-12-01")]),
        ("next month", [("next month", "2025-01", None, None)]),
        ("On Friday the summit will open.", [("Friday", "2024-12-06", None, None)]),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_find_time_expressions_english(text: str, expected: list[tuple[str, ...]]) -> None:
    assert _found(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("mehr als 2000 Soldaten", "de"),
        ("2500 Soldaten wurden verlegt", "de"),
        ("Morgen früh", "de"),
        ("2000 troops left", "en"),
        ("You may march on", "en"),
        ("Reichweiten zwischen 25 und 40 Kilometern", "de"),
    ],
    ids=["mehr-als-2000", "2500-soldaten", "Morgen-noun", "2000-troops", "may-march", "range-km"],
)
def test_find_time_expressions_rejects_non_times(text: str, lang: str) -> None:
    assert _found(text, lang) == []


@pytest.mark.parametrize(
    ("text", "precision"),
    [("1994", TimePrecision.YEAR), ("im September 2022", TimePrecision.MONTH),
     ("am 3. Dezember 2024", TimePrecision.DAY)],
    ids=["year", "month", "day"],
)  # fmt: skip
def test_find_time_expressions_keeps_the_precision_of_the_text(
    text: str, precision: TimePrecision
) -> None:
    (found,) = find_time_expressions(_article(text, "de"), ())
    assert found.precision is precision


def test_find_time_expressions_offsets_point_into_the_text() -> None:
    article = _article("Russland hat im September 2022 vier Gebiete annektiert.", "de")
    (found,) = find_time_expressions(article, ())
    assert article.text[found.start : found.end] == found.surface == "September 2022"
    assert found.id == f"t-{found.start}-{found.end}"


def test_find_time_expressions_without_an_anchor_keeps_only_absolute_times() -> None:
    found = find_time_expressions(_article("am Dienstag und 1994", "de", published=None), ())
    assert [(t.surface, t.value) for t in found] == [("1994", "1994")]


def test_find_time_expressions_reads_comments_against_their_own_date() -> None:
    comment = Comment(index=0, author="x", text="Gestern war es ruhig.",
                      created=datetime(2024, 12, 5, 8, 0))  # fmt: skip
    article = Article(id="a", text="Text.", lang="de", source="<test>", published=TUESDAY,
                      comments=(comment,))  # fmt: skip
    sentences = (Sentence(id="c0-s-0-21", start=0, end=21, comment=0),)
    (found,) = find_time_expressions(article, sentences)
    assert (found.comment, found.value, found.id) == (0, "2024-12-04", "c0-t-0-7")


@pytest.mark.parametrize(
    ("weekday", "forward", "expected"),
    [(1, False, date(2024, 12, 3)), (0, False, date(2024, 12, 2)), (2, False, date(2024, 11, 27)),
     (2, True, date(2024, 12, 4)), (1, True, date(2024, 12, 3))],
    ids=["same-day", "monday-back", "wednesday-back", "wednesday-ahead", "same-day-ahead"],
)  # fmt: skip
def test_resolve_weekday(weekday: int, forward: bool, expected: date) -> None:
    assert resolve_weekday(weekday, TUESDAY, forward=forward) == expected


def test_load_time_lexicon_rejects_an_unknown_language() -> None:
    from kg.errors import ConfigError

    with pytest.raises(ConfigError, match="unsupported language"):
        load_time_lexicon("fr")
